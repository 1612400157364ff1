//! The export and import page's data. Downloads and the upload itself are plain routes
//! (`server/src/routes/exchange.rs`), because they carry files.
use leptos::prelude::*;

use super::domain::ExchangeView;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    auth::member_for_project,
    exchange::domain::{import_outcome_key, ImportLimits},
    forms::take_session_value,
    state::app_state,
    teams::domain::Role,
};

/// The project's export choices, whether the caller may import, and the report of their last
/// import (shown once).
#[server(endpoint = "get_exchange")]
pub async fn get_exchange(project_id: i32) -> Result<ExchangeView, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    let db = &app_state()?.db;
    let project = crate::projects::service::get_project(db, &member, project_id).await?;
    let adrs = crate::decisions::service::project_titles(db, &member, project_id).await?;
    Ok(ExchangeView {
        project_id,
        project_name: project.name,
        adr_count: adrs.len(),
        can_import: member.role >= Role::Editor,
        limits: ImportLimits::default(),
        outcome: take_session_value(&import_outcome_key(project_id)).await,
    })
}
