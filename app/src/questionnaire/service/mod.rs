//! Business rules of the questionnaire. Every entry point first checks that the project belongs
//! to the member's team (through the projects service), so other teams' projects answer 404.
mod answers;
mod profile;
mod results;
mod snapshot;

pub use answers::{mark_topic, record_team_answer, save_answer, valid_value, TopicMark};
pub use profile::{profile_view, save_profile};
pub use results::results;
pub use snapshot::{progress_of, topic_view, Snapshot};
