//! Starting the app for a test, on a fresh database that is removed afterwards.
use std::sync::atomic::{AtomicU32, Ordering};

use app::state::AppState;
use axum::Router;
use sea_orm::{ConnectionTrait, Database, EntityTrait};
use server::{Application, Config};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Writes `sqlite` and `postgres` tests that run the async function `$name(Backend)`.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn on_sqlite() {
                super::$name(crate::helpers::Backend::Sqlite).await
            }
            #[tokio::test]
            async fn on_postgres() {
                super::$name(crate::helpers::Backend::Postgres).await
            }
        }
    )*};
}
pub(crate) use on_both_databases;

pub struct TestApp {
    pub address: String,
    /// Signed in as the owner of [`TestApp::team_id`], the first account of the install.
    pub client: reqwest::Client,
    pub state: AppState,
    /// The owner's team, as a form value.
    pub team_id: String,
    /// Kept so the database lives as long as the app, and is removed with it.
    _database: TestDatabase,
}

impl TestApp {
    /// The URL of the test's own database.
    pub fn database_url(&self) -> &str {
        &self._database.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Calls a server function as the owner, the way the hydrated page does (form-encoded in,
    /// JSON out).
    pub async fn call(&self, function: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.call_as(&self.client, function, form).await
    }

    /// Calls a server function with `client`'s cookies.
    pub async fn call_as(
        &self,
        client: &reqwest::Client,
        function: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{function}")))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("the app answers")
    }
}

/// Starts the app on `backend`; `None` only when PostgreSQL is unreachable outside CI.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, Router::new(), |url| url.to_owned()).await
}

/// As [`spawn_app`], with extra routes, and with the database URL the app sees rewritten by
/// `app_url` (to put a proxy between the app and the database).
pub async fn spawn_app_with(
    backend: Backend,
    extra_routes: Router<AppState>,
    app_url: impl Fn(&str) -> String,
) -> Option<TestApp> {
    spawn(backend, extra_routes, app_url, |_| {}).await
}

/// As [`spawn_app`], with the configuration changed by `configure` first.
pub async fn spawn_app_configured(
    backend: Backend,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    spawn(backend, Router::new(), str::to_owned, configure).await
}

async fn spawn(
    backend: Backend,
    extra_routes: Router<AppState>,
    app_url: impl Fn(&str) -> String,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    let mut app = start(backend, extra_routes, app_url, configure).await?;
    let set_up = app
        .call(
            "set_up",
            &[
                ("email", "owner@example.com"),
                ("display_name", "Olive Owner"),
                ("password", TEST_PASSWORD),
                ("team_name", "Team"),
            ],
        )
        .await;
    assert!(
        set_up.status().is_success(),
        "set-up failed: {}",
        set_up.status()
    );
    // From the database, not the API: some tests configure sessions that end at once.
    let team = app::teams::entity::Entity::find()
        .one(&app.state.db)
        .await
        .expect("read the teams")
        .expect("set-up made a team");
    app.team_id = team.id.to_string();
    Some(app)
}

/// Starts the app on a fresh install: nobody has set it up yet.
pub async fn spawn_fresh_app(backend: Backend) -> Option<TestApp> {
    start(backend, Router::new(), str::to_owned, |_| {}).await
}

async fn start(
    backend: Backend,
    extra_routes: Router<AppState>,
    app_url: impl Fn(&str) -> String,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    let database = TestDatabase::create(backend).await?;
    let mut config = Config::for_tests(&app_url(&database.url));
    configure(&mut config);
    let application = Application::build_with_routes(&config, extra_routes)
        .await
        .expect("the app starts");
    let address = format!("http://{}", application.local_addr());
    let state = application.state().clone();
    tokio::spawn(application.run_until_stopped());
    Some(TestApp {
        address,
        client: new_client(),
        state,
        team_id: String::new(),
        _database: database,
    })
}

/// A password that passes the rules, for test accounts.
pub const TEST_PASSWORD: &str = "a long test password";

/// A client with its own cookie jar that does not follow redirects. A request that gets no
/// answer fails its test after a minute instead of stalling the whole run.
pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .cookie_store(true)
        .build()
        .expect("a client")
}

impl TestApp {
    /// Signs up a new account and returns a client signed in as it.
    pub async fn sign_up(&self, email: &str) -> reqwest::Client {
        let client = new_client();
        let response = self
            .call_as(
                &client,
                "sign_up",
                &[("email", email), ("password", TEST_PASSWORD)],
            )
            .await;
        assert!(
            response.status().is_success(),
            "sign-up failed: {}",
            response.status()
        );
        client
    }

