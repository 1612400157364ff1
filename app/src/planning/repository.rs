//! sea-orm queries for planning sessions. Every query names the session's team, or a session id
//! that was found in that team a moment before in the same service call.
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr,
    EntityTrait, ExprTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
    Statement,
};

use super::{
    domain::Vote,
    entity::{event, record, session, vote},
};

/// The PostgreSQL channel every replica listens on; see `planning::live`.
pub const LIVE_CHANNEL: &str = "groundwork_live";

mod presence;
pub use presence::*;

pub async fn insert_session(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    facilitator_id: i32,
) -> Result<session::Model, DbErr> {
    session::ActiveModel {
        team_id: Set(team_id),
        project_id: Set(project_id),
        facilitator_id: Set(facilitator_id),
        started_at: Set(chrono::Utc::now()),
        last_seq: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_session(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    session_id: i32,
) -> Result<Option<session::Model>, DbErr> {
    session::Entity::find_by_id(session_id)
        .filter(session::Column::TeamId.eq(team_id))
        .filter(session::Column::ProjectId.eq(project_id))
        .one(db)
        .await
}

/// The project's sessions, newest first.
pub async fn sessions_of_project(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
) -> Result<Vec<session::Model>, DbErr> {
    session::Entity::find()
        .filter(session::Column::TeamId.eq(team_id))
        .filter(session::Column::ProjectId.eq(project_id))
        .order_by_desc(session::Column::Id)
        .limit(20)
        .all(db)
        .await
}

/// Takes the session's next event number, when the session exists (in `scope`'s team and
/// project, when given). On PostgreSQL the update locks the session's row until the transaction
/// ends, so events are numbered in the order they commit, without gaps; on SQLite it makes the
/// transaction the one writer before it reads anything (a read first could not upgrade to a write
/// once another writer has committed). Returns the session as it is under that lock.
pub async fn take_next_seq(
    db: &impl ConnectionTrait,
    session_id: i32,
    scope: Option<(i32, i32)>,
) -> Result<Option<session::Model>, DbErr> {
    let mut update = session::Entity::update_many()
        .col_expr(
            session::Column::LastSeq,
            Expr::col(session::Column::LastSeq).add(1),
        )
        .filter(session::Column::Id.eq(session_id));
    if let Some((team_id, project_id)) = scope {
        update = update
            .filter(session::Column::TeamId.eq(team_id))
            .filter(session::Column::ProjectId.eq(project_id));
    }
    if update.exec(db).await?.rows_affected == 0 {
        return Ok(None);
    }
    session::Entity::find_by_id(session_id).one(db).await
}

pub async fn insert_event(
    db: &impl ConnectionTrait,
    session_id: i32,
    seq: i64,
    payload: String,
) -> Result<(), DbErr> {
    event::ActiveModel {
        session_id: Set(session_id),
        seq: Set(seq),
        payload: Set(payload),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Tells every replica listening that the session has a new event, when the transaction
/// commits (PostgreSQL delivers notifications only then, and drops them on rollback). SQLite
/// has one process; its caller wakes the streams itself.
pub async fn notify_replicas(db: &impl ConnectionTrait, payload: &str) -> Result<(), DbErr> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [LIVE_CHANNEL.into(), payload.into()],
    ))
    .await
    .map(|_| ())
}

/// The session's events after number `after`, oldest first, at most `limit`.
pub async fn events_after(
    db: &impl ConnectionTrait,
    session_id: i32,
    after: i64,
    limit: u64,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::SessionId.eq(session_id))
        .filter(event::Column::Seq.gt(after))
        .order_by_asc(event::Column::Seq)
        .limit(limit)
        .all(db)
        .await
}

pub async fn all_events(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::SessionId.eq(session_id))
        .order_by_asc(event::Column::Seq)
        .all(db)
        .await
}

