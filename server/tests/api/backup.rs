//! `groundwork backup`: a consistent copy of a running SQLite install, which a server started on
//! it serves again whole.
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
        app.call(
            "create_adr",
            &[
                ("project_id", project.as_str()),
                ("adr[title]", &format!("Decision {n}")),
            ],
        )
        .await;
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
                let _ = client
                    .post(&url)
                    .header("Accept", "application/json")
                    .form(&[
                        ("project_id", project.as_str()),
                        ("adr[title]", title.as_str()),
                    ])
                    .send()
                    .await;
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
