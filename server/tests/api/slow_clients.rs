//! A participant whose connection stops reading while the session goes on: the server queues
//! nothing for them beyond the socket's own buffers and the session's shared buffer of 128
//! events; once they fall further behind, their stream is closed. A participant who reads along
//! is never closed. Reconnecting with the last event's id replays exactly what was missed.
use std::time::Duration;

use app::planning::repository;
use sea_orm::TransactionTrait;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpSocket,
};

use crate::{
    helpers::{spawn_app, Backend, TEST_PASSWORD},
    live_helpers::EventReader,
};

/// Events while the slow client does not read: with 280-character comments about 8 MB, more
/// than the kernel's largest send buffer (4 MB here) and hyper's queue together.
const EVENTS_WHILE_AWAY: usize = 20_000;
/// Events written per transaction: fewer than the session's buffer, so a reader keeps up.
const BURST: usize = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped_and_resumes_without_loss() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let project = app.new_project("Slow").await;
    let session: i32 = app
        .call("start_planning_session", &[("project_id", &project)])
        .await
        .json()
        .await
        .expect("a session");
    // The session cookie, for a raw connection whose receive buffer we keep small.
    let signed_in = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/api/sign_in"))
        .header("Accept", "application/json")
        .form(&[("email", "owner@example.com"), ("password", TEST_PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = signed_in.headers()[reqwest::header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let address = app.address.trim_start_matches("http://").to_owned();
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut slow = socket.connect(address.parse().unwrap()).await.unwrap();
    let request = format!(
        "GET /projects/{project}/sessions/{session}/events HTTP/1.1\r\nHost: {address}\r\n\
         Cookie: {cookie}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n"
    );
    slow.write_all(request.as_bytes()).await.unwrap();
    let mut head = [0u8; 512];
    let read = slow.read(&mut head).await.unwrap();
    assert!(String::from_utf8_lossy(&head[..read]).starts_with("HTTP/1.1 200"));

    // A participant who reads along the whole time.
    let mut along = EventReader::open(&app.client, &app.address, &project, session, None).await;
    let total = i64::try_from(EVENTS_WHILE_AWAY).unwrap() + 1;
    let reading = tokio::spawn(async move {
        let mut last = 0;
        while last < total {
            match along.next(Duration::from_secs(20)).await {
                Some(event) => {
                    assert_eq!(event.id, last + 1, "the reading participant missed nothing");
                    last = event.id;
                }
                None => return last,
            }
        }
        last
    });

    // The session goes on, in bursts, without the slow client reading. Written straight to the
    // feed (as votes would be, each a few milliseconds through HTTP) to keep the test short.
    let vote = serde_json::json!({
        "kind": "voted", "question_id": "database.product", "user_id": 1,
        "value": "mysql", "comment": "x".repeat(280),
    })
    .to_string();
    for _ in 0..EVENTS_WHILE_AWAY / BURST {
        let txn = app.state.db.begin().await.unwrap();
        for _ in 0..BURST {
            let locked = repository::take_next_seq(&txn, session, None)
                .await
                .unwrap();
            let seq = locked.expect("the session").last_seq;
            repository::insert_event(&txn, session, seq, vote.clone())
                .await
                .unwrap();
        }
        txn.commit().await.unwrap();
        app.state.live.wake(session).await;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(
        reading.await.unwrap(),
        total,
        "the reading participant got every event"
    );

    // Reading again: what was buffered arrives, then the server closes the stream.
    let mut received = Vec::new();
    let mut buffer = [0u8; 65_536];
    loop {
        match tokio::time::timeout(Duration::from_secs(10), slow.read(&mut buffer)).await {
            Ok(Ok(0)) => break,
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
            Ok(Err(_)) => break,
            Err(_) => panic!(
                "the slow client's stream was never closed; it got {} bytes, ending {:?}",
                received.len(),
                String::from_utf8_lossy(&received[received.len().saturating_sub(300)..])
            ),
        }
    }
    let text = String::from_utf8_lossy(&received);
    let ids: Vec<i64> = text
        .lines()
        .filter_map(|line| line.strip_prefix("id:"))
        .filter_map(|id| id.trim().parse().ok())
        .collect();
    let last = *ids
        .last()
        .expect("some events arrived before the stream closed");
    assert!(
        ids.len() < EVENTS_WHILE_AWAY,
        "dropped before it was sent everything: got {} events",
        ids.len()
    );
    assert!(
        ids.windows(2).all(|w| w[1] == w[0] + 1),
        "no gap before the drop"
    );

    // Reconnecting after the last event it saw replays the rest, in order.
    let mut resumed =
        EventReader::open(&app.client, &app.address, &project, session, Some(last)).await;
    let mut next = last + 1;
    while next <= total {
        let event = resumed
            .next(Duration::from_secs(10))
            .await
            .unwrap_or_else(|| panic!("event {next} never came"));
        assert_eq!(event.id, next);
        next += 1;
    }
}
