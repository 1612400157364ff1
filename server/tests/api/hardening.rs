//! The holes a security review found, each closed: open redirects after sign-in, responses
//! that browsers may keep, concurrent set-ups and invitation uses, search syntax in a query.
use app::decisions::domain::AdrLogPage;
use futures_util::future::join_all;
use reqwest::StatusCode;

use crate::helpers::{
    new_client, on_both_databases, spawn_app, spawn_app_configured, spawn_fresh_app, Backend,
    TEST_PASSWORD,
};

on_both_databases!(
    sign_in_follows_next_only_to_a_path_on_this_site,
    signed_in_responses_are_never_stored_by_the_browser,
    over_https_the_cookie_is_host_only_and_browsers_are_told_to_stay,
    two_set_ups_at_the_same_moment_make_one_owner,
    an_invitation_used_by_ten_people_at_once_admits_one_and_answers_the_rest,
    punctuation_and_search_syntax_in_a_query_find_nothing_and_break_nothing,
    password_changes_and_set_ups_count_against_the_attempt_limits,
);

async fn sign_in_follows_next_only_to_a_path_on_this_site(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for (next, expected) in [
        ("/projects", "/projects"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/%2F/evil.example", "/"),
    ] {
        let response = app
            .call_as(
                &new_client(),
                "sign_in",
                &[
                    ("email", "owner@example.com"),
                    ("password", TEST_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert!(
            response.status().is_success(),
            "{next:?}: {}",
            response.status()
        );
        assert_eq!(
            response.headers()["location"].to_str().unwrap(),
            expected,
            "{next:?}"
        );
    }
}

async fn signed_in_responses_are_never_stored_by_the_browser(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Private plans").await;
    for path in [
        format!("/projects/{project}"),
        format!("/projects/{project}/decisions"),
        "/account".to_owned(),
    ] {
        let page = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        assert_eq!(page.headers()["cache-control"], "no-store", "{path}");
    }
    let data = app.call("get_project", &[("id", project.as_str())]).await;
    assert_eq!(data.headers()["cache-control"], "no-store");
}

async fn over_https_the_cookie_is_host_only_and_browsers_are_told_to_stay(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, |config| {
        config.public_url = "https://groundwork.example".to_owned();
    })
    .await
    else {
        return;
    };
    let response = app
        .call_as(
            &new_client(),
            "sign_in",
            &[("email", "owner@example.com"), ("password", TEST_PASSWORD)],
        )
        .await;
    assert!(response.status().is_success());
    assert_eq!(
        response.headers()["cache-control"],
        "no-store",
        "a sign-in sets a cookie"
    );
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-groundwork_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain"), "{cookie}");
    let hsts = response.headers()["strict-transport-security"]
        .to_str()
        .unwrap();
    assert!(hsts.starts_with("max-age="), "{hsts}");

    let Some(plain) = spawn_app(backend).await else {
        return;
    };
    let page = plain
        .client
        .get(plain.url("/sign-in"))
        .send()
        .await
        .unwrap();
    assert!(!page.headers().contains_key("strict-transport-security"));
}

async fn two_set_ups_at_the_same_moment_make_one_owner(backend: Backend) {
    let Some(app) = spawn_fresh_app(backend).await else {
        return;
    };
    let attempts = (0..6).map(|n| {
        let app = &app;
        async move {
            let email = format!("first{n}@example.com");
            let team = format!("Team {n}");
            app.call_as(
                &new_client(),
                "set_up",
                &[
                    ("email", email.as_str()),
                    ("password", TEST_PASSWORD),
                    ("team_name", team.as_str()),
                ],
            )
            .await
            .status()
        }
    });
    let statuses = join_all(attempts).await;
    let succeeded = statuses.iter().filter(|s| s.is_success()).count();
    assert_eq!(succeeded, 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| s.is_success() || *s == StatusCode::CONFLICT),
        "the others are told it is set up: {statuses:?}"
    );
    let teams = <app::teams::entity::Entity as sea_orm::EntityTrait>::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(teams.len(), 1);
}

async fn an_invitation_used_by_ten_people_at_once_admits_one_and_answers_the_rest(
    backend: Backend,
) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let mut guests = Vec::new();
    for n in 0..10 {
        guests.push(app.sign_up(&format!("guest{n}@example.com")).await);
    }
    let path = app.invitation("editor").await;
    let token = path.rsplit('/').next().unwrap().to_owned();
    let statuses = join_all(guests.iter().map(|guest| {
        let (app, token) = (&app, &token);
        async move {
            app.call_as(guest, "accept_invitation", &[("token", token.as_str())])
                .await
                .status()
        }
    }))
    .await;
    let admitted = statuses.iter().filter(|s| s.is_success()).count();
    assert_eq!(admitted, 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| s.is_success() || *s == StatusCode::CONFLICT),
        "no 500 or 503 on a busy database: {statuses:?}"
    );
}

async fn punctuation_and_search_syntax_in_a_query_find_nothing_and_break_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Wildcards").await;
    for title in [
        "Cache 50% of reads",
        "Name columns in snake_case",
        "Plain words",
    ] {
        app.create_adr(&project, title).await;
    }
    // LIKE's wildcards, FTS5's syntax and tsquery's operators: none is a word, so each query
    // finds nothing, on both databases, rather than everything or an error.
    for query in [
        "%",
        "_",
        "\\",
        "\"",
        "*",
        "(",
        "a:*",
        "!",
        "&|",
        "NEAR(",
        "' OR ''='",
    ] {
        let response = app
            .call(
                "list_adrs",
                &[("project_id", project.as_str()), ("q", query)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{query:?}");
        let page: AdrLogPage = response.json().await.unwrap();
        assert_eq!(page.total, 0, "{query:?} found {:?}", page.items);
    }
    let words: AdrLogPage = app
        .call(
            "list_adrs",
            &[
                ("project_id", project.as_str()),
                ("q", "snake_case \"columns\"*"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(words.items.len(), 1, "{:?}", words.items);
    assert_eq!(words.items[0].title, "Name columns in snake_case");
}

async fn password_changes_and_set_ups_count_against_the_attempt_limits(backend: Backend) {
    let Some(app) = spawn_app_configured(backend, |config| {
        config.sign_in_attempts_per_account = 3;
    })
    .await
    else {
        return;
    };
    let change = || {
        app.call(
            "change_password",
            &[
                ("current_password", "not the password"),
                ("new_password", "another long passphrase"),
            ],
        )
    };
    for _ in 0..3 {
        assert_eq!(change().await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(change().await.status(), StatusCode::TOO_MANY_REQUESTS);

    // Set-up on an install that is set up: refused, and counted like any attempt.
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let response = app
            .call_as(
                &new_client(),
                "set_up",
                &[
                    ("email", "late@example.com"),
                    ("password", TEST_PASSWORD),
                    ("team_name", "Late"),
                ],
            )
            .await;
        statuses.push(response);
    }
    let statuses: Vec<_> = statuses.iter().map(|r| r.status()).collect();
    assert_eq!(
        statuses,
        [
            StatusCode::CONFLICT,
            StatusCode::CONFLICT,
            StatusCode::CONFLICT,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}
