//! The uploads of the export page: the zip import (a preview first, then the confirmation) and
//! the restore of a JSON backup. Who is asking is checked before anything of the upload is read.
use app::{
    accounts::backend::AuthSession,
    error::AppError,
    exchange::{
        domain::{import_outcome_key, ImportLimits, ImportOutcome, PendingPreview},
        pending,
        service::{import_archive, restore_backup, too_large, ImportMode, MAX_BACKUP_BYTES},
    },
    state::AppState,
    teams::domain::Role,
};
use axum::{
    extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Json, Router,
};
use serde::Deserialize;

use super::exchange::{error_response, member};

pub fn routes() -> Router<AppState> {
    let limits = ImportLimits::default();
    Router::new()
        .route(
            "/projects/{id}/import",
            // A little room above the file itself for the multipart framing.
            post(import).layer(DefaultBodyLimit::max(
                limits.max_upload_bytes as usize + 64 * 1024,
            )),
        )
        .route("/projects/{id}/import/confirm", post(confirm_import))
        .route(
            "/projects/{id}/restore",
            post(restore).layer(DefaultBodyLimit::max(MAX_BACKUP_BYTES + 64 * 1024)),
        )
}

/// The caller as an editor of the project, or the answer that refuses them: a browser that is
/// not signed in is sent to sign in.
async fn editor(
    state: &AppState,
    auth: &AuthSession,
    project_id: i32,
    from_browser: bool,
) -> Result<app::auth::Member, Response> {
    match member(state, auth, project_id, Role::Editor).await {
        Ok(member) => Ok(member),
        Err(AppError::Unauthorized) if from_browser => {
            Err(Redirect::to("/sign-in").into_response())
        }
        Err(error) => Err(error_response(error)),
    }
}

#[derive(Deserialize)]
struct ImportQuery {
    /// For API clients: report what would be stored, store nothing.
    #[serde(default)]
    dry_run: bool,
}

/// Takes the zip from the form field `archive`. A browser's form post gets a preview: the upload
/// is kept (in the database, for whichever replica the confirmation reaches) and the export page
/// shows what would be stored, renumbered or skipped, with a button to confirm. Other clients
/// get the report as JSON: stored at once, or only previewed with `?dry_run=true`.
async fn import(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(project_id): Path<i32>,
    Query(query): Query<ImportQuery>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let from_browser = accepts_html(&headers);
    // Who is asking comes first: nothing of the upload is read for a caller who may not import.
    let member = match editor(&state, &auth, project_id, from_browser).await {
        Ok(member) => member,
        Err(refused) => return refused,
    };
    let limits = ImportLimits::default();
    let bytes = read_archive(multipart, &limits).await;
    if !from_browser {
        let mode = if query.dry_run {
            ImportMode::Preview
        } else {
            ImportMode::Store
        };
        let outcome = match bytes {
            Ok(bytes) => {
                import_archive(&state.db, &member, project_id, &bytes, &limits, mode).await
            }
            Err(error) => Err(error),
        };
        return match outcome {
            Ok(report) => Json(report).into_response(),
            Err(error) => error_response(error),
        };
    }
    let outcome = async {
        let bytes = bytes?;
        let report = import_archive(
            &state.db,
            &member,
            project_id,
            &bytes,
            &limits,
            ImportMode::Preview,
        )
        .await?;
        let token = pending::keep(&state.db, &member, project_id, bytes).await?;
        Ok::<_, AppError>(ImportOutcome::Preview(PendingPreview { token, report }))
    }
    .await
    .unwrap_or_else(refused);
    show_on_exchange_page(&auth, project_id, outcome).await
}

#[derive(Deserialize)]
struct ConfirmForm {
    token: String,
    /// `import` or `cancel`.
    action: String,
}

