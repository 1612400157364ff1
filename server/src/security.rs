//! Browser protections on every response, and the refusal of cross-site state changes.
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::nonce::Nonce;
use std::sync::Arc;

/// The per-request CSP nonce, for the page's inline hydration script.
#[derive(Clone)]
pub struct CspNonce(pub String);

/// What the security headers depend on.
#[derive(Clone)]
pub struct HeaderSettings {
    /// The app is served over https (`PUBLIC_URL`): browsers are told to stay on https.
    pub https: bool,
    /// The single sign-on provider's origin (`https://idp.example.com`), where a form post may
    /// end up: linking an organisation account confirms the password, then redirects there.
    pub sign_on_origin: Option<Arc<str>>,
}

impl HeaderSettings {
    /// The settings for `public_url` and, when single sign-on is set up, its issuer's URL.
    pub fn new(public_url: &str, issuer_url: Option<&str>) -> Self {
        let sign_on_origin = issuer_url.and_then(origin_of).map(Arc::from);
        Self {
            https: public_url.starts_with("https://"),
            sign_on_origin,
        }
    }
}

/// `scheme://host[:port]` of `url`, if it has one (and nothing a policy could misread).
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    let plain = |text: &str| {
        !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    };
    (matches!(scheme, "http" | "https") && plain(host)).then(|| format!("{scheme}://{host}"))
}

/// How long browsers keep to https once told (two years, as the HSTS preload list asks).
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// Adds the security headers. The Content-Security-Policy allows scripts only from this site and
/// the inline script carrying this response's nonce; no framing by other sites. Over https,
/// `Strict-Transport-Security` too.
pub async fn security_headers(
    State(settings): State<HeaderSettings>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = Nonce::new().to_string();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let form_action = settings.sign_on_origin.as_deref().unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         form-action 'self' {form_action}; base-uri 'none'; object-src 'none'; \
         frame-ancestors 'none'"
    );
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if settings.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    // A response that sets a cookie (sign-in, sign-out: the session layer adds it after the
    // inner no-store check has run) is nobody else's to keep.
    if headers.contains_key(header::SET_COOKIE) && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses (403) a state-changing request that a browser marked as coming from another site:
/// `Sec-Fetch-Site` other than same-origin/none, or an `Origin` that is not this host. Requests
/// without either header (command-line clients, old browsers on same-site forms) pass; SameSite
/// cookies cover those.
pub async fn reject_cross_site_writes(request: Request, next: Next) -> Response {
    if is_safe(request.method()) || is_same_site(&request) {
        return next.run(request).await;
    }
    tracing::warn!(
        method = %request.method(),
        path = %request.uri().path(),
        "refused a cross-site request"
    );
    (
        StatusCode::FORBIDDEN,
        "Cross-site requests are not allowed.",
    )
        .into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_site(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|origin| origin.split_once("://"))
        .map(|(_, rest)| rest.trim_end_matches('/'));
    matches!((origin_host, host), (Some(origin), Some(host)) if origin.eq_ignore_ascii_case(host))
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn only_a_plain_origin_goes_into_the_policy() {
        assert_eq!(
            origin_of("https://idp.example.com/realms/acme").as_deref(),
            Some("https://idp.example.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3901").as_deref(),
            Some("http://127.0.0.1:3901")
        );
        assert_eq!(origin_of("https://idp.example.com; script-src *"), None);
        assert_eq!(origin_of("javascript:alert(1)"), None);
    }
}
