//! sea-orm queries for projects. Every query is scoped by team.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::entity::{self, Entity as Projects};

/// The fields a caller may write.
pub struct ProjectFields<'a> {
    pub name: &'a str,
    pub name_key: &'a str,
    pub description: &'a str,
}

pub async fn list(db: &impl ConnectionTrait, team_id: i32) -> Result<Vec<entity::Model>, DbErr> {
    Projects::find()
        .filter(entity::Column::TeamId.eq(team_id))
        .order_by_asc(entity::Column::NameKey)
        .all(db)
        .await
}

pub async fn find(
    db: &impl ConnectionTrait,
    team_id: i32,
    id: i32,
) -> Result<Option<entity::Model>, DbErr> {
    Projects::find_by_id(id)
        .filter(entity::Column::TeamId.eq(team_id))
        .one(db)
        .await
}

pub async fn insert(
    db: &impl ConnectionTrait,
    team_id: i32,
    fields: ProjectFields<'_>,
) -> Result<entity::Model, DbErr> {
    let now = chrono::Utc::now();
    entity::ActiveModel {
        team_id: Set(team_id),
        name: Set(fields.name.to_owned()),
        name_key: Set(fields.name_key.to_owned()),
        description: Set(fields.description.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Updates the project and returns it, or `None` when the team has no such project.
pub async fn update(
    db: &impl ConnectionTrait,
    team_id: i32,
    id: i32,
    fields: ProjectFields<'_>,
) -> Result<Option<entity::Model>, DbErr> {
    let Some(row) = find(db, team_id, id).await? else {
        return Ok(None);
    };
    let mut project: entity::ActiveModel = row.into();
    project.name = Set(fields.name.to_owned());
    project.name_key = Set(fields.name_key.to_owned());
    project.description = Set(fields.description.to_owned());
    project.updated_at = Set(chrono::Utc::now());
    project.update(db).await.map(Some)
}

/// Deletes the project; false when the team has no such project.
pub async fn delete(db: &impl ConnectionTrait, team_id: i32, id: i32) -> Result<bool, DbErr> {
    let result = Projects::delete_many()
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::TeamId.eq(team_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}
