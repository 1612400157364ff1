//! The authorisation matrix: every server function and every page or route, called by each kind
//! of caller, answers the expected status. A server function missing from the matrix fails the
//! test, so nobody can add one without deciding who may call it.
use std::collections::BTreeSet;

use app::questionnaire::views::{ProfileView, TopicView};
use reqwest::{Client, StatusCode};

use crate::helpers::{new_client, on_both_databases, spawn_app, Backend, TestApp, TEST_PASSWORD};

on_both_databases!(every_endpoint_answers_each_caller_as_the_matrix_says);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// Signed in, member of another team only.
    Outsider,
    Viewer,
    Editor,
    Owner,
}

const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::Outsider,
    Caller::Viewer,
    Caller::Editor,
    Caller::Owner,
];

const OK: u16 = 200;
const REDIRECT: u16 = 302;
const UNAUTHORIZED: u16 = 401;
const FORBIDDEN: u16 = 403;
const NOT_FOUND: u16 = 404;
const CONFLICT: u16 = 409;

/// Expected statuses for anonymous, outsider, viewer, editor, owner.
type Row = [u16; 5];
const PUBLIC: Row = [OK; 5];
const SIGNED_IN: Row = [UNAUTHORIZED, OK, OK, OK, OK];
const TEAM_READ: Row = [UNAUTHORIZED, NOT_FOUND, OK, OK, OK];
const TEAM_WRITE: Row = [UNAUTHORIZED, NOT_FOUND, FORBIDDEN, OK, OK];
const TEAM_OWN: Row = [UNAUTHORIZED, NOT_FOUND, FORBIDDEN, FORBIDDEN, OK];
const PAGE_READ: Row = [REDIRECT, NOT_FOUND, OK, OK, OK];
const ROUTE_READ: Row = [UNAUTHORIZED, NOT_FOUND, OK, OK, OK];

/// Every server function, in the order the test calls them, with who may call it. Rows that
/// change the caller's session (sign-in, sign-out, sign-up) sign the caller in again afterwards.
const SERVER_FUNCTIONS: &[(&str, Row)] = &[
    ("setup_needed", PUBLIC),
    ("who_am_i", PUBLIC),
    ("single_sign_on_enabled", PUBLIC),
    ("set_up", [CONFLICT; 5]),
    ("list_my_teams", SIGNED_IN),
    ("create_team", SIGNED_IN),
    ("get_team", TEAM_READ),
    ("invite_member", TEAM_OWN),
    ("change_member_role", TEAM_OWN),
    ("remove_member", TEAM_OWN),
    ("get_invitation", SIGNED_IN),
    ("list_projects", TEAM_READ),
    ("get_project", TEAM_READ),
    ("create_project", TEAM_WRITE),
    ("create_demo_project", TEAM_WRITE),
    ("update_project", TEAM_WRITE),
    ("delete_project", TEAM_OWN),
    ("questionnaire_progress", TEAM_READ),
    ("get_profile", TEAM_READ),
    ("save_profile", TEAM_WRITE),
    ("get_topic", TEAM_READ),
    ("save_answer", TEAM_WRITE),
    ("mark_topic", TEAM_WRITE),
    ("get_results", TEAM_READ),
    ("list_adrs", TEAM_READ),
    ("get_adr", TEAM_READ),
    ("list_team_people", TEAM_READ),
    ("create_adr", TEAM_WRITE),
    ("generate_adr", TEAM_WRITE),
    ("update_adr", TEAM_WRITE),
    ("change_adr_status", TEAM_WRITE),
    ("link_adrs", TEAM_WRITE),
    ("preview_markdown", TEAM_READ),
    ("list_adr_revisions", TEAM_READ),
    ("diff_adr_revisions", TEAM_READ),
    ("take_adr_draft", TEAM_WRITE),
    ("get_exchange", TEAM_READ),
    ("get_architecture", TEAM_READ),
    ("list_planning_sessions", TEAM_READ),
    ("start_planning_session", TEAM_WRITE),
    ("get_planning_session", TEAM_READ),
    ("planning_presence", TEAM_READ),
    ("cast_session_vote", TEAM_WRITE),
    // Only the session's facilitator (the owner here) moves the group and records.
    ("move_planning_session", TEAM_OWN),
    ("record_session_answer", TEAM_OWN),
    ("get_session_summary", TEAM_READ),
    // Last of the session's rows: it ends the session.
    ("end_planning_session", TEAM_OWN),
    ("change_password", SIGNED_IN),
    ("confirm_organisation_link", SIGNED_IN),
    // Nobody in the fixture has an organisation account linked.
    (
        "unlink_organisation_account",
        [UNAUTHORIZED, CONFLICT, CONFLICT, CONFLICT, CONFLICT],
    ),
    ("sign_up", PUBLIC),
    ("sign_in", PUBLIC),
    ("sign_out", PUBLIC),
    // The outsider joins the team here, so this row comes last. Members are already in it.
    (
        "accept_invitation",
        [UNAUTHORIZED, OK, CONFLICT, CONFLICT, CONFLICT],
    ),
];

