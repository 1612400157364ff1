//! Building the app from its configuration, and serving it until SIGTERM or Ctrl-C.
use std::{
    io,
    net::SocketAddr,
    sync::{Arc, LazyLock},
};

use app::{
    accounts::rate_limit::AttemptLimits,
    shell,
    state::{AppState, SecuritySettings},
    App,
};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::services::{ServeDir, ServeFile};

use crate::{
    config::Config, database, http_layers, live, oidc, routes, security::CspNonce, sessions,
    site_files,
};

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("could not connect to the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("could not listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: io::Error },
    #[error("the built-in questionnaire is broken: {0}")]
    Catalog(String),
    #[error("compressed copies older than their files would be sent instead of them: {0}; run `groundwork precompress` again, or delete them")]
    StaleTwins(String),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    /// For the PostgreSQL listener's own connection.
    database_url: String,
}

impl Application {
    /// Connects and migrates the database and binds the listener.
    pub async fn build(config: &Config) -> Result<Self, StartupError> {
        Self::build_with_routes(config, Router::new()).await
    }

    /// As [`Application::build`], with extra routes (used by tests to reach odd corners).
    pub async fn build_with_routes(
        config: &Config,
        extra_routes: Router<AppState>,
    ) -> Result<Self, StartupError> {
        app::questionnaire::catalog::checked()
            .map_err(|error| StartupError::Catalog(error.to_string()))?;
        let pkg = std::path::Path::new(&config.resolved_site_root()).join("pkg");
        let stale = crate::precompress::stale_twins(&pkg);
        if !stale.is_empty() {
            let names: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
            return Err(StartupError::StaleTwins(names.join(", ")));
        }
        let db = database::connect(config).await?;
        database::migrate(&db).await?;
        let live = app::planning::live::LiveHub::new(db.clone());
        let state = AppState {
            leptos_options: leptos_options(config),
            live,
            db,
            security: Arc::new(SecuritySettings {
                public_url: config.public_url.clone(),
                attempt_limits: AttemptLimits::per_minute(
                    config.sign_in_attempts_per_account,
                    config.sign_in_attempts_per_address,
                ),
                trusted_proxy_header: config.trusted_proxy_header.clone(),
                single_sign_on: config.oidc_settings().is_some(),
            }),
        };
        let listener = TcpListener::bind(config.listen_addr)
            .await
            .map_err(|source| StartupError::Listen {
                addr: config.listen_addr,
                source,
            })?;
        let extra_routes = extra_routes
            .merge(oidc::routes(config.oidc_settings(), state.db.clone()))
            .merge(routes::exchange::routes())
            .merge(live::routes());
        let headers = crate::security::HeaderSettings::new(
            &config.public_url,
            config.oidc_settings().map(|sso| sso.issuer_url).as_deref(),
        );
        let router = router(
            state.clone(),
            extra_routes,
            config.session_settings(),
            headers,
        );
        Ok(Self {
            listener,
            router,
            state,
            database_url: config.database_url.clone(),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves requests until SIGTERM or Ctrl-C, then finishes the requests under way.
    pub async fn run_until_stopped(self) -> io::Result<()> {
        tracing::info!("listening on http://{}", self.local_addr());
        sessions::spawn_cleanup(self.state.db.clone());
        live::spawn_background(&self.state, self.database_url.clone());
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

/// The app's pages, worked out once per process. Generating the list runs the app with resource
/// loading switched off process-wide, so a resource that first polls meanwhile, in a page being
/// served by another app in the same process (the API tests run many), never finishes
/// (leptos-rs/leptos#4773). Once, before any router exists, nothing can be serving yet.
static PAGES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));

/// The paths of the app's pages as routed (`/projects/:id`, ...), for checks that visit them all.
pub fn page_paths() -> Vec<String> {
    PAGES.iter().map(|page| page.path().to_owned()).collect()
}

fn router(
    state: AppState,
    extra_routes: Router<AppState>,
    session_settings: sessions::SessionSettings,
    header_settings: crate::security::HeaderSettings,
) -> Router {
    let pages = PAGES.clone();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            app::auth::provide_memberships_of_this_request();
            use_csp_nonce();
        }
    };
    let render = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    // The site's files, answering conditional requests ("not modified") and serving a file's
    // `.br` or `.gz` twin when one was written at build time.
    let site = std::path::Path::new(state.leptos_options.site_root.as_ref());
    let site_files = ServeDir::new(site.join(state.leptos_options.site_pkg_dir.as_ref()))
        .precompressed_br()
        .precompressed_gzip();
    let router = extra_routes
        .nest_service("/pkg", site_files)
        .route_service("/favicon.svg", ServeFile::new(site.join("favicon.svg")))
        .leptos_routes_with_context(&state, pages, context.clone(), render)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .with_state(state.clone());
    let operations = routes::operations().with_state(state.clone());
    http_layers::apply(
        router,
        operations,
        sessions::layer(&state.db, session_settings),
        session_settings,
        header_settings,
    )
}

/// Renders the page's inline scripts with the nonce that the Content-Security-Policy names.
fn use_csp_nonce() {
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// Leptos' own settings: those cargo-leptos passes in the environment when it runs the server
/// (reload port, watch mode), else the defaults; name, site root and address are always ours.
fn leptos_options(config: &Config) -> LeptosOptions {
    let mut options = get_configuration(None)
        .map(|conf| conf.leptos_options)
        .unwrap_or_else(|_| LeptosOptions::builder().output_name(OUTPUT_NAME).build());
    options.output_name = OUTPUT_NAME.into();
    options.site_root = config.resolved_site_root().into();
    options.site_addr = config.listen_addr;
    // Hashed names when the release build's hash file sits beside the binary (where Leptos
    // reads it) and names files the site holds.
    let hash_file = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(site_files::HASH_FILE)))
        .unwrap_or_default();
    let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = site_files::SiteFiles::detect(&hash_file, &pkg).install();
    options.hash_files = files.hashed();
    options.hash_file = site_files::HASH_FILE.into();
    options
}

/// The file names of the compiled WASM, JS and CSS (`name` in the workspace's leptos metadata).
const OUTPUT_NAME: &str = "groundwork";

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests under way");
}
