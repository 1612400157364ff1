use app::questionnaire::{
    catalog::RiskLevel,
    views::{ProfileView, QuestionView, ResultsView, TopicState, TopicView},
};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::Value;

use crate::helpers::{on_both_databases, spawn_app, Backend, TestApp};

on_both_databases!(
    a_profile_is_saved_and_drives_the_risk_of_an_answer,
    a_bad_profile_field_is_named_and_nothing_is_stored,
    bad_answers_name_their_field_and_store_nothing,
    two_people_answering_at_once_cannot_overwrite_each_other,
    another_teams_project_cannot_be_answered,
    a_topic_can_be_skipped_or_set_aside_with_a_reason,
    the_results_order_risks_by_severity,
);

async fn save_profile(
    app: &TestApp,
    project: &str,
    version: &str,
    team_size: &str,
) -> reqwest::Response {
    app.call(
        "save_profile",
        &[
            ("project_id", project),
            ("version", version),
            ("profile[team_size]", team_size),
            ("profile[experience]", "TypeScript"),
            ("profile[expected_users]", "2000"),
            ("profile[budget]", "bootstrapped"),
            ("profile[data_shape]", "relational"),
            ("profile[time_to_market]", "months"),
            ("profile[clients][]", "web"),
            ("profile[clients][]", "mobile"),
        ],
    )
    .await
}

async fn answer(
    app: &TestApp,
    project: &str,
    question: &str,
    value: &str,
    version: &str,
) -> reqwest::Response {
    app.call(
        "save_answer",
        &[
            ("project_id", project),
            ("question_id", question),
            ("version", version),
            ("value", value),
            ("note", "decided in the kick-off"),
        ],
    )
    .await
}

async fn stored_answers(app: &TestApp) -> u64 {
    app::questionnaire::entity::answer::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn topic(app: &TestApp, project: &str, topic: &str) -> TopicView {
    app.topic(project, topic).await
}

async fn a_profile_is_saved_and_drives_the_risk_of_an_answer(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Planner").await;
    assert_eq!(
        save_profile(&app, &project, "0", "3").await.status(),
        StatusCode::OK
    );
    let view: ProfileView = app
        .call("get_profile", &[("project_id", &project)])
        .await
        .json()
        .await
        .unwrap();
    let profile = view.profile.expect("the profile is stored");
    assert_eq!(
        (profile.team_size, profile.clients.len(), view.version),
        (3, 2, 1)
    );

    let saved: QuestionView = answer(&app, &project, "architecture.style", "microservices", "0")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved.advice.level(), RiskLevel::High);
    assert_eq!(saved.answer.unwrap().note, "decided in the kick-off");

    // A larger team makes the same answer a medium risk: changing the profile re-evaluates.
    assert_eq!(
        save_profile(&app, &project, "1", "25").await.status(),
        StatusCode::OK
    );
    let step = topic(&app, &project, "monolith-vs-microservices").await;
    assert_eq!(step.questions[0].advice.level(), RiskLevel::Medium);
    assert_eq!(
        step.questions[0].answer.as_ref().unwrap().value,
        "microservices"
    );
    assert!(step
        .progress
        .topics
        .iter()
        .any(|t| t.id == "monolith-vs-microservices" && t.state == TopicState::Answered));
}

async fn a_bad_profile_field_is_named_and_nothing_is_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Planner").await;
    let response = save_profile(&app, &project, "0", "zero").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["Validation"]["field"], "team_size");
    let view: ProfileView = app
        .call("get_profile", &[("project_id", &project)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view.profile, None);
}

async fn bad_answers_name_their_field_and_store_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Planner").await;
    let long_note = "n".repeat(2001);
    let cases = [
        ("no.such.question", "x", "decided", "question_id"),
        ("architecture.style", "serverless", "decided", "value"),
        ("architecture.style", "", "decided", "value"),
        ("architecture.style", "monolith", long_note.as_str(), "note"),
    ];
    for (question, value, note, field) in cases {
        let response = app
            .call(
                "save_answer",
                &[
                    ("project_id", &project),
                    ("question_id", question),
                    ("version", "0"),
                    ("value", value),
                    ("note", note),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{question}={value}"
        );
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["Validation"]["field"], field, "{question}={value}");
    }
    assert_eq!(stored_answers(&app).await, 0);
    let unknown_topic = app
        .call(
            "get_topic",
            &[("project_id", &project), ("topic_id", "astrology")],
        )
        .await;
    assert_eq!(unknown_topic.status(), StatusCode::NOT_FOUND);
}

