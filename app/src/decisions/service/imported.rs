//! The decision log's side of import and export: every ADR and link of a project at once, and
//! storing imported ADRs with the numbers their files gave, in one transaction.
use chrono::{NaiveDate, Utc};
use sea_orm::{DatabaseConnection, Set, TransactionTrait};

use super::{fields::ValidFields, history, number_taken_or_internal};
use crate::{
    auth::Member,
    decisions::{
        domain::{AdrForm, AdrStatus, LinkKind},
        entity::{adr, link},
        repository,
    },
    error::AppError,
};

/// Every ADR of a project by number, and every link between them.
pub async fn project_records(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<(Vec<adr::Model>, Vec<link::Model>), AppError> {
    let adrs = repository::all_in_project(db, member.team_id, project_id).await?;
    let links = repository::links_in_project(db, member.team_id, project_id).await?;
    Ok((adrs, links))
}

/// (id, number, title) of every ADR of a project.
pub async fn project_titles(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<Vec<(i32, i32, String)>, AppError> {
    Ok(repository::titles_in_project(db, member.team_id, project_id).await?)
}

/// Every link between ADRs of a project.
pub async fn project_links(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<Vec<link::Model>, AppError> {
    Ok(repository::links_in_project(db, member.team_id, project_id).await?)
}

/// Hands the markdown of every ADR of a project to `each`, by number.
pub async fn for_each_markdown(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    each: impl FnMut(adr::MarkdownColumns),
) -> Result<(), AppError> {
    Ok(repository::for_each_markdown(db, member.team_id, project_id, each).await?)
}

/// Every revision of every ADR of a project, oldest first.
pub async fn project_revisions(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<Vec<crate::decisions::entity::revision::Model>, AppError> {
    let ids: Vec<i32> = repository::all_in_project(db, member.team_id, project_id)
        .await?
        .into_iter()
        .map(|row| row.id)
        .collect();
    Ok(repository::revisions_of(db, member.team_id, ids).await?)
}

/// Checks `form` by the same rules as the edit form (title, people, section sizes), so that
/// an import reports a bad file before anything is stored; gives the form as it will be stored
/// (names one per line, trimmed and without repeats, sections without trailing blank lines).
pub fn normalised_form(form: &AdrForm) -> Result<AdrForm, AppError> {
    let fields = ValidFields::parse(form)?;
    let section = |index: usize| fields.sections.get(index).cloned().unwrap_or_default();
    Ok(AdrForm {
        title: fields.title.clone(),
        decision_makers: fields.decision_makers.join("\n"),
        consulted: fields.consulted.join("\n"),
        informed: fields.informed.join("\n"),
        context: section(0),
        drivers: section(1),
        options: section(2),
        outcome: section(3),
        consequences: section(4),
        confirmation: section(5),
        more_info: section(6),
        revisit_by: form.revisit_by.clone(),
    })
}

/// An ADR read from a file, checked and ready to store.
pub struct ImportedAdr {
    pub number: i32,
    pub status: AdrStatus,
    /// The date the file stated, if it stated one that could be read.
    pub date: Option<NaiveDate>,
    pub form: AdrForm,
    /// `exchange::document::MarkdownExtras` as stored.
    pub markdown_extras: String,
}

/// A link between two ADRs of the project, by number.
pub struct ImportedLink {
    pub kind: LinkKind,
    pub from: i32,
    pub to: i32,
}

/// Stores `adrs` and `links` in one transaction: all of them or, on any error, none. The
/// project's number counter moves past the highest number, so new ADRs continue after them.
pub async fn store_imported(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    adrs: Vec<ImportedAdr>,
    links: Vec<ImportedLink>,
) -> Result<(), AppError> {
    let transaction = db.begin().await?;
    // The counter's row is written first: it locks the project (PostgreSQL) or takes SQLite's
    // write lock at once, so parallel imports and inserts queue here.
    let highest = adrs.iter().map(|a| a.number).max().unwrap_or(0);
    repository::raise_number_counter(&transaction, member.team_id, project_id, highest)
        .await?
        .ok_or_else(|| AppError::not_found("The project"))?;
    let now = Utc::now();
    for imported in adrs {
        let fields = ValidFields::parse(&imported.form)?;
        let mut row = adr::ActiveModel {
            team_id: Set(member.team_id),
            project_id: Set(project_id),
            number: Set(imported.number),
            status: Set(imported.status.as_str().into()),
            topic_id: Set(None),
            decision_date: Set(imported.date),
            markdown_extras: Set(imported.markdown_extras),
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
        history::record(&transaction, member, &saved, history::all_fields()).await?;
    }
    for imported in links {
        let from = adr_id(&transaction, member, project_id, imported.from).await?;
        let to = adr_id(&transaction, member, project_id, imported.to).await?;
        repository::insert_link(
            &transaction,
            link::ActiveModel {
                team_id: Set(member.team_id),
                project_id: Set(project_id),
                from_adr_id: Set(from),
                to_adr_id: Set(to),
                kind: Set(imported.kind.as_str().into()),
                created_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
    }
    transaction.commit().await?;
    Ok(())
}

async fn adr_id(
    db: &impl sea_orm::ConnectionTrait,
    member: &Member,
    project_id: i32,
    number: i32,
) -> Result<i32, AppError> {
    repository::find_by_number(db, member.team_id, project_id, number)
        .await?
        .map(|row| row.id)
        .ok_or_else(|| {
            AppError::validation("links", format!("ADR {number} is not in this project."))
        })
}

/// An ADR from a backup, checked, with its history.
pub struct RestoredAdr {
    pub number: i32,
    pub status: AdrStatus,
    pub topic_id: Option<String>,
    pub question_id: Option<String>,
    pub date: Option<NaiveDate>,
    pub form: AdrForm,
    pub markdown_extras: String,
    pub version: i32,
    pub created_at: chrono::DateTime<Utc>,
    pub updated_at: chrono::DateTime<Utc>,
    pub revisions: Vec<RestoredRevision>,
}

pub struct RestoredRevision {
    pub version: i32,
    /// The author's name as it was shown, kept as text.
    pub author: String,
    pub created_at: chrono::DateTime<Utc>,
    pub changed_fields: Vec<String>,
    /// JSON.
    pub snapshot: String,
}

/// Stores a backup's ADRs in a new project, inside the restore's transaction, as they were:
/// numbers, versions, times and every revision. A revision keeps its author's name as text: a
/// backup is a file anyone could have edited, so it never credits a member's account. Returns
/// the new ids by number.
pub async fn store_restored(
    db: &impl sea_orm::ConnectionTrait,
    member: &Member,
    project_id: i32,
    adrs: Vec<RestoredAdr>,
) -> Result<std::collections::HashMap<i32, i32>, AppError> {
    use crate::decisions::entity::revision;
    let highest = adrs.iter().map(|a| a.number).max().unwrap_or(0);
    repository::raise_number_counter(db, member.team_id, project_id, highest)
        .await?
        .ok_or_else(|| AppError::not_found("The project"))?;
    let mut ids = std::collections::HashMap::with_capacity(adrs.len());
    for restored in adrs {
        let fields = ValidFields::parse(&restored.form)?;
        let mut row = adr::ActiveModel {
            team_id: Set(member.team_id),
            project_id: Set(project_id),
            number: Set(restored.number),
            status: Set(restored.status.as_str().into()),
            topic_id: Set(restored.topic_id),
            question_id: Set(restored.question_id),
            decision_date: Set(restored.date),
            markdown_extras: Set(restored.markdown_extras),
            version: Set(restored.version),
            created_by: Set(member.user_id),
            created_at: Set(restored.created_at),
            updated_at: Set(restored.updated_at),
            ..Default::default()
        };
        fields.write_to(&mut row);
        let saved = repository::insert(db, row).await?;
        ids.insert(restored.number, saved.id);
        for entry in restored.revisions {
            repository::insert_revision(
                db,
                revision::ActiveModel {
                    team_id: Set(member.team_id),
                    adr_id: Set(saved.id),
                    version: Set(entry.version),
                    author_id: Set(None),
                    author_name: Set(entry.author),
                    changed_fields: Set(serde_json::to_string(&entry.changed_fields)
                        .unwrap_or_else(|_| "[]".into())),
                    snapshot: Set(entry.snapshot),
                    created_at: Set(entry.created_at),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    Ok(ids)
}

/// Stores links between restored ADRs (`ids` maps their numbers to ids).
pub async fn store_restored_links(
    db: &impl sea_orm::ConnectionTrait,
    member: &Member,
    project_id: i32,
    links: &[(LinkKind, i32, i32)],
    ids: &std::collections::HashMap<i32, i32>,
) -> Result<(), AppError> {
    let now = Utc::now();
    for (kind, from, to) in links {
        let (Some(from), Some(to)) = (ids.get(from), ids.get(to)) else {
            continue;
        };
        repository::insert_link(
            db,
            link::ActiveModel {
                team_id: Set(member.team_id),
                project_id: Set(project_id),
                from_adr_id: Set(*from),
                to_adr_id: Set(*to),
                kind: Set(kind.as_str().into()),
                created_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(())
}
