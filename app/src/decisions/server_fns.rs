//! The decision log endpoints. Each one: who is asking (and their role in the project's team),
//! then the service.
use leptos::prelude::*;

use super::domain::{AdrForm, AdrLogPage, AdrView, FieldDiff, RevisionSummary};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    auth::member_for_project,
    decisions::service,
    forms::{keep_form_input_on_error, keep_long_input_on_error, take_kept_input},
    state::app_state,
    teams::domain::Role,
};

#[server(endpoint = "list_adrs")]
pub async fn list_adrs(
    project_id: i32,
    #[server(default)] status: String,
    #[server(default)] topic: String,
    #[server(default)] q: String,
    #[server(default)] sort: String,
    #[server(default)] page: u64,
) -> Result<AdrLogPage, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    let filters = service::LogFilters {
        status,
        topic,
        q,
        sort,
        page,
    };
    service::log_page(&app_state()?.db, &member, project_id, &filters).await
}

#[server(endpoint = "get_adr")]
pub async fn get_adr(project_id: i32, number: i32) -> Result<AdrView, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    service::get_adr(&app_state()?.db, &member, project_id, number).await
}

/// The names an ADR's decision-makers are chosen from: the members of the project's team.
#[server(endpoint = "list_team_people")]
pub async fn list_team_people(project_id: i32) -> Result<Vec<String>, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    service::team_people(&app_state()?.db, &member).await
}

/// Writes a new ADR from scratch, then opens it.
#[server(endpoint = "create_adr")]
pub async fn create_adr(project_id: i32, adr: AdrForm) -> Result<i32, AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        service::create_adr(
            &app_state()?.db,
            &member,
            project_id,
            &adr,
            service::Origin::default(),
        )
        .await
    }
    .await;
    let result = keep_long_input_on_error(result, &draft_key(project_id, 0), &adr).await;
    let number = keep_form_input_on_error::<CreateAdr, _>(result.map(|s| s.number), &[])?;
    leptos_axum::redirect(&format!("/projects/{project_id}/decisions/{number}"));
    Ok(number)
}

/// Drafts an ADR per decision of an answered topic, then opens the first (or the log, when the
/// topic held several). Returns the first number.
#[server(endpoint = "generate_adr")]
pub async fn generate_adr(project_id: i32, topic_id: String) -> Result<i32, AppError> {
    let member = member_for_project(project_id, Role::Editor).await?;
    let state = app_state()?;
    let created = service::generate_from_topic(&state.db, &member, project_id, &topic_id).await;
    let created = keep_form_input_on_error::<GenerateAdr, _>(created, &[])?;
    let first = created.first().map_or(0, |adr| adr.number);
    if created.len() == 1 {
        leptos_axum::redirect(&format!("/projects/{project_id}/decisions/{first}"));
    } else {
        leptos_axum::redirect(&format!(
            "/projects/{project_id}/decisions?topic={topic_id}"
        ));
    }
    Ok(first)
}

#[server(endpoint = "update_adr")]
pub async fn update_adr(
    project_id: i32,
    number: i32,
    version: i32,
    adr: AdrForm,
) -> Result<AdrView, AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        service::update_adr(&app_state()?.db, &member, project_id, number, version, &adr).await
    }
    .await;
    let result = keep_long_input_on_error(result, &draft_key(project_id, number), &adr).await;
    keep_form_input_on_error::<UpdateAdr, _>(result, &[])
}

/// What was typed into the ADR form (`number` 0: the new-ADR form) before a plain form post
/// failed, once; `None` otherwise. Sections are too long to travel back in the URL.
#[server(endpoint = "take_adr_draft")]
pub async fn take_adr_draft(project_id: i32, number: i32) -> Result<Option<AdrForm>, AppError> {
    member_for_project(project_id, Role::Editor).await?;
    Ok(take_kept_input(&draft_key(project_id, number)).await)
}

#[server(endpoint = "change_adr_status")]
pub async fn change_adr_status(
    project_id: i32,
    number: i32,
    version: i32,
    status: String,
) -> Result<AdrView, AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        service::change_status(
            &app_state()?.db,
            &member,
            project_id,
            number,
            version,
            &status,
        )
        .await
    }
    .await;
    keep_form_input_on_error::<ChangeAdrStatus, _>(result, &[])
}

#[server(endpoint = "link_adrs")]
pub async fn link_adrs(
    project_id: i32,
    number: i32,
    kind: String,
    target: i32,
) -> Result<AdrView, AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        service::link_adrs(&app_state()?.db, &member, project_id, number, &kind, target).await
    }
    .await;
    keep_form_input_on_error::<LinkAdrs, _>(result, &[])
}

/// Markdown rendered and sanitised exactly as saving would.
#[server(endpoint = "preview_markdown")]
pub async fn preview_markdown(project_id: i32, markdown: String) -> Result<String, AppError> {
    member_for_project(project_id, Role::Viewer).await?;
    super::domain::check_section("markdown", &markdown)?;
    Ok(super::markdown::render(&markdown))
}

#[server(endpoint = "list_adr_revisions")]
pub async fn list_adr_revisions(
    project_id: i32,
    number: i32,
) -> Result<Vec<RevisionSummary>, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    service::list_revisions(&app_state()?.db, &member, project_id, number).await
}

#[server(endpoint = "diff_adr_revisions")]
pub async fn diff_adr_revisions(
    project_id: i32,
    number: i32,
    from: i32,
    to: i32,
) -> Result<Vec<FieldDiff>, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    service::diff_revisions(&app_state()?.db, &member, project_id, number, from, to).await
}

#[cfg(feature = "ssr")]
fn draft_key(project_id: i32, number: i32) -> String {
    format!("adr_draft.{project_id}.{number}")
}
