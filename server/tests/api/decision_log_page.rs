//! The decision log page as a browser loads it: every change, sign-out and removal shows on the
//! next load, each load carries its own nonce, and reading pages writes nothing.
use reqwest::{header, Client, StatusCode};

use crate::helpers::{csp_nonce, on_both_databases, spawn_app, Backend, TestApp};

on_both_databases!(
    the_log_page_shows_every_change_and_removal_on_the_next_load,
    a_log_page_loaded_again_carries_its_own_nonce,
    reading_the_log_and_an_adr_as_an_editor_saves_no_session,
);

async fn load(app: &TestApp, client: &Client, project: &str) -> (StatusCode, String) {
    let response = client
        .get(app.url(&format!("/projects/{project}/decisions")))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn create(app: &TestApp, project: &str, title: &str) {
    let created = app
        .call(
            "create_adr",
            &[("project_id", project), ("adr[title]", title)],
        )
        .await;
    assert_eq!(created.status(), StatusCode::OK, "creating {title}");
}

async fn the_log_page_shows_every_change_and_removal_on_the_next_load(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Shop").await;
    create(&app, &project, "Use PostgreSQL").await;
    let viewer = app.member("viewer@example.com", "viewer").await;
    for _ in 0..3 {
        let (status, page) = load(&app, &viewer, &project).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Use PostgreSQL"));
        assert!(!page.contains("Use a modular monolith"));
    }

    create(&app, &project, "Use a modular monolith").await;
    let (_, page) = load(&app, &viewer, &project).await;
    assert!(
        page.contains("Use a modular monolith"),
        "a new ADR shows at once"
    );

    app.remove_member(&viewer).await;
    let (status, page) = load(&app, &viewer, &project).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a removed member loses the log at once"
    );
    assert!(!page.contains("Use PostgreSQL"));

    let (status, _) = load(&app, &app.client, &project).await;
    assert_eq!(status, StatusCode::OK);
    let signed_out = app.call("sign_out", &[]).await;
    assert!(signed_out.status().is_success() || signed_out.status().is_redirection());
    let (_, page) = load(&app, &app.client, &project).await;
    assert!(
        !page.contains("Use PostgreSQL"),
        "signed out, the log is gone at once"
    );
}

async fn a_log_page_loaded_again_carries_its_own_nonce(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Shop").await;
    create(&app, &project, "Use PostgreSQL").await;
    let mut nonces: Vec<String> = Vec::new();
    for _ in 0..2 {
        let response = app
            .client
            .get(app.url(&format!("/projects/{project}/decisions")))
            .send()
            .await
            .unwrap();
        let nonce = csp_nonce(response.headers());
        let page = response.text().await.unwrap();
        assert!(
            page.contains(&format!("nonce=\"{nonce}\"")),
            "the scripts carry the nonce"
        );
        assert!(
            nonces
                .iter()
                .all(|earlier| !page.contains(earlier.as_str())),
            "no earlier nonce is left in the page"
        );
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1]);
}

/// A page that only reads writes nothing: a saved session comes back as a `Set-Cookie`, and
/// costs a database write on every view.
async fn reading_the_log_and_an_adr_as_an_editor_saves_no_session(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Shop").await;
    create(&app, &project, "Use PostgreSQL").await;
    let editor = app.member("editor@example.com", "editor").await;
    for path in [
        "decisions",
        "decisions/1",
        "decisions?q=postgresql",
        "architecture",
    ] {
        for client in [&editor, &app.client] {
            let response = client
                .get(app.url(&format!("/projects/{project}/{path}")))
                .header(header::ACCEPT, "text/html")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let saved: Vec<_> = response
                .headers()
                .get_all(header::SET_COOKIE)
                .iter()
                .collect();
            assert!(saved.is_empty(), "{path} saved the session: {saved:?}");
        }
    }
}
