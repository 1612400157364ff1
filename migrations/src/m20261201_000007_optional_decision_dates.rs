//! An ADR may have no date: a file that states none imports with none, rather than with the day
//! of the import. PostgreSQL drops the NOT NULL in place; SQLite cannot, so the column is
//! copied into a nullable one that then takes its name (no index or key uses it).
use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite: the column copied into a new one (nullable or not) that then takes its name. One
/// batch on one connection: SQLite resolves an ALTER TABLE's columns against the connection's
/// cached schema when it prepares it, so steps spread over pooled connections can find a column
/// missing that another connection just added. The leading SELECT makes the connection reload
/// a schema other connections changed.
async fn replace_column(manager: &SchemaManager<'_>, nullable: bool) -> Result<(), DbErr> {
    let (column, fill) = if nullable {
        (
            "date_text NULL",
            "UPDATE adrs SET decision_date_copy = decision_date",
        )
    } else {
        // NOT NULL needs a default to be added; every row is filled just below.
        (
            "date_text NOT NULL DEFAULT '1970-01-01'",
            "UPDATE adrs SET decision_date_copy = COALESCE(decision_date, date(created_at))",
        )
    };
    let batch = format!(
        "SELECT count(*) FROM adrs; \
         ALTER TABLE adrs ADD COLUMN decision_date_copy {column}; \
         {fill}; \
         ALTER TABLE adrs DROP COLUMN decision_date; \
         ALTER TABLE adrs RENAME COLUMN decision_date_copy TO decision_date"
    );
    manager.get_connection().execute_unprepared(&batch).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => replace_column(manager, true).await,
            _ => manager
                .get_connection()
                .execute_unprepared("ALTER TABLE adrs ALTER COLUMN decision_date DROP NOT NULL")
                .await
                .map(|_| ()),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => replace_column(manager, false).await,
            _ => manager
                .get_connection()
                .execute_unprepared(
                    "UPDATE adrs SET decision_date = created_at::date WHERE decision_date IS NULL; \
                     ALTER TABLE adrs ALTER COLUMN decision_date SET NOT NULL",
                )
                .await
                .map(|_| ()),
        }
    }
}
