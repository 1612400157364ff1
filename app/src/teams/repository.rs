//! sea-orm queries for teams, memberships and invitations.
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, Set,
};

use super::{
    entity::{self, Entity as Teams},
    invitation_entity::{self as invitation, Entity as Invitations},
    membership_entity::{self as membership, Entity as Memberships},
};
use crate::accounts::entity::{self as user, Entity as Users};

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<entity::Model>, DbErr> {
    Teams::find_by_id(id).one(db).await
}

pub async fn insert(
    db: &impl ConnectionTrait,
    name: &str,
    slug: &str,
) -> Result<entity::Model, DbErr> {
    entity::ActiveModel {
        name: Set(name.to_owned()),
        slug: Set(slug.to_owned()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The teams `user_id` belongs to, with the membership, by team name.
pub async fn teams_of(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<(membership::Model, entity::Model)>, DbErr> {
    let rows = Memberships::find()
        .filter(membership::Column::UserId.eq(user_id))
        .find_also_related(Teams)
        .all(db)
        .await?;
    let mut teams: Vec<_> = rows
        .into_iter()
        .filter_map(|(member, team)| team.map(|team| (member, team)))
        .collect();
    teams.sort_by_key(|(_, team)| team.name.to_lowercase());
    Ok(teams)
}

pub async fn membership(
    db: &impl ConnectionTrait,
    team_id: i32,
    user_id: i32,
) -> Result<Option<membership::Model>, DbErr> {
    Memberships::find()
        .filter(membership::Column::TeamId.eq(team_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await
}

/// The members of a team with their accounts, by display name.
pub async fn members(
    db: &impl ConnectionTrait,
    team_id: i32,
) -> Result<Vec<(membership::Model, user::Model)>, DbErr> {
    let rows = Memberships::find()
        .filter(membership::Column::TeamId.eq(team_id))
        .find_also_related(Users)
        .all(db)
        .await?;
    let mut members: Vec<_> = rows
        .into_iter()
        .filter_map(|(member, user)| user.map(|user| (member, user)))
        .collect();
    members.sort_by_key(|(_, user)| user.display_name.to_lowercase());
    Ok(members)
}

pub async fn insert_membership(
    db: &impl ConnectionTrait,
    team_id: i32,
    user_id: i32,
    role: &str,
) -> Result<membership::Model, DbErr> {
    membership::ActiveModel {
        team_id: Set(team_id),
        user_id: Set(user_id),
        role: Set(role.to_owned()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn count_owners(db: &impl ConnectionTrait, team_id: i32) -> Result<u64, DbErr> {
    Memberships::find()
        .filter(membership::Column::TeamId.eq(team_id))
        .filter(membership::Column::Role.eq("owner"))
        .count(db)
        .await
}

/// Locks the team's row until the transaction ends (PostgreSQL; SQLite serialises writers), so
/// that two owners changing roles at once cannot both remove the last owner.
pub async fn lock_team(db: &impl ConnectionTrait, team_id: i32) -> Result<(), DbErr> {
    Teams::update_many()
        .col_expr(entity::Column::Name, Expr::col(entity::Column::Name))
        .filter(entity::Column::Id.eq(team_id))
        .exec(db)
        .await
        .map(drop)
}

pub async fn set_role(
    db: &impl ConnectionTrait,
    team_id: i32,
    user_id: i32,
    role: &str,
) -> Result<bool, DbErr> {
    let result = Memberships::update_many()
        .col_expr(membership::Column::Role, Expr::value(role))
        .filter(membership::Column::TeamId.eq(team_id))
        .filter(membership::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn delete_membership(
    db: &impl ConnectionTrait,
    team_id: i32,
    user_id: i32,
) -> Result<bool, DbErr> {
    let result = Memberships::delete_many()
        .filter(membership::Column::TeamId.eq(team_id))
        .filter(membership::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub struct NewInvitation<'a> {
    pub team_id: i32,
    pub role: &'a str,
    pub token_hash: &'a str,
    pub created_by: i32,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

pub async fn insert_invitation(
    db: &impl ConnectionTrait,
    new: NewInvitation<'_>,
) -> Result<invitation::Model, DbErr> {
    invitation::ActiveModel {
        team_id: Set(new.team_id),
        role: Set(new.role.to_owned()),
        token_hash: Set(new.token_hash.to_owned()),
        created_by: Set(new.created_by),
        expires_at: Set(new.expires_at),
        used_at: Set(None),
        used_by: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_invitation(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<invitation::Model>, DbErr> {
    Invitations::find()
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// Marks the invitation with this token hash used, only if it is unused and unexpired; false
/// when it is not (unknown, used first by someone else, or expired). Being a write, it takes the
/// database's write lock (SQLite) or the row's (PostgreSQL) first, so two people using the link
/// at once queue here instead of colliding later.
pub async fn claim_invitation(
    db: &impl ConnectionTrait,
    token_hash: &str,
    user_id: i32,
) -> Result<bool, DbErr> {
    let now = chrono::Utc::now();
    let result = Invitations::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(now))
        .col_expr(invitation::Column::UsedBy, Expr::value(user_id))
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The team a project belongs to: the first step of every project-scoped authorisation check.
pub async fn team_of_project(
    db: &impl ConnectionTrait,
    project_id: i32,
) -> Result<Option<i32>, DbErr> {
    use crate::projects::entity::{Column, Entity as Projects};
    Projects::find_by_id(project_id)
        .select_only()
        .column(Column::TeamId)
        .into_tuple::<i32>()
        .one(db)
        .await
}
