//! Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce), for
//! any standard provider: Auth0, Keycloak, Google, Supabase, Azure AD and others.
//!
//! `GET /auth/oidc/start` sends the browser to the provider; `GET /auth/oidc/callback` takes the
//! code back, checks the state, exchanges the code, verifies the ID token (signature, issuer,
//! audience, expiry, nonce), and signs the person in.
use std::sync::Arc;

use app::accounts::{backend::AuthSession, service, session::safe_next_path};
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
    Router,
};
use openidconnect::{
    core::{CoreClient, CoreProviderMetadata, CoreResponseType, CoreUserInfoClaims},
    AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use tokio::sync::OnceCell;
use tower_sessions::Session;

/// Where the provider sends people back to, under the app's public URL.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";
const PENDING_KEY: &str = "groundwork.oidc_pending";

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

/// What the start of a sign-in leaves in the session for its callback.
#[derive(Serialize, Deserialize)]
struct Pending {
    state: String,
    nonce: String,
    pkce_verifier: String,
    next: String,
}

#[derive(Deserialize)]
struct StartQuery {
    #[serde(default)]
    next: String,
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

async fn start(
    State(oidc): State<Arc<Oidc>>,
    session: Session,
    Query(query): Query<StartQuery>,
) -> Response {
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
    };
    if let Err(error) = session.insert(PENDING_KEY, pending).await {
        tracing::error!(%error, "could not store the single sign-on state");
        return failure_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on our side.",
        );
    }
    Redirect::to(url.as_str()).into_response()
}

async fn callback(
    State(oidc): State<Arc<Oidc>>,
    auth: AuthSession,
    Query(query): Query<CallbackQuery>,
) -> Response {
    match finish(&oidc, auth, query).await {
        Ok(next) => Redirect::to(&next).into_response(),
        Err((status, message)) => failure_page(status, &message),
    }
}

type Failure = (StatusCode, String);

async fn finish(oidc: &Oidc, auth: AuthSession, query: CallbackQuery) -> Result<String, Failure> {
    let refused = |message: &str| (StatusCode::BAD_REQUEST, message.to_owned());
    let pending: Pending = auth
        .session
        .remove(PENDING_KEY)
        .await
        .ok()
        .flatten()
        .ok_or_else(|| {
            refused("This sign-in link has expired. Start again from the sign-in page.")
        })?;
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
    let unavailable = |error: String| {
        tracing::error!(%error, "single sign-on failed");
        (
            StatusCode::BAD_GATEWAY,
            "Your organisation's sign-in could not be completed. Try again shortly.".to_owned(),
        )
    };
    let client = client!(oidc).map_err(unavailable)?;
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|error| unavailable(error.to_string()))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
        .request_async(&oidc.http)
        .await
        .map_err(|error| unavailable(format!("token exchange: {error}")))?;
    let id_token = token
        .id_token()
        .ok_or_else(|| unavailable("no ID token in the response".into()))?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce))
        .map_err(|error| {
            tracing::warn!(%error, "an ID token failed verification");
            refused("The sign-in could not be verified.")
        })?;
    let identity = format!("{}|{}", claims.issuer().as_str(), claims.subject().as_str());
    let mut email = claims.email().map(|email| email.as_str().to_owned());
    let mut email_verified = claims.email_verified().unwrap_or(false);
    let mut name = claims
        .name()
        .and_then(|name| name.get(None))
        .map(|name| name.as_str().to_owned());
    if email.is_none() {
        // Many providers put the profile in the userinfo response only.
        let info: CoreUserInfoClaims = client
            .user_info(token.access_token().clone(), Some(claims.subject().clone()))
            .map_err(|error| unavailable(error.to_string()))?
            .request_async(&oidc.http)
            .await
            .map_err(|error| unavailable(format!("userinfo: {error}")))?;
        email = info.email().map(|email| email.as_str().to_owned());
        email_verified = info.email_verified().unwrap_or(false);
        name = name.or_else(|| {
            info.name()
                .and_then(|name| name.get(None))
                .map(|name| name.as_str().to_owned())
        });
    }
    let external = service::ExternalIdentity {
        identity: &identity,
        email: email.as_deref(),
        email_verified,
        name: name.as_deref(),
    };
    let user = service::sign_in_with_identity(&oidc.db, external)
        .await
        .map_err(|error| {
            (
                StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_REQUEST),
                error.to_string(),
            )
        })?;
    app::accounts::session::sign_in_with(auth, &user)
        .await
        .map_err(|error| (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()))?;
    Ok(pending.next)
}

fn failure_page(status: StatusCode, message: &str) -> Response {
    let message = html_escape(message);
    let body = format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in failed · Groundwork</title>
<link rel="stylesheet" href="/pkg/groundwork.css"></head>
<body><main><h1>Sign-in failed</h1><p role="alert">{message}</p>
<p><a href="/sign-in">Back to sign-in</a></p></main></body></html>"#
    );
    (status, Html(body)).into_response()
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