struct Fixture {
    app: TestApp,
    team: String,
    project: String,
    /// A project per caller, for the delete row.
    doomed: Vec<String>,
    /// Members the owner may demote or remove in the role and removal rows.
    demotable: String,
    removable: String,
    /// A planning session of `project`, facilitated by the owner.
    session: String,
    clients: Vec<Client>,
}

impl Fixture {
    async fn new(app: TestApp) -> Self {
        let team = app.team_id.clone();
        let project = app.new_project("Shared").await;
        let mut doomed = Vec::new();
        for n in 0..CALLERS.len() {
            doomed.push(app.new_project(&format!("Doomed {n}")).await);
        }
        let demotable = user_id_of(&app, app.member("demotable@example.com", "editor").await).await;
        let removable = user_id_of(&app, app.member("removable@example.com", "editor").await).await;
        app.sign_up("signin@example.com").await;
        for n in 1..=6 {
            let title = format!("Decision {n}");
            let created = app
                .call(
                    "create_adr",
                    &[("project_id", &project), ("adr[title]", &title)],
                )
                .await;
            assert_eq!(created.status(), StatusCode::OK, "creating ADR {n}");
        }
        let session: i32 = app
            .call("start_planning_session", &[("project_id", &project)])
            .await
            .json()
            .await
            .expect("a planning session");
        let mut fixture = Self {
            app,
            team,
            project,
            doomed,
            demotable,
            removable,
            session: session.to_string(),
            clients: Vec::new(),
        };
        for caller in CALLERS {
            let client = fixture.client_for(caller).await;
            fixture.clients.push(client);
        }
        fixture
    }

    async fn client_for(&self, caller: Caller) -> Client {
        match caller {
            Caller::Anonymous => new_client(),
            Caller::Owner => self.sign_in("owner@example.com").await,
            Caller::Viewer | Caller::Editor | Caller::Outsider => {
                self.sign_in(&email_of(caller)).await
            }
        }
    }