/// A session by id alone, for work that already knows it is allowed (a stream's heartbeat).
pub async fn session_by_id(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> Result<Option<session::Model>, DbErr> {
    session::Entity::find_by_id(session_id).one(db).await
}

pub async fn last_seq(db: &impl ConnectionTrait, session_id: i32) -> Result<i64, DbErr> {
    Ok(session::Entity::find_by_id(session_id)
        .one(db)
        .await?
        .map_or(0, |row| row.last_seq))
}

pub async fn set_current_topic(
    db: &impl ConnectionTrait,
    session_id: i32,
    topic_id: &str,
    started_at: chrono::DateTime<chrono::Utc>,
    timebox_minutes: Option<i32>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::CurrentTopicId, Expr::value(topic_id))
        .col_expr(session::Column::TopicStartedAt, Expr::value(started_at))
        .col_expr(
            session::Column::TimeboxMinutes,
            Expr::value(timebox_minutes),
        )
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn end_session(db: &impl ConnectionTrait, session_id: i32) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::EndedAt, Expr::value(chrono::Utc::now()))
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await
        .map(|_| ())
}

/// The session's votes, oldest first.
pub async fn votes(db: &impl ConnectionTrait, session_id: i32) -> Result<Vec<Vote>, DbErr> {
    Ok(vote::Entity::find()
        .filter(vote::Column::SessionId.eq(session_id))
        .order_by_asc(vote::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Vote::from)
        .collect())
}

/// Whether the answer to `question_id` was recorded in the session.
pub async fn is_recorded(
    db: &impl ConnectionTrait,
    session_id: i32,
    question_id: &str,
) -> Result<bool, DbErr> {
    Ok(record::Entity::find()
        .filter(record::Column::SessionId.eq(session_id))
        .filter(record::Column::QuestionId.eq(question_id))
        .count(db)
        .await?
        > 0)
}

/// Casts or changes `user_id`'s vote (the caller holds the session's lock).
pub async fn put_vote(
    db: &impl ConnectionTrait,
    session_id: i32,
    question_id: &str,
    user_id: i32,
    value: &str,
    comment: &str,
) -> Result<(), DbErr> {
    let existing = vote::Entity::find()
        .filter(vote::Column::SessionId.eq(session_id))
        .filter(vote::Column::QuestionId.eq(question_id))
        .filter(vote::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    let mut row: vote::ActiveModel = match existing {
        Some(row) => row.into(),
        None => vote::ActiveModel {
            session_id: Set(session_id),
            question_id: Set(question_id.to_owned()),
            user_id: Set(user_id),
            ..Default::default()
        },
    };
    row.value = Set(value.to_owned());
    row.comment = Set(comment.to_owned());
    row.updated_at = Set(chrono::Utc::now());
    row.save(db).await.map(|_| ())
}

pub async fn records(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> Result<Vec<record::Model>, DbErr> {
    record::Entity::find()
        .filter(record::Column::SessionId.eq(session_id))
        .order_by_asc(record::Column::Id)
        .all(db)
        .await
}

pub async fn insert_record(
    db: &impl ConnectionTrait,
    session_id: i32,
    question_id: &str,
    value: &str,
    recorded_by: i32,
    decision_makers: &str,
) -> Result<(), DbErr> {
    record::ActiveModel {
        session_id: Set(session_id),
        question_id: Set(question_id.to_owned()),
        value: Set(value.to_owned()),
        recorded_by: Set(recorded_by),
        recorded_at: Set(chrono::Utc::now()),
        decision_makers: Set(decision_makers.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The latest session record of a question in the project, with its session, for the ADR it
/// becomes.
pub async fn latest_record_of_question(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    question_id: &str,
) -> Result<Option<(session::Model, record::Model)>, DbErr> {
    let sessions = session::Entity::find()
        .select_only()
        .column(session::Column::Id)
        .filter(session::Column::TeamId.eq(team_id))
        .filter(session::Column::ProjectId.eq(project_id))
        .into_query();
    let Some(found) = record::Entity::find()
        .filter(record::Column::SessionId.in_subquery(sessions))
        .filter(record::Column::QuestionId.eq(question_id))
        .order_by_desc(record::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let session = find_session(db, team_id, project_id, found.session_id).await?;
    Ok(session.map(|session| (session, found)))
}
