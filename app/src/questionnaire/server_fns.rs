//! The questionnaire endpoints. Each one: who is asking, then the service.
use leptos::prelude::*;

use super::{
    profile::{Profile, ProfileForm},
    views::{ProfileView, Progress, QuestionView, ResultsView, TopicView},
};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    auth::member_for_project, forms::keep_form_input_on_error, state::app_state,
    teams::domain::Role,
};

#[server(endpoint = "questionnaire_progress")]
pub async fn questionnaire_progress(project_id: i32) -> Result<Progress, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    super::service::progress_of(&app_state()?.db, &member, project_id).await
}

#[server(endpoint = "get_profile")]
pub async fn get_profile(project_id: i32) -> Result<ProfileView, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    super::service::profile_view(&app_state()?.db, &member, project_id).await
}

#[server(endpoint = "save_profile")]
pub async fn save_profile(
    project_id: i32,
    version: i32,
    profile: ProfileForm,
) -> Result<Profile, AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        super::service::save_profile(&app_state()?.db, &member, project_id, &profile, version).await
    }
    .await;
    let saved = result.is_ok();
    let clients = profile.clients.join(",");
    let compliance = profile.compliance.join(",");
    let skills = profile.skills.join(",");
    let result = keep_form_input_on_error::<SaveProfile, _>(
        result,
        &[
            ("team_size", &profile.team_size),
            ("experience", &profile.experience),
            ("expected_users", &profile.expected_users),
            ("budget", &profile.budget),
            ("data_shape", &profile.data_shape),
            ("time_to_market", &profile.time_to_market),
            ("clients", &clients),
            ("compliance", &compliance),
            ("skills", &skills),
        ],
    );
    if saved {
        // On to the questions (with JavaScript too: the router follows the redirect).
        let first_topic = &super::catalog::embedded().topics[0].id;
        leptos_axum::redirect(&format!("/projects/{project_id}/topics/{first_topic}"));
    }
    result
}

#[server(endpoint = "get_topic")]
pub async fn get_topic(project_id: i32, topic_id: String) -> Result<TopicView, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    super::service::topic_view(&app_state()?.db, &member, project_id, &topic_id).await
}

#[server(endpoint = "save_answer")]
pub async fn save_answer(
    project_id: i32,
    question_id: String,
    version: i32,
    #[server(default)] value: String,
    #[server(default)] note: String,
    // What was typed next to "Other" (the form sends it with `value=other`).
    #[server(default)] other: String,
) -> Result<QuestionView, AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        let db = &app_state()?.db;
        let value = match value.trim() {
            super::catalog::OTHER_ID => format!("{}{}", super::catalog::OTHER_PREFIX, other),
            _ => value.clone(),
        };
        super::service::save_answer(
            db,
            &member,
            project_id,
            &question_id,
            &value,
            &note,
            version,
        )
        .await
    }
    .await;
    let value_field = format!("value.{question_id}");
    let note_field = format!("note.{question_id}");
    let other_field = format!("other.{question_id}");
    keep_form_input_on_error::<SaveAnswer, _>(
        result,
        &[
            ("question", &question_id),
            (&value_field, &value),
            (&note_field, &note),
            (&other_field, &other),
        ],
    )
}

#[server(endpoint = "mark_topic")]
pub async fn mark_topic(
    project_id: i32,
    topic_id: String,
    mark: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let result = async {
        let member = member_for_project(project_id, Role::Editor).await?;
        let mark = super::service::TopicMark::parse(&mark)?;
        super::service::mark_topic(
            &app_state()?.db,
            &member,
            project_id,
            &topic_id,
            mark,
            &reason,
        )
        .await
    }
    .await;
    let result = keep_form_input_on_error::<MarkTopic, _>(result, &[("reason", &reason)]);
    if result.is_ok() && mark == "skipped" {
        let catalog = super::catalog::embedded();
        let next = catalog
            .topics
            .iter()
            .skip_while(|topic| topic.id != topic_id)
            .nth(1)
            .map_or_else(
                || format!("/projects/{project_id}/results"),
                |topic| format!("/projects/{project_id}/topics/{}", topic.id),
            );
        leptos_axum::redirect(&next);
    }
    result
}

#[server(endpoint = "get_results")]
pub async fn get_results(project_id: i32) -> Result<ResultsView, AppError> {
    let member = member_for_project(project_id, Role::Viewer).await?;
    super::service::results(&app_state()?.db, &member, project_id).await
}
