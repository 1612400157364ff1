use app::projects::domain::Project;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::Value;

use crate::helpers::{on_both_databases, spawn_app, Backend, TestApp};

on_both_databases!(
    a_created_project_is_listed,
    an_empty_name_is_refused_at_the_name_field_and_nothing_is_stored,
    an_over_long_description_is_refused_at_its_field,
    a_duplicate_name_in_the_team_is_refused_whatever_its_case,
    a_project_can_be_renamed_and_then_deleted,
    unknown_project_ids_answer_404,
    a_malformed_id_is_a_bad_request,
    another_teams_project_cannot_be_read_renamed_or_deleted,
    a_plain_form_post_that_fails_redirects_back_with_the_error_and_the_typed_values,
    database_errors_are_not_shown_to_the_user,
);

async fn create(app: &TestApp, name: &str, description: &str) -> reqwest::Response {
    app.call(
        "create_project",
        &[
            ("team_id", &app.team_id),
            ("name", name),
            ("description", description),
        ],
    )
    .await
}

async fn stored_projects(app: &TestApp) -> u64 {
    app::projects::entity::Entity::find()
        .count(&app.state.db)
        .await
        .expect("count projects")
}

async fn a_created_project_is_listed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = create(&app, "  Checkout ", "Where customers pay").await;
    assert_eq!(response.status(), StatusCode::OK);
    let created: Project = response.json().await.unwrap();
    assert_eq!(created.name, "Checkout");

    let listed: Vec<Project> = app
        .call("list_projects", &[("team_id", &app.team_id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed, vec![created]);
}

async fn an_empty_name_is_refused_at_the_name_field_and_nothing_is_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = create(&app, "   ", "no name").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["Validation"]["field"], "name");
    assert_eq!(stored_projects(&app).await, 0);
}

async fn an_over_long_description_is_refused_at_its_field(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = create(&app, "Fine", &"x".repeat(201)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["Validation"]["field"], "description");
    assert_eq!(stored_projects(&app).await, 0);
}

async fn a_duplicate_name_in_the_team_is_refused_whatever_its_case(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    assert_eq!(create(&app, "Billing", "").await.status(), StatusCode::OK);
    let response = create(&app, "BILLING", "again").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["Validation"]["field"], "name");
    assert_eq!(stored_projects(&app).await, 1);
}

async fn a_project_can_be_renamed_and_then_deleted(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let created: Project = create(&app, "Draft", "").await.json().await.unwrap();
    let id = created.id.to_string();

    let response = app
        .call(
            "update_project",
            &[
                ("id", &id),
                ("name", "Final"),
                ("description", "Named at last"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let fetched: Project = app
        .call("get_project", &[("id", &id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (fetched.name.as_str(), fetched.description.as_str()),
        ("Final", "Named at last")
    );

    assert_eq!(
        app.call("delete_project", &[("id", &id)]).await.status(),
        StatusCode::OK
    );
    assert_eq!(stored_projects(&app).await, 0);
    assert_eq!(
        app.call("delete_project", &[("id", &id)]).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn unknown_project_ids_answer_404(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    assert_eq!(
        app.call("get_project", &[("id", "4242")]).await.status(),
        StatusCode::NOT_FOUND
    );
    let rename = app
        .call(
            "update_project",
            &[("id", "4242"), ("name", "Ghost"), ("description", "")],
        )
        .await;
    assert_eq!(rename.status(), StatusCode::NOT_FOUND);
    assert_eq!(stored_projects(&app).await, 0);

    let page = app
        .client
        .get(app.url("/projects/4242"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("The project was not found"));
}

async fn a_malformed_id_is_a_bad_request(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app.call("get_project", &[("id", "abc")]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

async fn another_teams_project_cannot_be_read_renamed_or_deleted(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let db = &app.state.db;
    let now = chrono_now();
    let other_team = app::teams::entity::ActiveModel {
        name: Set("Other".into()),
        slug: Set("other".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let theirs = app::projects::entity::ActiveModel {
        team_id: Set(other_team.id),
        name: Set("Secret".into()),
        name_key: Set("secret".into()),
        description: Set("not yours".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let id = theirs.id.to_string();

    let listed: Vec<Project> = app
        .call("list_projects", &[("team_id", &app.team_id)])
        .await
        .json()
        .await
        .unwrap();
    assert!(listed.is_empty());
    assert_eq!(
        app.call("get_project", &[("id", &id)]).await.status(),
        StatusCode::NOT_FOUND
    );
    let rename = app
        .call(
            "update_project",
            &[("id", &id), ("name", "Mine now"), ("description", "")],
        )
        .await;
    assert_eq!(rename.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.call("delete_project", &[("id", &id)]).await.status(),
        StatusCode::NOT_FOUND
    );
    // Their name does not collide with ours either.
    assert_eq!(create(&app, "Secret", "").await.status(), StatusCode::OK);

    let still_theirs = app::projects::entity::Entity::find_by_id(theirs.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still_theirs.name, "Secret");
    assert_eq!(still_theirs.team_id, other_team.id);
}

async fn a_plain_form_post_that_fails_redirects_back_with_the_error_and_the_typed_values(
    backend: Backend,
) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app
        .client
        .post(app.url("/api/create_project"))
        .header("Accept", "text/html")
        .header(
            "Referer",
            app.url(&format!("/teams/{}?form.name=stale", app.team_id)),
        )
        .form(&[
            ("team_id", app.team_id.as_str()),
            ("name", ""),
            ("description", "Typed by hand"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.contains("form.description=Typed+by+hand"),
        "{location}"
    );
    assert!(!location.contains("stale"), "{location}");
    assert!(location.contains("__err="), "{location}");
    assert_eq!(stored_projects(&app).await, 0);

    // Following the redirect shows the message at the field and the typed text in the form.
    let page = app
        .client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Give the project a name."),
        "the page does not show the error"
    );
    assert!(
        page.contains("value=\"Typed by hand\""),
        "the page lost the typed description"
    );
}

async fn database_errors_are_not_shown_to_the_user(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    app.state
        .db
        .execute_unprepared("ALTER TABLE projects RENAME TO projects_gone")
        .await
        .unwrap();
    let response = app
        .call("list_projects", &[("team_id", &app.team_id)])
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = response.text().await.unwrap();
    assert!(body.contains("Internal"), "{body}");
    assert!(
        !body.to_lowercase().contains("projects"),
        "the error leaks SQL: {body}"
    );
}

fn chrono_now() -> sea_orm::prelude::ChronoDateTimeUtc {
    sea_orm::prelude::ChronoDateTimeUtc::from(std::time::SystemTime::now())
}
