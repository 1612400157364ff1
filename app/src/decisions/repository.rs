//! sea-orm queries for the decision log. Every query is scoped by team and project.
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use super::entity::{
    adr::{self, Entity as Adrs},
    link::{self, Entity as Links},
    revision::{self, Entity as Revisions},
};
use crate::projects::entity::{self as project, Entity as Projects};

mod log;
mod markdown_rows;
pub mod search_index;
mod sqlite_rows;
#[cfg(test)]
mod tests;

pub use log::{log_page, LogQuery, LogSort, SummaryRow};
pub use markdown_rows::for_each_markdown;
#[cfg(test)]
use markdown_rows::for_each_markdown_through_sea_orm;

/// A transaction that will write: on SQLite it takes the write lock at once (`BEGIN IMMEDIATE`,
/// waiting its turn behind other writers), so no statement in it has to upgrade a read lock,
/// which SQLite refuses at once with "database is locked" when another writer got there first.
/// (An update of an ADR's text runs the full-text index's trigger, whose virtual table reads
/// before the write.) On PostgreSQL an ordinary transaction.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// What taking the next ADR number gave.
#[derive(Debug, PartialEq, Eq)]
pub enum NextNumber {
    Taken(i32),
    /// The project is not the team's (or does not exist).
    NoSuchProject,
    /// The counter is at `max`: no number is left.
    Exhausted,
}

/// Takes the next ADR number of a project, up to `max`. The update locks the project's row
/// (PostgreSQL) or the database (SQLite) until the caller's transaction ends, so parallel inserts
/// queue here and get consecutive numbers; a rolled-back insert gives its number back.
pub async fn take_next_number(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    max: i32,
) -> Result<NextNumber, DbErr> {
    let scoped = || {
        Projects::find()
            .filter(project::Column::Id.eq(project_id))
            .filter(project::Column::TeamId.eq(team_id))
    };
    let updated = Projects::update_many()
        .col_expr(
            project::Column::LastAdrNumber,
            Expr::col(project::Column::LastAdrNumber).add(1),
        )
        .filter(project::Column::Id.eq(project_id))
        .filter(project::Column::TeamId.eq(team_id))
        .filter(project::Column::LastAdrNumber.lt(max))
        .exec_with_returning(db)
        .await?;
    if let Some(row) = updated.first() {
        return Ok(NextNumber::Taken(row.last_adr_number));
    }
    Ok(match scoped().one(db).await? {
        Some(_) => NextNumber::Exhausted,
        None => NextNumber::NoSuchProject,
    })
}

/// Moves the project's number counter up to `at_least` (never down); `None` when the project is
/// not the team's. Being a write, it also takes the project's lock for the transaction.
pub async fn raise_number_counter(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    at_least: i32,
) -> Result<Option<i32>, DbErr> {
    let scoped = || {
        Projects::update_many()
            .filter(project::Column::Id.eq(project_id))
            .filter(project::Column::TeamId.eq(team_id))
    };
    let locked = scoped()
        .col_expr(
            project::Column::LastAdrNumber,
            Expr::col(project::Column::LastAdrNumber).add(0),
        )
        .exec_with_returning(db)
        .await?;
    let Some(current) = locked.first().map(|row| row.last_adr_number) else {
        return Ok(None);
    };
    if at_least > current {
        scoped()
            .col_expr(project::Column::LastAdrNumber, Expr::value(at_least))
            .exec(db)
            .await?;
    }
    Ok(Some(std::cmp::max(current, at_least)))
}

/// Every ADR of a project, by number.
pub async fn all_in_project(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
) -> Result<Vec<adr::Model>, DbErr> {
    Adrs::find()
        .filter(adr::Column::TeamId.eq(team_id))
        .filter(adr::Column::ProjectId.eq(project_id))
        .order_by_asc(adr::Column::Number)
        .all(db)
        .await
}

/// (id, number, title) of every ADR of a project.
pub async fn titles_in_project(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
) -> Result<Vec<(i32, i32, String)>, DbErr> {
    Adrs::find()
        .select_only()
        .columns([adr::Column::Id, adr::Column::Number, adr::Column::Title])
        .filter(adr::Column::TeamId.eq(team_id))
        .filter(adr::Column::ProjectId.eq(project_id))
        .into_tuple()
        .all(db)
        .await
}

