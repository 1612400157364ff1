//! Server-side sessions and sign-in state: cookie settings, idle and absolute timeouts, and the
//! clean-up of expired sessions.
mod entity;
mod store;

use std::time::Duration;

use app::accounts::backend::{AccountsBackend, AuthSession, SIGNED_IN_AT_KEY};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder};
use sea_orm::DatabaseConnection;
use tower_sessions::{
    cookie::SameSite, session_store::ExpiredDeletion, Expiry, SessionManagerLayer,
};

pub use store::DatabaseSessionStore;

/// The session cookie's name: over https with the `__Host-` prefix, which browsers accept only
/// from this exact host, over https, for the whole site, so no sibling host can plant one.
fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-groundwork_session"
    } else {
        "groundwork_session"
    }
}

#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// A session unused this long ends.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, however busy.
    pub absolute_timeout: Duration,
    /// Send the cookie over https only (set when the app is served over https).
    pub secure_cookie: bool,
}

/// The session and sign-in layers: the session cookie (HttpOnly, SameSite=Lax, Secure over
/// https) and axum-login's user lookup on top of it.
pub fn layer(
    db: &DatabaseConnection,
    settings: SessionSettings,
) -> AuthManagerLayer<AccountsBackend, DatabaseSessionStore> {
    let idle = time::Duration::try_from(settings.idle_timeout).unwrap_or(time::Duration::hours(12));
    let sessions = SessionManagerLayer::new(DatabaseSessionStore::new(db.clone()))
        .with_name(cookie_name(settings.secure_cookie))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.secure_cookie)
        .with_path("/")
        // Saving a session moves its expiry to now + idle; `enforce_timeouts` saves a used
        // session at most once a minute, so the idle timeout counts from the last request
        // (to the minute) without a database write on every request.
        .with_expiry(Expiry::OnInactivity(idle));
    AuthManagerLayerBuilder::new(AccountsBackend::new(db.clone()), sessions).build()
}

/// The session key holding when the session was last saved for being used (Unix seconds).
const TOUCHED_AT_KEY: &str = "groundwork.touched_at";
/// How stale the idle clock may get before a request saves the session again.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// Before the request is served: signs out a session older than the absolute timeout, and keeps
/// a used session from idling out (saving it at most once a minute).
pub async fn enforce_timeouts(
    State(settings): State<SessionSettings>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(mut auth) = request.extensions().get::<AuthSession>().cloned() {
        if auth.user.is_some() {
            let signed_in_at: Option<i64> = auth.session.get(SIGNED_IN_AT_KEY).await.ok().flatten();
            let age = signed_in_at.map(|at| chrono::Utc::now().timestamp() - at);
            let limit = i64::try_from(settings.absolute_timeout.as_secs()).unwrap_or(i64::MAX);
            if age.is_none_or(|age| age > limit) {
                if let Err(error) = auth.logout().await {
                    tracing::error!(?error, "could not end an expired session");
                }
                request.extensions_mut().insert(auth);
            } else {
                touch(&auth.session).await;
            }
        }
    }
    next.run(request).await
}

/// After the request is served: a response to a signed-in request carries that person's data,
/// so no browser or proxy may keep it. The site's compiled files under `/pkg/` are the same for
/// everyone and keep their own caching. (Responses that set a cookie get the same from
/// `security::security_headers`, outside the session layer that adds the cookie.)
pub async fn forbid_storing_personal_responses(request: Request, next: Next) -> Response {
    let signed_in = request
        .extensions()
        .get::<AuthSession>()
        .is_some_and(|auth| auth.user.is_some());
    let shared_file = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    if signed_in && !shared_file && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Deletes expired sessions every ten minutes, for as long as the app runs.
pub fn spawn_cleanup(db: DatabaseConnection) {
    let store = DatabaseSessionStore::new(db);
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(600));
        loop {
            interval.tick().await;
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "could not delete expired sessions");
            }
        }
    });
}

async fn touch(session: &tower_sessions::Session) {
    let now = chrono::Utc::now().timestamp();
    let touched: Option<i64> = session.get(TOUCHED_AT_KEY).await.ok().flatten();
    if touched.is_none_or(|at| now - at >= TOUCH_EVERY_SECONDS) {
        if let Err(error) = session.insert(TOUCHED_AT_KEY, now).await {
            tracing::warn!(%error, "could not extend a session");
        }
    }
}
