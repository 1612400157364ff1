//! `GET /projects/:id/sessions/:session/events`: the session's events as server-sent events.
//!
//! A stream first replays from the table what came after the client's last event (the
//! `Last-Event-ID` header its browser sends on reconnecting, or `?after=`), then forwards the
//! local feed, skipping what it already sent. It closes when its holder leaves the team (at once,
//! by the revocation broadcast, and at the latest on the next heartbeat), and when it falls more
//! than a channel's worth of events behind: the browser reconnects and replays.
use std::{collections::VecDeque, convert::Infallible, sync::Arc, time::Duration};

use app::{
    accounts::backend::AuthSession,
    planning::{
        domain::SessionEvent,
        live::{FeedItem, LiveHub},
        repository,
        service::{self, OpenStream},
    },
    state::AppState,
    teams::domain::Role,
};
use axum::{
    extract::{Path, Query, State},
    http::HeaderMap,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
};
use futures_util::stream::{self, Stream};
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tokio::sync::broadcast::{self, error::RecvError};

use crate::routes::exchange::{error_response, member};

/// Events read from the table per query while replaying.
const REPLAY_BATCH: u64 = 256;
/// How often a stream refreshes its row and checks its holder is still a member.
const HEARTBEAT: Duration = Duration::from_secs(20);

#[derive(Deserialize)]
pub struct Resume {
    #[serde(default)]
    after: Option<i64>,
}

pub async fn session_events(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((project_id, session_id)): Path<(i32, i32)>,
    Query(resume): Query<Resume>,
    headers: HeaderMap,
) -> Response {
    let after = headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<i64>().ok())
        .or(resume.after)
        .unwrap_or(0)
        .max(0);
    let member = match member(&state, &auth, project_id, Role::Viewer).await {
        Ok(member) => member,
        Err(error) => return error_response(error),
    };
    // The stream's row first (the session is checked there), guarded at once so that it goes
    // whatever happens next; then subscribe before the holder joins and anything is replayed,
    // so an event committed meanwhile is in the replay or in the channel, never in neither.
    let guard = match service::open_stream(&state.db, &member, project_id, session_id).await {
        Ok(opened) => CloseOnDrop {
            db: state.db.clone(),
            live: state.live.clone(),
            stream: Some(opened),
        },
        Err(error) => return error_response(error),
    };
    let receiver = match state.live.subscribe(session_id).await {
        Ok(receiver) => receiver,
        Err(error) => return error_response(error.into()),
    };
    if let Err(error) = service::join(&state.db, &state.live, &member, project_id, session_id).await
    {
        return error_response(error);
    }
    let mut heartbeat = tokio::time::interval(HEARTBEAT);
    heartbeat.reset();
    let follower = Follower {
        db: state.db.clone(),
        last_sent: after,
        replaying: true,
        pending: VecDeque::new(),
        receiver,
        revocations: state.live.revocations(),
        heartbeat,
        guard,
        ended: false,
    };
    Sse::new(events(follower))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

struct Follower {
    db: DatabaseConnection,
    last_sent: i64,
    replaying: bool,
    pending: VecDeque<Arc<FeedItem>>,
    receiver: broadcast::Receiver<Arc<FeedItem>>,
    revocations: broadcast::Receiver<(i32, i32)>,
    heartbeat: tokio::time::Interval,
    guard: CloseOnDrop,
    /// The session's end was sent: nothing follows it.
    ended: bool,
}

fn events(follower: Follower) -> impl Stream<Item = Result<Event, Infallible>> {
    let ended = serde_json::to_string(&SessionEvent::Ended).unwrap_or_default();
    stream::unfold(follower, move |mut follower| {
        let ended = ended.clone();
        async move {
            if follower.ended {
                return None;
            }
            let item = follower.next_item().await?;
            follower.last_sent = item.seq;
            follower.ended = item.json == ended;
            let event = Event::default().id(item.seq.to_string()).data(&item.json);
            Some((Ok(event), follower))
        }
    })
}

impl Follower {
    fn stream(&self) -> OpenStream {
        self.guard
            .stream
            .expect("the stream is open while it is followed")
    }

    /// The next event to send, or `None` to close the stream.
    async fn next_item(&mut self) -> Option<Arc<FeedItem>> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                if item.seq > self.last_sent {
                    return Some(item);
                }
                continue;
            }
            if self.replaying {
                let session_id = self.stream().session_id;
                let batch =
                    repository::events_after(&self.db, session_id, self.last_sent, REPLAY_BATCH)
                        .await
                        .ok()?;
                self.replaying = batch.len() as u64 == REPLAY_BATCH;
                self.pending.extend(batch.into_iter().map(|row| {
                    Arc::new(FeedItem {
                        seq: row.seq,
                        json: row.payload,
                    })
                }));
                continue;
            }
            let stream = self.stream();
            tokio::select! {
                received = self.receiver.recv() => match received {
                    Ok(item) => self.pending.push_back(item),
                    Err(RecvError::Lagged(missed)) => {
                        tracing::info!(missed, user_id = stream.user_id, "closing a session stream that fell behind");
                        return None;
                    }
                    Err(RecvError::Closed) => return None,
                },
                revoked = self.revocations.recv() => match revoked {
                    Ok(gone) if gone == (stream.team_id, stream.user_id) => return None,
                    Ok(_) => {}
                    // Missed some: check this holder directly.
                    Err(RecvError::Lagged(_)) => {
                        if !service::touch_stream(&self.db, &stream).await.unwrap_or(true) {
                            return None;
                        }
                    }
                    Err(RecvError::Closed) => return None,
                },
                _ = self.heartbeat.tick() => {
                    if !service::touch_stream(&self.db, &stream).await.unwrap_or(true) {
                        return None;
                    }
                }
            }
        }
    }
}

/// Forgets the stream (and marks its holder as left when it was their last) once the client has
/// gone, however the response ended.
struct CloseOnDrop {
    db: DatabaseConnection,
    live: LiveHub,
    stream: Option<OpenStream>,
}

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        let Some(stream) = self.stream.take() else {
            return;
        };
        let (db, live) = (self.db.clone(), self.live.clone());
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if let Err(error) = service::close_stream(&db, &live, stream).await {
                    tracing::warn!(%error, "could not close a session stream");
                }
            });
        }
    }
}
