//! The rule engine: pure, deterministic functions from (catalog, profile, answers) to
//! recommendations, risks and cross-topic review flags.
mod condition;
mod facts;
#[cfg(all(test, feature = "ssr"))]
mod tests;

use std::collections::BTreeMap;

pub use condition::{Condition, ConditionSyntaxError, Fact, Operator};
pub use facts::{Facts, FieldKind, Value, PROFILE_FIELDS};
use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, Question, RiskLevel};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub option: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub level: RiskLevel,
    pub reason: String,
    pub improvement: String,
    pub flags: Vec<String>,
}

/// What Groundwork says about one question for one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub recommendation: Option<Recommendation>,
    /// Empty until the question is answered, or when the answer creates no risk.
    pub risks: Vec<Risk>,
}

impl Advice {
    /// The most severe risk level among the risks.
    pub fn level(&self) -> RiskLevel {
        self.risks
            .iter()
            .map(|risk| risk.level)
            .max()
            .unwrap_or(RiskLevel::None)
    }
}

fn all_hold(conditions: &[String], facts: &Facts, question: &str) -> bool {
    conditions
        .iter()
        .all(|text| Condition::parse(text).is_ok_and(|condition| facts.holds(&condition, question)))
}

/// The recommendation (first rule that holds) and the risks of the current answer (every rule
/// that holds; none while unanswered).
pub fn advise(question: &Question, facts: &Facts) -> Advice {
    let recommendation = question
        .recommend
        .iter()
        .find(|rule| all_hold(&rule.when, facts, &question.id))
        .map(|rule| Recommendation {
            option: rule.option.clone(),
            reason: rule.reason.clone(),
        });
    let answered = facts.answers.contains_key(&question.id);
    let mut risks: Vec<Risk> = question
        .risks
        .iter()
        .filter(|rule| answered && all_hold(&rule.when, facts, &question.id))
        .map(|rule| Risk {
            level: rule.level,
            reason: rule.reason.clone(),
            improvement: rule.improvement.clone(),
            flags: rule.flags.clone(),
        })
        .collect();
    risks.sort_by_key(|risk| std::cmp::Reverse(risk.level));
    Advice {
        recommendation,
        risks,
    }
}

/// Topics that other answers ask the team to review, each with the reasons, by topic id.
pub fn review_flags(catalog: &Catalog, facts: &Facts) -> BTreeMap<String, Vec<String>> {
    let mut flags: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for topic in &catalog.topics {
        for question in &topic.questions {
            for risk in advise(question, facts).risks {
                for flagged in &risk.flags {
                    flags
                        .entry(flagged.clone())
                        .or_default()
                        .push(format!("{}: {}", topic.title, risk.reason));
                }
            }
        }
    }
    flags
}
