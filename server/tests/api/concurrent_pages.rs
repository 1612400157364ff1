//! The load check: every routed page, requested for a few seconds by 8 connections at once with
//! 8 distinct signed-in sessions, answers 2xx every time, and the server panics nowhere.
//!
//! The server runs on a two-worker runtime, as in production: requests then move between worker
//! threads, which is what one connection at a time never shows (a `<Title>` that read an
//! arena-backed signal panicked as "disposed" in about 6% of ADR and project pages).
use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Mutex, Once,
    },
    time::{Duration, Instant},
};

use futures_util::future::join_all;

use crate::helpers::{spawn_app, Backend, TestApp};

const CONNECTIONS: usize = 8;
const LOAD_FOR: Duration = Duration::from_secs(3);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_answers_under_concurrent_sessions_on_sqlite() {
    every_page_answers_under_concurrent_sessions(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_answers_under_concurrent_sessions_on_postgres() {
    every_page_answers_under_concurrent_sessions(Backend::Postgres).await
}

async fn every_page_answers_under_concurrent_sessions(backend: Backend) {
    count_worker_panics();
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let pages = concrete_pages(&app).await;
    let mut sessions = vec![app.client.clone()];
    for n in 1..CONNECTIONS {
        sessions.push(
            app.member(&format!("member{n}@example.com"), "editor")
                .await,
        );
    }
    let panics_before = WORKER_PANICS.load(Ordering::SeqCst);
    let failures = Mutex::new(Vec::new());
    let requests = AtomicUsize::new(0);
    let until = Instant::now() + LOAD_FOR;
    join_all(sessions.iter().enumerate().map(|(offset, client)| {
        let (pages, failures, requests, app) = (&pages, &failures, &requests, &app);
        async move {
            // Each connection walks the pages from its own starting point.
            let mut next = offset;
            while Instant::now() < until {
                let page = &pages[next % pages.len()];
                next += 1;
                let status = client
                    .get(app.url(page))
                    .header("Accept", "text/html")
                    .send()
                    .await
                    .map(|response| response.status());
                requests.fetch_add(1, Ordering::Relaxed);
                match status {
                    Ok(status) if status.is_success() => {}
                    other => failures.lock().unwrap().push(format!("{page}: {other:?}")),
                }
            }
        }
    }))
    .await;
    let failures = failures.into_inner().unwrap();
    let panics = WORKER_PANICS.load(Ordering::SeqCst) - panics_before;
    let requests = requests.into_inner();
    assert!(
        requests >= pages.len() * CONNECTIONS,
        "only {requests} requests"
    );
    assert!(
        failures.is_empty(),
        "{} of {requests} requests failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
    assert_eq!(panics, 0, "the server panicked {panics} times");
}

/// Every routed page with its parameters filled in from a project that has ADRs, answers, an
/// invitation and a team. A page with a parameter this test does not know fails the test, so a
/// new page cannot be left out.
async fn concrete_pages(app: &TestApp) -> Vec<String> {
    let project = app.new_project("Under load").await;
    for title in ["Use PostgreSQL", "Serve a modular monolith"] {
        app.create_adr(&project, title).await;
    }
    let invitation = app.invitation("viewer").await;
    let token = invitation.rsplit('/').next().unwrap().to_owned();
    let session: i32 = app
        .call("start_planning_session", &[("project_id", &project)])
        .await
        .json()
        .await
        .expect("a planning session");
    let mut pages = Vec::new();
    for path in server::application::page_paths() {
        let mut concrete = Vec::new();
        for segment in path.split('/') {
            let name = segment
                .trim_start_matches(':')
                .trim_start_matches('{')
                .trim_end_matches('}');
            let value = if name == segment {
                segment.to_owned()
            } else {
                match name {
                    "id" => project.clone(),
                    "team_id" => app.team_id.clone(),
                    "number" => "1".to_owned(),
                    "topic" => "database".to_owned(),
                    "token" => token.clone(),
                    "session" => session.to_string(),
                    other => panic!(
                        "the load check does not know the page parameter {other:?} of {path}"
                    ),
                }
            };
            concrete.push(value);
        }
        let page = concrete.join("/");
        // Set-up is for a fresh install: once done it sends everyone on.
        if page != "/setup" {
            pages.push(if page.is_empty() {
                "/".to_owned()
            } else {
                page
            });
        }
    }
    assert!(pages.len() >= 15, "{pages:?}");
    pages
}

/// Panics on the multi-thread runtimes' workers (`tokio-rt-worker`; only these tests run one), counted by a panic
/// hook that then hands over to the previous one.
static WORKER_PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_worker_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_worker = std::thread::current()
                .name()
                .is_some_and(|name| name.starts_with("tokio-"));
            if on_worker {
                WORKER_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}
