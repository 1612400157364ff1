//! The rules of planning sessions: who may start, join, vote, move the group and record; what a
//! vote may hold; and the event every change publishes. Each change takes the session's next
//! event number in its own transaction, so the table and the feed never disagree.
mod facilitation;
mod page;
mod presence;
mod summary;
mod votes;

pub use facilitation::{end_session, move_group, record_answer, DecisionMakers};
pub use page::session_page;
pub use presence::{
    close_stream, join, open_stream, set_idle, sweep_stale_streams, touch_stream, OpenStream,
    STREAMS_PER_USER,
};
pub use summary::{session_decision, session_summary, SessionDecision};
pub use votes::cast_vote;

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use super::{
    domain::{Participant, Presence, RecordedAnswer, SessionEvent, SessionState},
    entity::session,
    live::LiveHub,
    repository,
};
use crate::{auth::Member, error::AppError, projects, teams, teams::domain::Role};

/// A session of the member's project, or 404 (another team's looks like none).
pub async fn find_session(
    db: &impl ConnectionTrait,
    member: &Member,
    project_id: i32,
    session_id: i32,
) -> Result<session::Model, AppError> {
    repository::find_session(db, member.team_id, project_id, session_id)
        .await?
        .ok_or_else(|| AppError::not_found("The planning session"))
}

fn open(session: &session::Model) -> Result<(), AppError> {
    match session.ended_at {
        Some(_) => Err(AppError::Conflict {
            message: "This planning session has ended; its summary is kept.".into(),
        }),
        None => Ok(()),
    }
}

/// Starts a session on the project with the member as its facilitator, or returns the one
/// already running there (one at a time per project, so the team meets in one place).
pub async fn start_session(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
) -> Result<i32, AppError> {
    if member.role < Role::Editor {
        return Err(AppError::Forbidden);
    }
    projects::service::get_project(db, member, project_id).await?;
    // Two editors pressing "start" at once: the team's lock makes the second find the first's.
    let txn = db.begin().await?;
    teams::service::lock_team_as(&txn, member, Role::Editor).await?;
    let running = repository::sessions_of_project(&txn, member.team_id, project_id)
        .await?
        .into_iter()
        .find(|s| s.ended_at.is_none());
    if let Some(running) = running {
        return Ok(running.id);
    }
    let session =
        repository::insert_session(&txn, member.team_id, project_id, member.user_id).await?;
    txn.commit().await?;
    join(db, live, member, project_id, session.id).await?;
    Ok(session.id)
}

/// The sessions of a project, newest first: (id, running, started at RFC 3339, facilitator).
pub async fn project_sessions(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<Vec<super::domain::SessionListing>, AppError> {
    projects::service::get_project(db, member, project_id).await?;
    let names = names(db, member.team_id).await?;
    Ok(
        repository::sessions_of_project(db, member.team_id, project_id)
            .await?
            .into_iter()
            .map(|s| super::domain::SessionListing {
                id: s.id,
                running: s.ended_at.is_none(),
                started_at: s.started_at.to_rfc3339(),
                facilitator: names
                    .get(&s.facilitator_id)
                    .map_or_else(|| "a former member".into(), |(name, _)| name.clone()),
            })
            .collect(),
    )
}

async fn names(
    db: &DatabaseConnection,
    team_id: i32,
) -> Result<HashMap<i32, (String, Role)>, AppError> {
    Ok(teams::service::members_with_roles(db, team_id)
        .await?
        .into_iter()
        .map(|(id, name, role)| (id, (name, role)))
        .collect())
}

/// The session as the page shows it on load; later changes arrive as events numbered after
/// `seq`.
pub async fn session_state(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    session_id: i32,
) -> Result<SessionState, AppError> {
    // The event number is read first: on PostgreSQL (read committed) a change committed while
    // the rows are read may show in them and come again as an event, which `apply` skips.
    // Names first: the transaction below must not wait for a second connection.
    let names = names(db, member.team_id).await?;
    let txn = db.begin().await?;
    let session = find_session(&txn, member, project_id, session_id).await?;
    let name = |id: i32| {
        names
            .get(&id)
            .map_or_else(|| "a former member".to_owned(), |(n, _)| n.clone())
    };
    let participants = repository::attendance(&txn, session_id)
        .await?
        .into_iter()
        .map(|row| Participant {
            user_id: row.user_id,
            name: name(row.user_id),
            presence: Presence::parse(&row.status),
            votes: names
                .get(&row.user_id)
                .is_some_and(|(_, r)| *r >= Role::Editor),
        })
        .collect();
    let votes = repository::votes(&txn, session_id).await?;
    let recorded = repository::records(&txn, session_id)
        .await?
        .into_iter()
        .map(|row| RecordedAnswer {
            question_id: row.question_id,
            value: row.value,
            recorded_by: name(row.recorded_by),
        })
        .collect();
    txn.commit().await?;
    Ok(SessionState {
        session_id,
        project_id,
        seq: session.last_seq,
        facilitator_id: session.facilitator_id,
        facilitator: name(session.facilitator_id),
        current_topic_id: session.current_topic_id,
        topic_started_at: session.topic_started_at.map(|t| t.to_rfc3339()),
        timebox_minutes: session.timebox_minutes,
        participants,
        votes,
        recorded,
        ended: session.ended_at.is_some(),
    })
}

/// Locks the session for the rest of `txn` and takes its next event number: the session as it
/// is under the lock, whose `last_seq` is that number. Changes check the session's state only
/// after this, so two of them cannot both pass a check the other invalidates.
async fn lock_for_change(
    txn: &impl ConnectionTrait,
    member: &Member,
    project_id: i32,
    session_id: i32,
) -> Result<session::Model, AppError> {
    repository::take_next_seq(txn, session_id, Some((member.team_id, project_id)))
        .await?
        .ok_or_else(|| AppError::not_found("The planning session"))
}

/// Appends `event` as number `seq` of the session's feed inside `txn`, and tells the other
/// replicas at commit. The caller wakes this process's streams once the transaction has
/// committed.
async fn publish(
    txn: &impl ConnectionTrait,
    session_id: i32,
    seq: i64,
    event: &SessionEvent,
) -> Result<(), AppError> {
    let payload = serde_json::to_string(event).map_err(AppError::internal)?;
    repository::insert_event(txn, session_id, seq, payload).await?;
    repository::notify_replicas(txn, &format!("e:{session_id}")).await?;
    Ok(())
}

/// Tells every replica that `user_id` is no longer in `team_id`: their streams close now.
pub async fn membership_ended(
    db: &DatabaseConnection,
    live: &LiveHub,
    team_id: i32,
    user_id: i32,
) -> Result<(), AppError> {
    live.revoke(team_id, user_id);
    repository::notify_replicas(db, &format!("r:{team_id}:{user_id}")).await?;
    Ok(())
}

/// The participant as others see them. The name comes from the account, so someone who has
/// just been removed from the team still leaves under their own name.
async fn participant(
    db: &DatabaseConnection,
    user_id: i32,
    role: Option<Role>,
    presence: Presence,
) -> Result<Participant, AppError> {
    let name = crate::accounts::service::find_account(db, user_id)
        .await?
        .map_or_else(|| "a former member".into(), |user| user.display_name);
    Ok(Participant {
        user_id,
        name,
        presence,
        votes: role.is_some_and(|role| role >= Role::Editor),
    })
}
