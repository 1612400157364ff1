//! `restore`: a JSON backup becomes a new project in a team where the person restoring is an
//! editor, identical to the one backed up (profile, answers, topic marks, ADRs, links, every
//! revision with its author's name and time). Everything is read and checked before anything is
//! written, then written in one transaction: a newer format or a damaged file stores nothing.
use std::collections::BTreeSet;

use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::Value;

use super::restore_rows;
use crate::{
    auth::Member,
    decisions::{
        domain::{AdrForm, AdrStatus, LinkKind, MAX_ADR_NUMBER},
        service::{
            normalised_form, store_restored, store_restored_links, RestoredAdr, RestoredRevision,
        },
    },
    error::AppError,
    exchange::{
        backup_format::{ProjectBackup, BACKUP_FORMAT, BACKUP_FORMAT_VERSION},
        document::MarkdownExtras,
    },
    projects::domain::{ProjectDescription, ProjectName},
    questionnaire::{
        catalog::embedded,
        profile::Profile,
        views::{NOTE_MAX_CHARS, REASON_MAX_CHARS, TEXT_ANSWER_MAX_CHARS},
    },
    teams::domain::Role,
};

/// Upper bounds on what one backup may hold, so a crafted file cannot exhaust the server.
pub const MAX_BACKUP_BYTES: usize = 32 * 1024 * 1024;
const MAX_ADRS: usize = 5_000;
const MAX_REVISIONS_PER_ADR: usize = 1_000;
/// Revisions in all: one restore is one transaction, and on SQLite it holds the write lock.
const MAX_REVISIONS: usize = 50_000;
const MAX_ANSWERS: usize = 2_000;

/// What a restore created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub project_id: i32,
    pub name: String,
    pub adrs: usize,
    pub revisions: usize,
}

/// Reads `bytes` as a backup and restores it into `member`'s team.
pub async fn restore_backup(
    db: &DatabaseConnection,
    member: &Member,
    bytes: &[u8],
) -> Result<Restored, AppError> {
    if member.role < Role::Editor {
        return Err(AppError::Forbidden);
    }
    let backup = read_backup(bytes)?;
    let adrs = checked_adrs(&backup)?;
    let links = checked_links(&backup)?;
    check_questionnaire(&backup)?;
    let transaction = db.begin().await?;
    let name =
        restore_rows::free_project_name(&transaction, member.team_id, &backup.project.name).await?;
    let project_id = restore_rows::insert_project(
        &transaction,
        member.team_id,
        &name,
        &backup.project.description,
    )
    .await?;
    restore_rows::insert_questionnaire(&transaction, member.team_id, project_id, &backup).await?;
    let revisions = adrs.iter().map(|a| a.revisions.len()).sum();
    let count = adrs.len();
    let ids = store_restored(&transaction, member, project_id, adrs).await?;
    store_restored_links(&transaction, member, project_id, &links, &ids).await?;
    transaction.commit().await?;
    Ok(Restored {
        project_id,
        name,
        adrs: count,
        revisions,
    })
}

/// The backup in `bytes`, or a message that says what is wrong with the file.
pub fn read_backup(bytes: &[u8]) -> Result<ProjectBackup, AppError> {
    let refuse = |message: String| AppError::validation("backup", message);
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(refuse(format!(
            "The file is larger than {} MiB, more than a backup of one project holds.",
            MAX_BACKUP_BYTES / (1024 * 1024)
        )));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|error| {
        refuse(format!(
            "This file is not a Groundwork backup: it is not JSON ({error})."
        ))
    })?;
    if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(refuse(
            "This file is not a Groundwork project backup (its \"format\" is not groundwork-project-backup).".into(),
        ));
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(version) if version > u64::from(BACKUP_FORMAT_VERSION) => {
            return Err(refuse(format!(
                "This backup was written by a newer Groundwork (format {version}); this one reads format {BACKUP_FORMAT_VERSION} and older. Upgrade Groundwork, then restore it."
            )))
        }
        Some(0) | None => return Err(refuse("The backup names no format version.".into())),
        Some(_) => {}
    }
    serde_json::from_value(value)
        .map_err(|error| refuse(format!("The backup is damaged: {error}.")))
}

