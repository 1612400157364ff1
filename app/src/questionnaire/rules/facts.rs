//! What rules can ask about: the profile and the answers, as plain values.
use std::collections::HashMap;

use super::condition::{Condition, Fact, Operator};
use crate::questionnaire::{
    catalog::{OTHER_ID, OTHER_PREFIX},
    profile::Profile,
};

/// A fact's value, as a rule sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Word(String),
    List(Vec<String>),
    /// Not known: no profile yet, or the question is unanswered. Every comparison is false.
    Missing,
}

/// The profile fields rules may mention, with whether each is a list.
pub const PROFILE_FIELDS: &[(&str, FieldKind)] = &[
    ("team_size", FieldKind::Number),
    ("expected_users", FieldKind::Number),
    ("budget", FieldKind::Word),
    ("data_shape", FieldKind::Word),
    ("time_to_market", FieldKind::Word),
    ("clients", FieldKind::List),
    ("compliance", FieldKind::List),
    ("skills", FieldKind::List),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Number,
    Word,
    List,
}

/// Everything known about a project: its profile (if filled in) and its answers by question id.
pub struct Facts<'a> {
    pub profile: Option<&'a Profile>,
    pub answers: &'a HashMap<String, String>,
}

impl Facts<'_> {
    pub fn value(&self, fact: &Fact, this_question: &str) -> Value {
        match fact {
            Fact::ThisAnswer => self.answer(this_question),
            Fact::Answer(question) => self.answer(question),
            Fact::Profile(field) => self
                .profile
                .map_or(Value::Missing, |p| profile_value(p, field)),
            Fact::ProfileCount(field) => match self.profile.map(|p| profile_value(p, field)) {
                Some(Value::List(items)) => Value::Number(items.len() as f64),
                _ => Value::Missing,
            },
        }
    }

    fn answer(&self, question: &str) -> Value {
        self.answers.get(question).map_or(Value::Missing, |answer| {
            // An "Other: ____" answer is `other` to the rules, whatever was typed.
            let word = if answer.starts_with(OTHER_PREFIX) {
                OTHER_ID
            } else {
                answer
            };
            Value::Word(word.to_owned())
        })
    }

    /// True when the condition holds, or when the fact it asks about is not known yet (an option
    /// fits until an earlier answer rules it out).
    pub fn allows(&self, condition: &Condition, this_question: &str) -> bool {
        self.value(&condition.fact, this_question) == Value::Missing
            || self.holds(condition, this_question)
    }

    /// True when the condition holds for these facts.
    pub fn holds(&self, condition: &Condition, this_question: &str) -> bool {
        compare(
            &self.value(&condition.fact, this_question),
            condition.operator,
            &condition.value,
        )
    }
}

fn profile_value(profile: &Profile, field: &str) -> Value {
    match field {
        "team_size" => Value::Number(f64::from(profile.team_size)),
        "expected_users" => Value::Number(profile.expected_users as f64),
        "budget" => Value::Word(profile.budget.id().to_owned()),
        "data_shape" => Value::Word(profile.data_shape.id().to_owned()),
        "time_to_market" => Value::Word(profile.time_to_market.id().to_owned()),
        "clients" => Value::List(profile.clients.iter().map(|c| c.id().to_owned()).collect()),
        "compliance" => Value::List(
            profile
                .compliance
                .iter()
                .map(|c| c.id().to_owned())
                .collect(),
        ),
        "skills" => Value::List(profile.skills.clone()),
        _ => Value::Missing,
    }
}

fn compare(actual: &Value, operator: Operator, expected: &str) -> bool {
    match (actual, operator) {
        (Value::Missing, _) => false,
        (Value::List(items), Operator::Has) => items.iter().any(|item| item == expected),
        (Value::Word(word), Operator::In) => expected.split(',').any(|one| one == word),
        (Value::Word(word), Operator::Equals) => word == expected,
        (Value::Word(word), Operator::NotEquals) => word != expected,
        (Value::Number(number), operator) => {
            let Ok(expected) = expected.parse::<f64>() else {
                return false;
            };
            match operator {
                Operator::Equals => *number == expected,
                Operator::NotEquals => *number != expected,
                Operator::Less => *number < expected,
                Operator::LessOrEqual => *number <= expected,
                Operator::Greater => *number > expected,
                Operator::GreaterOrEqual => *number >= expected,
                Operator::Has | Operator::In => false,
            }
        }
        _ => false,
    }
}
