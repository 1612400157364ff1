//! From skills to a stack: the profile's skills drive the recommendations, "Other" answers flow
//! into the ADRs, each decision of a topic becomes its own ADR naming the members who answered,
//! and ARCHITECTURE.md names the products.
use app::{decisions::domain::AdrStatus, questionnaire::views::ProfileView};
use reqwest::StatusCode;

use crate::helpers::{on_both_databases, spawn_app, Backend, TestApp};

on_both_databases!(
    skills_are_chosen_from_the_catalog_and_drive_the_recommendation,
    each_decision_of_a_topic_becomes_an_adr_by_the_people_who_answered,
    the_architecture_document_names_the_products_chosen,
);

async fn save_profile(app: &TestApp, project: &str, skills: &[&str]) -> reqwest::Response {
    let mut form = vec![
        ("project_id", project),
        ("version", "0"),
        ("profile[team_size]", "4"),
        ("profile[experience]", "Tailwind"),
        ("profile[expected_users]", "20000"),
        ("profile[budget]", "modest"),
        ("profile[data_shape]", "relational"),
        ("profile[time_to_market]", "months"),
        ("profile[clients][]", "web"),
    ];
    for skill in skills {
        form.push(("profile[skills][]", skill));
    }
    app.call("save_profile", &form).await
}

async fn answer_as(
    app: &TestApp,
    client: &reqwest::Client,
    project: &str,
    question: &str,
    value: &str,
    other: &str,
) -> reqwest::Response {
    app.call_as(
        client,
        "save_answer",
        &[
            ("project_id", project),
            ("question_id", question),
            ("version", "0"),
            ("value", value),
            ("other", other),
            ("note", ""),
        ],
    )
    .await
}

async fn skills_are_chosen_from_the_catalog_and_drive_the_recommendation(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Skills").await;
    let refused = save_profile(&app, &project, &["python", "cobol"]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("cobol"));
    let saved = save_profile(&app, &project, &["python", "django", "python"]).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let view: ProfileView = app
        .call("get_profile", &[("project_id", &project)])
        .await
        .json()
        .await
        .unwrap();
    let profile = view.profile.unwrap();
    assert_eq!(profile.skills, ["python", "django"]);
    assert_eq!(profile.experience, "Tailwind");
    assert!(
        view.skills.iter().any(|s| s.id == "typescript"),
        "the form lists the catalog's skills"
    );
    let backend = app.topic(&project, "backend").await;
    let language = backend
        .questions
        .iter()
        .find(|q| q.question.id == "backend.language")
        .unwrap();
    let recommendation = language.advice.recommendation.as_ref().unwrap();
    assert_eq!(recommendation.option, "python");
    assert!(
        recommendation.reason.contains("Python"),
        "{}",
        recommendation.reason
    );
}

