//! Full-text search on both databases over the same stems (see `app::decisions::search`).
//!
//! `adrs.search_version` says which way of indexing `search_text` holds: the server indexes
//! rows below its own version again at start-up, so the ADRs stored before this migration
//! (whose `search_text` is their lower-cased text) are brought to stems there.
//!
//! PostgreSQL: `to_tsvector('simple', search_text)` is stored in `adrs.search_vector`, kept by
//! the database. The GIN index over every team's ADRs goes: a search stays within one project's
//! rows, which the project's index finds, so it never reads another team's.
//!
//! SQLite: an FTS5 table over `adrs.search_text` (external content: the text is stored once),
//! kept by triggers; its tokenizer splits at the same places and changes nothing else.
use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const BOTH_UP: &str = "
ALTER TABLE adrs ADD COLUMN search_version integer NOT NULL DEFAULT 0;
CREATE INDEX ix_adrs_search_version ON adrs (search_version);
";

const POSTGRES_UP: &str = "
ALTER TABLE adrs ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
DROP INDEX IF EXISTS ix_adrs_search;
";

const POSTGRES_DOWN: &str = "
ALTER TABLE adrs DROP COLUMN IF EXISTS search_vector;
CREATE INDEX IF NOT EXISTS ix_adrs_search ON adrs USING GIN (to_tsvector('english', search_text));
";

const SQLITE_UP: &str = "
CREATE VIRTUAL TABLE adrs_fts USING fts5(
    search_text, content = 'adrs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER adrs_fts_after_insert AFTER INSERT ON adrs BEGIN
    INSERT INTO adrs_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER adrs_fts_after_delete AFTER DELETE ON adrs BEGIN
    INSERT INTO adrs_fts (adrs_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER adrs_fts_after_update AFTER UPDATE OF search_text ON adrs BEGIN
    INSERT INTO adrs_fts (adrs_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO adrs_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
INSERT INTO adrs_fts (adrs_fts) VALUES ('rebuild');
";

const SQLITE_DOWN: &str = "
DROP TRIGGER IF EXISTS adrs_fts_after_update;
DROP TRIGGER IF EXISTS adrs_fts_after_delete;
DROP TRIGGER IF EXISTS adrs_fts_after_insert;
DROP TABLE IF EXISTS adrs_fts;
";

const BOTH_DOWN: &str = "
DROP INDEX IF EXISTS ix_adrs_search_version;
ALTER TABLE adrs DROP COLUMN search_version;
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let own = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_UP,
            _ => SQLITE_UP,
        };
        let db = manager.get_connection();
        db.execute_unprepared(BOTH_UP).await?;
        db.execute_unprepared(own).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let own = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_DOWN,
            _ => SQLITE_DOWN,
        };
        let db = manager.get_connection();
        db.execute_unprepared(own).await?;
        db.execute_unprepared(BOTH_DOWN).await?;
        Ok(())
    }
}
