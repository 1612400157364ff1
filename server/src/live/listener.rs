//! `LISTEN groundwork_live` on a connection of its own: every replica hears each committed
//! change (`e:<session>`) and each ended membership (`r:<team>:<user>`), and wakes or closes its
//! local streams. Notifications sent while the connection is down are lost, so after every
//! (re)connection the replica catches all its feeds up from the table.
use std::{str::FromStr, time::Duration};

use app::planning::{live::LiveHub, repository::LIVE_CHANNEL};
use sea_orm::sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};

/// The listener's connection shows under this name in `pg_stat_activity`.
pub const APPLICATION_NAME: &str = "groundwork-live-listener";
const RETRY_AFTER: Duration = Duration::from_secs(1);

pub async fn listen(database_url: String, live: LiveHub) {
    loop {
        match listen_once(&database_url, &live).await {
            Ok(()) => tracing::warn!("the live listener lost its connection; reconnecting"),
            Err(error) => {
                tracing::warn!(%error, "the live listener could not connect; retrying")
            }
        }
        tokio::time::sleep(RETRY_AFTER).await;
    }
}

/// Listens until the connection drops (`Ok`) or cannot be made (`Err`).
async fn listen_once(database_url: &str, live: &LiveHub) -> Result<(), sea_orm::sqlx::Error> {
    let options = PgConnectOptions::from_str(database_url)?.application_name(APPLICATION_NAME);
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(LIVE_CHANNEL).await?;
    // Anything committed while this replica was not listening.
    live.resync_all().await;
    loop {
        match listener.try_recv().await? {
            Some(notification) => dispatch(live, notification.payload()),
            None => return Ok(()),
        }
    }
}

fn dispatch(live: &LiveHub, payload: &str) {
    let mut parts = payload.split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("e"), Some(session), None) => {
            if let Ok(session_id) = session.parse::<i32>() {
                let live = live.clone();
                tokio::spawn(async move { live.wake(session_id).await });
            }
        }
        (Some("r"), Some(team), Some(user)) => {
            if let (Ok(team_id), Ok(user_id)) = (team.parse(), user.parse()) {
                live.revoke(team_id, user_id);
            }
        }
        _ => tracing::warn!(payload, "an unknown notification on the live channel"),
    }
}
