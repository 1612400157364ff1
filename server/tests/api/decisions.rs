//! The decision log over HTTP: numbering under parallel inserts, lost-update protection, safe
//! markdown, lifecycle and links, search, on both databases.
use app::decisions::domain::{AdrLogPage, AdrStatus, AdrView};
use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{on_both_databases, spawn_app, Backend, TestApp};

on_both_databases!(
    twenty_adrs_created_at_once_get_twenty_consecutive_numbers,
    of_parallel_writers_from_one_version_exactly_one_wins,
    markdown_is_stored_sanitised_and_rendered_once,
    the_lifecycle_is_enforced_and_supersedes_reads_both_ways,
    links_stay_inside_the_project_and_never_circle,
    the_log_filters_and_searches,
    bad_adr_input_is_named_at_its_field_and_nothing_is_stored,
    decision_makers_are_chosen_from_the_team,
    a_topic_answered_becomes_a_proposed_adr,
    a_failed_plain_form_post_keeps_even_long_sections,
);

async fn create(app: &TestApp, project: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut form = vec![("project_id", project)];
    form.extend_from_slice(fields);
    app.call("create_adr", &form).await
}

async fn get(app: &TestApp, project: &str, number: i32) -> AdrView {
    app.adr(project, number).await
}

async fn log(app: &TestApp, project: &str, filters: &[(&str, &str)]) -> AdrLogPage {
    let mut form = vec![("project_id", project)];
    form.extend_from_slice(filters);
    app.call("list_adrs", &form).await.json().await.unwrap()
}

async fn set_status(app: &TestApp, project: &str, number: i32, status: &str) -> reqwest::Response {
    let version = get(app, project, number).await.version.to_string();
    app.call(
        "change_adr_status",
        &[
            ("project_id", project),
            ("number", &number.to_string()),
            ("version", &version),
            ("status", status),
        ],
    )
    .await
}

async fn link(app: &TestApp, project: &str, from: i32, kind: &str, to: &str) -> reqwest::Response {
    app.call(
        "link_adrs",
        &[
            ("project_id", project),
            ("number", &from.to_string()),
            ("kind", kind),
            ("target", to),
        ],
    )
    .await
}

