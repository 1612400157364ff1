//! Plain HTTP routes that are not Leptos pages or server functions.
pub mod exchange;
mod health;
mod uploads;

use app::state::AppState;
use axum::{routing::get, Router};

/// Health and readiness probes for load balancers and orchestrators.
pub fn operations() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
}
