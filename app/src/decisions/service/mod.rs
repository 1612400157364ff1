//! Business rules of the decision log: numbering, versions, lifecycle, links and history.
mod draft;
mod fields;
mod generate;
mod history;
mod imported;
mod links;
mod log;
mod search_index;
mod views;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, NotSet, Set, SqlErr, TransactionTrait};

pub use draft::{decisions_of, draft_decision, DraftInputs};
pub use generate::generate_from_topic;
pub use history::{diff_revisions, list_revisions};
pub use imported::{
    for_each_markdown, normalised_form, project_links, project_records, project_revisions,
    project_titles, store_imported, store_restored, store_restored_links, ImportedAdr,
    ImportedLink, RestoredAdr, RestoredRevision,
};
pub use links::link_adrs;
pub use log::{log_page, LogFilters};
pub use search_index::reindex_outdated;

use self::fields::{status_of, ValidFields};
use super::{
    domain::{display_number, AdrForm, AdrStatus, AdrSummary, AdrView, MAX_ADR_NUMBER},
    entity::adr,
    repository,
};
use crate::{auth::Member, error::AppError};

/// Where a new ADR comes from: written by hand (both `None`), or generated from a topic's answers
/// to the decision of one question.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin<'a> {
    pub topic_id: Option<&'a str>,
    pub question_id: Option<&'a str>,
}

/// Creates an ADR with the project's next number, in one transaction with its first revision.
pub async fn create_adr(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    form: &AdrForm,
    origin: Origin<'_>,
) -> Result<AdrSummary, AppError> {
    let mut fields = ValidFields::parse(form)?;
    fields.check_decision_makers(&team_people(db, member).await?, &[])?;
    let transaction = db.begin().await?;
    let number = match repository::take_next_number(
        &transaction,
        member.team_id,
        project_id,
        MAX_ADR_NUMBER,
    )
    .await?
    {
        repository::NextNumber::Taken(number) => number,
        repository::NextNumber::NoSuchProject => return Err(AppError::not_found("The project")),
        repository::NextNumber::Exhausted => {
            return Err(AppError::Conflict {
                message: format!(
                    "This project has used every ADR number up to {}.",
                    display_number(MAX_ADR_NUMBER)
                ),
            })
        }
    };
    let now = Utc::now();
    let mut row = adr::ActiveModel {
        team_id: Set(member.team_id),
        project_id: Set(project_id),
        number: Set(number),
        status: Set(AdrStatus::Proposed.as_str().into()),
        topic_id: Set(origin.topic_id.map(str::to_owned)),
        question_id: Set(origin.question_id.map(str::to_owned)),
        decision_date: Set(Some(now.date_naive())),
        version: Set(1),
        created_by: Set(member.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    fields.write_to(&mut row);
    let saved = repository::insert(&transaction, row)
        .await
        .map_err(number_taken_or_internal)?;
    let changed = history::all_fields();
    history::record(&transaction, member, &saved, changed).await?;
    transaction
        .commit()
        .await
        .map_err(number_taken_or_internal)?;
    Ok(views::summary(&saved))
}

/// The names decision-makers are chosen from: the members of the member's team.
pub async fn team_people(
    db: &DatabaseConnection,
    member: &Member,
) -> Result<Vec<String>, AppError> {
    crate::teams::service::member_names(db, member.team_id).await
}

/// One ADR, with its links, for its page.
pub async fn get_adr(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    number: i32,
) -> Result<AdrView, AppError> {
    let row = find(db, member, project_id, number).await?;
    views::full_view(db, member, row).await
}

/// Saves an edit made from version `version`. If someone saved in between, nothing is stored
/// and the answer is a conflict; the page then shows their version beside what was typed.
pub async fn update_adr(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    number: i32,
    version: i32,
    form: &AdrForm,
) -> Result<AdrView, AppError> {
    let mut fields = ValidFields::parse(form)?;
    let stored = find(db, member, project_id, number).await?;
    let already = fields::from_json(&stored.decision_makers);
    fields.check_decision_makers(&team_people(db, member).await?, &already)?;
    let changed = fields.changed_from(&stored);
    if stored.version != version {
        return Err(stale());
    }
    if changed.is_empty() {
        return views::full_view(db, member, stored).await;
    }
    let mut row = adr::ActiveModel::default();
    fields.write_to(&mut row);
    let transaction = repository::begin_write(db).await?;
    if !repository::update_if_version(&transaction, member.team_id, stored.id, version, row).await?
    {
        return Err(stale());
    }
    let saved = find(&transaction, member, project_id, number).await?;
    history::record(&transaction, member, &saved, changed).await?;
    transaction.commit().await?;
    views::full_view(db, member, saved).await
}

/// Moves an ADR along its lifecycle (see [`AdrStatus::check_change_to`]).
pub async fn change_status(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    number: i32,
    version: i32,
    status: &str,
) -> Result<AdrView, AppError> {
    let next = AdrStatus::parse(status)?;
    let stored = find(db, member, project_id, number).await?;
    if stored.version != version {
        return Err(stale());
    }
    status_of(&stored).check_change_to(next)?;
    let transaction = db.begin().await?;
    let saved = set_status(&transaction, member, &stored, next).await?;
    transaction.commit().await?;
    views::full_view(db, member, saved).await
}

async fn set_status(
    db: &impl ConnectionTrait,
    member: &Member,
    stored: &adr::Model,
    next: AdrStatus,
) -> Result<adr::Model, AppError> {
    // An ADR is dated by its proposal until it is accepted, then by its acceptance.
    let decision_date = match next {
        AdrStatus::Accepted => Set(Some(Utc::now().date_naive())),
        _ => NotSet,
    };
    let row = adr::ActiveModel {
        status: Set(next.as_str().into()),
        decision_date,
        ..Default::default()
    };
    if !repository::update_if_version(db, member.team_id, stored.id, stored.version, row).await? {
        return Err(stale());
    }
    let saved = find(db, member, stored.project_id, stored.number).await?;
    history::record(db, member, &saved, vec!["status".into()]).await?;
    Ok(saved)
}

async fn find(
    db: &impl ConnectionTrait,
    member: &Member,
    project_id: i32,
    number: i32,
) -> Result<adr::Model, AppError> {
    repository::find_by_number(db, member.team_id, project_id, number)
        .await?
        .ok_or_else(|| AppError::not_found("The decision"))
}

fn stale() -> AppError {
    AppError::Conflict {
        message: "Someone else saved this decision while you were editing. Their version is \
                  shown below; what you typed is still in the form."
            .into(),
    }
}

fn number_taken_or_internal(error: DbErr) -> AppError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict {
            message: "Another decision took this number at the same moment. Please save again."
                .into(),
        },
        _ => error.into(),
    }
}
