//! Connecting to the database: SQLite (the zero-setup default) or PostgreSQL (production).
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr,
};

use crate::config::Config;

const SQLITE_MAX_CONNECTIONS: u32 = 4;

/// Opens a pool on `config.database_url`, tuned for the database it points at.
pub async fn connect(config: &Config) -> Result<DatabaseConnection, DbErr> {
    let is_sqlite = config.database_url.starts_with("sqlite:");
    let mut options = ConnectOptions::new(config.database_url.clone());
    options
        .max_connections(if is_sqlite {
            SQLITE_MAX_CONNECTIONS
        } else {
            config.database_max_connections
        })
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // Statements are not logged by sqlx; sea-orm traces them at DEBUG.
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                // 32 MiB of page cache per connection instead of 2: whole decision logs (an
                // export reads every ADR) stay in memory instead of being re-read from the file.
                .pragma("cache_size", "-32768")
        });
    Database::connect(options).await
}

/// Runs the migrations, then indexes again the ADRs an older version of the search indexed.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    let reindexed = app::decisions::service::reindex_outdated(db).await?;
    if reindexed > 0 {
        tracing::info!(reindexed, "ADRs indexed again for the search");
    }
    Ok(())
}

/// True when the database answers a trivial query.
pub async fn is_reachable(db: &DatabaseConnection) -> bool {
    let ping = db.execute_unprepared("SELECT 1");
    matches!(
        tokio::time::timeout(Duration::from_secs(2), ping).await,
        Ok(Ok(_))
    )
}
