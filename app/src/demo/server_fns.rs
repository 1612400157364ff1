//! The endpoint behind "Load a demo project".
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{auth::member_of_team, state::app_state, teams::domain::Role};
use crate::{error::AppError, projects::domain::Project};

/// Creates the demo project in the team (editors and owners) and, for a plain form, opens it.
#[server(endpoint = "create_demo_project")]
pub async fn create_demo_project(team_id: i32) -> Result<Project, AppError> {
    let member = member_of_team(team_id, Role::Editor).await?;
    let project = super::service::create_demo_project(&app_state()?.db, &member).await?;
    leptos_axum::redirect(&format!("/projects/{}", project.id));
    Ok(project)
}
