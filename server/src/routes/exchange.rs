//! File downloads and the upload of the decision log: zip exports in three flavours, the JSON
//! backup, and the zip import. Plain routes (not server functions) because they carry files;
//! they ask the same authorisation rules as everything else before touching anything.
use app::{
    accounts::backend::AuthSession,
    auth::resolve_project_member,
    error::AppError,
    exchange::{
        archive,
        document::kebab,
        domain::{import_outcome_key, ImportLimits, ImportOutcome},
        service::{export_files, import_archive, project_backup, too_large},
        write::Flavour,
    },
    state::AppState,
    teams::domain::Role,
};
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    let limits = ImportLimits::default();
    Router::new()
        .route("/projects/{id}/export.zip", get(export_zip))
        .route("/projects/{id}/backup.json", get(backup))
        .route("/projects/{id}/ARCHITECTURE.md", get(architecture_document))
        .route(
            "/projects/{id}/import",
            // A little room above the file itself for the multipart framing.
            post(import).layer(DefaultBodyLimit::max(
                limits.max_upload_bytes as usize + 64 * 1024,
            )),
        )
}

/// An error as a short plain-text answer; its text is always safe to show.
pub fn error_response(error: AppError) -> Response {
    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.to_string()).into_response()
}

async fn member(
    state: &AppState,
    auth: &AuthSession,
    project_id: i32,
    needs: Role,
) -> Result<app::auth::Member, AppError> {
    let user = auth.user.as_ref().ok_or(AppError::Unauthorized)?;
    resolve_project_member(&state.db, user.id, project_id, needs).await
}

#[derive(Deserialize)]
struct ExportQuery {
    #[serde(default)]
    format: Option<String>,
}

async fn export_zip(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(project_id): Path<i32>,
    Query(query): Query<ExportQuery>,
) -> Response {
    let result = async {
        let member = member(&state, &auth, project_id, Role::Viewer).await?;
        let flavour = match query.format.as_deref() {
            None | Some("") => Flavour::default(),
            Some(raw) => Flavour::parse(raw).ok_or_else(|| {
                AppError::validation("format", "Choose the format madr, nygard or log4brains.")
            })?,
        };
        let project = app::projects::service::get_project(&state.db, &member, project_id).await?;
        let files = export_files(&state.db, &member, project_id, flavour).await?;
        let bytes = tokio::task::spawn_blocking(move || archive::pack(&files))
            .await
            .map_err(AppError::internal)??;
        let name = format!("{}-decisions-{}.zip", kebab(&project.name), flavour.id());
        Ok::<_, AppError>(attachment("application/zip", &name, bytes))
    }
    .await;
    result.unwrap_or_else(error_response)
}

async fn backup(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(project_id): Path<i32>,
) -> Response {
    let result = async {
        let member = member(&state, &auth, project_id, Role::Viewer).await?;
        let project = app::projects::service::get_project(&state.db, &member, project_id).await?;
        let backup = project_backup(&state.db, &member, project_id).await?;
        let bytes = serde_json::to_vec_pretty(&backup).map_err(AppError::internal)?;
        let name = format!("{}-backup.json", kebab(&project.name));
        Ok::<_, AppError>(attachment("application/json", &name, bytes))
    }
    .await;
    result.unwrap_or_else(error_response)
}

async fn architecture_document(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(project_id): Path<i32>,
) -> Response {
    let result = async {
        let member = member(&state, &auth, project_id, Role::Viewer).await?;
        let view = app::architecture::service::architecture(&state.db, &member, project_id).await?;
        let text =
            app::architecture::markdown::architecture_markdown(&view, &state.security.public_url);
        Ok::<_, AppError>(attachment(
            "text/markdown; charset=utf-8",
            "ARCHITECTURE.md",
            text.into_bytes(),
        ))
    }
    .await;
    result.unwrap_or_else(error_response)
}

/// A download: the browser saves it under `file_name` instead of showing it.
pub fn attachment(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// Takes the zip from the form field `archive`. A browser's form post is sent back to the
/// project's export page, which shows the report; other clients get the report as JSON
/// (200 when stored, 422 when nothing was).
async fn import(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(project_id): Path<i32>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let from_browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    // Who is asking comes first: nothing of the upload is read for a caller who may not import.
    let member = match member(&state, &auth, project_id, Role::Editor).await {
        Ok(member) => member,
        Err(error) if from_browser && error == AppError::Unauthorized => {
            return Redirect::to("/sign-in").into_response()
        }
        Err(error) => return error_response(error),
    };
    let limits = ImportLimits::default();
    let outcome = match read_archive(multipart, &limits).await {
        Ok(bytes) => import_archive(&state.db, &member, project_id, &bytes, &limits).await,
        Err(error) => Err(error),
    };
    if from_browser {
        let outcome = match outcome {
            Ok(report) => ImportOutcome::Report(report),
            Err(error) => ImportOutcome::Refused(error.to_string()),
        };
        if let Err(error) = auth
            .session
            .insert(&import_outcome_key(project_id), outcome)
            .await
        {
            tracing::warn!(%error, "could not keep the import report for the page");
        }
        return Redirect::to(&format!("/projects/{project_id}/exchange")).into_response();
    }
    match outcome {
        Ok(report) if report.stored => Json(report).into_response(),
        Ok(report) => (StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response(),
        Err(error) => error_response(error),
    }
}

/// The bytes of the form field `archive`, refused when over the upload limit.
async fn read_archive(
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    limits: &ImportLimits,
) -> Result<Vec<u8>, AppError> {
    let bad = |message: &str| AppError::validation("archive", message);
    let mut multipart =
        multipart.map_err(|_| bad("Send the zip file as a form upload (multipart/form-data)."))?;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(bad("Choose a zip file to import.")),
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large(limits))
            }
            Err(_) => return Err(bad("The upload was cut off; please try again.")),
        };
        if field.name() != Some("archive") {
            continue;
        }
        let bytes = field.bytes().await.map_err(|error| {
            if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large(limits)
            } else {
                bad("The upload was cut off; please try again.")
            }
        })?;
        if bytes.is_empty() {
            return Err(bad("Choose a zip file to import."));
        }
        return Ok(bytes.to_vec());
    }
}
