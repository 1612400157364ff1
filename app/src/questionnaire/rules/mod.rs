//! The rule engine: pure, deterministic functions from (catalog, profile, answers) to
//! recommendations, risks and cross-topic review flags.
mod condition;
mod facts;
mod findings;
#[cfg(all(test, feature = "ssr"))]
mod stack_tests;
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

/// An option that earlier answers rule out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnfitOption {
    pub option: String,
    /// A clause: "Pino is a Node.js library".
    pub reason: String,
}

/// What Groundwork says about one question for one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub recommendation: Option<Recommendation>,
    /// Empty until the question is answered, or when the answer creates no risk.
    pub risks: Vec<Risk>,
    /// Options that do not fit the earlier answers.
    pub unfit: Vec<UnfitOption>,
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

/// The options earlier answers rule out: a condition in `requires` fails on a known fact.
pub fn unfit_options(question: &Question, facts: &Facts) -> Vec<UnfitOption> {
    question
        .options
        .iter()
        .filter(|option| {
            !option.requires.iter().all(|text| {
                Condition::parse(text).is_ok_and(|condition| facts.allows(&condition, &question.id))
            })
        })
        .map(|option| UnfitOption {
            option: option.id.clone(),
            reason: option.unfit.clone(),
        })
        .collect()
}

/// The recommendation (the first rule that holds and names an option that fits), and the
/// findings on the current answer (none while unanswered): every risk rule that holds, a choice
/// against the recommendation, and a product new to the team.
pub fn advise(question: &Question, facts: &Facts) -> Advice {
    let unfit = unfit_options(question, facts);
    let (recommendation, against) = question
        .recommend
        .iter()
        .find(|rule| {
            all_hold(&rule.when, facts, &question.id)
                && !unfit.iter().any(|u| u.option == rule.option)
        })
        .map(|rule| {
            let recommendation = Recommendation {
                option: rule.option.clone(),
                reason: rule.reason.clone(),
            };
            (Some(recommendation), rule.against.as_str())
        })
        .unwrap_or((None, ""));
    let answer = facts.answers.get(&question.id);
    let mut risks: Vec<Risk> = question
        .risks
        .iter()
        .filter(|rule| answer.is_some() && all_hold(&rule.when, facts, &question.id))
        .map(|rule| Risk {
            level: rule.level,
            reason: rule.reason.clone(),
            improvement: rule.improvement.clone(),
            flags: rule.flags.clone(),
        })
        .collect();
    if let Some(answer) = answer {
        let chosen = question.chosen(answer);
        risks.extend(findings::against_recommendation(
            question,
            chosen,
            recommendation.as_ref(),
            against,
        ));
        risks.extend(findings::new_to_the_team(question, chosen, facts));
    }
    risks.sort_by_key(|risk| std::cmp::Reverse(risk.level));
    Advice {
        recommendation,
        risks,
        unfit,
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
