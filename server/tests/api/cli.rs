//! The `groundwork` binary itself: migrate, serve, and stop cleanly on SIGTERM.
use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

use sea_orm::{ConnectionTrait, Database};

const BINARY: &str = env!("CARGO_BIN_EXE_groundwork");

fn temporary_sqlite_url(name: &str) -> (String, std::path::PathBuf) {
    let path =
        std::env::temp_dir().join(format!("groundwork_cli_{name}_{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    (format!("sqlite://{}?mode=rwc", path.display()), path)
}

#[tokio::test]
async fn migrate_creates_the_schema_in_a_new_sqlite_file_and_exits() {
    let (url, path) = temporary_sqlite_url("migrate");
    let status = Command::new(BINARY)
        .arg("migrate")
        .env("DATABASE_URL", &url)
        .env("LOG_LEVEL", "warn")
        .status()
        .expect("the binary runs");
    assert!(status.success());
    let db = Database::connect(&url).await.unwrap();
    let tables = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('teams', 'projects', 'answers')",
        ))
        .await
        .unwrap();
    assert_eq!(tables.len(), 3);
    let _ = std::fs::remove_file(path);
}

#[tokio::test]
async fn the_server_answers_and_stops_cleanly_on_sigterm() {
    let (url, path) = temporary_sqlite_url("serve");
    let mut child = Command::new(BINARY)
        .env("DATABASE_URL", &url)
        .env("LISTEN_ADDR", "127.0.0.1:0")
        .env("LOG_FORMAT", "json")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Read the log on a thread of its own, and keep draining it so the server never writes to a
    // closed pipe.
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (found, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if let Some(rest) = line.split("listening on ").nth(1) {
                let _ = found.send(rest.split('"').next().unwrap_or_default().to_owned());
            }
        }
    });
    let address = address
        .recv_timeout(Duration::from_secs(20))
        .expect("the server says where it listens");
    let health = reqwest::get(format!("{address}/healthz")).await.unwrap();
    assert_eq!(health.status(), reqwest::StatusCode::OK);

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let mut exited = None;
    for _ in 0..50 {
        if let Some(status) = child.try_wait().unwrap() {
            exited = Some(status);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let status = exited.expect("the server stops within 5 s of SIGTERM");
    assert!(status.success(), "exit status {status:?}");
    let _ = std::fs::remove_file(path);
}

#[tokio::test]
async fn seed_decisions_fills_a_log_as_a_member_and_refuses_strangers() {
    let Some(app) = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await else {
        return;
    };
    let project: serde_json::Value = app
        .call(
            "create_project",
            &[
                ("team_id", &app.team_id),
                ("name", "Seeded"),
                ("description", ""),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    let project = project["id"].to_string();
    let seed = |acting_as: &str| {
        Command::new(BINARY)
            .args([
                "seed-decisions",
                "--project",
                &project,
                "--as",
                acting_as,
                "--count",
                "7",
            ])
            .env("DATABASE_URL", app.database_url())
            .env("LOG_LEVEL", "warn")
            .status()
            .expect("the binary runs")
    };
    assert!(seed("owner@example.com").success());
    app.sign_up("stranger@example.com").await;
    assert!(
        !seed("stranger@example.com").success(),
        "a non-member seeded decisions"
    );
    let log: app::decisions::domain::AdrLogPage = app
        .call("list_adrs", &[("project_id", &project)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log.total, 7);
    assert_eq!(log.items.last().map(|adr| adr.number), Some(7));
}

#[tokio::test]
async fn healthcheck_succeeds_against_a_running_server_and_fails_without_one() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite)
        .await
        .expect("SQLite always runs");
    let check = |url: String| {
        tokio::task::spawn_blocking(move || {
            Command::new(BINARY)
                .args(["healthcheck", "--url", &url])
                .env("LOG_LEVEL", "error")
                .status()
                .expect("the binary runs")
                .success()
        })
    };
    assert!(check(app.url("/healthz")).await.unwrap());
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nobody = format!("http://{}/healthz", closed.local_addr().unwrap());
    drop(closed);
    assert!(!check(nobody).await.unwrap());
}
