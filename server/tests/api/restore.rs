//! A JSON backup restores: over HTTP and with `groundwork restore`, into the same team or into
//! another where the person is an editor, as a project identical to the one backed up; a newer
//! format or a damaged file is refused with a message and stores nothing.
use std::process::Command;

use reqwest::{multipart, StatusCode};
use serde_json::Value;

use crate::{
    exchange::decided_project,
    helpers::{on_both_databases, spawn_app, Backend, TestApp},
};

const BINARY: &str = env!("CARGO_BIN_EXE_groundwork");

on_both_databases!(
    a_restored_backup_is_the_project_it_was_field_by_field,
    a_newer_or_damaged_backup_is_refused_and_stores_nothing,
);

async fn backup_of(client: &reqwest::Client, app: &TestApp, project: &str) -> Value {
    let response = client
        .get(app.url(&format!("/projects/{project}/backup.json")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn restore(
    client: &reqwest::Client,
    app: &TestApp,
    into_project: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = multipart::Part::bytes(bytes).file_name("backup.json");
    client
        .post(app.url(&format!("/projects/{into_project}/restore")))
        .header("Accept", "application/json")
        .multipart(multipart::Form::new().part("backup", part))
        .send()
        .await
        .unwrap()
}

/// The backup without what a restore rightly changes: when it was taken and the project's name.
fn comparable(mut backup: Value) -> Value {
    backup["exported_at"] = Value::Null;
    backup["project"]["name"] = Value::Null;
    for adr in backup["adrs"].as_array_mut().unwrap() {
        // Who recorded it is a member of the team it is in.
        adr["created_by"] = Value::Null;
    }
    backup
}

async fn a_restored_backup_is_the_project_it_was_field_by_field(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = decided_project(&app, "Backed up").await;
    for (question, value) in [("database.engine", "postgresql"), ("api.style", "rest")] {
        let saved = app
            .call(
                "save_answer",
                &[
                    ("project_id", &project),
                    ("question_id", question),
                    ("version", "0"),
                    ("value", value),
                    ("note", "Agreed on Monday"),
                ],
            )
            .await;
        assert_eq!(saved.status(), StatusCode::OK, "{question}");
    }
    let profile = app
        .call(
            "save_profile",
            &[
                ("project_id", project.as_str()),
                ("version", "0"),
                ("profile[team_size]", "4"),
                ("profile[experience]", "TypeScript, React"),
                ("profile[expected_users]", "2000"),
                ("profile[budget]", "bootstrapped"),
                ("profile[data_shape]", "relational"),
                ("profile[time_to_market]", "months"),
                ("profile[clients][]", "web"),
            ],
        )
        .await;
    assert_eq!(profile.status(), StatusCode::OK);
    let marked = app
        .call(
            "mark_topic",
            &[
                ("project_id", project.as_str()),
                ("topic_id", "monitoring"),
                ("mark", "skipped"),
                ("reason", "Later, after launch"),
            ],
        )
        .await;
    assert_eq!(marked.status(), StatusCode::OK);
    // An imported ADR with extras and no date, so both travel too.
    let archive = {
        use std::io::Write;
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        writer
            .start_file(
                "doc/adr/0009-undated.md",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
        writer
            .write_all(
                b"<!-- kept -->\n# 9. Undated\n\n## Status\n\nAccepted\n\n## Context\n\nOld.\n",
            )
            .unwrap();
        writer.finish().unwrap().into_inner()
    };
    assert_eq!(
        crate::exchange::upload(&app, &project, archive)
            .await
            .status(),
        StatusCode::OK
    );
    let original = backup_of(&app.client, &app, &project).await;
    assert_eq!(original["adrs"].as_array().unwrap().len(), 4);
    assert_eq!(original["profile"]["team_size"], 4);
    assert_eq!(original["topic_marks"][0]["reason"], "Later, after launch");
    assert!(original["adrs"][0]["revisions"].as_array().unwrap().len() >= 2);
    let bytes = serde_json::to_vec_pretty(&original).unwrap();

    let response = restore(&app.client, &app, &project, bytes.clone()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let restored: Value = response.json().await.unwrap();
    assert_eq!(restored["name"], "Backed up (restored)");
    let copy = restored["project_id"].to_string();
    let again = backup_of(&app.client, &app, &copy).await;
    assert_eq!(comparable(again.clone()), comparable(original.clone()));
    let undated = &again["adrs"].as_array().unwrap()[3];
    assert_eq!(undated["decision_date"], Value::Null);
    assert!(undated["markdown_extras"]["before_title"] == "<!-- kept -->");

    // Into another team, by someone who is its owner but not a member of the first: the
    // authors of the revisions keep their names.
    let other = app.sign_up("rita@example.com").await;
    let team: app::teams::domain::TeamSummary = app
        .call_as(&other, "create_team", &[("name", "Rita's team")])
        .await
        .json()
        .await
        .unwrap();
    let landing: app::projects::domain::Project = app
        .call_as(
            &other,
            "create_project",
            &[
                ("team_id", &team.id.to_string()),
                ("name", "Landing"),
                ("description", ""),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    let response = restore(&other, &app, &landing.id.to_string(), bytes).await;
    assert_eq!(response.status(), StatusCode::OK);
    let elsewhere: Value = response.json().await.unwrap();
    assert_eq!(
        elsewhere["name"], "Backed up",
        "the name is free in that team"
    );
    let there = backup_of(&other, &app, &elsewhere["project_id"].to_string()).await;
    assert_eq!(comparable(there.clone()), comparable(original.clone()));
    assert_eq!(there["adrs"][0]["revisions"][0]["author"], "Olive Owner");
    // The first team cannot see it.
    let hidden = app
        .client
        .get(app.url(&format!(
            "/projects/{}/backup.json",
            elsewhere["project_id"]
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);

    // And from the command line.
    let file = std::env::temp_dir().join(format!(
        "groundwork_restore_{}_{backend:?}.json",
        std::process::id()
    ));
    std::fs::write(&file, serde_json::to_vec(&original).unwrap()).unwrap();
    let output = Command::new(BINARY)
        .args(["restore", "--as", "owner@example.com"])
        .arg(&file)
        .env("DATABASE_URL", app.database_url())
        .env("LOG_LEVEL", "warn")
        .output()
        .expect("the binary runs");
    let _ = std::fs::remove_file(&file);
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{printed} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        printed.contains("restored \"Backed up (restored 2)\" with 4 ADRs"),
        "{printed}"
    );
}

async fn a_newer_or_damaged_backup_is_refused_and_stores_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = decided_project(&app, "Source").await;
    let original = backup_of(&app.client, &app, &project).await;
    let projects_before = project_count(&app).await;
    let mut newer = original.clone();
    newer["format_version"] = 2.into();
    let mut bad_status = original.clone();
    bad_status["adrs"][1]["status"] = "bogus".into();
    let mut dangling = original.clone();
    dangling["links"][0]["to"] = 77.into();
    let mut bad_revision = original.clone();
    bad_revision["adrs"][0]["revisions"][0]["version"] = 99.into();
    let text = serde_json::to_string(&original).unwrap();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            serde_json::to_vec(&newer).unwrap(),
            "written by a newer Groundwork (format 2)",
        ),
        (text.as_bytes()[..text.len() / 2].to_vec(), "it is not JSON"),
        (
            b"{\"format\": \"something-else\"}".to_vec(),
            "not a Groundwork project backup",
        ),
        (
            serde_json::to_vec(&bad_status).unwrap(),
            "\"bogus\" is not a status",
        ),
        (serde_json::to_vec(&dangling).unwrap(), "is damaged"),
        (
            serde_json::to_vec(&bad_revision).unwrap(),
            "revision 99 is damaged",
        ),
    ];
    for (bytes, expected) in cases {
        let response = restore(&app.client, &app, &project, bytes).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{expected}"
        );
        let message = response.text().await.unwrap();
        assert!(message.contains(expected), "{expected}: {message}");
    }
    assert_eq!(project_count(&app).await, projects_before);
    // A viewer may not restore.
    let viewer = app.member("viewer@example.com", "viewer").await;
    let response = restore(
        &viewer,
        &app,
        &project,
        serde_json::to_vec(&original).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(project_count(&app).await, projects_before);
}

async fn project_count(app: &TestApp) -> usize {
    use sea_orm::EntityTrait;
    app::projects::entity::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len()
}
