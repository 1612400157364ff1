//! The planning-session pages: the live session, its summary, and the card on the project page.
mod facilitator_bar;
mod live_stream;
mod presence_list;
mod session_page;
mod sessions_card;
mod summary_page;
mod vote_card;

pub use session_page::SessionPage;
pub use sessions_card::SessionsCard;
pub use summary_page::SessionSummaryPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:session` of the URL.
fn session_id_param() -> Memo<Option<i32>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("session").and_then(|id| id.parse().ok()))
}
