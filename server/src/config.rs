//! Configuration, from command-line flags or environment variables (12-factor).
use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Groundwork: architecture decisions, made together.
///
/// Every option can also be set by the environment variable shown; a `.env` file in the working
/// directory is read first.
#[derive(Parser, Debug, Clone)]
#[command(name = "groundwork", version)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Apply pending migrations, then serve the web app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Fill a project's decision log with realistic ADRs (for benchmarks and demos), acting as a
    /// member of the project's team who may edit.
    SeedDecisions {
        /// The project's id (as in `/projects/<id>`).
        #[arg(long)]
        project: i32,
        /// The e-mail of the member to act as.
        #[arg(long = "as")]
        acting_as: String,
        /// How many ADRs to add.
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Write a project's decision log as markdown files (MADR 4, Nygard/adr-tools or
    /// log4brains) with an index, under `--out` (e.g. `docs/decisions/` inside it).
    Export {
        /// The project: its id (as in `/projects/<id>`) or its name.
        #[arg(long)]
        project: String,
        /// The e-mail of the member to act as (any role).
        #[arg(long = "as")]
        acting_as: String,
        /// madr, nygard, log4brains or madr2.
        #[arg(long, default_value = "madr", value_parser = ["madr", "nygard", "log4brains", "madr2"])]
        format: String,
        /// The folder to write into, usually the repository's root.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Import ADR files from a repository folder or a zip into a project: every file that can
    /// be stored, in one transaction; the report says per file what was stored, renumbered or
    /// skipped and why.
    Import {
        /// The project: its id or its name.
        #[arg(long)]
        project: String,
        /// The e-mail of the member to act as (editor or owner).
        #[arg(long = "as")]
        acting_as: String,
        /// Only print what would be stored, renumbered or skipped; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// A folder (the repository, or the ADR folder itself) or a .zip file.
        source: std::path::PathBuf,
    },
    /// Restore a project's JSON backup (as downloaded from its export page) as a new project,
    /// as a member who may edit, in their first such team or in `--team`.
    Restore {
        /// The e-mail of the member to act as (editor or owner).
        #[arg(long = "as")]
        acting_as: String,
        /// The team's id (as in `/teams/<id>`); by default the member's first team.
        #[arg(long)]
        team: Option<i32>,
        /// The backup file (`<project>-backup.json`).
        file: std::path::PathBuf,
    },
    /// Create the demo project (profile, answered topics, decisions in every state, open risks)
    /// as a member who may edit, in their first such team or in `--team`.
    Demo {
        /// The e-mail of the member to act as.
        #[arg(long = "as")]
        acting_as: String,
        /// The team's id (as in `/teams/<id>`); by default the member's first team.
        #[arg(long)]
        team: Option<i32>,
    },
    /// Ask a running server whether it is up (`GET /healthz`), for container health checks:
    /// exits 0 when it answers 200 within two seconds.
    Healthcheck {
        /// The address to ask.
        #[arg(long, default_value = "http://127.0.0.1:3000/healthz")]
        url: String,
    },
    /// Write a brotli (`.br`) and a gzip (`.gz`) twin beside each WASM, JS, CSS and SVG file of
    /// the site's `pkg` folder, which the server then sends as they are (run after building).
    Precompress {
        /// The folder, `<site root>/pkg` by default.
        dir: Option<std::path::PathBuf>,
    },
    /// Write a consistent copy of the whole SQLite install to a new file while the server runs
    /// (`VACUUM INTO`). Start a server with `DATABASE_URL=sqlite://<file>` to restore it.
    /// PostgreSQL installs use `pg_dump` (the command says how).
    Backup {
        /// The file to write; it must not exist yet.
        file: std::path::PathBuf,
    },
}

#[derive(Args, Debug, Clone)]
pub struct Config {
    /// Database URL. SQLite (`sqlite://file.db?mode=rwc`, created on first run) or PostgreSQL
    /// (`postgres://user:password@host:5432/database`).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://groundwork.db?mode=rwc"
    )]
    pub database_url: String,

    /// Largest number of pooled database connections (PostgreSQL; SQLite uses at most 4).
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 10)]
    pub database_max_connections: u32,

    /// Address and port to listen on. Port 0 picks a free port.
    #[arg(long, env = "LISTEN_ADDR", default_value = "127.0.0.1:3000")]
    pub listen_addr: SocketAddr,

    /// Log filter, as in RUST_LOG: `info`, `debug`, or `info,groundwork=debug`.
    #[arg(long, env = "LOG_LEVEL", default_value = "info")]
    pub log_level: String,

    /// Log format: human-readable lines or one JSON object per line.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,

    /// The address people use to reach Groundwork. Over `https://` the session cookie is marked
    /// Secure; single sign-on sends people back to this address.
    #[arg(long, env = "PUBLIC_URL", default_value = "http://127.0.0.1:3000")]
    pub public_url: String,

    /// The header in which a trusted reverse proxy passes the client's address (for example
    /// `x-forwarded-for`; the last address in it is used). Unset: the TCP peer's address is used,
    /// and such headers are ignored.
    #[arg(long, env = "TRUSTED_PROXY_HEADER")]
    pub trusted_proxy_header: Option<String>,

    /// Sign-in and sign-up attempts allowed per account per minute (a burst of this size, then
    /// refilled evenly). Beyond it: 429 with Retry-After.
    #[arg(long, env = "SIGN_IN_ATTEMPTS_PER_ACCOUNT", default_value_t = 5)]
    pub sign_in_attempts_per_account: u32,

    /// Sign-in and sign-up attempts allowed per client address per minute.
    #[arg(long, env = "SIGN_IN_ATTEMPTS_PER_ADDRESS", default_value_t = 30)]
    pub sign_in_attempts_per_address: u32,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 720)]
    pub session_idle_minutes: u64,

    /// Hours after sign-in after which a session ends, however busy.
    #[arg(long, env = "SESSION_MAX_HOURS", default_value_t = 168)]
    pub session_max_hours: u64,

    /// OpenID Connect issuer for single sign-on (e.g. `https://example.eu.auth0.com/`,
    /// `https://keycloak.example.com/realms/acme`, `https://accounts.google.com`). Unset: sign-in
    /// by password only. The provider must allow `<PUBLIC_URL>/auth/oidc/callback` as redirect.
    #[arg(long, env = "OIDC_ISSUER_URL")]
    pub oidc_issuer_url: Option<String>,

    /// The client id registered at the OpenID provider.
    #[arg(long, env = "OIDC_CLIENT_ID", default_value = "groundwork")]
    pub oidc_client_id: String,

    /// The client secret registered at the OpenID provider (confidential clients).
    #[arg(long, env = "OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,

    /// Folder with the compiled browser assets (`pkg/`) and the files from `public/`. Unset:
    /// `site/` beside the binary when it is there (a release archive), else `target/site` (a
    /// development checkout).
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<String>,
}

