use sea_orm::{DatabaseConnection, DbErr};

use super::repository;

const DEFAULT_TEAM_SLUG: &str = "default";

/// Returns the id of the default team, creating it on the first run.
pub async fn ensure_default_team(db: &DatabaseConnection) -> Result<i32, DbErr> {
    if let Some(team) = repository::find_by_slug(db, DEFAULT_TEAM_SLUG).await? {
        return Ok(team.id);
    }
    match repository::insert(db, "Default team", DEFAULT_TEAM_SLUG).await {
        Ok(team) => Ok(team.id),
        // Another replica created it at the same moment: use theirs.
        Err(error) if error.sql_err().is_some() => repository::find_by_slug(db, DEFAULT_TEAM_SLUG)
            .await?
            .map(|team| team.id)
            .ok_or(error),
        Err(error) => Err(error),
    }
}
