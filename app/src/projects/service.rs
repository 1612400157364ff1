//! Business rules for projects: validation, uniqueness per team, not-found for other teams.
use sea_orm::{DatabaseConnection, DbErr, SqlErr, TransactionTrait};

use super::{
    domain::{Project, ProjectDescription, ProjectName},
    repository::{self, ProjectFields},
};
use crate::{auth::Member, error::AppError, teams::domain::Role};

pub async fn list_projects(
    db: &DatabaseConnection,
    member: &Member,
) -> Result<Vec<Project>, AppError> {
    let rows = repository::list(db, member.team_id).await?;
    Ok(rows
        .into_iter()
        .map(|row| as_seen_by(row, member))
        .collect())
}

pub async fn get_project(
    db: &DatabaseConnection,
    member: &Member,
    id: i32,
) -> Result<Project, AppError> {
    repository::find(db, member.team_id, id)
        .await?
        .map(|row| as_seen_by(row, member))
        .ok_or_else(project_not_found)
}

pub async fn create_project(
    db: &DatabaseConnection,
    member: &Member,
    name: &str,
    description: &str,
) -> Result<Project, AppError> {
    let name = ProjectName::parse(name)?;
    let description = ProjectDescription::parse(description)?;
    let key = name.key();
    let fields = ProjectFields {
        name: name.as_str(),
        name_key: &key,
        description: description.as_str(),
    };
    repository::insert(db, member.team_id, fields)
        .await
        .map(|row| as_seen_by(row, member))
        .map_err(|error| duplicate_name_or_internal(error, &name))
}

pub async fn update_project(
    db: &DatabaseConnection,
    member: &Member,
    id: i32,
    name: &str,
    description: &str,
) -> Result<Project, AppError> {
    let name = ProjectName::parse(name)?;
    let description = ProjectDescription::parse(description)?;
    let key = name.key();
    let fields = ProjectFields {
        name: name.as_str(),
        name_key: &key,
        description: description.as_str(),
    };
    repository::update(db, member.team_id, id, fields)
        .await
        .map_err(|error| duplicate_name_or_internal(error, &name))?
        .map(|row| as_seen_by(row, member))
        .ok_or_else(project_not_found)
}

pub async fn delete_project(
    db: &DatabaseConnection,
    member: &Member,
    id: i32,
) -> Result<(), AppError> {
    let transaction = db.begin().await?;
    crate::teams::service::lock_team_as(&transaction, member, Role::Owner).await?;
    if !repository::delete(&transaction, member.team_id, id).await? {
        return Err(project_not_found());
    }
    transaction.commit().await?;
    Ok(())
}

/// Removes a project that was made moments ago by the same request and failed to fill (the
/// demo); unlike [`delete_project`] it asks for no owner, since nothing in it is anyone's yet.
pub(crate) async fn discard_project(
    db: &DatabaseConnection,
    team_id: i32,
    id: i32,
) -> Result<(), AppError> {
    repository::delete(db, team_id, id).await?;
    Ok(())
}

fn as_seen_by(row: super::entity::Model, member: &Member) -> Project {
    Project {
        my_role: member.role,
        ..Project::from(row)
    }
}

fn project_not_found() -> AppError {
    AppError::not_found("The project")
}

/// The unique index on (team, lower-cased name) is the one judge of duplicates, so two people
/// creating the same name at once cannot both succeed.
fn duplicate_name_or_internal(error: DbErr, name: &ProjectName) -> AppError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::validation(
            "name",
            format!("This team already has a project named “{}”.", name.as_str()),
        ),
        _ => error.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::database_with_member;

    #[tokio::test]
    async fn projects_are_listed_by_name_whatever_their_case() {
        let (db, member) = database_with_member().await;
        for name in ["beta", "Alpha", "gamma"] {
            create_project(&db, &member, name, "").await.unwrap();
        }
        let names: Vec<String> = list_projects(&db, &member)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Alpha", "beta", "gamma"]);
    }

    #[tokio::test]
    async fn renaming_to_another_projects_name_is_refused_and_changes_nothing() {
        let (db, member) = database_with_member().await;
        create_project(&db, &member, "Search", "").await.unwrap();
        let other = create_project(&db, &member, "Billing", "money")
            .await
            .unwrap();
        let error = update_project(&db, &member, other.id, "search", "")
            .await
            .unwrap_err();
        assert!(error.message_for_field("name").is_some());
        assert_eq!(get_project(&db, &member, other.id).await.unwrap(), other);
    }

    #[tokio::test]
    async fn a_project_keeps_its_own_name_when_only_the_case_changes() {
        let (db, member) = database_with_member().await;
        let project = create_project(&db, &member, "search", "").await.unwrap();
        let renamed = update_project(&db, &member, project.id, "Search", "")
            .await
            .unwrap();
        assert_eq!(renamed.name, "Search");
    }

    #[tokio::test]
    async fn a_member_of_another_team_sees_not_found() {
        let (db, member) = database_with_member().await;
        let project = create_project(&db, &member, "Private", "").await.unwrap();
        let stranger = Member {
            team_id: member.team_id + 1,
            ..member.clone()
        };
        assert!(matches!(
            get_project(&db, &stranger, project.id).await,
            Err(AppError::NotFound { .. })
        ));
        assert!(matches!(
            delete_project(&db, &stranger, project.id).await,
            Err(AppError::NotFound { .. })
        ));
        assert!(list_projects(&db, &stranger).await.unwrap().is_empty());
    }
}
