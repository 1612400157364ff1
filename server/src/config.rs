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

    /// Folder with the compiled browser assets (`pkg/`) and the files from `public/`.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
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
            site_root: "target/site".to_owned(),
        }
    }
}