/// Every link between ADRs of a project.
pub async fn links_in_project(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
) -> Result<Vec<link::Model>, DbErr> {
    Links::find()
        .filter(link::Column::TeamId.eq(team_id))
        .filter(link::Column::ProjectId.eq(project_id))
        .order_by_asc(link::Column::Id)
        .all(db)
        .await
}

pub async fn insert(db: &impl ConnectionTrait, row: adr::ActiveModel) -> Result<adr::Model, DbErr> {
    row.insert(db).await
}

pub async fn find_by_number(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    number: i32,
) -> Result<Option<adr::Model>, DbErr> {
    Adrs::find()
        .filter(adr::Column::TeamId.eq(team_id))
        .filter(adr::Column::ProjectId.eq(project_id))
        .filter(adr::Column::Number.eq(number))
        .one(db)
        .await
}

pub async fn find_by_ids(
    db: &impl ConnectionTrait,
    team_id: i32,
    ids: Vec<i32>,
) -> Result<Vec<adr::Model>, DbErr> {
    Adrs::find()
        .filter(adr::Column::TeamId.eq(team_id))
        .filter(adr::Column::Id.is_in(ids))
        .all(db)
        .await
}

/// Writes `changes` only if the stored version is still `version`; false when someone else
/// saved first (or the ADR is gone). The version goes up by one.
pub async fn update_if_version(
    db: &impl ConnectionTrait,
    team_id: i32,
    id: i32,
    version: i32,
    mut changes: adr::ActiveModel,
) -> Result<bool, DbErr> {
    changes.version = Set(version + 1);
    changes.updated_at = Set(chrono::Utc::now());
    let result = Adrs::update_many()
        .set(changes)
        .filter(adr::Column::Id.eq(id))
        .filter(adr::Column::TeamId.eq(team_id))
        .filter(adr::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn insert_link(
    db: &impl ConnectionTrait,
    row: link::ActiveModel,
) -> Result<link::Model, DbErr> {
    row.insert(db).await
}

/// Links that start or end at `adr_id`.
pub async fn links_of(
    db: &impl ConnectionTrait,
    team_id: i32,
    adr_id: i32,
) -> Result<Vec<link::Model>, DbErr> {
    Links::find()
        .filter(link::Column::TeamId.eq(team_id))
        .filter(
            Condition::any()
                .add(link::Column::FromAdrId.eq(adr_id))
                .add(link::Column::ToAdrId.eq(adr_id)),
        )
        .order_by_asc(link::Column::Id)
        .all(db)
        .await
}

/// The ADRs that `adr_id` supersedes directly.
pub async fn superseded_ids(
    db: &impl ConnectionTrait,
    team_id: i32,
    adr_id: i32,
) -> Result<Vec<i32>, DbErr> {
    Ok(Links::find()
        .filter(link::Column::TeamId.eq(team_id))
        .filter(link::Column::FromAdrId.eq(adr_id))
        .filter(link::Column::Kind.eq("supersedes"))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.to_adr_id)
        .collect())
}

pub async fn insert_revision(
    db: &impl ConnectionTrait,
    row: revision::ActiveModel,
) -> Result<revision::Model, DbErr> {
    row.insert(db).await
}

pub async fn revisions(
    db: &impl ConnectionTrait,
    team_id: i32,
    adr_id: i32,
) -> Result<Vec<revision::Model>, DbErr> {
    Revisions::find()
        .filter(revision::Column::TeamId.eq(team_id))
        .filter(revision::Column::AdrId.eq(adr_id))
        .order_by_desc(revision::Column::Version)
        .all(db)
        .await
}

/// The revisions of the ADRs `adr_ids`, oldest first.
pub async fn revisions_of(
    db: &impl ConnectionTrait,
    team_id: i32,
    adr_ids: Vec<i32>,
) -> Result<Vec<revision::Model>, DbErr> {
    Revisions::find()
        .filter(revision::Column::TeamId.eq(team_id))
        .filter(revision::Column::AdrId.is_in(adr_ids))
        .order_by_asc(revision::Column::AdrId)
        .order_by_asc(revision::Column::Version)
        .all(db)
        .await
}