async fn each_decision_of_a_topic_becomes_an_adr_by_the_people_who_answered(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Decisions").await;
    assert_eq!(
        save_profile(&app, &project, &["typescript", "react"])
            .await
            .status(),
        StatusCode::OK
    );
    let editor = app.member("erin@example.com", "editor").await;
    for (client, question, value, other) in [
        (&app.client, "backend.language", "typescript", ""),
        (&editor, "backend.framework", "other", "  Hono   on Bun "),
        (
            &app.client,
            "backend.layering",
            "controller-service-repository",
            "",
        ),
    ] {
        let saved = answer_as(&app, client, &project, question, value, other).await;
        assert_eq!(saved.status(), StatusCode::OK, "{question}");
    }
    let empty_other = answer_as(&app, &editor, &project, "frontend.library", "other", " ").await;
    assert_eq!(empty_other.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty_other.text().await.unwrap().contains("other"));
    let no_other_here = answer_as(
        &app,
        &editor,
        &project,
        "backend.layering",
        "other:Hexagonal",
        "",
    )
    .await;
    assert_eq!(
        no_other_here.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "layering takes no Other"
    );

    let first: i32 = app
        .call(
            "generate_adr",
            &[("project_id", &project), ("topic_id", "backend")],
        )
        .await
        .json()
        .await
        .unwrap();
    let framework = app.adr(&project, first).await;
    let layering = app.adr(&project, first + 1).await;
    assert_eq!(
        framework.summary.title,
        "Build the backend with Hono on Bun in TypeScript"
    );
    assert_eq!(framework.summary.status, AdrStatus::Proposed);
    let makers = &framework.summary.decision_makers;
    assert_eq!(makers.len(), 2, "both people who answered: {makers:?}");
    assert!(
        makers.iter().any(|m| m.to_lowercase().contains("erin")),
        "{makers:?}"
    );
    let outcome = &framework.sections[3].markdown;
    assert!(
        outcome.starts_with(
            "Chosen option: \"Hono on Bun\", although Groundwork recommended \"NestJS\" because "
        ),
        "{outcome}"
    );
    assert!(outcome.contains("TypeScript"), "{outcome}");
    assert!(framework.sections[0]
        .markdown
        .contains("The team has 4 people, who know TypeScript / JavaScript and React well."));
    assert!(
        layering
            .summary
            .title
            .starts_with("Layer the backend as controller"),
        "{}",
        layering.summary.title
    );
    assert_eq!(layering.summary.decision_makers.len(), 1);

    // A backup keeps which decision each ADR records.
    let backup: serde_json::Value = serde_json::from_str(
        &app.page_text(&format!("/projects/{project}/backup.json"))
            .await,
    )
    .unwrap();
    assert_eq!(backup["adrs"][0]["question_id"], "backend.framework");

    // Writing again skips the decisions already on record.
    let again = app
        .call(
            "generate_adr",
            &[("project_id", &project), ("topic_id", "backend")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().await.unwrap().contains("already recorded"));

    // Accepting dates the decision; the page says "Proposed on" until then.
    let proposed_on = framework.summary.decision_date.clone();
    let accepted = app
        .call(
            "change_adr_status",
            &[
                ("project_id", &project),
                ("number", &first.to_string()),
                ("version", &framework.version.to_string()),
                ("status", "accepted"),
            ],
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::OK);
    let page = app
        .page_text(&format!("/projects/{project}/decisions/{}", first + 1))
        .await;
    assert!(
        page.contains(&format!("Proposed on {proposed_on}")),
        "the layering ADR is still proposed"
    );
    let log = app
        .page_text(&format!("/projects/{project}/decisions"))
        .await;
    assert!(
        log.contains("Backend and its layers") && !log.contains(">backend<"),
        "the log shows topic titles, not ids: {log}"
    );
}

async fn the_architecture_document_names_the_products_chosen(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Stack").await;
    assert_eq!(
        save_profile(&app, &project, &["typescript", "react", "postgresql"])
            .await
            .status(),
        StatusCode::OK
    );
    for (question, value) in [
        ("frontend.library", "react"),
        ("hosting.frontend", "vercel"),
        ("backend.language", "typescript"),
        ("backend.framework", "nestjs"),
        ("database.product", "postgresql"),
        ("database.hosting", "supabase"),
        ("auth.identity-provider", "auth0"),
        ("monitoring.logging", "pino"),
        ("monitoring.errors", "sentry"),
    ] {
        let saved = answer_as(&app, &app.client, &project, question, value, "").await;
        assert_eq!(saved.status(), StatusCode::OK, "{question}");
    }
    let generated = app
        .call(
            "generate_adr",
            &[("project_id", &project), ("topic_id", "database")],
        )
        .await;
    assert_eq!(generated.status(), StatusCode::OK);
    let document = app
        .page_text(&format!("/projects/{project}/ARCHITECTURE.md"))
        .await;
    for named in [
        "| Frontend | React on Vercel |",
        "| Backend | NestJS (TypeScript) |",
        "| Database | PostgreSQL on Supabase | [ADR-0001](docs/decisions/0001-use-postgresql-on-supabase-as-the-main-database.md) |",
        "| Authentication | Auth0 |",
        "| Logging and errors | Pino + Sentry |",
        "`DATABASE_URL`",
        "## First week",
        "## Open findings",
    ] {
        assert!(document.contains(named), "{named} in:\n{document}");
    }
}
