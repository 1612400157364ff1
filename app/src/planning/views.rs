//! What the session pages receive from the server.
use serde::{Deserialize, Serialize};

use super::domain::SessionState;
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