/// Every ADR checked by the edit form's rules, with its revisions in order.
fn checked_adrs(backup: &ProjectBackup) -> Result<Vec<RestoredAdr>, AppError> {
    let refuse = |number: i32, message: String| {
        AppError::validation("backup", format!("ADR {number} in the backup: {message}"))
    };
    if backup.adrs.len() > MAX_ADRS {
        return Err(AppError::validation(
            "backup",
            format!("The backup holds more than {MAX_ADRS} ADRs."),
        ));
    }
    let revisions: usize = backup.adrs.iter().map(|a| a.revisions.len()).sum();
    if revisions > MAX_REVISIONS {
        return Err(AppError::validation(
            "backup",
            format!("The backup holds more than {MAX_REVISIONS} revisions."),
        ));
    }
    let mut numbers = BTreeSet::new();
    let mut checked = Vec::with_capacity(backup.adrs.len());
    for adr in &backup.adrs {
        if !(0..=MAX_ADR_NUMBER).contains(&adr.number) || !numbers.insert(adr.number) {
            return Err(refuse(
                adr.number,
                "its number is out of range or given twice".into(),
            ));
        }
        if [&adr.topic_id, &adr.question_id]
            .into_iter()
            .flatten()
            .any(|id| id.chars().count() > 64)
        {
            return Err(refuse(adr.number, "its topic is damaged".into()));
        }
        let status = AdrStatus::parse(&adr.status)
            .map_err(|_| refuse(adr.number, format!("\"{}\" is not a status", adr.status)))?;
        let form = AdrForm {
            title: adr.title.clone(),
            decision_makers: adr.decision_makers.join("\n"),
            consulted: adr.consulted.join("\n"),
            informed: adr.informed.join("\n"),
            context: adr.context.clone(),
            drivers: adr.drivers.clone(),
            options: adr.options.clone(),
            outcome: adr.outcome.clone(),
            consequences: adr.consequences.clone(),
            confirmation: adr.confirmation.clone(),
            more_info: adr.more_info.clone(),
            revisit_by: adr.revisit_by.map(|d| d.to_string()).unwrap_or_default(),
        };
        normalised_form(&form).map_err(|error| refuse(adr.number, error.to_string()))?;
        let extras = match &adr.markdown_extras {
            Value::Null => String::new(),
            value => serde_json::from_value::<MarkdownExtras>(value.clone())
                .map_err(|_| refuse(adr.number, "its markdown extras are damaged".into()))?
                .to_column(),
        };
        if adr.version < 1 || adr.revisions.len() > MAX_REVISIONS_PER_ADR {
            return Err(refuse(
                adr.number,
                "its version or history is damaged".into(),
            ));
        }
        let mut versions = BTreeSet::new();
        for revision in &adr.revisions {
            if revision.version < 1
                || revision.version > adr.version
                || !versions.insert(revision.version)
                || !revision.snapshot.is_object()
                || revision.author.chars().count() > 80
            {
                return Err(refuse(
                    adr.number,
                    format!("revision {} is damaged", revision.version),
                ));
            }
        }
        checked.push(RestoredAdr {
            number: adr.number,
            status,
            topic_id: adr.topic_id.clone(),
            question_id: adr.question_id.clone(),
            date: adr.decision_date,
            form,
            markdown_extras: extras,
            version: adr.version,
            created_at: adr.created_at,
            updated_at: adr.updated_at,
            revisions: adr
                .revisions
                .iter()
                .map(|r| RestoredRevision {
                    version: r.version,
                    author: r.author.clone(),
                    created_at: r.created_at,
                    changed_fields: r.changed_fields.clone(),
                    snapshot: r.snapshot.to_string(),
                })
                .collect(),
        });
    }
    Ok(checked)
}

fn checked_links(backup: &ProjectBackup) -> Result<Vec<(LinkKind, i32, i32)>, AppError> {
    let numbers: BTreeSet<i32> = backup.adrs.iter().map(|a| a.number).collect();
    let mut links = BTreeSet::new();
    for link in &backup.links {
        let kind = LinkKind::parse(&link.kind).ok();
        match kind {
            Some(kind)
                if link.from != link.to
                    && numbers.contains(&link.from)
                    && numbers.contains(&link.to) =>
            {
                links.insert((kind, link.from, link.to));
            }
            _ => {
                return Err(AppError::validation(
                    "backup",
                    format!(
                        "The link {} from ADR {} to ADR {} in the backup is damaged.",
                        link.kind, link.from, link.to
                    ),
                ))
            }
        }
    }
    Ok(links.into_iter().collect())
}

/// The project, profile, answers and marks by the same bounds the forms set.
fn check_questionnaire(backup: &ProjectBackup) -> Result<(), AppError> {
    ProjectName::parse(&backup.project.name)?;
    ProjectDescription::parse(&backup.project.description)?;
    if let Some(profile) = &backup.profile {
        Profile::parse(&profile.to_form(), &embedded().skills)?;
    }
    let damaged =
        |what: &str| AppError::validation("backup", format!("The backup's {what} are damaged."));
    if backup.answers.len() > MAX_ANSWERS || backup.topic_marks.len() > MAX_ANSWERS {
        return Err(damaged("answers"));
    }
    let mut questions = BTreeSet::new();
    for answer in &backup.answers {
        let short = |text: &str, max: usize| text.chars().count() <= max;
        if !questions.insert(answer.question_id.as_str())
            || !short(&answer.topic_id, 64)
            || !short(&answer.question_id, 64)
            || !short(&answer.catalog_version, 32)
            || !short(&answer.value, TEXT_ANSWER_MAX_CHARS)
            || !short(&answer.note, NOTE_MAX_CHARS)
            || answer.version < 1
        {
            return Err(damaged("answers"));
        }
    }
    let mut topics = BTreeSet::new();
    for mark in &backup.topic_marks {
        if !topics.insert(mark.topic_id.as_str())
            || mark.topic_id.chars().count() > 64
            || !["skipped", "not_applicable"].contains(&mark.mark.as_str())
            || mark.reason.chars().count() > REASON_MAX_CHARS
        {
            return Err(damaged("topic marks"));
        }
    }
    Ok(())
}
