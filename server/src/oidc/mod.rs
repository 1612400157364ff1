//! Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce), for
//! any standard provider: Auth0, Keycloak, Google, Supabase, Azure AD and others.
//!
//! `GET /auth/oidc/start` sends the browser to the provider; `GET /auth/oidc/callback` takes the
//! code back, checks the state, exchanges the code, verifies the ID token (signature, issuer,
//! audience, expiry, nonce), and signs the person in. `GET /auth/oidc/start?link=1`, from a
//! signed-in account, links the organisation account to it instead (the only way an identity
//! joins an account that already exists).
mod pending;

use std::sync::Arc;

use app::accounts::{
    backend::AuthSession,
    next_path::safe_next_path,
    session,
    single_sign_on::{self, ExternalIdentity},
};
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
    Router,
};
use openidconnect::{
    core::{CoreClient, CoreProviderMetadata, CoreResponseType},
    AuthenticationFlow, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    RedirectUrl, Scope,
};
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tokio::sync::OnceCell;

use pending::Pending;

/// Where the provider sends people back to, under the app's public URL.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";

#[derive(Debug, Clone)]
pub struct OidcSettings {
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// The app's public URL; the callback is under it.
    pub public_url: String,
}

struct Oidc {
    settings: OidcSettings,
    db: DatabaseConnection,
    http: reqwest::Client,
    /// Discovered on first use, so a provider that is down at start-up does not stop the app.
    metadata: OnceCell<CoreProviderMetadata>,
}

#[derive(Deserialize)]
struct StartQuery {
    #[serde(default)]
    next: String,
    /// Present when a signed-in account links its organisation account.
    link: Option<String>,
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The two single sign-on routes; without settings they answer that sign-on is not set up.
pub fn routes<S: Clone + Send + Sync + 'static>(
    settings: Option<OidcSettings>,
    db: DatabaseConnection,
) -> Router<S> {
    let Some(settings) = settings else {
        return Router::new()
            .route("/auth/oidc/start", get(not_configured))
            .route(CALLBACK_PATH, get(not_configured));
    };
    let http = reqwest::Client::builder()
        // The provider's endpoints must not redirect us elsewhere (SSRF).
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("an HTTP client");
    let oidc = Arc::new(Oidc {
        settings,
        db,
        http,
        metadata: OnceCell::new(),
    });
    Router::new()
        .route("/auth/oidc/start", get(start))
        .route(CALLBACK_PATH, get(callback))
        .with_state(oidc)
}

async fn not_configured() -> Response {
    failure_page(
        StatusCode::NOT_FOUND,
        "Single sign-on is not set up on this server.",
    )
}

impl Oidc {
    async fn metadata(&self) -> Result<CoreProviderMetadata, String> {
        self.metadata
            .get_or_try_init(|| async {
                let issuer = IssuerUrl::new(self.settings.issuer_url.clone())
                    .map_err(|error| format!("invalid issuer URL: {error}"))?;
                CoreProviderMetadata::discover_async(issuer, &self.http)
                    .await
                    .map_err(|error| format!("discovery failed: {error}"))
            })
            .await
            .cloned()
    }

    /// Whether the app is served over https (cookies are then `Secure` and `__Host-`).
    fn secure(&self) -> bool {
        self.settings.public_url.starts_with("https://")
    }

    fn redirect_url(&self) -> Result<RedirectUrl, String> {
        let url = format!(
            "{}{CALLBACK_PATH}",
            self.settings.public_url.trim_end_matches('/')
        );
        RedirectUrl::new(url).map_err(|error| error.to_string())
    }
}

/// The OpenID client for `oidc`'s provider (a macro: the client's type names every endpoint).
macro_rules! client {
    ($oidc:expr) => {{
        let oidc: &Oidc = $oidc;
        match (oidc.metadata().await, oidc.redirect_url()) {
            (Ok(metadata), Ok(redirect)) => Ok(CoreClient::from_provider_metadata(
                metadata,
                ClientId::new(oidc.settings.client_id.clone()),
                oidc.settings.client_secret.clone().map(ClientSecret::new),
            )
            .set_redirect_uri(redirect)),
            (Err(error), _) | (_, Err(error)) => Err(error),
        }
    }};
}

// After the macro, which it uses.
mod identity;

