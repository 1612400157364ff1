//! Checks a catalog for everything a typo could break. Returns one message per problem.
use std::collections::HashSet;

use super::{Catalog, Question, QuestionKind};
use crate::questionnaire::{
    profile::{Budget, Client, Compliance, DataShape, TimeToMarket},
    rules::{Condition, Fact, FieldKind, Operator, PROFILE_FIELDS},
};

pub fn validate(catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    let topic_ids: HashSet<&str> = catalog.topics.iter().map(|t| t.id.as_str()).collect();
    if topic_ids.len() != catalog.topics.len() {
        problems.push("topic ids are not unique".to_owned());
    }
    let mut question_ids = HashSet::new();
    for topic in &catalog.topics {
        if topic.guidance.trim().is_empty() {
            problems.push(format!("topic {} has no guidance", topic.id));
        }
        if !(1..=5).contains(&topic.questions.len()) {
            problems.push(format!("topic {} must have 1 to 5 questions", topic.id));
        }
        for question in &topic.questions {
            if !question_ids.insert(question.id.as_str()) {
                problems.push(format!("question id {} is used twice", question.id));
            }
            check_question(catalog, question, &topic_ids, &mut problems);
        }
    }
    problems
}

fn check_question(
    catalog: &Catalog,
    question: &Question,
    topic_ids: &HashSet<&str>,
    problems: &mut Vec<String>,
) {
    let id = &question.id;
    let option_ids: HashSet<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
    match question.kind {
        QuestionKind::Choice if question.options.len() < 2 => {
            problems.push(format!("{id}: a choice needs at least two options"))
        }
        QuestionKind::Text if !question.options.is_empty() => {
            problems.push(format!("{id}: a text question has no options"))
        }
        _ => {}
    }
    if option_ids.len() != question.options.len() {
        problems.push(format!("{id}: option ids are not unique"));
    }
    for option in &question.options {
        if [&option.label, &option.good, &option.bad, &option.fits]
            .iter()
            .any(|t| t.trim().is_empty())
        {
            problems.push(format!(
                "{id}: option {} needs a label and its trade-offs",
                option.id
            ));
        }
    }
    if question.kind == QuestionKind::Choice {
        match question.recommend.last() {
            None => problems.push(format!("{id}: no recommendation rules")),
            Some(last) if !last.when.is_empty() => problems.push(format!(
                "{id}: the last recommendation rule must be the default (no `when`)"
            )),
            _ => {}
        }
    }
    for rule in &question.recommend {
        if !option_ids.contains(rule.option.as_str()) {
            problems.push(format!("{id}: recommends unknown option {}", rule.option));
        }
        check_conditions(catalog, question, &rule.when, problems);
    }
    for rule in &question.risks {
        check_conditions(catalog, question, &rule.when, problems);
        for flag in &rule.flags {
            if !topic_ids.contains(flag.as_str()) {
                problems.push(format!("{id}: flags unknown topic {flag}"));
            }
        }
    }
}

fn check_conditions(
    catalog: &Catalog,
    question: &Question,
    conditions: &[String],
    problems: &mut Vec<String>,
) {
    for text in conditions {
        match Condition::parse(text) {
            Ok(condition) => {
                if let Err(problem) = check_condition(catalog, question, &condition) {
                    problems.push(format!("{}: `{text}`: {problem}", question.id));
                }
            }
            Err(error) => problems.push(format!("{}: {error}", question.id)),
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
            if !matches!(operator, Operator::Equals | Operator::NotEquals) {
                return Err("answers compare with == or !=".into());
            }
            if target.kind == QuestionKind::Choice && target.option(value).is_none() {
                return Err(format!("{} has no option {value}", target.id));
            }
        }
        Fact::ProfileCount(field) => {
            if field_kind(field) != Some(FieldKind::List) {
                return Err(format!("profile.{field} is not a list"));
            }
            if !is_number || *operator == Operator::Has {
                return Err("a count compares with a number".into());
            }
        }
        Fact::Profile(field) => {
            match field_kind(field).ok_or(format!("no profile field {field}"))? {
                FieldKind::Number if !is_number || *operator == Operator::Has => {
                    return Err("compare a number with a number".into())
                }
                FieldKind::Word if !matches!(operator, Operator::Equals | Operator::NotEquals) => {
                    return Err("compare with == or !=".into())
                }
                FieldKind::Word if !known_choice(field, value) => {
                    return Err(format!("profile.{field} has no choice {value}"))
                }
                FieldKind::List if *operator != Operator::Has => {
                    return Err("lists are tested with `has`".into())
                }
                FieldKind::List if !known_choice(field, value) => {
                    return Err(format!("profile.{field} has no choice {value}"))
                }
                _ => {}
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

fn known_choice(field: &str, value: &str) -> bool {
    match field {
        "budget" => Budget::from_id(value).is_some(),
        "data_shape" => DataShape::from_id(value).is_some(),
        "time_to_market" => TimeToMarket::from_id(value).is_some(),
        "clients" => Client::from_id(value).is_some(),
        "compliance" => Compliance::from_id(value).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::catalog::embedded;

    fn with_condition(condition: &str) -> Vec<String> {
        let mut catalog = embedded().clone();
        catalog.topics[2].questions[0].risks[0].when = vec![condition.to_owned()];
        validate(&catalog)
    }

    #[test]
    fn the_embedded_catalog_has_no_problems() {
        assert_eq!(validate(embedded()), Vec::<String>::new());
    }

    #[test]
    fn typos_in_rules_are_caught() {
        for bad in [
            "answer == microservice",
            "profile.team_sizes < 3",
            "profile.budget == billionaire",
            "profile.clients == web",
            "profile.clients has fax",
            "answer.no.such.question == x",
            "profile.team_size < many",
            "team_size < 3",
            "profile.team_size <",
        ] {
            assert!(!with_condition(bad).is_empty(), "accepted: {bad}");
        }
    }

    #[test]
    fn a_question_without_a_default_recommendation_is_caught() {
        let mut catalog = embedded().clone();
        catalog.topics[0].questions[0].recommend.pop();
        assert!(validate(&catalog).iter().any(|p| p.contains("default")));
    }

    #[test]
    fn duplicate_question_ids_and_single_option_choices_are_caught() {
        let mut catalog = embedded().clone();
        let copy = catalog.topics[0].questions[0].clone();
        catalog.topics[1].questions.push(copy);
        catalog.topics[3].questions[0].options.truncate(1);
        let problems = validate(&catalog);
        assert!(
            problems.iter().any(|p| p.contains("used twice")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("at least two options")),
            "{problems:?}"
        );
    }

    #[test]
    fn unknown_review_flags_are_caught() {
        let mut catalog = embedded().clone();
        catalog.topics[2].questions[0].risks[0]
            .flags
            .push("astrology".into());
        assert!(validate(&catalog).iter().any(|p| p.contains("astrology")));
    }
}