    /// Creates a project in the owner's team and returns its id, as a form value.
    pub async fn new_project(&self, name: &str) -> String {
        let project: app::projects::domain::Project = self
            .call(
                "create_project",
                &[
                    ("team_id", &self.team_id),
                    ("name", name),
                    ("description", ""),
                ],
            )
            .await
            .json()
            .await
            .expect("a project");
        project.id.to_string()
    }

    /// ADR `number` of `project`, as the owner sees it.
    pub async fn adr(&self, project: &str, number: i32) -> app::decisions::domain::AdrView {
        self.call(
            "get_adr",
            &[("project_id", project), ("number", &number.to_string())],
        )
        .await
        .json()
        .await
        .expect("an ADR")
    }

    /// A topic of `project` with its questions, answers and advice, as the owner sees it.
    pub async fn topic(&self, project: &str, topic: &str) -> app::questionnaire::views::TopicView {
        self.call("get_topic", &[("project_id", project), ("topic_id", topic)])
            .await
            .json()
            .await
            .expect("a topic")
    }

    /// The HTML (or markdown) the owner gets at `path`.
    pub async fn page_text(&self, path: &str) -> String {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the app answers")
            .text()
            .await
            .expect("a body")
    }

    /// Creates an ADR titled `title` in `project` as the owner; fails the test if refused.
    pub async fn create_adr(&self, project: &str, title: &str) {
        let created = self
            .call(
                "create_adr",
                &[("project_id", project), ("adr[title]", title)],
            )
            .await;
        assert!(created.status().is_success(), "{}", created.status());
    }

    /// An invitation link path to the owner's team with `role`.
    pub async fn invitation(&self, role: &str) -> String {
        let invitation: app::teams::domain::CreatedInvitation = self
            .call(
                "invite_member",
                &[("team_id", &self.team_id), ("role", role)],
            )
            .await
            .json()
            .await
            .expect("an invitation");
        invitation.path
    }

    /// Signs up `email` and adds it to the owner's team with `role`.
    pub async fn member(&self, email: &str, role: &str) -> reqwest::Client {
        let client = self.sign_up(email).await;
        let path = self.invitation(role).await;
        let token = path.rsplit('/').next().expect("a token");
        let accepted = self
            .call_as(&client, "accept_invitation", &[("token", token)])
            .await;
        assert!(
            accepted.status().is_success(),
            "accepting failed: {}",
            accepted.status()
        );
        client
    }
}

impl TestApp {
    /// The owner removes the account signed in on `client` from the team.
    pub async fn remove_member(&self, client: &reqwest::Client) {
        let account: serde_json::Value = self
            .call_as(client, "who_am_i", &[])
            .await
            .json()
            .await
            .expect("the account");
        let removed = self
            .call(
                "remove_member",
                &[
                    ("team_id", &self.team_id),
                    ("user_id", &account["id"].to_string()),
                ],
            )
            .await;
        assert_eq!(removed.status(), reqwest::StatusCode::OK, "removing failed");
    }
}

/// The nonce a response's Content-Security-Policy allows scripts with.
pub fn csp_nonce(headers: &reqwest::header::HeaderMap) -> String {
    headers[reqwest::header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("a text policy")
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_owned()
}

/// A database of its own for one test: a SQLite file, or a PostgreSQL database, removed on drop.
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    name: String,
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("time after 1970")
        .subsec_nanos();
    format!(
        "groundwork_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

pub fn postgres_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn with_database(admin_url: &str, database: &str) -> String {
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url, |(base, _)| base);
    format!("{base}/{database}")
}

impl TestDatabase {
    async fn create(backend: Backend) -> Option<Self> {
        let name = unique_name();
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                Some(Self {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    backend,
                    name,
                })
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let admin = match Database::connect(&admin_url).await {
                    Ok(admin) => admin,
                    Err(error) if std::env::var("CI").as_deref() == Ok("true") => {
                        panic!("CI=true and PostgreSQL at {admin_url} is unreachable: {error}")
                    }
                    Err(error) => {
                        eprintln!("SKIPPED: PostgreSQL at {admin_url} is unreachable ({error}); set CI=true to fail instead");
                        return None;
                    }
                };
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create the test database");
                admin.close().await.ok();
                Some(Self {
                    url: with_database(&admin_url, &name),
                    backend,
                    name,
                })
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self.backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.db", self.name));
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Backend::Postgres => {
                let name = self.name.clone();
                // Drop cannot await, and the test's runtime is going away: use a runtime of our own.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    runtime.block_on(async move {
                        if let Ok(admin) = Database::connect(postgres_admin_url()).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                    Ok::<(), std::io::Error>(())
                })
                .join();
            }
        }
    }
}
