//! For the planning-session tests: a reader of server-sent events, and a second replica of the
//! app as its own process on the same database.
use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

use crate::helpers::{new_client, TestApp};

const BINARY: &str = env!("CARGO_BIN_EXE_groundwork");

/// One server-sent event: its id (the session's event number) and its data.
#[derive(Debug, Clone)]
pub struct SentEvent {
    pub id: i64,
    pub data: serde_json::Value,
}

/// Reads the events of one open stream.
pub struct EventReader {
    response: reqwest::Response,
    buffer: String,
}

impl EventReader {
    /// Opens the events of `session` in `project` at `base` (an app's address) as `client`,
    /// resuming after `last_event_id` when given. Panics unless the stream opens.
    pub async fn open(
        client: &reqwest::Client,
        base: &str,
        project: &str,
        session: i32,
        last_event_id: Option<i64>,
    ) -> Self {
        let response = Self::request(client, base, project, session, last_event_id).await;
        assert_eq!(
            response.status(),
            reqwest::StatusCode::OK,
            "the stream opens"
        );
        let content_type = response.headers()[reqwest::header::CONTENT_TYPE].clone();
        assert_eq!(content_type, "text/event-stream");
        Self {
            response,
            buffer: String::new(),
        }
    }

    pub async fn request(
        client: &reqwest::Client,
        base: &str,
        project: &str,
        session: i32,
        last_event_id: Option<i64>,
    ) -> reqwest::Response {
        let mut request = client.get(format!(
            "{base}/projects/{project}/sessions/{session}/events"
        ));
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id.to_string());
        }
        request.send().await.expect("the app answers")
    }

    /// The next event within `wait`; `None` when the stream ended or nothing came.
    pub async fn next(&mut self, wait: Duration) -> Option<SentEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(event) = parse(&block) {
                    return Some(event);
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Events until one of `kind` arrives (within `wait` in all), returned last.
    pub async fn until(&mut self, kind: &str, wait: Duration) -> Vec<SentEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        let mut seen = Vec::new();
        while let Some(event) = self
            .next(deadline.saturating_duration_since(tokio::time::Instant::now()))
            .await
        {
            let done = event.data["kind"] == kind;
            seen.push(event);
            if done {
                return seen;
            }
        }
        panic!("no {kind} event within {wait:?}; saw {seen:?}");
    }

    /// True when the server closes the stream within `wait` (events before are skipped).
    pub async fn closes_within(&mut self, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Err(_) => return false,
                Ok(Ok(Some(_))) => continue,
                Ok(Ok(None)) | Ok(Err(_)) => return true,
            }
        }
    }
}

fn parse(block: &str) -> Option<SentEvent> {
    let mut id = None;
    let mut data = String::new();
    for line in block.lines() {
        if let Some(value) = line.strip_prefix("id:") {
            id = value.trim().parse().ok();
        } else if let Some(value) = line.strip_prefix("data:") {
            data.push_str(value.trim_start());
        }
    }
    Some(SentEvent {
        id: id?,
        data: serde_json::from_str(&data).ok()?,
    })
}

/// A second server process on `app`'s database, stopped on drop.
pub struct Replica {
    pub address: String,
    child: Child,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Replica {
    pub async fn start(app: &TestApp) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(BINARY)
            .arg("serve")
            .env("DATABASE_URL", app.database_url())
            .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
            .env("LOG_LEVEL", "warn")
            .env("LEPTOS_SITE_ROOT", "target/site")
            .stdout(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let address = format!("http://127.0.0.1:{port}");
        let replica = Self { address, child };
        let client = new_client();
        for _ in 0..100 {
            let ready = client
                .get(format!("{}/readyz", replica.address))
                .send()
                .await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                return replica;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the second replica did not become ready");
    }
}
