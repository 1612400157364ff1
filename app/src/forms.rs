//! Forms that work without JavaScript keep what the user typed when the server refuses them.
//!
//! A plain form post to a server function is answered with a redirect back to the page, with the
//! error in the URL (that is how Leptos does it). On failure we also put the submitted fields in
//! that URL under `form.<field>`, and the page puts them back into its inputs.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const FIELD_PREFIX: &str = "form.";

/// The value the user typed into `field` before a failed plain form post, if any.
pub fn submitted_value(field: &str) -> Option<String> {
    let query = use_query_map();
    let key = format!("{FIELD_PREFIX}{field}");
    query.with_untracked(|query| query.get(&key))
}

#[cfg(feature = "ssr")]
pub use server::{
    keep_form_input_on_error, keep_long_input_on_error, take_kept_input, take_session_value,
};

#[cfg(feature = "ssr")]
mod server {
    use http::{header, request::Parts, HeaderValue};
    use leptos::prelude::*;
    use leptos::server_fn::{error::ServerFnUrlError, ServerFn};
    use leptos_axum::ResponseOptions;

    use super::FIELD_PREFIX;
    use crate::error::AppError;

    /// Passes `result` through. When the request came from a plain HTML form, points the redirect
    /// back to the form: on failure at a URL that carries the error and the submitted `fields`, on
    /// success at the form's own URL without what an earlier failure left in it, unless the server
    /// function already redirected elsewhere (as sign-in does).
    pub fn keep_form_input_on_error<F: ServerFn, T>(
        result: Result<T, AppError>,
        fields: &[(&str, &str)],
    ) -> Result<T, AppError> {
        let (Some(request), Some(response)) =
            (use_context::<Parts>(), use_context::<ResponseOptions>())
        else {
            return result;
        };
        if !accepts_html(&request) || (result.is_ok() && redirects_elsewhere(&response)) {
            return result;
        }
        let Some(mut url) = request
            .headers
            .get(header::REFERER)
            .and_then(|referer| referer.to_str().ok())
            .and_then(|referer| url::Url::parse(referer).ok())
        else {
            return result;
        };
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(key, _)| !key.starts_with("__") && !key.starts_with(FIELD_PREFIX))
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .collect();
        url.set_query(None);
        if !kept.is_empty() {
            url.query_pairs_mut().extend_pairs(kept);
        }
        if let Err(error) = &result {
            {
                let mut query = url.query_pairs_mut();
                for (field, value) in fields {
                    query.append_pair(&format!("{FIELD_PREFIX}{field}"), value);
                }
            }
            match ServerFnUrlError::new(F::PATH, error.clone()).to_url(url.as_str()) {
                Ok(with_error) => url = with_error,
                Err(_) => return result,
            }
        }
        if let Ok(location) = HeaderValue::from_str(url.as_str()) {
            response.insert_header(header::LOCATION, location);
        }
        result
    }

    fn redirects_elsewhere(response: &ResponseOptions) -> bool {
        response
            .0
            .read()
            .is_ok_and(|parts| parts.headers.contains_key(header::LOCATION))
    }

    /// The most input kept for one form, as JSON. An ADR's sections are bounded well below this;
    /// larger input is not kept (the error still shows).
    pub const MAX_KEPT_INPUT_BYTES: usize = 256 * 1024;

    /// For fields too long for a URL: when a plain HTML form post of a signed-in user fails,
    /// keeps `value` in their session under `key`, for the page to put back with
    /// [`take_kept_input`]. A caller without a signed-in session gets no session for it:
    /// anonymous requests store nothing.
    pub async fn keep_long_input_on_error<T, V: serde::Serialize>(
        result: Result<T, AppError>,
        key: &str,
        value: &V,
    ) -> Result<T, AppError> {
        // Only input the caller was allowed to send and that was refused for what it says:
        // never after a 401/403/404, so nobody keeps drafts under keys of objects not theirs.
        let about_the_input = matches!(
            result,
            Err(AppError::Validation { .. } | AppError::Conflict { .. })
        );
        if about_the_input {
            let plain_form = use_context::<Parts>().is_some_and(|request| accepts_html(&request));
            if let (true, Some(session)) = (plain_form, signed_in_session()) {
                keep_in(&session, key, value).await;
            }
        }
        result
    }

    async fn keep_in<V: serde::Serialize>(session: &tower_sessions::Session, key: &str, value: &V) {
        let json = match serde_json::to_value(value) {
            Ok(json) => json,
            Err(error) => return tracing::warn!(%error, "could not encode the form's input"),
        };
        if json.to_string().len() > MAX_KEPT_INPUT_BYTES {
            return tracing::info!(key, "form input too large to keep");
        }
        if let Err(error) = session.insert_value(&kept_key(key), json).await {
            tracing::warn!(%error, "could not keep the form's input");
        }
    }

    /// The input kept by [`keep_long_input_on_error`] under `key`, removed as it is read.
    pub async fn take_kept_input<V: serde::de::DeserializeOwned>(key: &str) -> Option<V> {
        take(&session()?, &kept_key(key)).await
    }

    /// The value a plain route kept in the visitor's session under `key`, removed as it is read.
    pub async fn take_session_value<V: serde::de::DeserializeOwned>(key: &str) -> Option<V> {
        take(&session()?, key).await
    }

    /// Removes only what is there: a removal marks the session changed, and a changed session
    /// is written back to the database, so removing on every read would make every page that
    /// looks for kept input (an ADR's page, for an editor) a write.
    async fn take<V: serde::de::DeserializeOwned>(
        session: &tower_sessions::Session,
        key: &str,
    ) -> Option<V> {
        session.get_value(key).await.ok().flatten()?;
        session.remove(key).await.ok().flatten()
    }

    fn session() -> Option<tower_sessions::Session> {
        use_context::<Parts>()?
            .extensions
            .get::<crate::accounts::backend::AuthSession>()
            .map(|auth| auth.session.clone())
    }

    /// The session of a signed-in user; `None` for anonymous callers, who must not get one.
    fn signed_in_session() -> Option<tower_sessions::Session> {
        use_context::<Parts>()?
            .extensions
            .get::<crate::accounts::backend::AuthSession>()
            .filter(|auth| auth.user.is_some())
            .map(|auth| auth.session.clone())
    }

    fn kept_key(key: &str) -> String {
        format!("groundwork.kept_input.{key}")
    }

    pub(crate) fn accepts_html(request: &Parts) -> bool {
        request
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    }
}

/// Percent-encodes `value` for a query string (keeps `/` readable in paths).
pub fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
