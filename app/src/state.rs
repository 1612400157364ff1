//! The state built once at start-up and handed to server functions through context.
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::{accounts::rate_limit::AttemptLimits, error::AppError};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub security: Arc<SecuritySettings>,
    /// The fan-out of planning-session events to this process's streams.
    pub live: crate::planning::live::LiveHub,
}

/// Settings that sign-in, the request checks and absolute links need.
pub struct SecuritySettings {
    /// The address people reach the app at (`PUBLIC_URL`), for links in exported documents.
    pub public_url: String,
    /// Sign-in and sign-up attempts allowed per account and per client address.
    pub attempt_limits: AttemptLimits,
    /// The header a trusted reverse proxy puts the client's address in (e.g. `x-forwarded-for`);
    /// `None` takes the address of the TCP peer.
    pub trusted_proxy_header: Option<String>,
    /// Whether single sign-on with an OpenID provider is configured.
    pub single_sign_on: bool,
}

/// The application state, as provided by the server to every page render and server function.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}
