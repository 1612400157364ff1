//! What wraps every request: logging, panics turned into a 500 page, and honest status codes for
//! failed server functions.
use std::any::Any;

use app::{accounts::backend::AccountsBackend, error::AppError};
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    Router,
};
use axum_login::AuthManagerLayer;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    trace::{DefaultOnResponse, TraceLayer},
    LatencyUnit,
};
use tracing::Level;

use crate::{
    security,
    sessions::{DatabaseSessionStore, SessionSettings},
};

/// Server functions answer every error with 500 and the error in the body; this is the one place
/// that gives each error its real status (422 for a bad field, 404 for an unknown id, ...).
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// Wraps the app's router, innermost first: honest statuses, the absolute session timeout,
/// sessions and sign-in; then, for the operations routes too (which must answer without the
/// database): the cross-site check, security headers, panics, request logging.
pub fn apply(
    app: Router,
    operations: Router,
    sessions: AuthManagerLayer<AccountsBackend, DatabaseSessionStore>,
    session_settings: SessionSettings,
    header_settings: security::HeaderSettings,
) -> Router {
    let app = app
        .layer(middleware::from_fn(status_from_server_fn_error))
        .layer(middleware::from_fn_with_state(
            session_settings,
            crate::sessions::enforce_timeouts,
        ))
        .layer(middleware::from_fn(
            crate::sessions::forbid_storing_personal_responses,
        ))
        .layer(sessions);
    Router::new()
        .fallback_service(app)
        .merge(operations)
        .layer(middleware::from_fn(security::reject_cross_site_writes))
        .layer(middleware::from_fn_with_state(
            header_settings,
            security::security_headers,
        ))
        .layer(CatchPanicLayer::custom(internal_error_page))
        .layer(middleware::from_fn(cache_static_files))
        // Brotli or gzip, as the browser accepts, for pages, JSON, JS, CSS and WASM (not for
        // images, bodies under 32 bytes, or files served from a precompressed twin). Level 4:
        // compressing on the fly must stay cheap next to rendering the page.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Micros)),
        )
}

/// The site's files (`/pkg/...`, the favicon) may be kept by any cache: for a year without
/// asking when their name carries their content's hash, checked before each use otherwise
/// (the answer is "not modified", without a body, until a release changes them).
async fn cache_static_files(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let cache_control = (path.starts_with("/pkg/") || path == "/favicon.svg")
        .then(|| crate::site_files::installed().cache_control(path));
    let mut response = next.run(request).await;
    let served = matches!(response.status(), StatusCode::OK | StatusCode::NOT_MODIFIED);
    if let Some(value) = cache_control.filter(|_| served) {
        if !response.headers().contains_key(header::CACHE_CONTROL) {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        }
    }
    response
}

async fn status_from_server_fn_error(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
        || response.status() != StatusCode::INTERNAL_SERVER_ERROR
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY_BYTES).await else {
        return internal_error_page(Box::new("unreadable server function error"));
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = match error {
            AppError::TooManyRequests {
                retry_after_seconds,
            } => Some(retry_after_seconds),
            AppError::Busy => Some(1),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn internal_error_page(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = detail, "a request handler panicked");
    let mut response = (
        StatusCode::INTERNAL_SERVER_ERROR,
        Html(internal_error_html()),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn internal_error_html() -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Something went wrong · Groundwork</title>
<link rel="stylesheet" href="{}"></head>
<body><main><h1>Something went wrong</h1>
<p>The server could not finish this request. Nothing you saved before is lost; please try again.</p>
<p><a href="/">Back to the projects</a></p></main></body></html>"#,
        crate::site_files::installed().stylesheet_href()
    )
}
