//! Anonymous callers store nothing: failed form posts without a session and single sign-on
//! starts leave the sessions table as it was.
use axum::{routing::get, Json, Router};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::helpers::{new_client, on_both_databases, spawn_app_configured, Backend, TestApp};

on_both_databases!(a_hundred_anonymous_posts_and_sso_starts_store_nothing);

async fn session_rows(app: &TestApp) -> i64 {
    let backend = app.state.db.get_database_backend();
    let row = app
        .state
        .db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM sessions",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// Just enough of an OpenID provider for the start of a sign-in: its discovery document and
/// an empty key set. Returns its issuer URL.
async fn discovery_only_provider() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let document = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    });
    let router = Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(move || {
                let document = document.clone();
                async move { Json(document) }
            }),
        )
        .route("/jwks", get(|| async { Json(json!({ "keys": [] })) }));
    tokio::spawn(async move { axum::serve(listener, router).await });
    issuer
}

async fn a_hundred_anonymous_posts_and_sso_starts_store_nothing(backend: Backend) {
    let issuer = discovery_only_provider().await;
    let Some(app) = spawn_app_configured(backend, |config| {
        config.oidc_issuer_url = Some(issuer.clone());
    })
    .await
    else {
        return;
    };
    let project = app.new_project("Private").await;
    let before = session_rows(&app).await;
    let page = app.url(&format!("/projects/{project}/decisions/new"));
    let long_context = "Typed by nobody in particular. ".repeat(2_000);
    for _ in 0..100 {
        // A fresh client each time: no cookie, as a script would send.
        let anonymous = new_client();
        let response = anonymous
            .post(app.url("/api/create_adr"))
            .header("Accept", "text/html")
            .header("Referer", &page)
            .form(&[
                ("project_id", project.as_str()),
                ("adr[title]", "Sneaky"),
                ("adr[context]", long_context.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert!(
            !response.headers().contains_key("set-cookie"),
            "no session cookie for an anonymous post"
        );
        let start = anonymous
            .get(app.url("/auth/oidc/start?next=/projects"))
            .send()
            .await
            .unwrap();
        assert_eq!(start.status(), StatusCode::SEE_OTHER, "off to the provider");
        let cookies: Vec<_> = start.headers().get_all("set-cookie").iter().collect();
        assert_eq!(
            cookies.len(),
            1,
            "only the sign-in's own cookie: {cookies:?}"
        );
        assert!(cookies[0].to_str().unwrap().starts_with("groundwork_oidc="));
    }
    assert_eq!(
        session_rows(&app).await,
        before,
        "the sessions table is unchanged"
    );
}
