//! The session page as it loads: the shared state, the caller's part in it, and the topic they
//! look at (the one the URL names, else the group's).
use sea_orm::DatabaseConnection;

use super::{join, session_state};
use crate::{
    auth::Member,
    error::AppError,
    planning::{live::LiveHub, views::SessionPageView},
    projects,
    questionnaire::{self, catalog::embedded},
    teams::domain::Role,
};

/// Opening the page joins the session.
pub async fn session_page(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
    session_id: i32,
    browsing: Option<&str>,
) -> Result<SessionPageView, AppError> {
    let project = projects::service::get_project(db, member, project_id).await?;
    join(db, live, member, project_id, session_id).await?;
    let state = session_state(db, member, project_id, session_id).await?;
    let shown = browsing
        .filter(|id| embedded().topic(id).is_some())
        .map(str::to_owned)
        .or_else(|| state.current_topic_id.clone());
    let topic = match shown {
        Some(id) => Some(questionnaire::service::topic_view(db, member, project_id, &id).await?),
        None => None,
    };
    Ok(SessionPageView {
        i_facilitate: state.facilitator_id == member.user_id && !state.ended,
        project_name: project.name,
        my_user_id: member.user_id,
        i_vote: member.role >= Role::Editor,
        topics: embedded()
            .topics
            .iter()
            .map(|t| (t.id.clone(), t.title.clone()))
            .collect(),
        topic,
        state,
    })
}
