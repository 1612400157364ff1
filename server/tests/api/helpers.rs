//! Starting the app for a test, on a fresh database that is removed afterwards.
use std::sync::atomic::{AtomicU32, Ordering};

use app::state::AppState;
use axum::Router;
use sea_orm::{ConnectionTrait, Database};
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
    pub client: reqwest::Client,
    pub state: AppState,
    /// Kept so the database lives as long as the app, and is removed with it.
    _database: TestDatabase,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Calls a server function the way the hydrated page does (form-encoded in, JSON out).
    pub async fn call(&self, function: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
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
    let database = TestDatabase::create(backend).await?;
    let config = Config::for_tests(&app_url(&database.url));
    let application = Application::build_with_routes(&config, extra_routes)
        .await
        .expect("the app starts");
    let address = format!("http://{}", application.local_addr());
    let state = application.state().clone();
    tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    Some(TestApp {
        address,
        client,
        state,
        _database: database,
    })
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
