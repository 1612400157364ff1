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

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the current route as a project id.
fn project_id_param() -> Memo<Option<i32>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()))
}

/// Bumped whenever an answer is saved, so the progress bar refreshes without re-rendering forms.
#[derive(Clone, Copy)]
struct AnswersSaved(RwSignal<u32>);
