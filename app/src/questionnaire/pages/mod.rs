//! The questionnaire's pages: profile, one wizard step per topic, and results.
mod profile_page;
mod progress_bar;
mod question_card;
mod questionnaire_card;
mod results_page;
mod topic_page;

pub use profile_page::ProfilePage;
pub use questionnaire_card::QuestionnaireCard;
pub use results_page::ResultsPage;
pub use topic_page::TopicPage;

use crate::components::project_id_param;
use leptos::prelude::*;

/// Bumped whenever an answer is saved, so the progress bar refreshes without re-rendering forms.
#[derive(Clone, Copy)]
struct AnswersSaved(RwSignal<u32>);
