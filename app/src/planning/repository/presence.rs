//! Attendance and open streams.
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::planning::entity::{attendance, connection};

pub async fn attendance(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> Result<Vec<attendance::Model>, DbErr> {
    attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .order_by_asc(attendance::Column::Id)
        .all(db)
        .await
}

/// `user_id`'s presence in the session (joined, idle, left), if they came.
pub async fn presence_of(
    db: &impl ConnectionTrait,
    session_id: i32,
    user_id: i32,
) -> Result<Option<String>, DbErr> {
    Ok(attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .filter(attendance::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|row| row.status))
}

/// Sets `user_id`'s presence; returns whether it changed.
pub async fn set_presence(
    db: &impl ConnectionTrait,
    session_id: i32,
    user_id: i32,
    status: &str,
) -> Result<bool, DbErr> {
    let now = chrono::Utc::now();
    let existing = attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .filter(attendance::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(row) if row.status == status => Ok(false),
        Some(row) => {
            let mut row: attendance::ActiveModel = row.into();
            row.status = Set(status.to_owned());
            if status == "left" {
                row.left_at = Set(Some(now));
            }
            row.update(db).await?;
            Ok(true)
        }
        None => {
            attendance::ActiveModel {
                session_id: Set(session_id),
                user_id: Set(user_id),
                status: Set(status.to_owned()),
                joined_at: Set(now),
                left_at: Set((status == "left").then_some(now)),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(true)
        }
    }
}

pub async fn insert_connection(
    db: &impl ConnectionTrait,
    session_id: i32,
    user_id: i32,
) -> Result<i32, DbErr> {
    let row = connection::ActiveModel {
        session_id: Set(session_id),
        user_id: Set(user_id),
        seen_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Refreshes the stream's row; false when it is gone (swept, or its session deleted).
pub async fn touch_connection(
    db: &impl ConnectionTrait,
    connection_id: i32,
) -> Result<bool, DbErr> {
    let result = connection::Entity::update_many()
        .col_expr(connection::Column::SeenAt, Expr::value(chrono::Utc::now()))
        .filter(connection::Column::Id.eq(connection_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

pub async fn delete_connection(db: &impl ConnectionTrait, connection_id: i32) -> Result<(), DbErr> {
    connection::Entity::delete_by_id(connection_id)
        .exec(db)
        .await
        .map(|_| ())
}

/// Open streams of `user_id` seen since `since`: in one session, or in all when `None`.
pub async fn live_connections(
    db: &impl ConnectionTrait,
    user_id: i32,
    session_id: Option<i32>,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<u64, DbErr> {
    let mut query = connection::Entity::find()
        .filter(connection::Column::UserId.eq(user_id))
        .filter(connection::Column::SeenAt.gte(since));
    if let Some(session_id) = session_id {
        query = query.filter(connection::Column::SessionId.eq(session_id));
    }
    query.count(db).await
}

/// Streams not seen since `before` (their replica stopped), removed and returned.
pub async fn take_stale_connections(
    db: &impl ConnectionTrait,
    before: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<connection::Model>, DbErr> {
    let stale = connection::Entity::find()
        .filter(connection::Column::SeenAt.lt(before))
        .all(db)
        .await?;
    if !stale.is_empty() {
        connection::Entity::delete_many()
            .filter(connection::Column::Id.is_in(stale.iter().map(|c| c.id)))
            .exec(db)
            .await?;
    }
    Ok(stale)
}
