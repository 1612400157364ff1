//! A consistent copy of a running SQLite install, for `groundwork backup <file>`.
//!
//! `VACUUM INTO` writes a fresh database file from one read transaction: it sees a single point
//! in time while the server goes on serving (WAL mode lets writers continue), and the copy is
//! compact and holds no `-wal` file of its own. PostgreSQL installs use `pg_dump` instead.
use std::path::Path;

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection};

/// What to run on PostgreSQL instead.
pub const PG_DUMP_HINT: &str = "this install runs on PostgreSQL: back it up with \
    `pg_dump --format=custom --file=groundwork.dump \"$DATABASE_URL\"` and restore with \
    `pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" groundwork.dump`";

/// Writes a consistent copy of the SQLite database behind `db` to `target`, which must not exist.
/// Returns the copy's size in bytes.
pub async fn backup_sqlite(db: &DatabaseConnection, target: &Path) -> Result<u64, String> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Err(PG_DUMP_HINT.to_owned());
    }
    if target.exists() {
        return Err(format!(
            "{} exists already: choose a new file, so that no backup is overwritten",
            target.display()
        ));
    }
    let text = target
        .to_str()
        .ok_or_else(|| format!("{} is not a UTF-8 path", target.display()))?;
    // A string literal in SQL: single quotes doubled. The path is the operator's own argument.
    let statement = format!("VACUUM INTO '{}'", text.replace('\'', "''"));
    db.execute_unprepared(&statement)
        .await
        .map_err(|error| format!("the backup failed: {error}"))?;
    std::fs::metadata(target)
        .map(|meta| meta.len())
        .map_err(|error| format!("the backup was not written: {error}"))
}
