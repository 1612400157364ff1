//! The recommended architecture page's data. `ARCHITECTURE.md` is a plain route.
use leptos::prelude::*;

use super::domain::ArchitectureView;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    architecture::service, auth::member_for_project, state::app_state, teams::domain::Role,
};

#[server(endpoint = "get_architecture")]
pub async fn get_architecture(project_id: i32) -> Result<ArchitectureView, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    service::architecture(&app_state()?.db, &member, project_id).await
}
