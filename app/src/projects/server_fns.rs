//! The project endpoints. Each one: who is asking, then the service.
use leptos::prelude::*;

use super::domain::Project;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    auth::{member_for_project, member_of_team},
    forms::keep_form_input_on_error,
    state::app_state,
    teams::domain::Role,
};

#[server(endpoint = "list_projects")]
pub async fn list_projects(team_id: i32) -> Result<Vec<Project>, AppError> {
    let member = member_of_team(team_id, Role::Viewer).await?;
    super::service::list_projects(&app_state()?.db, &member).await
}

#[server(endpoint = "get_project")]
pub async fn get_project(id: i32) -> Result<Project, AppError> {
    let member = member_for_project(id, Role::Viewer).await?;
    super::service::get_project(&app_state()?.db, &member, id).await
}

#[server(endpoint = "create_project")]
pub async fn create_project(
    team_id: i32,
    name: String,
    description: String,
) -> Result<Project, AppError> {
    let result = async {
        let member = member_of_team(team_id, Role::Editor).await?;
        super::service::create_project(&app_state()?.db, &member, &name, &description).await
    }
    .await;
    let result = keep_form_input_on_error::<CreateProject, _>(
        result,
        &[("name", &name), ("description", &description)],
    );
    // A new project opens at once (with JavaScript too: the router follows the redirect).
    if let Ok(project) = &result {
        leptos_axum::redirect(&format!("/projects/{}", project.id));
    }
    result
}

#[server(endpoint = "update_project")]
pub async fn update_project(
    id: i32,
    name: String,
    description: String,
) -> Result<Project, AppError> {
    let result = async {
        let member = member_for_project(id, Role::Editor).await?;
        super::service::update_project(&app_state()?.db, &member, id, &name, &description).await
    }
    .await;
    keep_form_input_on_error::<UpdateProject, _>(
        result,
        &[("name", &name), ("description", &description)],
    )
}

#[server(endpoint = "delete_project")]
pub async fn delete_project(id: i32) -> Result<(), AppError> {
    let member = member_for_project(id, Role::Owner).await?;
    super::service::delete_project(&app_state()?.db, &member, id).await?;
    leptos_axum::redirect(&format!("/teams/{}", member.team_id));
    Ok(())
}
