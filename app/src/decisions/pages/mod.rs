//! The decision log pages: the log, one ADR, and a new ADR written from scratch.
mod adr_editor;
mod adr_page;
mod decision_log_page;
mod history;
mod new_adr_page;
mod status_badge;
mod write_decision_card;

pub use adr_page::AdrPage;
pub use decision_log_page::DecisionLogPage;
pub use new_adr_page::NewAdrPage;
pub use write_decision_card::WriteDecisionCard;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the project in the URL.
fn project_id_param() -> Memo<Option<i32>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()))
}