impl Config {
    /// The site folder the server serves (see [`Config::site_root`]'s field).
    pub fn resolved_site_root(&self) -> String {
        if let Some(configured) = self
            .site_root
            .as_ref()
            .filter(|root| !root.trim().is_empty())
        {
            return configured.clone();
        }
        let beside_binary = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|folder| folder.join("site")))
            .filter(|site| site.join("pkg").is_dir());
        match beside_binary {
            Some(site) => site.display().to_string(),
            None => "target/site".to_owned(),
        }
    }

    pub fn oidc_settings(&self) -> Option<crate::oidc::OidcSettings> {
        let issuer_url = self
            .oidc_issuer_url
            .clone()
            .filter(|url| !url.trim().is_empty())?;
        Some(crate::oidc::OidcSettings {
            issuer_url,
            client_id: self.oidc_client_id.clone(),
            client_secret: self.oidc_client_secret.clone(),
            public_url: self.public_url.clone(),
        })
    }

    pub fn session_settings(&self) -> crate::sessions::SessionSettings {
        crate::sessions::SessionSettings {
            idle_timeout: std::time::Duration::from_secs(self.session_idle_minutes * 60),
            absolute_timeout: std::time::Duration::from_secs(self.session_max_hours * 3600),
            secure_cookie: self.public_url.starts_with("https://"),
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

impl Config {
    /// A configuration for tests: the given database, any free port, quiet logs.
    pub fn for_tests(database_url: &str) -> Self {
        Self {
            database_url: database_url.to_owned(),
            database_max_connections: 5,
            listen_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            log_level: "warn".to_owned(),
            log_format: LogFormat::Pretty,
            site_root: Some("target/site".to_owned()),
            public_url: "http://127.0.0.1:3000".to_owned(),
            trusted_proxy_header: None,
            sign_in_attempts_per_account: 1000,
            sign_in_attempts_per_address: 1000,
            session_idle_minutes: 720,
            session_max_hours: 168,
            oidc_issuer_url: None,
            oidc_client_id: "groundwork".to_owned(),
            oidc_client_secret: None,
        }
    }
}
