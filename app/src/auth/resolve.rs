//! The authorisation rules themselves, independent of where the caller's identity came from
//! (a session for pages and server functions, or the command line).
use sea_orm::DatabaseConnection;

use super::Member;
use crate::{error::AppError, teams::domain::Role, teams::service};

/// `user_id` as a member of `team_id` with at least the role `needs`.
pub async fn resolve_team_member(
    db: &DatabaseConnection,
    user_id: i32,
    team_id: i32,
    needs: Role,
) -> Result<Member, AppError> {
    let role = team_role(db, user_id, team_id).await?;
    allow(user_id, team_id, role, needs)
}

/// `user_id` as a member of the team that owns `project_id`, with at least the role `needs`.
/// A project of another team answers exactly like one that does not exist.
pub async fn resolve_project_member(
    db: &DatabaseConnection,
    user_id: i32,
    project_id: i32,
    needs: Role,
) -> Result<Member, AppError> {
    let (team_id, role) = project_role(db, user_id, project_id).await?;
    allow(user_id, team_id, role, needs)
}

/// `user_id`'s role in `team_id`; 404 for a team they are not in.
pub(super) async fn team_role(
    db: &DatabaseConnection,
    user_id: i32,
    team_id: i32,
) -> Result<Role, AppError> {
    service::role_in_team(db, team_id, user_id)
        .await?
        .ok_or_else(|| AppError::not_found("The team"))
}

/// The team owning `project_id` and `user_id`'s role in it; 404 alike for a project that does
/// not exist and for one of a team they are not in.
pub(super) async fn project_role(
    db: &DatabaseConnection,
    user_id: i32,
    project_id: i32,
) -> Result<(i32, Role), AppError> {
    let not_found = || AppError::not_found("The project");
    let team_id = service::team_of_project(db, project_id)
        .await?
        .ok_or_else(not_found)?;
    let role = service::role_in_team(db, team_id, user_id)
        .await?
        .ok_or_else(not_found)?;
    Ok((team_id, role))
}

pub(super) fn allow(
    user_id: i32,
    team_id: i32,
    role: Role,
    needs: Role,
) -> Result<Member, AppError> {
    if role >= needs {
        Ok(Member {
            user_id,
            team_id,
            role,
        })
    } else {
        Err(AppError::Forbidden)
    }
}
