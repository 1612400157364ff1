//! What the start of a single sign-on leaves for its callback: state, nonce, PKCE verifier and
//! where to go next, in a short-lived cookie rather than a session row, so that anonymous
//! visitors who start sign-ins (or scripts that start thousands) store nothing on the server.
//!
//! The cookie is HttpOnly and SameSite=Lax (the provider's redirect back is a top-level GET, so
//! it is sent). Tampering gains nothing: the state must match what the provider returns, the
//! verifier only works with the challenge the provider saw, and `next` is checked again.
use axum::http::{header, HeaderMap, HeaderValue};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};

/// A sign-in has this long to come back from the provider.
const MAX_AGE_SECONDS: u32 = 600;
/// A cookie larger than this is not ours (ours is a few hundred bytes).
const MAX_COOKIE_BYTES: usize = 4096;

#[derive(Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next: String,
    /// Set when a signed-in account asked to link its organisation account.
    #[serde(default)]
    pub link_user_id: Option<i32>,
}

/// The cookie's name: with the `__Host-` prefix over https, so that no other host or path can
/// set it.
fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-groundwork_oidc"
    } else {
        "groundwork_oidc"
    }
}

/// The `Set-Cookie` value that hands `pending` to the callback.
pub fn set_cookie(pending: &Pending, secure: bool) -> Option<HeaderValue> {
    let json = serde_json::to_vec(pending).ok()?;
    let value = URL_SAFE_NO_PAD.encode(json);
    let secure_attribute = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={MAX_AGE_SECONDS}{secure_attribute}",
        cookie_name(secure)
    ))
    .ok()
}

/// The `Set-Cookie` value that removes the cookie once the callback has read it.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    let secure_attribute = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure_attribute}",
        cookie_name(secure)
    ))
    .expect("a fixed cookie header is valid")
}

/// The pending sign-in the request's cookie carries, if it carries a readable one.
pub fn from_request(headers: &HeaderMap, secure: bool) -> Option<Pending> {
    let prefix = format!("{}=", cookie_name(secure));
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .map(str::trim)
        .filter_map(|pair| pair.strip_prefix(prefix.as_str()))
        .filter(|value| value.len() <= MAX_COOKIE_BYTES)
        .filter_map(|value| URL_SAFE_NO_PAD.decode(value).ok())
        .find_map(|json| serde_json::from_slice(&json).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> Pending {
        Pending {
            state: "s".into(),
            nonce: "n".into(),
            pkce_verifier: "v".into(),
            next: "/projects/1".into(),
            link_user_id: Some(4),
        }
    }

    #[test]
    fn the_cookie_carries_the_pending_sign_in_to_the_callback() {
        for secure in [false, true] {
            let set = set_cookie(&pending(), secure).unwrap();
            let set = set.to_str().unwrap();
            assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"));
            assert_eq!(set.contains("; Secure"), secure);
            assert_eq!(set.starts_with("__Host-"), secure);
            let pair = set.split(';').next().unwrap();
            let mut headers = HeaderMap::new();
            let cookie = format!("other=1; {pair}");
            headers.insert(header::COOKIE, HeaderValue::from_str(&cookie).unwrap());
            let read = from_request(&headers, secure).unwrap();
            assert_eq!((read.state.as_str(), read.link_user_id), ("s", Some(4)));
            assert!(from_request(&headers, !secure).is_none());
        }
    }

    #[test]
    fn a_garbled_cookie_is_no_pending_sign_in() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("groundwork_oidc=not-base64-json!"),
        );
        assert!(from_request(&headers, false).is_none());
    }
}
