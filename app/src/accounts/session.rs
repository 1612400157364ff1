//! Signing a user in and out of the current request's session.
use super::{
    backend::{
        AuthSession, SessionUser, LINK_CONFIRMED_AT_KEY, SIGNED_IN_AT_KEY, SSO_SIGNED_IN_AT_KEY,
    },
    entity, single_sign_on,
};
use crate::{auth::request_parts, error::AppError};

fn auth_session() -> Result<AuthSession, AppError> {
    request_parts()?
        .extensions
        .get::<AuthSession>()
        .cloned()
        .ok_or_else(|| {
            tracing::error!("no auth session on the request: is the session layer installed?");
            AppError::Internal
        })
}

/// Signs `user` into the current request's session (see [`sign_in_with`]).
pub async fn sign_in(user: &entity::Model) -> Result<(), AppError> {
    sign_in_with(auth_session()?, user).await
}

/// Signs `user` in: a new session id (so a planted cookie is worthless), and the sign-in time
/// for the absolute timeout.
pub async fn sign_in_with(mut session: AuthSession, user: &entity::Model) -> Result<(), AppError> {
    session.session.cycle_id().await.map_err(session_error)?;
    session
        .login(&SessionUser::from(user))
        .await
        .map_err(session_error)?;
    session
        .session
        .insert(SIGNED_IN_AT_KEY, chrono::Utc::now().timestamp())
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Records in the session that it signed in through single sign-on just now.
pub async fn mark_signed_in_through_sso(session: &AuthSession) -> Result<(), AppError> {
    session
        .session
        .insert(SSO_SIGNED_IN_AT_KEY, chrono::Utc::now().timestamp())
        .await
        .map_err(session_error)
}

/// Whether this session signed in through single sign-on within the re-authentication window.
pub async fn signed_in_through_sso_recently() -> Result<bool, AppError> {
    let at: Option<i64> = auth_session()?
        .session
        .get(SSO_SIGNED_IN_AT_KEY)
        .await
        .map_err(session_error)?;
    Ok(single_sign_on::reauthenticated_recently(
        at,
        chrono::Utc::now().timestamp(),
    ))
}

/// Records that the signed-in person just confirmed their password to link an organisation
/// account.
pub async fn mark_link_confirmed() -> Result<(), AppError> {
    auth_session()?
        .session
        .insert(LINK_CONFIRMED_AT_KEY, chrono::Utc::now().timestamp())
        .await
        .map_err(session_error)
}

/// Takes the link confirmation out of `session`: true when there was one, recent enough.
pub async fn take_link_confirmation(session: &AuthSession) -> Result<bool, AppError> {
    let at: Option<i64> = session
        .session
        .remove(LINK_CONFIRMED_AT_KEY)
        .await
        .map_err(session_error)?;
    let now = chrono::Utc::now().timestamp();
    Ok(at.is_some_and(|at| {
        (0..=single_sign_on::LINK_CONFIRMATION_WINDOW_SECONDS).contains(&(now - at))
    }))
}

/// Ends the session: its record is deleted from the store and the cookie cleared.
pub async fn sign_out() -> Result<(), AppError> {
    let mut session = auth_session()?;
    session.logout().await.map_err(session_error)?;
    Ok(())
}

fn session_error(error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Internal
}