async fn twenty_adrs_created_at_once_get_twenty_consecutive_numbers(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Parallel").await;
    let titles: Vec<String> = (0..20).map(|n| format!("Parallel decision {n}")).collect();
    let (app_ref, project_ref) = (&app, &project);
    let responses =
        join_all(titles.iter().map(|title| async move {
            create(app_ref, project_ref, &[("adr[title]", title)]).await
        }))
        .await;
    let mut numbers = Vec::new();
    for response in responses {
        assert_eq!(response.status(), StatusCode::OK);
        numbers.push(response.json::<i32>().await.unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=20).collect::<Vec<i32>>());
    // Another project counts from 1 again.
    let other = app.new_project("Other").await;
    let first: i32 = create(&app, &other, &[("adr[title]", "First")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first, 1);
}

async fn of_parallel_writers_from_one_version_exactly_one_wins(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Contended").await;
    create(&app, &project, &[("adr[title]", "Pick a database")]).await;
    let version = get(&app, &project, 1).await.version.to_string();
    let titles: Vec<String> = (0..8).map(|n| format!("Writer {n} was here")).collect();
    let (app_ref, project_ref, version_ref) = (&app, &project, &version);
    let responses = join_all(titles.iter().map(|title| async move {
        app_ref
            .call(
                "update_adr",
                &[
                    ("project_id", project_ref),
                    ("number", "1"),
                    ("version", version_ref),
                    ("adr[title]", title),
                ],
            )
            .await
    }))
    .await;
    let mut winners = Vec::new();
    let mut conflicts = 0;
    for (title, response) in titles.iter().zip(responses) {
        match response.status() {
            StatusCode::OK => winners.push(title.clone()),
            StatusCode::CONFLICT => conflicts += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((winners.len(), conflicts), (1, 7));
    let stored = get(&app, &project, 1).await;
    assert_eq!(stored.summary.title, winners[0]);
    assert_eq!(stored.version, 2);
}

async fn markdown_is_stored_sanitised_and_rendered_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Hostile").await;
    let hostile =
        "**Bold** <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))";
    let created = create(
        &app,
        &project,
        &[("adr[title]", "XSS"), ("adr[context]", hostile)],
    )
    .await;
    assert_eq!(created.status(), StatusCode::OK);
    let adr = get(&app, &project, 1).await;
    let html = &adr.sections[0].html;
    assert!(html.contains("<strong>Bold</strong>"), "{html}");
    for banned in ["<script", "onerror", "javascript:"] {
        assert!(!html.to_lowercase().contains(banned), "{banned} in {html}");
    }
    assert_eq!(
        adr.sections[0].markdown, hostile,
        "the markdown is kept as typed"
    );
    let page = app
        .client
        .get(app.url(&format!("/projects/{project}/decisions/1")))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<strong>Bold</strong>"));
    if let Some(at) = page.find("<script>alert(1)") {
        panic!(
            "the page carries the script: {}",
            &page[at.saturating_sub(300)..(at + 100).min(page.len())]
        );
    }
    let preview: String = app
        .call(
            "preview_markdown",
            &[("project_id", &project), ("markdown", hostile)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(&preview, html);
}

async fn the_lifecycle_is_enforced_and_supersedes_reads_both_ways(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Lifecycle").await;
    create(&app, &project, &[("adr[title]", "Use MySQL")]).await;
    create(&app, &project, &[("adr[title]", "Use PostgreSQL")]).await;
    // A proposal cannot be deprecated, nor superseded directly.
    for status in ["deprecated", "superseded"] {
        let refused = set_status(&app, &project, 1, status).await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{status}"
        );
    }
    // Only an accepted decision can be superseded.
    assert_eq!(
        link(&app, &project, 2, "supersedes", "1").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        set_status(&app, &project, 1, "accepted").await.status(),
        StatusCode::OK
    );
    let superseding = link(&app, &project, 2, "supersedes", "1").await;
    assert_eq!(superseding.status(), StatusCode::OK);
    let old = get(&app, &project, 1).await;
    assert_eq!(old.summary.status, AdrStatus::Superseded);
    assert_eq!(old.links[0].phrase, "Superseded by");
    assert_eq!(old.links[0].display_number, "ADR-0002");
    let new = get(&app, &project, 2).await;
    assert_eq!(new.links[0].phrase, "Supersedes");
    assert!(old.next_statuses.is_empty(), "superseded is final");
    let revisions: Vec<Value> = app
        .call(
            "list_adr_revisions",
            &[("project_id", &project), ("number", "1")],
        )
        .await
        .json()
        .await
        .unwrap();
    let changed: Vec<String> = revisions
        .iter()
        .map(|r| r["changed_fields"].to_string())
        .collect();
    assert_eq!(revisions.len(), 3, "{changed:?}");
    let diff: Vec<Value> = app
        .call(
            "diff_adr_revisions",
            &[
                ("project_id", &project),
                ("number", "1"),
                ("from", "1"),
                ("to", "3"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(diff[0]["field"], "status");
}

async fn links_stay_inside_the_project_and_never_circle(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Links").await;
    let other = app.new_project("Elsewhere").await;
    for title in ["A", "B"] {
        create(&app, &project, &[("adr[title]", title)]).await;
    }
    for title in ["C", "D", "E"] {
        create(&app, &other, &[("adr[title]", title)]).await;
    }
    // ADR 3 exists only in the other project.
    let response = link(&app, &project, 1, "relates_to", "3").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["Validation"]["field"], "target");
    assert_eq!(
        link(&app, &project, 1, "relates_to", "1").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // A supersedes B, then B cannot supersede A.
    set_status(&app, &project, 2, "accepted").await;
    assert_eq!(
        link(&app, &project, 1, "supersedes", "2").await.status(),
        StatusCode::OK
    );
    set_status(&app, &project, 1, "accepted").await;
    let circle = link(&app, &project, 2, "supersedes", "1").await;
    assert_eq!(circle.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        get(&app, &project, 1).await.summary.status,
        AdrStatus::Accepted
    );
    assert_eq!(
        link(&app, &project, 1, "relates_to", "2").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        link(&app, &project, 1, "relates_to", "2").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

async fn the_log_filters_and_searches(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Search").await;
    create(
        &app,
        &project,
        &[
            ("adr[title]", "Store orders in PostgreSQL"),
            ("adr[context]", "Orders need transactions."),
        ],
    )
    .await;
    create(
        &app,
        &project,
        &[
            ("adr[title]", "Deploy containers"),
            ("adr[context]", "We run Docker images on one host."),
        ],
    )
    .await;
    set_status(&app, &project, 1, "accepted").await;

    let found = log(&app, &project, &[("q", "postgresql")]).await;
    assert_eq!(
        found.items.iter().map(|a| a.number).collect::<Vec<_>>(),
        [1]
    );
    let in_body = log(&app, &project, &[("q", "docker")]).await;
    assert_eq!(
        in_body.items.iter().map(|a| a.number).collect::<Vec<_>>(),
        [2]
    );
    let accepted = log(&app, &project, &[("status", "accepted")]).await;
    assert_eq!(accepted.total, 1);
    let newest_first = log(&app, &project, &[("sort", "-number")]).await;
    assert_eq!(newest_first.items[0].number, 2);
    assert_eq!(
        log(&app, &project, &[("q", "nothing-like-this")])
            .await
            .total,
        0
    );
    let bad = app
        .call(
            "list_adrs",
            &[("project_id", &project), ("status", "maybe")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn bad_adr_input_is_named_at_its_field_and_nothing_is_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Bad input").await;
    let long_title = "t".repeat(121);
    let huge = "m".repeat(64 * 1024 + 1);
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("adr[title]", "  ")], "title"),
        (&[("adr[title]", &long_title)], "title"),
        (
            &[("adr[title]", "Fine"), ("adr[context]", &huge)],
            "context",
        ),
        (
            &[("adr[title]", "Fine"), ("adr[revisit_by]", "next spring")],
            "revisit_by",
        ),
    ];
    for (fields, field) in cases {
        let response = create(&app, &project, fields).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["Validation"]["field"], field);
    }
    assert_eq!(log(&app, &project, &[]).await.total, 0);
    let first: i32 = create(&app, &project, &[("adr[title]", "Now valid")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first, 1, "refused inserts used no numbers");
}

async fn decision_makers_are_chosen_from_the_team(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("People").await;
    let grace = app.member("grace@example.com", "editor").await;
    let people: Vec<String> = app
        .call("list_team_people", &[("project_id", &project)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(people, ["grace", "Olive Owner"]);

    let refused = create(
        &app,
        &project,
        &[
            ("adr[title]", "Pick"),
            ("adr[decision_makers]", "Olive Owner\nLinus"),
        ],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = refused.json().await.unwrap();
    assert_eq!(error["Validation"]["field"], "decision_makers");
    let message = error["Validation"]["message"].as_str().unwrap();
    assert!(
        message.contains("Linus") && message.contains("grace"),
        "{message}"
    );
    assert_eq!(log(&app, &project, &[]).await.total, 0, "nothing stored");

    // Members in any spelling are stored as their names; consulted and informed may be anyone.
    let number: i32 = create(
        &app,
        &project,
        &[
            ("adr[title]", "Pick"),
            ("adr[decision_makers]", "olive OWNER\nGrace"),
            ("adr[consulted]", "Platform team"),
        ],
    )
    .await
    .json()
    .await
    .unwrap();
    let adr = get(&app, &project, number).await;
    assert_eq!(adr.summary.decision_makers, ["Olive Owner", "grace"]);
    assert_eq!(adr.consulted, ["Platform team"]);

    // Someone who has left stays on the decisions they made, but is not added to new ones.
    app.remove_member(&grace).await;
    let update = |title: &'static str, people: &'static str, version: i32| {
        let project = project.clone();
        let app = &app;
        async move {
            let version = version.to_string();
            app.call(
                "update_adr",
                &[
                    ("project_id", project.as_str()),
                    ("number", &number.to_string()),
                    ("version", &version),
                    ("adr[title]", title),
                    ("adr[decision_makers]", people),
                ],
            )
            .await
        }
    };
    let kept = update("Pick again", "Olive Owner\ngrace", adr.version).await;
    assert_eq!(kept.status(), StatusCode::OK);
    let adr = get(&app, &project, number).await;
    assert_eq!(adr.summary.decision_makers, ["Olive Owner", "grace"]);
    let refused = update("Pick again", "Olive Owner\ngrace\nLinus", adr.version).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let none_left = create(
        &app,
        &project,
        &[("adr[title]", "Later"), ("adr[decision_makers]", "grace")],
    )
    .await;
    assert_eq!(none_left.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn a_topic_answered_becomes_a_proposed_adr(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Generated").await;
    let early = app
        .call(
            "generate_adr",
            &[("project_id", &project), ("topic_id", "api")],
        )
        .await;
    assert_eq!(
        early.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing answered yet"
    );
    let answered = app
        .call(
            "save_answer",
            &[
                ("project_id", &project),
                ("question_id", "api.style"),
                ("version", "0"),
                ("value", "rest"),
                ("note", "Mobile later"),
            ],
        )
        .await;
    assert_eq!(answered.status(), StatusCode::OK);
    let number: i32 = app
        .call(
            "generate_adr",
            &[("project_id", &project), ("topic_id", "api")],
        )
        .await
        .json()
        .await
        .unwrap();
    let adr = get(&app, &project, number).await;
    assert_eq!(adr.summary.status, AdrStatus::Proposed);
    assert_eq!(adr.summary.topic_id.as_deref(), Some("api"));
    let outcome = &adr.sections[3].markdown;
    assert!(outcome.starts_with("Chosen option: \""), "{outcome}");
    assert!(
        outcome.contains("Mobile later"),
        "the note is kept: {outcome}"
    );
    assert!(
        !adr.sections[2].markdown.is_empty(),
        "considered options are listed"
    );
}

async fn a_failed_plain_form_post_keeps_even_long_sections(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("No script").await;
    create(&app, &project, &[("adr[title]", "Original")]).await;
    let page = app.url(&format!("/projects/{project}/decisions/1"));
    let long_context = format!(
        "Typed without JavaScript. {}",
        "Long reasoning. ".repeat(400)
    );
    let response = app
        .client
        .post(app.url("/api/update_adr"))
        .header("Accept", "text/html")
        .header("Referer", &page)
        .form(&[
            ("project_id", project.as_str()),
            ("number", "1"),
            ("version", "1"),
            ("adr[title]", ""),
            ("adr[context]", &long_context),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        get(&app, &project, 1).await.summary.title,
        "Original",
        "nothing stored"
    );
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let html = app
        .client
        .get(&location)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Give the decision a title."),
        "the error is shown"
    );
    assert!(
        html.contains(&long_context),
        "the typed section is back in the form"
    );
    // Only once: a later visit shows the stored ADR.
    let again = app
        .client
        .get(&page)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert!(!again
        .text()
        .await
        .unwrap()
        .contains("Typed without JavaScript."));
}
