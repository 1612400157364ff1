//! The live side of planning sessions: the event stream route, the session summary download,
//! and the background tasks (the PostgreSQL listener that carries events between replicas, and
//! the sweep of streams whose replica stopped).
mod events;
mod listener;
mod summary;

use std::time::Duration;

use app::state::AppState;
use axum::{routing::get, Router};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/projects/{id}/sessions/{session}/events",
            get(events::session_events),
        )
        .route(
            "/projects/{id}/sessions/{session}/summary.md",
            get(summary::summary_download),
        )
}

/// How often streams refresh their rows, stale ones are swept, and every local feed is caught
/// up from the table (a safety net under the notifications).
const SWEEP_EVERY: Duration = Duration::from_secs(20);

/// Starts the sweep, and on PostgreSQL the listener.
pub fn spawn_background(state: &AppState, database_url: String) {
    let db = state.db.clone();
    let live = state.live.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SWEEP_EVERY);
        loop {
            tick.tick().await;
            if let Err(error) = app::planning::service::sweep_stale_streams(&db, &live).await {
                tracing::warn!(%error, "could not sweep stale session streams");
            }
            live.resync_all().await;
        }
    });
    if database_url.starts_with("postgres") {
        tokio::spawn(listener::listen(database_url, state.live.clone()));
    }
}
