//! Uploads waiting for their importer to confirm the preview: the `pending_imports` table. A
//! row belongs to one person and one project of one team, and lives at most an hour.
use chrono::{Duration, Utc};
use sea_orm::{entity::prelude::*, Condition, Set};

use crate::{accounts::passwords::random_token, auth::Member, error::AppError};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pending_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub token: String,
    pub user_id: i32,
    pub team_id: i32,
    pub project_id: i32,
    pub archive: Vec<u8>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// How long an upload waits for its confirmation.
const KEPT_FOR: Duration = Duration::hours(1);

/// Keeps `archive` for `member`'s confirmation; returns the token that names it. Their earlier
/// upload to the project, and every upload older than an hour, are deleted.
pub async fn keep(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    archive: Vec<u8>,
) -> Result<String, AppError> {
    let now = Utc::now();
    Entity::delete_many()
        .filter(
            Condition::any()
                .add(Column::CreatedAt.lt(now - KEPT_FOR))
                .add(
                    Condition::all()
                        .add(Column::UserId.eq(member.user_id))
                        .add(Column::ProjectId.eq(project_id)),
                ),
        )
        .exec(db)
        .await?;
    let token = random_token();
    ActiveModel {
        token: Set(token.clone()),
        user_id: Set(member.user_id),
        team_id: Set(member.team_id),
        project_id: Set(project_id),
        archive: Set(archive),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Takes the upload `token` names, if it is `member`'s, for this project, and not expired: it is
/// deleted as it is taken, and only one request can take it, so a confirmation sent twice (a
/// double click, two tabs) imports once.
pub async fn claim(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    token: &str,
) -> Result<Option<Vec<u8>>, AppError> {
    let Some(archive) = find(db, member, project_id, token).await? else {
        return Ok(None);
    };
    let deleted = Entity::delete_many()
        .filter(Column::Token.eq(token))
        .filter(Column::UserId.eq(member.user_id))
        .exec(db)
        .await?;
    Ok((deleted.rows_affected == 1).then_some(archive))
}

/// The upload `token` names, if it is `member`'s, for this project, and not expired.
async fn find(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    token: &str,
) -> Result<Option<Vec<u8>>, AppError> {
    let row = Entity::find()
        .filter(Column::Token.eq(token))
        .filter(Column::UserId.eq(member.user_id))
        .filter(Column::TeamId.eq(member.team_id))
        .filter(Column::ProjectId.eq(project_id))
        .filter(Column::CreatedAt.gte(Utc::now() - KEPT_FOR))
        .one(db)
        .await?;
    Ok(row.map(|row| row.archive))
}

/// Deletes the upload `token` names, if it is `member`'s.
pub async fn discard(
    db: &DatabaseConnection,
    member: &Member,
    token: &str,
) -> Result<(), AppError> {
    Entity::delete_many()
        .filter(Column::Token.eq(token))
        .filter(Column::UserId.eq(member.user_id))
        .exec(db)
        .await?;
    Ok(())
}
