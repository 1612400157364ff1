//! File downloads of the decision log: zip exports in four flavours, the JSON backup and
//! ARCHITECTURE.md; the uploads (import, restore) are in `uploads.rs`. Plain routes (not server
//! functions) because they carry files; they ask the same authorisation rules as everything
//! else before touching anything.
use app::{
    accounts::backend::AuthSession,
    auth::resolve_project_member,
    error::AppError,
    exchange::{
        archive,
        document::kebab,
        service::{export_files, project_backup},
        write::Flavour,
    },
    state::AppState,
    teams::domain::Role,
};
use axum::{
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/projects/{id}/export.zip", get(export_zip))
        .route("/projects/{id}/backup.json", get(backup))
        .route("/projects/{id}/ARCHITECTURE.md", get(architecture_document))
        .merge(super::uploads::routes())
}

/// An error as a short plain-text answer; its text is always safe to show.
pub fn error_response(error: AppError) -> Response {
    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.to_string()).into_response()
}

pub(crate) async fn member(
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
                AppError::validation(
                    "format",
                    "Choose the format madr, nygard, log4brains or madr2.",
                )
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
