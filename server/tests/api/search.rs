//! Full-text search of the decision log: one shared set of ADRs and queries, with the same
//! expected results on SQLite (FTS5) and PostgreSQL (tsvector); the index follows edits; ADRs
//! indexed the old way are indexed again at start-up; a search never reaches another team.
use app::decisions::domain::AdrLogPage;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

use crate::helpers::{on_both_databases, spawn_app, Backend, TestApp};

on_both_databases!(
    the_shared_queries_find_the_same_adrs_on_both_databases,
    an_edit_changes_what_the_search_finds,
    adrs_indexed_the_old_way_are_indexed_again_at_start_up,
    a_search_finds_nothing_of_another_team,
);

/// The shared set: (title, context) of ADRs 1 to 8.
const SHARED_ADRS: [(&str, &str); 8] = [
    (
        "Store orders in PostgreSQL",
        "Orders need transactions and foreign keys; the databases we know best are relational.",
    ),
    (
        "Deploy containers to one host",
        "We are deploying Docker images with compose; a second host can wait.",
    ),
    (
        "Cache rendered pages",
        "Caching the HTML for one second halves the load; the cached copy is keyed by user.",
    ),
    (
        "Use an API-first design",
        "Clients talk to a JSON API over HTTP/2; the web front end is one client among others.",
    ),
    (
        "Name columns in snake_case",
        "Columns, tables and indexes use snake case, as PostgreSQL folds unquoted names.",
    ),
    (
        "Run tests on every push",
        "Testing in CI catches regressions; the test suite runs in under ten minutes.",
    ),
    (
        "Keep a monolith until 2027",
        "One deployment unit for the first year; microservices only when teams block each other.",
    ),
    (
        "Accept UTF-8 names like café",
        "People type names with accents (café, naïve); search must keep them as typed.",
    ),
];

/// (query, the ADRs it finds): word forms, stop words, punctuation, numbers, accents, several
/// words (all must occur), and words that occur nowhere.
const SHARED_QUERIES: [(&str, &[i32]); 18] = [
    ("postgresql", &[1, 5]),
    ("PostgreSQL orders", &[1]),
    ("database", &[1]),
    ("deployment", &[2, 7]),
    ("deployed", &[2, 7]),
    ("docker compose", &[2]),
    ("cache", &[3]),
    ("caching", &[3]),
    ("api-first", &[4]),
    ("http 2", &[4]),
    ("snake_case", &[5]),
    ("test", &[6]),
    ("tests testing", &[6]),
    ("2027", &[7]),
    ("café", &[8]),
    ("cafe", &[]),
    ("the orders", &[1]),
    ("kubernetes", &[]),
];

async fn found(app: &TestApp, project: &str, query: &str) -> Vec<i32> {
    let response = app
        .call("list_adrs", &[("project_id", project), ("q", query)])
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{query:?}");
    let page: AdrLogPage = response.json().await.unwrap();
    let mut numbers: Vec<i32> = page.items.iter().map(|row| row.number).collect();
    numbers.sort_unstable();
    assert_eq!(page.total as usize, numbers.len(), "{query:?}");
    numbers
}

async fn create(app: &TestApp, project: &str, title: &str, context: &str) {
    let response = app
        .call(
            "create_adr",
            &[
                ("project_id", project),
                ("adr[title]", title),
                ("adr[context]", context),
            ],
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
}

async fn the_shared_queries_find_the_same_adrs_on_both_databases(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Shared set").await;
    for (title, context) in SHARED_ADRS {
        create(&app, &project, title, context).await;
    }
    let mut wrong = Vec::new();
    for (query, expected) in SHARED_QUERIES {
        let numbers = found(&app, &project, query).await;
        if numbers != expected {
            wrong.push(format!(
                "{query:?}: found {numbers:?}, expected {expected:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{backend:?}:\n{}", wrong.join("\n"));
}

async fn an_edit_changes_what_the_search_finds(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Edits").await;
    create(&app, &project, "Pick a queue", "RabbitMQ carries the jobs.").await;
    assert_eq!(found(&app, &project, "rabbitmq").await, [1]);
    let version = app.adr(&project, 1).await.version.to_string();
    let saved = app
        .call(
            "update_adr",
            &[
                ("project_id", &project),
                ("number", "1"),
                ("version", &version),
                ("adr[title]", "Pick a queue"),
                ("adr[context]", "NATS carries the jobs."),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(found(&app, &project, "rabbitmq").await, Vec::<i32>::new());
    assert_eq!(found(&app, &project, "nats jobs").await, [1]);
}

async fn adrs_indexed_the_old_way_are_indexed_again_at_start_up(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Old index").await;
    create(
        &app,
        &project,
        "Deploy on Fridays",
        "Deploying late in the week.",
    )
    .await;
    // As migration 11 left ADRs stored before it: lower-cased text, version 0.
    app.state
        .db
        .execute_unprepared(
            "UPDATE adrs SET search_text = 'deploying on fridays', search_version = 0",
        )
        .await
        .unwrap();
    assert_eq!(found(&app, &project, "deployment").await, Vec::<i32>::new());
    let reindexed = app::decisions::service::reindex_outdated(&app.state.db)
        .await
        .unwrap();
    assert_eq!(reindexed, 1);
    assert_eq!(found(&app, &project, "deployment friday").await, [1]);
    let again = app::decisions::service::reindex_outdated(&app.state.db)
        .await
        .unwrap();
    assert_eq!(again, 0);
}

async fn a_search_finds_nothing_of_another_team(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let ours = app.new_project("Ours").await;
    create(&app, &ours, "Pick a queue", "Kafka for events.").await;
    let other = app.sign_up("other@example.com").await;
    app.call_as(&other, "create_team", &[("name", "Elsewhere")])
        .await;
    let teams: Vec<app::teams::domain::TeamSummary> = app
        .call_as(&other, "list_my_teams", &[])
        .await
        .json()
        .await
        .unwrap();
    let team = teams[0].id.to_string();
    let theirs: app::projects::domain::Project = app
        .call_as(
            &other,
            "create_project",
            &[("team_id", &team), ("name", "Theirs"), ("description", "")],
        )
        .await
        .json()
        .await
        .unwrap();
    let theirs = theirs.id.to_string();
    let created = app
        .call_as(
            &other,
            "create_adr",
            &[
                ("project_id", &theirs),
                ("adr[title]", "Kafka everywhere"),
                ("adr[context]", "Kafka for events."),
            ],
        )
        .await;
    assert!(created.status().is_success());
    assert_eq!(found(&app, &ours, "kafka events").await, [1]);
    let page: AdrLogPage = app
        .call_as(
            &other,
            "list_adrs",
            &[("project_id", &theirs), ("q", "kafka")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].title, "Kafka everywhere");
    let across = app
        .call("list_adrs", &[("project_id", &theirs), ("q", "kafka")])
        .await;
    assert_eq!(across.status(), StatusCode::NOT_FOUND);
}
