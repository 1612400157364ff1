//! Who is in the session. Opening the page joins it; an open event stream keeps one there;
//! closing the last stream (or its replica stopping: its rows go stale) leaves it.
use std::time::Duration;

use sea_orm::{DatabaseConnection, TransactionTrait};

use super::{find_session, lock_for_change, open, participant, publish};
use crate::{
    auth::Member,
    error::AppError,
    planning::{domain::Presence, live::LiveHub, repository},
    teams,
};

/// Open event streams one person may hold across all sessions and replicas (tabs, devices).
pub const STREAMS_PER_USER: u64 = 6;
/// A stream refreshes its row every 20 seconds; one unseen for this long has no replica behind it.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

fn stale_before() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() - chrono::Duration::from_std(STALE_AFTER).unwrap_or_default()
}

/// A stream the caller holds open; close it with [`close_stream`].
#[derive(Debug, Clone, Copy)]
pub struct OpenStream {
    pub connection_id: i32,
    pub session_id: i32,
    pub team_id: i32,
    pub user_id: i32,
}

/// Marks the member as joined (their page or a stream is open), publishing the change if it is
/// one. An ended session keeps its attendance as it was.
pub async fn join(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
    session_id: i32,
) -> Result<(), AppError> {
    let session = find_session(db, member, project_id, session_id).await?;
    if session.ended_at.is_some() {
        return Ok(());
    }
    set_presence(db, live, member, project_id, session_id, Presence::Joined).await
}

/// Idle while the page is hidden, joined again when it is shown.
pub async fn set_idle(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
    session_id: i32,
    idle: bool,
) -> Result<(), AppError> {
    let presence = if idle {
        Presence::Idle
    } else {
        Presence::Joined
    };
    set_presence(db, live, member, project_id, session_id, presence).await
}

async fn set_presence(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
    session_id: i32,
    presence: Presence,
) -> Result<(), AppError> {
    // Most page loads change nothing: say so without taking the session's lock (on SQLite, the
    // one writer).
    let now = repository::presence_of(db, session_id, member.user_id).await?;
    if now.as_deref() == Some(presence.as_str()) {
        return Ok(());
    }
    let who = participant(db, member.user_id, Some(member.role), presence).await?;
    let txn = db.begin().await?;
    let session = lock_for_change(&txn, member, project_id, session_id).await?;
    if session.ended_at.is_some()
        || !repository::set_presence(&txn, session_id, member.user_id, presence.as_str()).await?
    {
        txn.rollback().await?;
        return Ok(());
    }
    publish(&txn, session_id, session.last_seq, &who.into_event()).await?;
    txn.commit().await?;
    live.wake(session_id).await;
    Ok(())
}

/// Registers an event stream of the member, at most [`STREAMS_PER_USER`] at once; the caller
/// then [`join`]s them. Refused once the session has ended.
pub async fn open_stream(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    session_id: i32,
) -> Result<OpenStream, AppError> {
    let session = find_session(db, member, project_id, session_id).await?;
    open(&session)?;
    let streams = repository::live_connections(db, member.user_id, None, stale_before()).await?;
    if streams >= STREAMS_PER_USER {
        return Err(AppError::TooManyRequests {
            retry_after_seconds: STALE_AFTER.as_secs(),
        });
    }
    let connection_id = repository::insert_connection(db, session_id, member.user_id).await?;
    Ok(OpenStream {
        connection_id,
        session_id,
        team_id: member.team_id,
        user_id: member.user_id,
    })
}

/// Keeps the stream's row fresh, and says whether it may stay open: its row still exists (the
/// session was not deleted), the session has not ended, and its holder is still a member.
pub async fn touch_stream(db: &DatabaseConnection, stream: &OpenStream) -> Result<bool, AppError> {
    if !repository::touch_connection(db, stream.connection_id).await? {
        return Ok(false);
    }
    let running = repository::session_by_id(db, stream.session_id)
        .await?
        .is_some_and(|session| session.ended_at.is_none());
    Ok(running
        && teams::service::role_in_team(db, stream.team_id, stream.user_id)
            .await?
            .is_some())
}

/// Forgets the stream; when it was its holder's last in the session, they have left.
pub async fn close_stream(
    db: &DatabaseConnection,
    live: &LiveHub,
    stream: OpenStream,
) -> Result<(), AppError> {
    repository::delete_connection(db, stream.connection_id).await?;
    leave_unless_connected(db, live, stream.session_id, stream.user_id).await
}

async fn leave_unless_connected(
    db: &DatabaseConnection,
    live: &LiveHub,
    session_id: i32,
    user_id: i32,
) -> Result<(), AppError> {
    // Everything read from the pool is read before the transaction: a transaction waiting on
    // the session's lock while holding one connection must not need a second one (many streams
    // closing at once would take the whole pool).
    let Some(session) = repository::session_by_id(db, session_id).await? else {
        return Ok(());
    };
    let role = teams::service::role_in_team(db, session.team_id, user_id).await?;
    let who = participant(db, user_id, role, Presence::Left).await?;
    let txn = db.begin().await?;
    let Some(session) = repository::take_next_seq(&txn, session_id, None).await? else {
        return Ok(());
    };
    let still_here =
        repository::live_connections(&txn, user_id, Some(session_id), stale_before()).await? > 0;
    if still_here
        || session.ended_at.is_some()
        || !repository::set_presence(&txn, session_id, user_id, Presence::Left.as_str()).await?
    {
        txn.rollback().await?;
        return Ok(());
    }
    publish(&txn, session_id, session.last_seq, &who.into_event()).await?;
    txn.commit().await?;
    live.wake(session_id).await;
    Ok(())
}

/// Removes streams whose replica stopped refreshing them, and marks their holders as left.
pub async fn sweep_stale_streams(db: &DatabaseConnection, live: &LiveHub) -> Result<(), AppError> {
    let stale = repository::take_stale_connections(db, stale_before()).await?;
    let mut gone: Vec<(i32, i32)> = stale.iter().map(|c| (c.session_id, c.user_id)).collect();
    gone.sort_unstable();
    gone.dedup();
    for (session_id, user_id) in gone {
        leave_unless_connected(db, live, session_id, user_id).await?;
    }
    Ok(())
}