async fn two_people_answering_at_once_cannot_overwrite_each_other(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Planner").await;
    assert_eq!(
        answer(&app, &project, "api.style", "rest", "0")
            .await
            .status(),
        StatusCode::OK
    );
    // The second person also started from "unanswered".
    let late = answer(&app, &project, "api.style", "graphql", "0").await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    let error: Value = late.json().await.unwrap();
    let message = error["Conflict"]["message"].as_str().unwrap();
    assert!(
        message.contains("REST over JSON"),
        "the loser is told the other value: {message}"
    );

    assert_eq!(
        answer(&app, &project, "api.style", "rpc", "1")
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        answer(&app, &project, "api.style", "graphql", "1")
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let step = topic(&app, &project, "api").await;
    let kept = step.questions[0].answer.as_ref().unwrap();
    assert_eq!((kept.value.as_str(), kept.version), ("rpc", 2));
}

async fn another_teams_project_cannot_be_answered(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Planner").await;
    let not_ours = (project.parse::<i32>().unwrap() + 1000).to_string();
    assert_eq!(
        answer(&app, &not_ours, "api.style", "rest", "0")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        save_profile(&app, &not_ours, "0", "3").await.status(),
        StatusCode::NOT_FOUND
    );
    let results = app.call("get_results", &[("project_id", &not_ours)]).await;
    assert_eq!(results.status(), StatusCode::NOT_FOUND);
    assert_eq!(stored_answers(&app).await, 0);
}

async fn a_topic_can_be_skipped_or_set_aside_with_a_reason(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Planner").await;
    let mark = |topic: &'static str, mark: &'static str, reason: &'static str| {
        let project = project.clone();
        let app = &app;
        async move {
            app.call(
                "mark_topic",
                &[
                    ("project_id", project.as_str()),
                    ("topic_id", topic),
                    ("mark", mark),
                    ("reason", reason),
                ],
            )
            .await
            .status()
        }
    };
    assert_eq!(
        mark("serverless", "not_applicable", "").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        mark("serverless", "not_applicable", "we run on-premises").await,
        StatusCode::OK
    );
    assert_eq!(mark("frontend", "skipped", "").await, StatusCode::OK);
    assert_eq!(
        mark("astrology", "skipped", "").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let step = topic(&app, &project, "serverless").await;
    let state_of = |id: &str| {
        step.progress
            .topics
            .iter()
            .find(|t| t.id == id)
            .unwrap()
            .state
            .clone()
    };
    assert_eq!(
        state_of("serverless"),
        TopicState::NotApplicable {
            reason: "we run on-premises".into()
        }
    );
    assert_eq!(state_of("frontend"), TopicState::Skipped);
    assert_eq!(step.progress.done, 2);
    assert_eq!(
        step.progress.resume_topic.as_deref(),
        Some("core-principles")
    );
}

async fn the_results_order_risks_by_severity(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let project = app.new_project("Planner").await;
    save_profile(&app, &project, "0", "3").await;
    answer(&app, &project, "database.engine", "several", "0").await;
    answer(&app, &project, "auth.provider", "custom", "0").await;
    answer(&app, &project, "api.style", "rest", "0").await;
    let results: ResultsView = app
        .call("get_results", &[("project_id", &project)])
        .await
        .json()
        .await
        .unwrap();
    let levels: Vec<RiskLevel> = results.plan.iter().map(|item| item.level).collect();
    // Custom sign-in (high); several stores and both choices made against the recommendation.
    assert_eq!(
        levels,
        [
            RiskLevel::High,
            RiskLevel::Medium,
            RiskLevel::Medium,
            RiskLevel::Medium
        ]
    );
    assert!(results
        .plan
        .iter()
        .any(|item| item.reason.contains("against the recommendation")));
    assert_eq!(results.risks_by_topic[0].topic_id, "auth");
    let api = results
        .choices
        .iter()
        .find(|c| c.question.contains("API style"))
        .unwrap();
    assert!(api.follows_recommendation);
    let database = results
        .choices
        .iter()
        .find(|c| c.question.contains("Which database"))
        .unwrap();
    assert!(!database.follows_recommendation);
}
