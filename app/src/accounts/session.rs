//! Signing a user in and out of the current request's session.
use super::{
    backend::{AuthSession, SessionUser, SIGNED_IN_AT_KEY},
    entity,
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

/// A path on this site to go to after signing in; anything else (another host, `//evil`) is
/// replaced by the home page.
pub fn safe_next_path(next: &str) -> String {
    let next = next.trim();
    if next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.contains("://")
    {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next_path;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next_path("/projects/4"), "/projects/4");
        assert_eq!(safe_next_path("//evil.example"), "/");
        assert_eq!(safe_next_path("https://evil.example"), "/");
        assert_eq!(safe_next_path("/\\evil.example"), "/");
        assert_eq!(safe_next_path(""), "/");
    }
}
