//! Live planning sessions: events reach every replica's streams, a reconnecting stream resumes
//! without gaps or doubles, only members receive or act, and the recorded answer becomes an ADR
//! naming who decided and who disagreed.
use std::time::Duration;

use app::planning::views::{SessionPageView, SessionSummary};
use reqwest::StatusCode;

use crate::{
    helpers::{on_both_databases, spawn_app, Backend, TestApp},
    live_helpers::{EventReader, Replica},
};

const WAIT: Duration = Duration::from_secs(10);

/// Starts a session on a new project as the owner: (project, session).
async fn started(app: &TestApp) -> (String, i32) {
    let project = app.new_project("Live").await;
    let response = app
        .call("start_planning_session", &[("project_id", &project)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let session: i32 = response.json().await.expect("the session's id");
    (project, session)
}

async fn vote(
    app: &TestApp,
    client: &reqwest::Client,
    project: &str,
    session: i32,
    value: &str,
    comment: &str,
) -> StatusCode {
    app.call_as(
        client,
        "cast_session_vote",
        &[
            ("project_id", project),
            ("session_id", &session.to_string()),
            ("question_id", "database.product"),
            ("value", value),
            ("comment", comment),
        ],
    )
    .await
    .status()
}

async fn page(
    app: &TestApp,
    client: &reqwest::Client,
    project: &str,
    session: i32,
) -> SessionPageView {
    app.call_as(
        client,
        "get_planning_session",
        &[
            ("project_id", project),
            ("session_id", &session.to_string()),
        ],
    )
    .await
    .json()
    .await
    .expect("the session page")
}

async fn a_vote_reaches_every_open_stream_at_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (project, session) = started(&app).await;
    let bea = app.member("bea@example.com", "editor").await;
    let mut stream = EventReader::open(&bea, &app.address, &project, session, None).await;
    assert_eq!(
        vote(
            &app,
            &app.client,
            &project,
            session,
            "postgresql",
            "we know it"
        )
        .await,
        StatusCode::OK
    );
    let seen = stream.until("voted", WAIT).await;
    let voted = seen.last().expect("the vote");
    assert_eq!(voted.data["value"], "postgresql");
    assert_eq!(voted.data["comment"], "we know it");
    let ids: Vec<i64> = seen.iter().map(|e| e.id).collect();
    assert!(
        ids.windows(2).all(|w| w[1] == w[0] + 1),
        "numbered without gaps: {ids:?}"
    );
}

async fn a_stream_that_reconnects_resumes_after_its_last_event_without_gaps_or_doubles(
    backend: Backend,
) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (project, session) = started(&app).await;
    let bea = app.member("bea@example.com", "editor").await;
    let mut first = EventReader::open(&bea, &app.address, &project, session, None).await;
    vote(&app, &app.client, &project, session, "postgresql", "").await;
    let last = first
        .until("voted", WAIT)
        .await
        .last()
        .expect("an event")
        .id;
    drop(first);
    // While Bea is away: three more votes (one changed).
    vote(&app, &bea, &project, session, "mysql", "familiar").await;
    vote(&app, &app.client, &project, session, "sqlite", "").await;
    vote(
        &app,
        &bea,
        &project,
        session,
        "postgresql",
        "changed my mind",
    )
    .await;
    let mut resumed = EventReader::open(&bea, &app.address, &project, session, Some(last)).await;
    let mut ids = Vec::new();
    let mut votes = Vec::new();
    while let Some(event) = resumed.next(Duration::from_secs(2)).await {
        ids.push(event.id);
        if event.data["kind"] == "voted" {
            votes.push(event.data["value"].as_str().unwrap_or_default().to_owned());
        }
    }
    assert_eq!(
        ids.first(),
        Some(&(last + 1)),
        "resumes right after {last}: {ids:?}"
    );
    assert!(
        ids.windows(2).all(|w| w[1] == w[0] + 1),
        "no gap, no double: {ids:?}"
    );
    assert_eq!(votes, ["mysql", "sqlite", "postgresql"]);
    let state = page(&app, &bea, &project, session).await.state;
    assert_eq!(
        state.seq,
        *ids.last().expect("events"),
        "the page and the stream agree"
    );
    assert_eq!(state.tally("database.product").count_for("postgresql"), 1);
    assert_eq!(state.tally("database.product").count_for("sqlite"), 1);
}

