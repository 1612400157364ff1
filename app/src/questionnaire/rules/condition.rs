//! One condition of a rule, written in the catalog as `<fact> <operator> <value>`, e.g.
//! `profile.team_size < 10`, `answer == microservices`, `profile.clients has mobile`,
//! `profile.clients.count >= 2`, `answer.runtime.model == serverless`,
//! `answer.backend.language in typescript,python`.
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// A profile field: `profile.<field>`.
    Profile(String),
    /// How many items a list field of the profile holds: `profile.<field>.count`.
    ProfileCount(String),
    /// The answer to the question the rule belongs to: `answer`.
    ThisAnswer,
    /// The answer to another question: `answer.<question id>`.
    Answer(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Equals,
    NotEquals,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// A list contains the value.
    Has,
    /// The value is one of a comma-separated list: `answer.backend.language in typescript,python`.
    In,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub fact: Fact,
    pub operator: Operator,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionSyntaxError(pub String);

impl fmt::Display for ConditionSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Condition {
    pub fn parse(text: &str) -> Result<Self, ConditionSyntaxError> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        let [fact, operator, value] = parts[..] else {
            return Err(ConditionSyntaxError(format!(
                "`{text}`: expected `<fact> <operator> <value>`"
            )));
        };
        Ok(Self {
            fact: parse_fact(fact)
                .ok_or_else(|| ConditionSyntaxError(format!("`{text}`: unknown fact `{fact}`")))?,
            operator: parse_operator(operator).ok_or_else(|| {
                ConditionSyntaxError(format!("`{text}`: unknown operator `{operator}`"))
            })?,
            value: value.to_owned(),
        })
    }

    /// The values the condition compares with: one, or each of an `in` list.
    pub fn values(&self) -> Vec<&str> {
        match self.operator {
            Operator::In => self.value.split(',').collect(),
            _ => vec![self.value.as_str()],
        }
    }
}

fn parse_fact(fact: &str) -> Option<Fact> {
    if fact == "answer" {
        return Some(Fact::ThisAnswer);
    }
    if let Some(question) = fact.strip_prefix("answer.") {
        return Some(Fact::Answer(question.to_owned()));
    }
    let field = fact.strip_prefix("profile.")?;
    Some(match field.strip_suffix(".count") {
        Some(list) => Fact::ProfileCount(list.to_owned()),
        None => Fact::Profile(field.to_owned()),
    })
}

fn parse_operator(operator: &str) -> Option<Operator> {
    Some(match operator {
        "==" => Operator::Equals,
        "!=" => Operator::NotEquals,
        "<" => Operator::Less,
        "<=" => Operator::LessOrEqual,
        ">" => Operator::Greater,
        ">=" => Operator::GreaterOrEqual,
        "has" => Operator::Has,
        "in" => Operator::In,
        _ => return None,
    })
}