async fn start(
    State(oidc): State<Arc<Oidc>>,
    auth: AuthSession,
    Query(query): Query<StartQuery>,
) -> Response {
    let link_user_id = match (query.link.is_some(), &auth.user) {
        (false, _) => None,
        (true, None) => return Redirect::to("/sign-in?next=/account").into_response(),
        // Only right after the person confirmed their password on the account page: a link
        // from elsewhere, or a stolen session alone, cannot start one.
        (true, Some(user)) => match session::take_link_confirmation(&auth).await {
            Ok(true) => Some(user.id),
            Ok(false) => return Redirect::to("/account?confirm_link=1").into_response(),
            Err(_) => {
                return failure_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side.",
                )
            }
        },
    };
    let client = match client!(&oidc) {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "single sign-on provider unavailable");
            return failure_page(
                StatusCode::BAD_GATEWAY,
                "Your organisation's sign-in service could not be reached. Try again shortly.",
            );
        }
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let pending = Pending {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        next: safe_next_path(&query.next),
        link_user_id,
    };
    let Some(cookie) = pending::set_cookie(&pending, oidc.secure()) else {
        tracing::error!("could not write the single sign-on cookie");
        return failure_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on our side.",
        );
    };
    let mut response = Redirect::to(url.as_str()).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
}

async fn callback(
    State(oidc): State<Arc<Oidc>>,
    auth: AuthSession,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let secure = oidc.secure();
    let mut response = match pending::from_request(&headers, secure) {
        None => failure_page(
            StatusCode::BAD_REQUEST,
            "This sign-in link has expired. Start again from the sign-in page.",
        ),
        Some(pending) => match finish(&oidc, auth, query, pending).await {
            Ok(next) => Redirect::to(&safe_next_path(&next)).into_response(),
            Err((status, message)) => failure_page(status, &message),
        },
    };
    response
        .headers_mut()
        .append(header::SET_COOKIE, pending::clear_cookie(secure));
    response
}

type Failure = (StatusCode, String);

async fn finish(
    oidc: &Oidc,
    auth: AuthSession,
    query: CallbackQuery,
    pending: Pending,
) -> Result<String, Failure> {
    let refused = |message: &str| (StatusCode::BAD_REQUEST, message.to_owned());
    if let Some(error) = query.error {
        tracing::info!(%error, "the provider refused the sign-in");
        return Err(refused(
            "Your organisation's sign-in was cancelled or refused.",
        ));
    }
    if query.state.as_deref() != Some(pending.state.as_str()) {
        return Err(refused(
            "This sign-in did not start here. Start again from the sign-in page.",
        ));
    }
    let code = query
        .code
        .ok_or_else(|| refused("The provider sent no code."))?;
    let person =
        identity::verified_person(oidc, code, pending.pkce_verifier, pending.nonce).await?;
    let external = ExternalIdentity {
        identity: &person.identity,
        email: person.email.as_deref(),
        email_verified: person.email_verified,
        name: person.name.as_deref(),
    };
    let as_failure = |error: app::error::AppError| {
        (
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_REQUEST),
            error.to_string(),
        )
    };
    let (user, next) = match pending.link_user_id {
        Some(user_id) => {
            if auth.user.as_ref().map(|user| user.id) != Some(user_id) {
                return Err(refused(
                    "You are no longer signed in to the account that asked for the link. \
                     Sign in and try again.",
                ));
            }
            let user = single_sign_on::link_identity(&oidc.db, user_id, &person.identity)
                .await
                .map_err(as_failure)?;
            (user, "/account?linked=1".to_owned())
        }
        None => {
            let user = single_sign_on::sign_in_with_identity(&oidc.db, external)
                .await
                .map_err(as_failure)?;
            (user, pending.next)
        }
    };
    let internal =
        |error: app::error::AppError| (StatusCode::INTERNAL_SERVER_ERROR, error.to_string());
    session::sign_in_with(auth.clone(), &user)
        .await
        .map_err(internal)?;
    session::mark_signed_in_through_sso(&auth)
        .await
        .map_err(internal)?;
    Ok(next)
}

fn failure_page(status: StatusCode, message: &str) -> Response {
    let message = html_escape(message);
    let body = format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in failed · Groundwork</title>
<link rel="stylesheet" href="{stylesheet}"></head>
<body><main><h1>Sign-in failed</h1><p role="alert">{message}</p>
<p><a href="/sign-in">Back to sign-in</a></p></main></body></html>"#,
        stylesheet = crate::site_files::installed().stylesheet_href()
    );
    (status, Html(body)).into_response()
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
