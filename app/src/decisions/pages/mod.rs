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

use crate::components::project_id_param;
