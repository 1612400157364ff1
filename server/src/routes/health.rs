use app::state::AppState;
use axum::{extract::State, http::StatusCode};

use crate::database;

/// The process is up and serving.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The app can do its work: the database answers. 503 while it does not, 200 again once it does.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if database::is_reachable(&state.db).await {
        (StatusCode::OK, "ready")
    } else {
        tracing::warn!("readiness check failed: the database does not answer");
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
