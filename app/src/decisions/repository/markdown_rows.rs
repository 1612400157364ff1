//! The export's read of every ADR's markdown, one row at a time: through SQLite's own API on
//! SQLite (see [`super::sqlite_rows`]), through sea-orm elsewhere.
use sea_orm::{
    ColumnTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use super::sqlite_rows;
use crate::decisions::entity::adr::{self, Entity as Adrs};

/// Hands the markdown of every ADR of a project to `each`, by number (see
/// [`adr::MarkdownColumns`]), without holding more than one row of its own.
/// On SQLite the rows are read through SQLite's own API (see [`sqlite_rows`]); elsewhere, and
/// as the reference the SQLite reader is tested against, through sea-orm.
pub async fn for_each_markdown(
    db: &DatabaseConnection,
    team_id: i32,
    project_id: i32,
    mut each: impl FnMut(adr::MarkdownColumns),
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    if backend != DatabaseBackend::Sqlite {
        return for_each_markdown_through_sea_orm(db, backend, team_id, project_id, each).await;
    }
    let statement = markdown_query(team_id, project_id).build(backend);
    sqlite_rows::for_each_row(db.get_sqlite_connection_pool(), &statement, |row| {
        each(markdown_columns(row)?);
        Ok(())
    })
    .await
}

/// [`for_each_markdown`] through sea-orm's row stream, on any database.
pub async fn for_each_markdown_through_sea_orm(
    db: &impl sea_orm::StreamTrait,
    backend: DatabaseBackend,
    team_id: i32,
    project_id: i32,
    mut each: impl FnMut(adr::MarkdownColumns),
) -> Result<(), DbErr> {
    use futures_util::TryStreamExt;
    let statement = markdown_query(team_id, project_id).build(backend);
    let mut rows = std::pin::pin!(db.stream_raw(statement).await?);
    while let Some(row) = rows.try_next().await? {
        each(markdown_columns(&row)?);
    }
    Ok(())
}

/// The columns [`adr::MarkdownColumns`] holds, in its order, decoded by position rather than by
/// name since there are thousands of rows.
fn markdown_query(team_id: i32, project_id: i32) -> sea_orm::Select<Adrs> {
    use adr::Column as C;
    let columns = [
        C::Id,
        C::Number,
        C::Title,
        C::Status,
        C::DecisionDate,
        C::DecisionMakers,
        C::Consulted,
        C::Informed,
        C::ContextMd,
        C::DriversMd,
        C::OptionsMd,
        C::OutcomeMd,
        C::ConsequencesMd,
        C::ConfirmationMd,
        C::MoreInfoMd,
        C::MarkdownExtras,
    ];
    Adrs::find()
        .select_only()
        .columns(columns)
        .filter(adr::Column::TeamId.eq(team_id))
        .filter(adr::Column::ProjectId.eq(project_id))
        .order_by_asc(adr::Column::Number)
}

/// A row read by position, from sea-orm or from SQLite directly.
trait ColumnsByPosition {
    fn int(&self, column: usize) -> Result<i32, DbErr>;
    fn text(&self, column: usize) -> Result<String, DbErr>;
    fn date(&self, column: usize) -> Result<Option<chrono::NaiveDate>, DbErr>;
}

impl ColumnsByPosition for sea_orm::QueryResult {
    fn int(&self, column: usize) -> Result<i32, DbErr> {
        self.try_get_by_index(column)
    }
    fn text(&self, column: usize) -> Result<String, DbErr> {
        self.try_get_by_index(column)
    }
    fn date(&self, column: usize) -> Result<Option<chrono::NaiveDate>, DbErr> {
        self.try_get_by_index(column)
    }
}

impl ColumnsByPosition for sqlite_rows::Row<'_> {
    fn int(&self, column: usize) -> Result<i32, DbErr> {
        sqlite_rows::Row::int(self, column)
    }
    fn text(&self, column: usize) -> Result<String, DbErr> {
        sqlite_rows::Row::text(self, column)
    }
    /// sqlx stores dates on SQLite as ISO 8601 text.
    fn date(&self, column: usize) -> Result<Option<chrono::NaiveDate>, DbErr> {
        if self.is_null(column)? {
            return Ok(None);
        }
        let text = self.text(column)?;
        text.parse()
            .map(Some)
            .map_err(|_| DbErr::Custom(format!("column {column}: {text:?} is not a date")))
    }
}

fn markdown_columns(row: &impl ColumnsByPosition) -> Result<adr::MarkdownColumns, DbErr> {
    Ok(adr::MarkdownColumns {
        id: row.int(0)?,
        number: row.int(1)?,
        title: row.text(2)?,
        status: row.text(3)?,
        decision_date: row.date(4)?,
        decision_makers: row.text(5)?,
        consulted: row.text(6)?,
        informed: row.text(7)?,
        context_md: row.text(8)?,
        drivers_md: row.text(9)?,
        options_md: row.text(10)?,
        outcome_md: row.text(11)?,
        consequences_md: row.text(12)?,
        confirmation_md: row.text(13)?,
        more_info_md: row.text(14)?,
        markdown_extras: row.text(15)?,
    })
}
