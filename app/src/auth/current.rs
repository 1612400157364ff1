//! The signed-in user of the request being served, read from the session that the server's
//! session layer attached to the request.
use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::use_context;

use super::{resolve, Member};
use crate::{
    accounts::backend::AuthSession, error::AppError, state::app_state, teams::domain::Role,
};

/// The request's head, as leptos_axum provides it to pages and server functions.
pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from the server function context");
        AppError::Internal
    })
}

/// The id of the signed-in user, or 401.
pub async fn current_user_id() -> Result<i32, AppError> {
    let parts = request_parts()?;
    let session = parts.extensions.get::<AuthSession>().ok_or_else(|| {
        tracing::error!("no auth session on the request: is the session layer installed?");
        AppError::Internal
    })?;
    session
        .user
        .as_ref()
        .map(|user| user.id)
        .ok_or(AppError::Unauthorized)
}

/// The signed-in user as a member of `team_id` with at least the role `needs`.
pub async fn member_of_team(team_id: i32, needs: Role) -> Result<Member, AppError> {
    let user_id = current_user_id().await?;
    resolve::resolve_team_member(&app_state()?.db, user_id, team_id, needs).await
}

/// The signed-in user as a member of the team owning `project_id`, with at least `needs`.
pub async fn member_for_project(project_id: i32, needs: Role) -> Result<Member, AppError> {
    let user_id = current_user_id().await?;
    resolve::resolve_project_member(&app_state()?.db, user_id, project_id, needs).await
}

/// The address of the client: the peer of the connection, or, when the server sits behind a
/// proxy that it was told to trust, the last address that proxy appended to its header.
pub fn client_address(parts: &Parts, trusted_proxy_header: Option<&str>) -> Option<IpAddr> {
    if let Some(header) = trusted_proxy_header {
        return parts
            .headers
            .get_all(header)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
            .next_back();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip())
}
