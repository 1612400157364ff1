//! The session summary as a markdown file.
use app::{
    accounts::backend::AuthSession, planning::markdown::summary_markdown, state::AppState,
    teams::domain::Role,
};
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};

use crate::routes::exchange::{error_response, member};

async fn markdown_response(
    state: &AppState,
    auth: &AuthSession,
    project_id: i32,
    session_id: i32,
) -> Result<Response, app::error::AppError> {
    let member = member(state, auth, project_id, Role::Viewer).await?;
    let summary =
        app::planning::service::session_summary(&state.db, &member, project_id, session_id).await?;
    let day = summary.started_at.get(..10).unwrap_or("session").to_owned();
    let name = format!("planning-session-{day}-{session_id}.md");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/markdown; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        summary_markdown(&summary),
    )
        .into_response())
}

pub async fn summary_download(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((project_id, session_id)): Path<(i32, i32)>,
) -> Response {
    markdown_response(&state, &auth, project_id, session_id)
        .await
        .unwrap_or_else(error_response)
}
