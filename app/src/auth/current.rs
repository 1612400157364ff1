//! The signed-in user of the request being served, read from the session that the server's
//! session layer attached to the request.
use std::{
    collections::HashMap,
    net::{IpAddr, SocketAddr},
    sync::{Arc, Mutex},
};

use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::{provide_context, use_context};

use super::{resolve, Member};
use crate::{
    accounts::backend::{AuthSession, SessionUser},
    error::AppError,
    state::app_state,
    teams::domain::Role,
};

/// The request's head, as leptos_axum provides it to pages and server functions.
pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from the server function context");
        AppError::Internal
    })
}

/// The signed-in user, or `None` for an anonymous caller.
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    from_auth_session(|session| session.user.clone())
}

/// The id of the signed-in user, or 401.
pub async fn current_user_id() -> Result<i32, AppError> {
    from_auth_session(|session| session.user.as_ref().map(|user| user.id))?
        .ok_or(AppError::Unauthorized)
}

fn from_auth_session<T>(read: impl FnOnce(&AuthSession) -> T) -> Result<T, AppError> {
    let parts = request_parts()?;
    let session = parts.extensions.get::<AuthSession>().ok_or_else(|| {
        tracing::error!("no auth session on the request: is the session layer installed?");
        AppError::Internal
    })?;
    Ok(read(session))
}

/// The signed-in user as a member of `team_id` with at least the role `needs`.
pub async fn member_of_team(team_id: i32, needs: Role) -> Result<Member, AppError> {
    let user_id = current_user_id().await?;
    let memo = use_context::<MembershipsOfThisRequest>();
    let role = match memo
        .as_ref()
        .and_then(|memo| memo.role_in_team(user_id, team_id))
    {
        Some(role) => role,
        None => {
            let role = resolve::team_role(&app_state()?.db, user_id, team_id).await?;
            if let Some(memo) = &memo {
                memo.remember(user_id, team_id, role, None);
            }
            role
        }
    };
    resolve::allow(user_id, team_id, role, needs)
}

/// The signed-in user as a member of the team owning `project_id`, with at least `needs`.
pub async fn member_for_project(project_id: i32, needs: Role) -> Result<Member, AppError> {
    let user_id = current_user_id().await?;
    let memo = use_context::<MembershipsOfThisRequest>();
    let (team_id, role) = match memo
        .as_ref()
        .and_then(|memo| memo.in_project(user_id, project_id))
    {
        Some(found) => found,
        None => {
            let (team_id, role) =
                resolve::project_role(&app_state()?.db, user_id, project_id).await?;
            if let Some(memo) = &memo {
                memo.remember(user_id, team_id, role, Some(project_id));
            }
            (team_id, role)
        }
    };
    resolve::allow(user_id, team_id, role, needs)
}

/// The signed-in user's memberships as this request has read them. A page calls several server
/// functions while it renders (the ADR page four), and each checks the caller's membership;
/// this keeps the first answer for the rest of the request, so the checks ask the database
/// once. Provided afresh for every request (see [`provide_memberships_of_this_request`]), so
/// nothing outlives it: a removal or a role change shows on the next request. The role needed is
/// still checked at every call.
#[derive(Clone, Default)]
pub struct MembershipsOfThisRequest(Arc<Mutex<Memberships>>);

/// Keyed by user as well, although a request has one: a memo that could hand one person's role
/// to another must not depend on that.
#[derive(Default)]
struct Memberships {
    /// (user, team) → role.
    roles: HashMap<(i32, i32), Role>,
    /// project → team.
    teams: HashMap<i32, i32>,
}

impl MembershipsOfThisRequest {
    fn role_in_team(&self, user_id: i32, team_id: i32) -> Option<Role> {
        self.0.lock().ok()?.roles.get(&(user_id, team_id)).copied()
    }

    fn in_project(&self, user_id: i32, project_id: i32) -> Option<(i32, Role)> {
        let known = self.0.lock().ok()?;
        let team_id = *known.teams.get(&project_id)?;
        Some((team_id, *known.roles.get(&(user_id, team_id))?))
    }

    fn remember(&self, user_id: i32, team_id: i32, role: Role, project_id: Option<i32>) {
        if let Ok(mut known) = self.0.lock() {
            known.roles.insert((user_id, team_id), role);
            if let Some(project_id) = project_id {
                known.teams.insert(project_id, team_id);
            }
        }
    }
}

/// Called once per request by the server, where it provides the app's state.
pub fn provide_memberships_of_this_request() {
    provide_context(MembershipsOfThisRequest::default());
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
