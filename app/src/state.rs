//! The state built once at start-up and handed to server functions through context.
use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::error::AppError;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// The team everyone works in until accounts arrive.
    pub default_team_id: i32,
}

/// The application state, as provided by the server to every page render and server function.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}
