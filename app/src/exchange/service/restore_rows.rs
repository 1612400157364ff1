//! The rows a restore writes outside the decision log: the project, its profile, answers and
//! topic marks, with the versions and times the backup holds. Every query runs inside the
//! restore's transaction and is scoped by the team restored into.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::{
    error::AppError,
    exchange::backup_format::ProjectBackup,
    projects::{domain::ProjectName, entity as project},
    questionnaire::entity::{answer, profile_row, topic_mark},
};

/// `name`, or `name (restored)`, `name (restored 2)` ... when the team already has it.
pub async fn free_project_name(
    db: &impl ConnectionTrait,
    team_id: i32,
    name: &str,
) -> Result<String, AppError> {
    let taken: Vec<String> = project::Entity::find()
        .filter(project::Column::TeamId.eq(team_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.name_key)
        .collect();
    for attempt in 0..1_000 {
        let candidate = match attempt {
            0 => name.to_owned(),
            1 => format!("{name} (restored)"),
            n => format!("{name} (restored {n})"),
        };
        let Ok(parsed) = ProjectName::parse(&candidate) else {
            break;
        };
        if !taken.contains(&parsed.key()) {
            return Ok(parsed.as_str().to_owned());
        }
    }
    Err(AppError::validation(
        "backup",
        format!("The team already has a project named \"{name}\"; rename it, then restore."),
    ))
}

pub async fn insert_project(
    db: &impl ConnectionTrait,
    team_id: i32,
    name: &str,
    description: &str,
) -> Result<i32, AppError> {
    let key = ProjectName::parse(name)?.key();
    let now = chrono::Utc::now();
    let row = project::ActiveModel {
        team_id: Set(team_id),
        name: Set(name.to_owned()),
        name_key: Set(key),
        description: Set(description.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The profile, every answer and every topic mark, as the backup holds them.
pub async fn insert_questionnaire(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    backup: &ProjectBackup,
) -> Result<(), DbErr> {
    if let Some(profile) = &backup.profile {
        profile_row::ActiveModel {
            project_id: Set(project_id),
            team_id: Set(team_id),
            data: Set(serde_json::to_string(profile).unwrap_or_default()),
            version: Set(1),
            updated_at: Set(backup.exported_at),
        }
        .insert(db)
        .await?;
    }
    for entry in &backup.answers {
        answer::ActiveModel {
            team_id: Set(team_id),
            project_id: Set(project_id),
            topic_id: Set(entry.topic_id.clone()),
            question_id: Set(entry.question_id.clone()),
            value: Set(entry.value.clone()),
            note: Set(entry.note.clone()),
            catalog_version: Set(entry.catalog_version.clone()),
            version: Set(entry.version),
            updated_at: Set(entry.updated_at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for mark in &backup.topic_marks {
        topic_mark::ActiveModel {
            team_id: Set(team_id),
            project_id: Set(project_id),
            topic_id: Set(mark.topic_id.clone()),
            mark: Set(mark.mark.clone()),
            reason: Set(mark.reason.clone()),
            updated_at: Set(mark.updated_at.unwrap_or(backup.exported_at)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
