//! Backups and upgrades of a whole install: `groundwork backup` writes a consistent copy of a
//! running SQLite install, which a server started on it serves again whole; a newer server on
//! an older database migrates it first.
use std::process::Command;

use app::decisions::domain::AdrLogPage;
use server::{Application, Config};

use crate::helpers::{new_client, spawn_app, Backend, TEST_PASSWORD};

const BINARY: &str = env!("CARGO_BIN_EXE_groundwork");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_the_server_writes_restores_every_team_project_and_adr() {
    let app = spawn_app(Backend::Sqlite)
        .await
        .expect("SQLite always runs");
    let project = app.new_project("Backed up").await;
    for n in 1..=20 {
        app.create_adr(&project, &format!("Decision {n}")).await;
    }
    let target = std::env::temp_dir().join(format!("groundwork_backup_{}.db", std::process::id()));
    let _ = std::fs::remove_file(&target);
    // The server keeps writing while the copy is taken.
    let writer = {
        let (client, url, project) = (
            app.client.clone(),
            app.url("/api/create_adr"),
            project.clone(),
        );
        tokio::spawn(async move {
            for n in 21..=60 {
                let title = format!("Decision {n}");
                let created = client
                    .post(&url)
                    .header("Accept", "application/json")
                    .form(&[
                        ("project_id", project.as_str()),
                        ("adr[title]", title.as_str()),
                    ])
                    .send()
                    .await
                    .expect("the server answers");
                assert!(created.status().is_success(), "{}", created.status());
            }
        })
    };
    let output = tokio::task::spawn_blocking({
        let (url, target) = (app.database_url().to_owned(), target.clone());
        move || {
            Command::new(BINARY)
                .arg("backup")
                .arg(&target)
                .env("DATABASE_URL", url)
                .env("LOG_LEVEL", "warn")
                .output()
                .expect("the binary runs")
        }
    })
    .await
    .unwrap();
    writer.await.unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let again = Command::new(BINARY)
        .arg("backup")
        .arg(&target)
        .env("DATABASE_URL", app.database_url())
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );

    // A server on the copy: the same team, project and a consistent prefix of the ADRs.
    let restored = Application::build(&Config::for_tests(&format!(
        "sqlite://{}?mode=rwc",
        target.display()
    )))
    .await
    .expect("a server starts on the backup");
    let address = format!("http://{}", restored.local_addr());
    tokio::spawn(restored.run_until_stopped());
    let client = new_client();
    let signed_in = client
        .post(format!("{address}/api/sign_in"))
        .header("Accept", "application/json")
        .form(&[("email", "owner@example.com"), ("password", TEST_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(signed_in.status().is_success());
    let mut items = Vec::new();
    for page in ["1", "2"] {
        let log: AdrLogPage = client
            .post(format!("{address}/api/list_adrs"))
            .header("Accept", "application/json")
            .form(&[("project_id", project.as_str()), ("page", page)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        items.extend(log.items);
    }
    let mut numbers: Vec<i32> = items.iter().map(|adr| adr.number).collect();
    numbers.sort();
    assert!(
        numbers.len() >= 20,
        "every ADR from before the backup: {numbers:?}"
    );
    assert_eq!(
        numbers,
        (1..=numbers.len() as i32).collect::<Vec<_>>(),
        "no gaps: one moment in time"
    );
    for adr in &items {
        assert_eq!(adr.title, format!("Decision {}", adr.number));
    }
    let _ = std::fs::remove_file(&target);
}

/// An install whose database lacks the six newest migrations (as an older release left it:
/// no installation table, dates still required, no pending imports, no answerers, no planning
/// sessions, search by word matching): a newer server started on it migrates it, indexes its
/// ADRs for the full-text search, and serves what was there.
#[tokio::test]
async fn a_newer_server_on_an_older_database_migrates_it_and_keeps_everything() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::{ConnectionTrait, Database, Statement};

    let app = spawn_app(Backend::Sqlite)
        .await
        .expect("SQLite always runs");
    let project = app.new_project("From the old release").await;
    app.create_adr(&project, "Kept across the upgrade").await;
    let tables = |db: sea_orm::DatabaseConnection| async move {
        db.query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'installation'",
        ))
        .await
        .unwrap()
        .len()
    };
    let old = Database::connect(app.database_url()).await.unwrap();
    Migrator::down(&old, Some(6)).await.unwrap();
    assert_eq!(
        tables(old.clone()).await,
        0,
        "the older schema has no installation table"
    );

    let newer = Application::build(&Config::for_tests(app.database_url()))
        .await
        .expect("a newer server starts on the older database");
    let address = format!("http://{}", newer.local_addr());
    tokio::spawn(newer.run_until_stopped());
    assert_eq!(tables(old).await, 1, "migrated at start-up");
    let client = new_client();
    let call = |function: &str, form: Vec<(&str, String)>| {
        client
            .post(format!("{address}/api/{function}"))
            .header("Accept", "application/json")
            .form(&form)
            .send()
    };
    let signed_in = call(
        "sign_in",
        vec![
            ("email", "owner@example.com".into()),
            ("password", TEST_PASSWORD.into()),
        ],
    )
    .await
    .unwrap();
    assert!(signed_in.status().is_success());
    let adr: serde_json::Value = call(
        "get_adr",
        vec![("project_id", project.clone()), ("number", "1".into())],
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(adr["summary"]["title"], "Kept across the upgrade");
    let found: serde_json::Value = call(
        "list_adrs",
        vec![("project_id", project.clone()), ("q", "upgrades".into())],
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(found["total"], 1, "indexed again at start-up: {found}");
    let set_up_again = call(
        "set_up",
        vec![
            ("email", "late@example.com".into()),
            ("password", TEST_PASSWORD.into()),
            ("team_name", "Late".into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(
        set_up_again.status(),
        reqwest::StatusCode::CONFLICT,
        "still set up"
    );
}
