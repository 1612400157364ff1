//! Reading and saving the project profile (versioned like answers).
use sea_orm::{DatabaseConnection, SqlErr};

use super::snapshot::Snapshot;
use crate::{
    auth::Member,
    error::AppError,
    questionnaire::{
        catalog::embedded,
        profile::{Profile, ProfileForm},
        repository,
        views::ProfileView,
    },
};

pub async fn profile_view(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<ProfileView, AppError> {
    let snapshot = Snapshot::load(db, member, project_id).await?;
    Ok(ProfileView {
        project: snapshot.project,
        profile: snapshot.profile,
        version: snapshot.profile_version,
        skills: embedded().skills.clone(),
        first_topic: embedded().topics[0].id.clone(),
    })
}

/// Saves the profile if nobody saved another since `expected_version` (0: none yet).
pub async fn save_profile(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    form: &ProfileForm,
    expected_version: i32,
) -> Result<Profile, AppError> {
    crate::projects::service::get_project(db, member, project_id).await?;
    let profile = Profile::parse(form, &embedded().skills)?;
    let data = serde_json::to_string(&profile).map_err(|error| {
        tracing::error!(%error, "the profile does not serialise");
        AppError::Internal
    })?;
    let saved = if expected_version == 0 {
        match repository::insert_profile(db, member.team_id, project_id, data).await {
            Ok(()) => true,
            Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                false
            }
            Err(error) => return Err(error.into()),
        }
    } else {
        repository::update_profile_if_version(
            db,
            member.team_id,
            project_id,
            data,
            expected_version,
        )
        .await?
    };
    if saved {
        Ok(profile)
    } else {
        Err(AppError::Conflict {
            message: "Someone else saved the profile while you were editing. Reload the page to see their version, \
                      then save yours again if it should win."
                .to_owned(),
        })
    }
}