async fn only_members_of_the_team_receive_events_and_viewers_only_watch(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (project, session) = started(&app).await;
    let anonymous = crate::helpers::new_client();
    let outsider = app.sign_up("outsider@example.com").await;
    let viewer = app.member("vic@example.com", "viewer").await;
    let refused = EventReader::request(&anonymous, &app.address, &project, session, None).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let hidden = EventReader::request(&outsider, &app.address, &project, session, None).await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        vote(&app, &outsider, &project, session, "postgresql", "").await,
        StatusCode::NOT_FOUND
    );
    let _watching = EventReader::open(&viewer, &app.address, &project, session, None).await;
    assert_eq!(
        vote(&app, &viewer, &project, session, "postgresql", "").await,
        StatusCode::FORBIDDEN
    );
    let moved = app
        .call_as(
            &viewer,
            "move_planning_session",
            &[
                ("project_id", &project),
                ("session_id", &session.to_string()),
                ("topic_id", "database"),
            ],
        )
        .await;
    assert_eq!(
        moved.status(),
        StatusCode::FORBIDDEN,
        "only the facilitator moves the group"
    );
    let too_long = "x".repeat(281);
    assert_eq!(
        vote(
            &app,
            &app.client,
            &project,
            session,
            "postgresql",
            &too_long
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        vote(&app, &app.client, &project, session, "not-an-option", "").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

async fn a_person_holds_at_most_six_streams(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (project, session) = started(&app).await;
    let mut open = Vec::new();
    for _ in 0..6 {
        open.push(EventReader::open(&app.client, &app.address, &project, session, None).await);
    }
    let seventh = EventReader::request(&app.client, &app.address, &project, session, None).await;
    assert_eq!(seventh.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn the_recorded_answer_closes_the_vote_and_its_adr_names_who_decided_and_who_disagreed(
    backend: Backend,
) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (project, session) = started(&app).await;
    let bea = app.member("bea@example.com", "editor").await;
    let carl = app.member("carl@example.com", "editor").await;
    page(&app, &bea, &project, session).await;
    page(&app, &carl, &project, session).await;
    let s = session.to_string();
    let moved = app
        .call(
            "move_planning_session",
            &[
                ("project_id", &project),
                ("session_id", &s),
                ("topic_id", "database"),
                ("timebox_minutes", "10"),
            ],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    vote(&app, &app.client, &project, session, "postgresql", "").await;
    vote(&app, &bea, &project, session, "postgresql", "").await;
    vote(
        &app,
        &carl,
        &project,
        session,
        "mysql",
        "our ops team runs MySQL",
    )
    .await;
    let split = page(&app, &bea, &project, session)
        .await
        .state
        .tally("database.product");
    assert!(!split.is_split(), "two of three is a majority");
    let recorded = app
        .call(
            "record_session_answer",
            &[
                ("project_id", &project),
                ("session_id", &s),
                ("question_id", "database.product"),
                ("value", "postgresql"),
                ("decision_makers", "present"),
            ],
        )
        .await;
    assert_eq!(recorded.status(), StatusCode::OK);
    assert_eq!(
        vote(&app, &carl, &project, session, "sqlite", "").await,
        StatusCode::CONFLICT
    );
    let topic = app.topic(&project, "database").await;
    let answer = topic
        .questions
        .iter()
        .find(|q| q.question.id == "database.product")
        .and_then(|q| q.answer.clone());
    assert_eq!(
        answer.map(|a| a.value).as_deref(),
        Some("postgresql"),
        "the project's answer"
    );
    let generated = app
        .call(
            "generate_adr",
            &[("project_id", &project), ("topic_id", "database")],
        )
        .await;
    assert_eq!(generated.status(), StatusCode::OK);
    let adr = app.adr(&project, 1).await.form;
    for name in ["Olive Owner", "bea", "carl"] {
        assert!(
            adr.decision_makers
                .to_lowercase()
                .contains(&name.to_lowercase()),
            "{name} in {:?}",
            adr.decision_makers
        );
    }
    assert!(
        adr.options.contains("voted for “MySQL"),
        "dissent under the options: {}",
        adr.options
    );
    assert!(
        adr.options.contains("our ops team runs MySQL"),
        "{}",
        adr.options
    );
    assert!(
        adr.more_info.contains("planning session"),
        "{}",
        adr.more_info
    );
    assert!(adr.more_info.contains("2 of 3 votes"), "{}", adr.more_info);
    let summary: SessionSummary = app
        .call(
            "get_session_summary",
            &[("project_id", &project), ("session_id", &s)],
        )
        .await
        .json()
        .await
        .expect("a summary");
    assert_eq!(summary.decisions.len(), 1);
    assert_eq!(summary.attendance.len(), 3);
    assert_eq!(summary.topics.len(), 1, "{:?}", summary.topics);
    let markdown = app
        .page_text(&format!("/projects/{project}/sessions/{s}/summary.md"))
        .await;
    for part in [
        "## Attendance",
        "## Decisions recorded",
        "Recorded: **PostgreSQL**",
        "## Open questions",
        "## Split votes",
        "## Time per topic",
        "our ops team runs MySQL",
    ] {
        assert!(markdown.contains(part), "{part} in\n{markdown}");
    }
}

async fn a_vote_posted_by_a_plain_form_is_kept_and_leads_back_to_the_session(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (project, session) = started(&app).await;
    let s = session.to_string();
    let back = app.url(&format!("/projects/{project}/sessions/{s}?topic=database"));
    let posted = app
        .client
        .post(app.url("/api/cast_session_vote"))
        .header("Referer", &back)
        .header("Accept", "text/html")
        .form(&[
            ("project_id", project.as_str()),
            ("session_id", &s),
            ("question_id", "database.product"),
            ("value", "mysql"),
            ("comment", "no JavaScript here"),
        ])
        .send()
        .await
        .expect("the app answers");
    assert!(posted.status().is_redirection(), "{}", posted.status());
    let location = posted.headers()[reqwest::header::LOCATION]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(location.contains(&format!("/sessions/{s}")), "{location}");
    let html = app
        .page_text(&format!("/projects/{project}/sessions/{s}?topic=database"))
        .await;
    assert!(
        html.contains("no JavaScript here"),
        "the vote and its comment are on the page"
    );
}

on_both_databases!(
    a_vote_reaches_every_open_stream_at_once,
    a_stream_that_reconnects_resumes_after_its_last_event_without_gaps_or_doubles,
    only_members_of_the_team_receive_events_and_viewers_only_watch,
    a_person_holds_at_most_six_streams,
    the_recorded_answer_closes_the_vote_and_its_adr_names_who_decided_and_who_disagreed,
    a_vote_posted_by_a_plain_form_is_kept_and_leads_back_to_the_session,
);

#[tokio::test]
async fn a_vote_on_one_replica_reaches_a_stream_on_another() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let replica = Replica::start(&app).await;
    let (project, session) = started(&app).await;
    let bea = app.member("bea@example.com", "editor").await;
    let mut on_b = EventReader::open(&bea, &replica.address, &project, session, None).await;
    vote(
        &app,
        &app.client,
        &project,
        session,
        "postgresql",
        "from replica A",
    )
    .await;
    let seen = on_b.until("voted", WAIT).await;
    assert_eq!(
        seen.last().map(|e| e.data["comment"].clone()),
        Some("from replica A".into())
    );
}

#[tokio::test]
async fn a_removed_members_stream_on_another_replica_closes_at_once() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let replica = Replica::start(&app).await;
    let (project, session) = started(&app).await;
    let bea = app.member("bea@example.com", "editor").await;
    let mut on_b = EventReader::open(&bea, &replica.address, &project, session, None).await;
    on_b.until("presence", WAIT).await;
    app.remove_member(&bea).await;
    assert!(
        on_b.closes_within(Duration::from_secs(3)).await,
        "the stream closed"
    );
    let again = EventReader::request(&bea, &replica.address, &project, session, None).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_replica_whose_listener_loses_its_connection_catches_its_streams_up() {
    use sea_orm::ConnectionTrait;
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let replica = Replica::start(&app).await;
    let (project, session) = started(&app).await;
    let bea = app.member("bea@example.com", "editor").await;
    let mut on_b = EventReader::open(&bea, &replica.address, &project, session, None).await;
    on_b.until("presence", WAIT).await;
    // Cut every listener on this database (both replicas'), then vote at once.
    app.state
        .db
        .execute_unprepared(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = 'groundwork-live-listener' AND datname = current_database()",
        )
        .await
        .expect("listeners cut");
    vote(
        &app,
        &app.client,
        &project,
        session,
        "mysql",
        "while B reconnects",
    )
    .await;
    let seen = on_b.until("voted", WAIT).await;
    assert_eq!(
        seen.last().map(|e| e.data["comment"].clone()),
        Some("while B reconnects".into())
    );
}

#[tokio::test]
async fn when_a_replica_dies_its_participants_resume_on_the_other_without_loss() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let replica = Replica::start(&app).await;
    let (project, session) = started(&app).await;
    let bea = app.member("bea@example.com", "editor").await;
    let mut on_b = EventReader::open(&bea, &replica.address, &project, session, None).await;
    vote(&app, &bea, &project, session, "mysql", "before B died").await;
    let last = on_b.until("voted", WAIT).await.last().expect("the vote").id;
    drop(replica);
    assert!(on_b.closes_within(WAIT).await, "B's streams end with it");
    // While Bea's browser reconnects, the session goes on through A.
    vote(
        &app,
        &app.client,
        &project,
        session,
        "postgresql",
        "while B was down",
    )
    .await;
    let mut on_a = EventReader::open(&bea, &app.address, &project, session, Some(last)).await;
    let seen = on_a.until("voted", WAIT).await;
    assert_eq!(
        seen.first().map(|e| e.id),
        Some(last + 1),
        "resumed right after {last}"
    );
    assert_eq!(
        seen.last().map(|e| e.data["comment"].clone()),
        Some("while B was down".into())
    );
    let state = page(&app, &bea, &project, session).await.state;
    assert_eq!(
        state.tally("database.product").total,
        2,
        "both votes are in the database"
    );
}
