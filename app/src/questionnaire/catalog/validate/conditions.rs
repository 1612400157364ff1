//! Rule conditions checked against the catalog: known facts, operators that suit them, values
//! that exist.
use crate::questionnaire::{
    catalog::{Catalog, Question, QuestionKind, OTHER_ID},
    profile::{Budget, Client, Compliance, DataShape, TimeToMarket},
    rules::{Condition, Fact, FieldKind, Operator, PROFILE_FIELDS},
};

pub(super) fn check_conditions(
    catalog: &Catalog,
    question: &Question,
    place: &str,
    conditions: &[String],
    problems: &mut Vec<String>,
) {
    for text in conditions {
        match Condition::parse(text) {
            Ok(condition) => {
                if let Err(problem) = check_condition(catalog, question, &condition) {
                    problems.push(format!("{place}: `{text}`: {problem}"));
                }
            }
            Err(error) => problems.push(format!("{place}: {error}")),
        }
    }
}

fn check_condition(
    catalog: &Catalog,
    question: &Question,
    condition: &Condition,
) -> Result<(), String> {
    let Condition {
        fact,
        operator,
        value,
    } = condition;
    let is_number = value.parse::<f64>().is_ok();
    match fact {
        Fact::ThisAnswer | Fact::Answer(_) => {
            let target = match fact {
                Fact::Answer(other) => catalog
                    .question(other)
                    .map(|(_, q)| q)
                    .ok_or(format!("no question {other}"))?,
                _ => question,
            };
            if !matches!(
                operator,
                Operator::Equals | Operator::NotEquals | Operator::In
            ) {
                return Err("answers compare with ==, != or in".into());
            }
            for value in condition.values() {
                let is_other = value == OTHER_ID && target.allow_other;
                if target.kind == QuestionKind::Choice
                    && target.option(value).is_none()
                    && !is_other
                {
                    return Err(format!("{} has no option {value}", target.id));
                }
            }
        }
        Fact::ProfileCount(field) => {
            if field_kind(field) != Some(FieldKind::List) {
                return Err(format!("profile.{field} is not a list"));
            }
            if !is_number || matches!(operator, Operator::Has | Operator::In) {
                return Err("a count compares with a number".into());
            }
        }
        Fact::Profile(field) => {
            match field_kind(field).ok_or(format!("no profile field {field}"))? {
                FieldKind::Number
                    if !is_number || matches!(operator, Operator::Has | Operator::In) =>
                {
                    return Err("compare a number with a number".into())
                }
                FieldKind::Word
                    if !matches!(
                        operator,
                        Operator::Equals | Operator::NotEquals | Operator::In
                    ) =>
                {
                    return Err("compare with ==, != or in".into())
                }
                FieldKind::List if *operator != Operator::Has => {
                    return Err("lists are tested with `has`".into())
                }
                _ => {}
            }
            if let Some(value) = condition
                .values()
                .into_iter()
                .find(|value| !known_choice(catalog, field, value))
            {
                return Err(format!("profile.{field} has no choice {value}"));
            }
        }
    }
    Ok(())
}

fn field_kind(field: &str) -> Option<FieldKind> {
    PROFILE_FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, kind)| *kind)
}

fn known_choice(catalog: &Catalog, field: &str, value: &str) -> bool {
    match field {
        "team_size" | "expected_users" => true,
        "skills" => catalog.skills.iter().any(|skill| skill.id == value),
        "budget" => Budget::from_id(value).is_some(),
        "data_shape" => DataShape::from_id(value).is_some(),
        "time_to_market" => TimeToMarket::from_id(value).is_some(),
        "clients" => Client::from_id(value).is_some(),
        "compliance" => Compliance::from_id(value).is_some(),
        _ => false,
    }
}