/// The preview's buttons: stores the kept upload (read again against the project as it is
/// now), or forgets it.
async fn confirm_import(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(project_id): Path<i32>,
    Form(form): Form<ConfirmForm>,
) -> Response {
    let member = match editor(&state, &auth, project_id, true).await {
        Ok(member) => member,
        Err(refused) => return refused,
    };
    let token = form.token.trim();
    if form.action == "cancel" {
        if let Err(error) = pending::discard(&state.db, &member, token).await {
            return error_response(error);
        }
        return Redirect::to(&format!("/projects/{project_id}/exchange")).into_response();
    }
    let limits = ImportLimits::default();
    let outcome = async {
        let bytes = pending::claim(&state.db, &member, project_id, token)
            .await?
            .ok_or_else(|| {
                AppError::validation(
                    "archive",
                    "This preview is no longer kept (an hour has passed, or it was imported or cancelled). Upload the archive again.",
                )
            })?;
        let report = import_archive(
            &state.db,
            &member,
            project_id,
            &bytes,
            &limits,
            ImportMode::Store,
        )
        .await?;
        Ok::<_, AppError>(ImportOutcome::Report(report))
    }
    .await
    .unwrap_or_else(refused);
    show_on_exchange_page(&auth, project_id, outcome).await
}

fn refused(error: AppError) -> ImportOutcome {
    ImportOutcome::Refused(error.to_string())
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// Keeps `outcome` in the session for the export page, and sends the browser there.
async fn show_on_exchange_page(
    auth: &AuthSession,
    project_id: i32,
    outcome: ImportOutcome,
) -> Response {
    if let Err(error) = auth
        .session
        .insert(&import_outcome_key(project_id), outcome)
        .await
    {
        tracing::warn!(%error, "could not keep the import report for the page");
    }
    Redirect::to(&format!("/projects/{project_id}/exchange")).into_response()
}

/// The bytes of the form field `archive`, refused when over the upload limit.
async fn read_archive(
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    limits: &ImportLimits,
) -> Result<Vec<u8>, AppError> {
    read_upload(multipart, "archive", "a zip file", || too_large(limits)).await
}

/// The bytes of the file field `name`; `too_large` when the body limit cut it off.
async fn read_upload(
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    name: &str,
    what: &str,
    too_large: impl Fn() -> AppError,
) -> Result<Vec<u8>, AppError> {
    let bad = |message: String| AppError::validation(name, message);
    let mut multipart = multipart.map_err(|_| {
        bad(format!(
            "Send {what} as a form upload (multipart/form-data)."
        ))
    })?;
    let cut_off = || bad("The upload was cut off; please try again.".into());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(bad(format!("Choose {what}."))),
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large())
            }
            Err(_) => return Err(cut_off()),
        };
        if field.name() != Some(name) {
            continue;
        }
        let bytes = field.bytes().await.map_err(|error| {
            if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                cut_off()
            }
        })?;
        if bytes.is_empty() {
            return Err(bad(format!("Choose {what}.")));
        }
        return Ok(bytes.to_vec());
    }
}

/// Restores a JSON backup as a new project in this project's team. A browser is sent to the
/// new project (or back to the export page with the reason it was refused); other clients get
/// `{"project_id", "name"}`.
async fn restore(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(project_id): Path<i32>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let from_browser = accepts_html(&headers);
    let member = match editor(&state, &auth, project_id, from_browser).await {
        Ok(member) => member,
        Err(refused) => return refused,
    };
    let too_large = || {
        AppError::validation(
            "backup",
            format!("Upload at most {} MiB.", MAX_BACKUP_BYTES / (1024 * 1024)),
        )
    };
    let outcome = match read_upload(multipart, "backup", "a backup file", too_large).await {
        Ok(bytes) => restore_backup(&state.db, &member, &bytes).await,
        Err(error) => Err(error),
    };
    match (outcome, from_browser) {
        (Ok(restored), true) => {
            Redirect::to(&format!("/projects/{}", restored.project_id)).into_response()
        }
        (Ok(restored), false) => Json(serde_json::json!({
            "project_id": restored.project_id,
            "name": restored.name,
            "adrs": restored.adrs,
            "revisions": restored.revisions,
        }))
        .into_response(),
        (Err(error), true) => {
            let outcome = ImportOutcome::RestoreRefused(error.to_string());
            show_on_exchange_page(&auth, project_id, outcome).await
        }
        (Err(error), false) => error_response(error),
    }
}
