//! What the session pages receive from the server.
use serde::{Deserialize, Serialize};

use super::domain::{Presence, SessionState};
use crate::questionnaire::views::TopicView;

/// The session page on load: the shared state, the caller, and the topic they look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionPageView {
    pub state: SessionState,
    pub project_name: String,
    pub my_user_id: i32,
    /// Editors and owners vote; viewers watch.
    pub i_vote: bool,
    pub i_facilitate: bool,
    /// (id, title) of every topic, in catalog order.
    pub topics: Vec<(String, String)>,
    /// The topic shown first: the one the URL names, else the group's current one.
    pub topic: Option<TopicView>,
}

/// What a session did, for its summary page and markdown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SessionSummary {
    pub project_id: i32,
    pub session_id: i32,
    pub project_name: String,
    /// RFC 3339.
    pub started_at: String,
    pub ended_at: Option<String>,
    pub facilitator: String,
    pub attendance: Vec<Attendance>,
    /// Questions whose answer was recorded, in catalog order.
    pub decisions: Vec<QuestionOutcome>,
    /// Questions voted on and not recorded.
    pub open_questions: Vec<QuestionOutcome>,
    /// Time the group spent on each topic it was brought to, in the order first visited.
    pub topics: Vec<TopicTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub name: String,
    pub joined_at: String,
    pub left_at: Option<String>,
    pub presence: Presence,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuestionOutcome {
    pub topic: String,
    pub question: String,
    /// The label of the recorded answer.
    pub answer: Option<String>,
    /// Each option voted for (label) with its votes, most first.
    pub tally: Vec<(String, usize)>,
    pub split: bool,
    /// Votes for another option than the one recorded.
    pub dissent: Vec<Dissent>,
    pub decision_makers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dissent {
    pub name: String,
    /// The label of the option they voted for.
    pub choice: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicTime {
    pub title: String,
    pub seconds: i64,
}
