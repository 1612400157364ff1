//! The planning-session endpoints. Each one: who is asking (a member of the project's team, with
//! the role the action needs), then the service. Forms post here without JavaScript too.
use leptos::prelude::*;

use super::{
    domain::SessionListing,
    views::{SessionPageView, SessionSummary},
};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    auth::member_for_project, forms::keep_form_input_on_error, state::app_state,
    teams::domain::Role,
};

#[cfg(feature = "ssr")]
fn session_url(project_id: i32, session_id: i32) -> String {
    format!("/projects/{project_id}/sessions/{session_id}")
}

#[server(endpoint = "list_planning_sessions")]
pub async fn list_planning_sessions(project_id: i32) -> Result<Vec<SessionListing>, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    super::service::project_sessions(&app_state()?.db, &member, project_id).await
}

/// Starts a session (or finds the running one) and opens it.
#[server(endpoint = "start_planning_session")]
pub async fn start_planning_session(project_id: i32) -> Result<i32, AppError> {
    let member = member_for_project(project_id, Role::Editor).await?;
    let state = app_state()?;
    let id = super::service::start_session(&state.db, &state.live, &member, project_id).await?;
    leptos_axum::redirect(&session_url(project_id, id));
    Ok(id)
}

/// The session page, with the topic `topic` names (else the group's); opening it joins.
#[server(endpoint = "get_planning_session")]
pub async fn get_planning_session(
    project_id: i32,
    session_id: i32,
    #[server(default)] topic: String,
) -> Result<SessionPageView, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    let state = app_state()?;
    let browsing = Some(topic.trim()).filter(|t| !t.is_empty());
    super::service::session_page(
        &state.db,
        &state.live,
        &member,
        project_id,
        session_id,
        browsing,
    )
    .await
}

#[server(endpoint = "cast_session_vote")]
pub async fn cast_session_vote(
    project_id: i32,
    session_id: i32,
    question_id: String,
    #[server(default)] value: String,
    #[server(default)] other: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        let state = app_state()?;
        let value = with_other(&value, &other);
        super::service::cast_vote(
            &state.db,
            &state.live,
            &member,
            project_id,
            session_id,
            &question_id,
            &value,
            &comment,
        )
        .await
    }
    .await;
    keep_form_input_on_error::<CastSessionVote, _>(
        result,
        &[
            ("question", &question_id),
            ("comment", &comment),
            ("other", &other),
        ],
    )
}

#[cfg(feature = "ssr")]
fn with_other(value: &str, other: &str) -> String {
    use crate::questionnaire::catalog::{OTHER_ID, OTHER_PREFIX};
    match value.trim() {
        OTHER_ID => format!("{OTHER_PREFIX}{other}"),
        value => value.to_owned(),
    }
}

#[server(endpoint = "move_planning_session")]
pub async fn move_planning_session(
    project_id: i32,
    session_id: i32,
    topic_id: String,
    #[server(default)] timebox_minutes: String,
) -> Result<(), AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        let timebox = match timebox_minutes.trim() {
            "" => None,
            raw => Some(raw.parse::<i32>().map_err(|_| {
                AppError::validation("timebox_minutes", "Give the timebox in whole minutes.")
            })?),
        };
        let state = app_state()?;
        super::service::move_group(
            &state.db,
            &state.live,
            &member,
            project_id,
            session_id,
            &topic_id,
            timebox,
        )
        .await
    }
    .await;
    keep_form_input_on_error::<MovePlanningSession, _>(
        result,
        &[("timebox_minutes", &timebox_minutes)],
    )
}

#[server(endpoint = "record_session_answer")]
pub async fn record_session_answer(
    project_id: i32,
    session_id: i32,
    question_id: String,
    #[server(default)] value: String,
    #[server(default)] other: String,
    #[server(default)] decision_makers: String,
) -> Result<(), AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        let who = super::service::DecisionMakers::parse(&decision_makers)?;
        let state = app_state()?;
        super::service::record_answer(
            &state.db,
            &state.live,
            &member,
            project_id,
            session_id,
            &question_id,
            &with_other(&value, &other),
            who,
        )
        .await
    }
    .await;
    keep_form_input_on_error::<RecordSessionAnswer, _>(result, &[("question", &question_id)])
}

#[server(endpoint = "end_planning_session")]
pub async fn end_planning_session(project_id: i32, session_id: i32) -> Result<(), AppError> {
    let member = member_for_project(project_id, Role::Editor).await?;
    let state = app_state()?;
    super::service::end_session(&state.db, &state.live, &member, project_id, session_id).await?;
    leptos_axum::redirect(&format!("{}/summary", session_url(project_id, session_id)));
    Ok(())
}

/// Idle while the page is hidden; sent by the page itself.
#[server(endpoint = "planning_presence")]
pub async fn planning_presence(
    project_id: i32,
    session_id: i32,
    idle: bool,
) -> Result<(), AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    let state = app_state()?;
    super::service::set_idle(
        &state.db,
        &state.live,
        &member,
        project_id,
        session_id,
        idle,
    )
    .await
}

#[server(endpoint = "get_session_summary")]
pub async fn get_session_summary(
    project_id: i32,
    session_id: i32,
) -> Result<SessionSummary, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    super::service::session_summary(&app_state()?.db, &member, project_id, session_id).await
}