    async fn sign_in(&self, email: &str) -> Client {
        let client = new_client();
        let response = self
            .app
            .call_as(
                &client,
                "sign_in",
                &[("email", email), ("password", TEST_PASSWORD)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {email}");
        client
    }

    /// The owner's client, which stays signed in through every row.
    fn owner(&self) -> &Client {
        &self.clients[caller_index(Caller::Owner)]
    }

    /// The arguments of `function` for `caller`'s call.
    async fn arguments(&self, function: &str, caller: Caller) -> Vec<(String, String)> {
        let index = caller_index(caller);
        let team = || ("team_id".to_owned(), self.team.clone());
        let project = || ("project_id".to_owned(), self.project.clone());
        let pairs = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<Vec<_>>()
        };
        let session = || ("session_id".to_owned(), self.session.clone());
        let args = match function {
            "list_planning_sessions" | "start_planning_session" => vec![project()],
            "get_planning_session" | "get_session_summary" | "end_planning_session" => {
                vec![project(), session()]
            }
            "planning_presence" => vec![project(), session(), ("idle".into(), "false".into())],
            "cast_session_vote" | "record_session_answer" => {
                let mut args = vec![project(), session()];
                args.extend(pairs(&[
                    ("question_id", "database.product"),
                    ("value", "postgresql"),
                ]));
                args
            }
            "move_planning_session" => {
                let mut args = vec![project(), session()];
                args.extend(pairs(&[("topic_id", "database")]));
                args
            }
            "set_up" => pairs(&[
                ("email", "late@example.com"),
                ("password", TEST_PASSWORD),
                ("team_name", "Takeover"),
            ]),
            "create_team" => pairs(&[("name", "Side team")]),
            "get_team" | "list_projects" | "create_demo_project" => vec![team()],
            "invite_member" => vec![team(), ("role".into(), "viewer".into())],
            "change_member_role" => vec![
                team(),
                ("user_id".into(), self.demotable.clone()),
                ("role".into(), "viewer".into()),
            ],
            "remove_member" => vec![team(), ("user_id".into(), self.removable.clone())],
            "get_invitation" | "accept_invitation" => {
                let invitation: app::teams::domain::CreatedInvitation = self
                    .app
                    .call_as(
                        self.owner(),
                        "invite_member",
                        &[("team_id", &self.team), ("role", "viewer")],
                    )
                    .await
                    .json()
                    .await
                    .unwrap();
                let token = invitation.path.rsplit('/').next().unwrap().to_owned();
                vec![("token".into(), token)]
            }
            "get_project" => vec![("id".into(), self.project.clone())],
            "create_project" => vec![
                team(),
                ("name".into(), format!("New by {caller:?}")),
                ("description".into(), String::new()),
            ],
            "update_project" => vec![
                ("id".into(), self.project.clone()),
                ("name".into(), format!("Renamed by {caller:?}")),
                ("description".into(), String::new()),
            ],
            "delete_project" => vec![("id".into(), self.doomed[index].clone())],
            "questionnaire_progress"
            | "get_profile"
            | "get_results"
            | "get_exchange"
            | "get_architecture" => vec![project()],
            "save_profile" => {
                let view: ProfileView = self
                    .app
                    .call_as(
                        self.owner(),
                        "get_profile",
                        &[("project_id", &self.project)],
                    )
                    .await
                    .json()
                    .await
                    .unwrap();
                let mut args = vec![project(), ("version".into(), view.version.to_string())];
                args.extend(pairs(&[
                    ("profile[team_size]", "3"),
                    ("profile[experience]", "Rust"),
                    ("profile[expected_users]", "1000"),
                    ("profile[budget]", "bootstrapped"),
                    ("profile[data_shape]", "relational"),
                    ("profile[time_to_market]", "months"),
                    ("profile[clients][]", "web"),
                ]));
                args
            }
            "get_topic" => vec![project(), ("topic_id".into(), "api".into())],
            "save_answer" => {
                let topic: TopicView = self
                    .app
                    .call_as(
                        self.owner(),
                        "get_topic",
                        &[("project_id", &self.project), ("topic_id", "api")],
                    )
                    .await
                    .json()
                    .await
                    .unwrap();
                let question = &topic.questions[0];
                let version = question.answer.as_ref().map_or(0, |answer| answer.version);
                vec![
                    project(),
                    ("question_id".into(), question.question.id.clone()),
                    ("version".into(), version.to_string()),
                    ("value".into(), question.question.options[0].id.clone()),
                ]
            }
            "mark_topic" => vec![
                project(),
                ("topic_id".into(), "serverless".into()),
                ("mark".into(), "not_applicable".into()),
                ("reason".into(), "We run one container".into()),
            ],
            "list_adrs" | "preview_markdown" | "list_team_people" => {
                vec![project(), ("markdown".into(), "**bold**".into())]
            }
            "get_adr" | "list_adr_revisions" | "take_adr_draft" => {
                vec![project(), ("number".into(), "1".into())]
            }
            "diff_adr_revisions" => vec![
                project(),
                ("number".into(), "1".into()),
                ("from".into(), "1".into()),
                ("to".into(), "1".into()),
            ],
            "create_adr" => vec![
                project(),
                ("adr[title]".into(), format!("New by {caller:?}")),
            ],
            "generate_adr" => {
                // Each caller allowed to write gets a decision of its own to record: a record
                // already proposed is not written twice.
                let topic = match caller {
                    Caller::Editor => "database",
                    Caller::Owner => "auth",
                    _ => "api",
                };
                let view: TopicView = self
                    .app
                    .call_as(
                        self.owner(),
                        "get_topic",
                        &[("project_id", &self.project), ("topic_id", topic)],
                    )
                    .await
                    .json()
                    .await
                    .unwrap();
                // A decision is recorded once its own question (the one with the title) is answered.
                let unrecorded = view
                    .questions
                    .iter()
                    .find(|q| q.answer.is_none() && !q.question.adr_title.is_empty());
                if let Some(question) = unrecorded {
                    let saved = self
                        .app
                        .call_as(
                            self.owner(),
                            "save_answer",
                            &[
                                ("project_id", &self.project),
                                ("question_id", &question.question.id),
                                ("version", "0"),
                                ("value", &question.question.options[0].id),
                            ],
                        )
                        .await;
                    assert!(saved.status().is_success());
                }
                vec![project(), ("topic_id".into(), topic.into())]
            }
            "update_adr" | "change_adr_status" => {
                let adr: app::decisions::domain::AdrView = self
                    .app
                    .call_as(
                        self.owner(),
                        "get_adr",
                        &[("project_id", &self.project), ("number", "1")],
                    )
                    .await
                    .json()
                    .await
                    .unwrap();
                let mut args = vec![
                    project(),
                    ("number".into(), "1".into()),
                    ("version".into(), adr.version.to_string()),
                ];
                if function == "update_adr" {
                    args.push(("adr[title]".into(), format!("Edited by {caller:?}")));
                } else {
                    let next = adr.next_statuses.first().map_or("accepted", |s| s.as_str());
                    args.push(("status".into(), next.into()));
                }
                args
            }
            "link_adrs" => vec![
                project(),
                ("number".into(), "1".into()),
                ("kind".into(), "relates_to".into()),
                ("target".into(), (2 + index).to_string()),
            ],
            "confirm_organisation_link" => pairs(&[("current_password", TEST_PASSWORD)]),
            "change_password" => pairs(&[
                ("current_password", TEST_PASSWORD),
                ("new_password", TEST_PASSWORD),
            ]),
            "sign_up" => vec![
                ("email".into(), format!("new-{index}@example.com")),
                ("password".into(), TEST_PASSWORD.into()),
            ],
            "sign_in" => pairs(&[("email", "signin@example.com"), ("password", TEST_PASSWORD)]),
            _ => Vec::new(),
        };
        args
    }
}

fn caller_index(caller: Caller) -> usize {
    CALLERS.iter().position(|c| *c == caller).unwrap()
}

fn email_of(caller: Caller) -> String {
    format!("{caller:?}@example.com").to_lowercase()
}

async fn user_id_of(app: &TestApp, client: Client) -> String {
    let account: Option<app::accounts::domain::Account> = app
        .call_as(&client, "who_am_i", &[])
        .await
        .json()
        .await
        .unwrap();
    account.unwrap().id.to_string()
}

async fn every_endpoint_answers_each_caller_as_the_matrix_says(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    app.member(&email_of(Caller::Viewer), "viewer").await;
    app.member(&email_of(Caller::Editor), "editor").await;
    let outsider = app.sign_up(&email_of(Caller::Outsider)).await;
    app.call_as(&outsider, "create_team", &[("name", "Elsewhere")])
        .await;
    let mut fixture = Fixture::new(app).await;

    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let in_matrix: BTreeSet<String> = SERVER_FUNCTIONS
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    let missing: Vec<_> = registered.difference(&in_matrix).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in the matrix: {missing:?}"
    );
    let stale: Vec<_> = in_matrix.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for unknown server functions: {stale:?}"
    );

    // Pages first: they change nothing, and the outsider joins the team in the last row.
    let mut failures = Vec::new();
    let project = fixture.project.clone();
    let team = fixture.team.clone();
    let session = fixture.session.clone();
    let pages: Vec<(String, Row)> = vec![
        ("/healthz".into(), PUBLIC),
        ("/readyz".into(), PUBLIC),
        ("/sign-in".into(), PUBLIC),
        ("/sign-up".into(), PUBLIC),
        ("/setup".into(), [REDIRECT; 5]),
        ("/auth/oidc/start".into(), [NOT_FOUND; 5]),
        ("/auth/oidc/callback".into(), [NOT_FOUND; 5]),
        (
            "/invitations/no-such-token".into(),
            [REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
        ),
        ("/".into(), [REDIRECT, OK, OK, OK, OK]),
        ("/account".into(), [REDIRECT, OK, OK, OK, OK]),
        (format!("/teams/{team}"), PAGE_READ),
        (format!("/projects/{project}"), PAGE_READ),
        (format!("/projects/{project}/profile"), PAGE_READ),
        (format!("/projects/{project}/topics/api"), PAGE_READ),
        (format!("/projects/{project}/results"), PAGE_READ),
        (format!("/projects/{project}/decisions"), PAGE_READ),
        (format!("/projects/{project}/decisions/1"), PAGE_READ),
        (
            format!("/projects/{project}/decisions/new"),
            [REDIRECT, NOT_FOUND, FORBIDDEN, OK, OK],
        ),
        (format!("/projects/{project}/exchange"), PAGE_READ),
        (format!("/projects/{project}/architecture"), PAGE_READ),
        // Plain download routes answer 401 rather than sending a browser to sign in.
        (format!("/projects/{project}/export.zip"), ROUTE_READ),
        (
            format!("/projects/{project}/export.zip?format=nygard"),
            ROUTE_READ,
        ),
        (format!("/projects/{project}/backup.json"), ROUTE_READ),
        (format!("/projects/{project}/ARCHITECTURE.md"), ROUTE_READ),
        (format!("/projects/{project}/sessions/{session}"), PAGE_READ),
        (
            format!("/projects/{project}/sessions/{session}/summary"),
            PAGE_READ,
        ),
        (
            format!("/projects/{project}/sessions/{session}/summary.md"),
            ROUTE_READ,
        ),
        (
            format!("/projects/{project}/sessions/{session}/events"),
            ROUTE_READ,
        ),
    ];
    for (path, expected) in &pages {
        for caller in CALLERS {
            let index = caller_index(caller);
            let response = fixture.clients[index]
                .get(fixture.app.url(path))
                .header("Accept", "text/html")
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            if status != expected[index] {
                failures.push(format!(
                    "GET {path} as {caller:?}: expected {}, got {status}",
                    expected[index]
                ));
            }
        }
    }
    failures.extend(import_route_answers(&fixture, &project).await);
    for (function, expected) in SERVER_FUNCTIONS {
        // No server function answers a GET: state never changes through a link or an <img>.
        let get = fixture.clients[caller_index(Caller::Owner)]
            .get(fixture.app.url(&format!("/api/{function}")))
            .send()
            .await
            .unwrap();
        if get.status().is_success() {
            failures.push(format!("GET /api/{function} answered {}", get.status()));
        }
        for caller in CALLERS {
            let args = fixture.arguments(function, caller).await;
            let form: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let index = caller_index(caller);
            let response = fixture
                .app
                .call_as(&fixture.clients[index], function, &form)
                .await;
            let status = response.status().as_u16();
            if status != expected[index] {
                let body = response.text().await.unwrap_or_default();
                failures.push(format!(
                    "{function} as {caller:?}: expected {}, got {status} ({body})",
                    expected[index]
                ));
            }
            if matches!(*function, "sign_up" | "sign_in" | "sign_out") {
                fixture.clients[index] = fixture.client_for(caller).await;
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The one plain route that changes state: importing a zip. Editors and owners each import an
/// ADR with a number of their own; the others are refused before the upload is read.
async fn import_route_answers(fixture: &Fixture, project: &str) -> Vec<String> {
    use std::io::Write;
    let expected: Row = [UNAUTHORIZED, NOT_FOUND, FORBIDDEN, OK, OK];
    let mut failures = Vec::new();
    for caller in CALLERS {
        let index = caller_index(caller);
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let name = format!("doc/adr/{:04}-imported-by-{caller:?}.md", 100 + index);
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer
            .write_all(format!("# Imported by {caller:?}\n").as_bytes())
            .unwrap();
        let bytes = writer.finish().unwrap().into_inner();
        let part = reqwest::multipart::Part::bytes(bytes).file_name("adrs.zip");
        let response = fixture.clients[index]
            .post(fixture.app.url(&format!("/projects/{project}/import")))
            .header("Accept", "application/json")
            .multipart(reqwest::multipart::Form::new().part("archive", part))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        if status != expected[index] {
            let body = response.text().await.unwrap_or_default();
            failures.push(format!(
                "POST /projects/{project}/import as {caller:?}: expected {}, got {status} ({body})",
                expected[index]
            ));
        }
    }
    failures
}
