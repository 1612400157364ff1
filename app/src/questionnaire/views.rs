//! What the questionnaire pages receive from the server.
use serde::{Deserialize, Serialize};

use super::{
    catalog::{Question, RiskLevel, Skill, Topic},
    profile::Profile,
    rules::Advice,
};
use crate::projects::domain::Project;

pub const NOTE_MAX_CHARS: usize = 2000;
pub const TEXT_ANSWER_MAX_CHARS: usize = 2000;
pub const REASON_MAX_CHARS: usize = 500;
/// The name typed next to "Other" (it becomes part of ADR titles and the stack table).
pub const OTHER_MAX_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub value: String,
    pub note: String,
    pub version: i32,
    /// The catalog version it was given under, when the question changed after that.
    pub changed_since: Option<String>,
}

impl AnswerRecord {
    /// The record of a stored answer to `question`.
    #[cfg(feature = "ssr")]
    pub fn of(question: &Question, row: &super::entity::answer::Model) -> Self {
        let changed = !question.changed_in.is_empty()
            && super::catalog::version_before(&row.catalog_version, &question.changed_in);
        Self {
            value: row.value.clone(),
            note: row.note.clone(),
            version: row.version,
            changed_since: changed.then(|| row.catalog_version.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TopicState {
    NotStarted,
    InProgress,
    Answered,
    Skipped,
    NotApplicable { reason: String },
}

impl TopicState {
    /// Answered, skipped or not applicable: nothing left to do now.
    pub fn is_done(&self) -> bool {
        matches!(
            self,
            Self::Answered | Self::Skipped | Self::NotApplicable { .. }
        )
    }

    pub fn label(&self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "In progress",
            Self::Answered => "Answered",
            Self::Skipped => "Skipped",
            Self::NotApplicable { .. } => "Not applicable",
        }
    }

    pub fn css_class(&self) -> &'static str {
        match self {
            Self::NotStarted => "state-not-started",
            Self::InProgress => "state-in-progress",
            Self::Answered => "state-answered",
            Self::Skipped => "state-skipped",
            Self::NotApplicable { .. } => "state-not-applicable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicProgress {
    pub id: String,
    pub title: String,
    pub state: TopicState,
    /// Another answer asks the team to review this topic.
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub topics: Vec<TopicProgress>,
    pub done: usize,
    /// Where to continue: the first topic not done yet.
    pub resume_topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub question: Question,
    pub answer: Option<AnswerRecord>,
    pub advice: Advice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicView {
    pub project: Project,
    pub topic: Topic,
    pub questions: Vec<QuestionView>,
    pub progress: Progress,
    /// Why other answers ask for this topic to be reviewed.
    pub review_reasons: Vec<String>,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub has_profile: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub project: Project,
    pub profile: Option<Profile>,
    /// The skills the form offers, from the catalog.
    pub skills: Vec<Skill>,
    /// 0 while no profile is saved.
    pub version: i32,
    pub first_topic: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRisks {
    pub topic_id: String,
    pub title: String,
    pub high: usize,
    pub medium: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    pub topic_id: String,
    pub topic_title: String,
    pub question: String,
    pub level: RiskLevel,
    pub reason: String,
    pub improvement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceRow {
    pub topic_id: String,
    pub question: String,
    pub recommended: Option<String>,
    pub recommended_reason: Option<String>,
    pub chosen: Option<String>,
    pub follows_recommendation: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsView {
    pub project: Project,
    pub progress: Progress,
    /// Topics with at least one risk, most severe first.
    pub risks_by_topic: Vec<TopicRisks>,
    /// Every risk with its improvement step, high before medium.
    pub plan: Vec<PlanItem>,
    pub choices: Vec<ChoiceRow>,
}
