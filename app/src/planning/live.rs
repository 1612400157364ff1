//! The fan-out of session events to the streams this process holds.
//!
//! Every change writes its event to `session_events` in the transaction that makes it. Waking a
//! session's feed here reads the events it has not sent yet, once per process, and hands the
//! same bytes to every local stream through a bounded broadcast channel. Who wakes it: the
//! request that made the change (at once), and on PostgreSQL the listener of `LISTEN
//! groundwork_live` on every replica (`server::live_listener`). A stream that falls behind the
//! channel's capacity is closed; its browser reconnects and replays from the table, so memory
//! never grows with a slow client.
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use sea_orm::DatabaseConnection;
use tokio::sync::broadcast;

use super::repository;

/// Events a session's channel holds for streams that have not sent them yet.
pub const CHANNEL_CAPACITY: usize = 128;
/// Events read from the table per query when a feed catches up.
const CATCH_UP_BATCH: u64 = 256;

/// One event, serialised once for every stream.
#[derive(Debug)]
pub struct FeedItem {
    pub seq: i64,
    pub json: String,
}

#[derive(Clone)]
pub struct LiveHub {
    inner: Arc<Inner>,
}

struct Inner {
    db: DatabaseConnection,
    feeds: Mutex<HashMap<i32, Arc<Feed>>>,
    /// (team, user) whose membership just ended: their streams close.
    revocations: broadcast::Sender<(i32, i32)>,
}

struct Feed {
    sender: broadcast::Sender<Arc<FeedItem>>,
    /// The last event sent; the async lock makes catch-ups of one session take turns.
    sent: tokio::sync::Mutex<i64>,
}

impl LiveHub {
    pub fn new(db: DatabaseConnection) -> Self {
        let (revocations, _) = broadcast::channel(64);
        Self {
            inner: Arc::new(Inner {
                db,
                feeds: Mutex::new(HashMap::new()),
                revocations,
            }),
        }
    }

    /// A receiver of the session's events from now on. The stream then replays from the table
    /// what came before and skips what it already sent, so nothing is missed or doubled.
    pub async fn subscribe(
        &self,
        session_id: i32,
    ) -> Result<broadcast::Receiver<Arc<FeedItem>>, sea_orm::DbErr> {
        // Subscribing happens under the map's lock, as does removing an unused feed in `wake`:
        // a stream can never subscribe to a feed that is being dropped.
        if let Some(receiver) = self.feeds().get(&session_id).map(|f| f.sender.subscribe()) {
            return Ok(receiver);
        }
        let last = repository::last_seq(&self.inner.db, session_id).await?;
        let mut feeds = self.feeds();
        let feed = feeds.entry(session_id).or_insert_with(|| {
            let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
            Arc::new(Feed {
                sender,
                sent: tokio::sync::Mutex::new(last),
            })
        });
        Ok(feed.sender.subscribe())
    }

    fn feeds(&self) -> std::sync::MutexGuard<'_, HashMap<i32, Arc<Feed>>> {
        self.inner.feeds.lock().expect("feeds lock")
    }

    /// Sends the session's new events to its local streams; forgets the feed when none is left.
    pub async fn wake(&self, session_id: i32) {
        let feed = {
            let mut feeds = self.feeds();
            match feeds.get(&session_id) {
                None => return,
                Some(feed) if feed.sender.receiver_count() == 0 => {
                    feeds.remove(&session_id);
                    return;
                }
                Some(feed) => feed.clone(),
            }
        };
        let mut sent = feed.sent.lock().await;
        loop {
            let events =
                match repository::events_after(&self.inner.db, session_id, *sent, CATCH_UP_BATCH)
                    .await
                {
                    Ok(events) => events,
                    Err(error) => {
                        // The next wake or resync reads them again.
                        tracing::warn!(%error, session_id, "could not read a session's events");
                        return;
                    }
                };
            let count = events.len() as u64;
            for event in events {
                *sent = event.seq;
                // No receiver right now is fine: a stream subscribing later replays from the table.
                let _ = feed.sender.send(Arc::new(FeedItem {
                    seq: event.seq,
                    json: event.payload,
                }));
            }
            if count < CATCH_UP_BATCH {
                return;
            }
        }
    }

    /// Catches every local feed up from the table: after the listener lost its connection (and
    /// with it any notification sent meanwhile), and on a slow timer as a safety net.
    pub async fn resync_all(&self) {
        let sessions: Vec<i32> = self.feeds().keys().copied().collect();
        for session_id in sessions {
            self.wake(session_id).await;
        }
    }

    /// Closes the streams `user_id` holds for `team_id` in this process.
    pub fn revoke(&self, team_id: i32, user_id: i32) {
        let _ = self.inner.revocations.send((team_id, user_id));
    }

    pub fn revocations(&self) -> broadcast::Receiver<(i32, i32)> {
        self.inner.revocations.subscribe()
    }
}
