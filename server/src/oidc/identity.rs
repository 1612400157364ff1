//! The provider's side of a sign-in: the code exchanged for tokens, the ID token verified, and
//! the person's e-mail and name read from it (or from the userinfo endpoint).
use axum::http::StatusCode;
use openidconnect::{
    core::{CoreClient, CoreUserInfoClaims},
    AuthorizationCode, ClientId, ClientSecret, Nonce, OAuth2TokenResponse, PkceCodeVerifier,
    TokenResponse,
};

use super::{Failure, Oidc};

/// Who the provider says signed in.
pub struct Person {
    pub identity: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// Exchanges the code, verifies the ID token, and reads the person's e-mail and name (from the
/// userinfo endpoint when the token has none).
pub async fn verified_person(
    oidc: &Oidc,
    code: String,
    pkce_verifier: String,
    nonce: String,
) -> Result<Person, Failure> {
    let refused = |message: &str| (StatusCode::BAD_REQUEST, message.to_owned());
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
        .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
        .request_async(&oidc.http)
        .await
        .map_err(|error| unavailable(format!("token exchange: {error}")))?;
    let id_token = token
        .id_token()
        .ok_or_else(|| unavailable("no ID token in the response".into()))?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce))
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
    Ok(Person {
        identity,
        email,
        email_verified,
        name,
    })
}
