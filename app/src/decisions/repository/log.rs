//! The decision log's query: filters, full-text search, sorting and one page of summary rows.
use chrono::NaiveDate;
use sea_orm::{
    sea_query::{Expr, Func},
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::decisions::{
    entity::adr::{self, Entity as Adrs},
    search::SearchTerms,
};

/// What the decision log is filtered and sorted by.
pub struct LogQuery<'a> {
    pub status: Option<&'a str>,
    pub topic: Option<&'a str>,
    /// `Some(None)`: a search with no searchable word, which finds nothing (as on PostgreSQL).
    pub search: Option<Option<SearchTerms>>,
    pub sort: LogSort,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogSort {
    NumberAscending,
    NumberDescending,
    Title,
    RecentlyChanged,
}

/// The columns one line of the log shows. A whole row also holds every section's markdown and
/// HTML and the search stems; reading those for fifty lines was most of a log page's time
/// (docs/benchmarks.md, throughput).
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct SummaryRow {
    pub id: i32,
    pub number: i32,
    pub title: String,
    pub status: String,
    pub topic_id: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decision_makers: String,
    pub revisit_by: Option<NaiveDate>,
}

impl SummaryRow {
    const COLUMNS: [adr::Column; 8] = [
        adr::Column::Id,
        adr::Column::Number,
        adr::Column::Title,
        adr::Column::Status,
        adr::Column::TopicId,
        adr::Column::DecisionDate,
        adr::Column::DecisionMakers,
        adr::Column::RevisitBy,
    ];
}

impl From<&adr::Model> for SummaryRow {
    fn from(row: &adr::Model) -> Self {
        Self {
            id: row.id,
            number: row.number,
            title: row.title.clone(),
            status: row.status.clone(),
            topic_id: row.topic_id.clone(),
            decision_date: row.decision_date,
            decision_makers: row.decision_makers.clone(),
            revisit_by: row.revisit_by,
        }
    }
}

/// One page of the project's log, and how many ADRs match in all.
pub async fn log_page(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    query: &LogQuery<'_>,
) -> Result<(Vec<SummaryRow>, u64), DbErr> {
    let mut select = Adrs::find()
        .filter(adr::Column::TeamId.eq(team_id))
        .filter(adr::Column::ProjectId.eq(project_id));
    if let Some(status) = query.status {
        select = select.filter(adr::Column::Status.eq(status));
    }
    if let Some(topic) = query.topic {
        select = select.filter(adr::Column::TopicId.eq(topic));
    }
    match &query.search {
        None => {}
        Some(None) => return Ok((Vec::new(), 0)),
        Some(Some(terms)) => {
            select = select.filter(search_condition(db.get_database_backend(), terms));
        }
    }
    select = match query.sort {
        LogSort::NumberAscending => select.order_by_asc(adr::Column::Number),
        LogSort::NumberDescending => select.order_by_desc(adr::Column::Number),
        LogSort::Title => select
            .order_by_asc(Expr::expr(Func::lower(Expr::col(adr::Column::Title))))
            .order_by_asc(adr::Column::Number),
        LogSort::RecentlyChanged => select
            .order_by_desc(adr::Column::UpdatedAt)
            .order_by_desc(adr::Column::Number),
    };
    let paginator = select
        .select_only()
        .columns(SummaryRow::COLUMNS)
        .into_model::<SummaryRow>()
        .paginate(db, query.per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(query.page.saturating_sub(1)).await?;
    Ok((rows, total))
}

/// Full-text search (see [`crate::decisions::search`]): PostgreSQL's stored `search_vector`,
/// SQLite's FTS5 table. Both stay inside the project's rows, which the caller's filters select
/// through the project's index, so no other team's ADR is read.
fn search_condition(backend: DatabaseBackend, terms: &SearchTerms) -> Condition {
    let condition = match backend {
        DatabaseBackend::Postgres => Expr::cust_with_values(
            "\"adrs\".\"search_vector\" @@ plainto_tsquery('simple', $1)",
            [terms.as_plain_query()],
        ),
        _ => Expr::cust_with_values(
            "\"adrs\".\"id\" IN (SELECT rowid FROM adrs_fts WHERE adrs_fts MATCH ?)",
            [terms.as_fts5_query()],
        ),
    };
    Condition::all().add(condition)
}
