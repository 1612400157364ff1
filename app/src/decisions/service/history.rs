//! Revisions: every change is kept (who, when, which fields, the fields after it), and any two
//! can be compared line by line.
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

use similar::{ChangeTag, TextDiff};

use super::fields::{form_fields, form_of};
use crate::{
    auth::Member,
    decisions::{
        domain::{AdrForm, DiffKind, DiffLine, FieldDiff, RevisionSummary},
        entity::{adr, revision},
        repository,
    },
    error::AppError,
};

/// What a revision keeps of the ADR after the change.
#[derive(Serialize, Deserialize, Default)]
struct Snapshot {
    status: String,
    form: AdrForm,
}

pub fn all_fields() -> Vec<String> {
    let mut fields: Vec<String> = form_fields(&AdrForm::default())
        .into_iter()
        .map(|(field, _)| field.to_owned())
        .collect();
    fields.insert(0, "status".into());
    fields
}

/// Records `saved` (already at its new version) as a revision by `member`.
pub async fn record(
    db: &impl ConnectionTrait,
    member: &Member,
    saved: &adr::Model,
    changed: Vec<String>,
) -> Result<(), AppError> {
    let author = crate::accounts::entity::Entity::find_by_id(member.user_id)
        .one(db)
        .await?
        .map_or_else(|| "Unknown".to_owned(), |user| user.display_name);
    let snapshot = Snapshot {
        status: saved.status.clone(),
        form: form_of(saved),
    };
    repository::insert_revision(
        db,
        revision::ActiveModel {
            team_id: Set(member.team_id),
            adr_id: Set(saved.id),
            version: Set(saved.version),
            author_id: Set(Some(member.user_id)),
            author_name: Set(author),
            changed_fields: Set(serde_json::to_string(&changed).unwrap_or_else(|_| "[]".into())),
            snapshot: Set(serde_json::to_string(&snapshot).unwrap_or_default()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

pub async fn list_revisions(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    number: i32,
) -> Result<Vec<RevisionSummary>, AppError> {
    let adr = super::find(db, member, project_id, number).await?;
    Ok(repository::revisions(db, member.team_id, adr.id)
        .await?
        .into_iter()
        .map(|row| RevisionSummary {
            version: row.version,
            author_name: row.author_name,
            created_at: row.created_at.to_rfc3339(),
            changed_fields: serde_json::from_str(&row.changed_fields).unwrap_or_default(),
        })
        .collect())
}

/// The line-by-line differences, field by field, from revision `from` to revision `to`.
pub async fn diff_revisions(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    number: i32,
    from: i32,
    to: i32,
) -> Result<Vec<FieldDiff>, AppError> {
    let adr = super::find(db, member, project_id, number).await?;
    let revisions = repository::revisions(db, member.team_id, adr.id).await?;
    let snapshot = |version: i32, field: &str| -> Result<Snapshot, AppError> {
        let row = revisions
            .iter()
            .find(|row| row.version == version)
            .ok_or_else(|| {
                AppError::validation(field, format!("There is no revision {version}."))
            })?;
        Ok(serde_json::from_str(&row.snapshot).unwrap_or_default())
    };
    let (before, after) = (snapshot(from, "from")?, snapshot(to, "to")?);
    // Diffing is CPU work that grows with the texts: off the async workers, and within a time
    // budget after which the diff is coarser but still correct.
    tokio::task::spawn_blocking(move || {
        diff_snapshots(&before, &after, Instant::now() + DIFF_BUDGET)
    })
    .await
    .map_err(AppError::internal)
}

/// How long comparing two revisions may search for the smallest diff.
const DIFF_BUDGET: Duration = Duration::from_millis(500);

fn diff_snapshots(before: &Snapshot, after: &Snapshot, deadline: Instant) -> Vec<FieldDiff> {
    let mut diffs = Vec::new();
    if before.status != after.status {
        diffs.push(diff_field(
            "status",
            &before.status,
            &after.status,
            deadline,
        ));
    }
    for ((field, old), (_, new)) in form_fields(&before.form)
        .into_iter()
        .zip(form_fields(&after.form))
    {
        if old != new {
            diffs.push(diff_field(field, &old, &new, deadline));
        }
    }
    diffs
}

fn diff_field(field: &str, old: &str, new: &str, deadline: Instant) -> FieldDiff {
    let lines = TextDiff::configure()
        .deadline(deadline)
        .diff_lines(old, new)
        .iter_all_changes()
        .map(|change| DiffLine {
            kind: match change.tag() {
                ChangeTag::Equal => DiffKind::Same,
                ChangeTag::Insert => DiffKind::Added,
                ChangeTag::Delete => DiffKind::Removed,
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect();
    FieldDiff {
        field: field.to_owned(),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_reads_as_removed_then_added() {
        let diff = diff_field(
            "context",
            "We need a store.\nKeep it simple.",
            "We need a store.\nUse PostgreSQL.",
            Instant::now() + DIFF_BUDGET,
        );
        let kinds: Vec<DiffKind> = diff.lines.iter().map(|line| line.kind).collect();
        assert_eq!(kinds, [DiffKind::Same, DiffKind::Removed, DiffKind::Added]);
        assert_eq!(diff.lines[2].text, "Use PostgreSQL.");
    }

    #[test]
    fn two_huge_unrelated_revisions_are_compared_within_the_budget() {
        let old: String = (0..40_000).map(|n| format!("old line {n}\n")).collect();
        let new: String = (0..40_000)
            .map(|n| format!("new line {}\n", n * 7))
            .collect();
        let started = Instant::now();
        let diff = diff_field("context", &old, &new, Instant::now() + DIFF_BUDGET);
        let took = started.elapsed();
        assert!(took < DIFF_BUDGET * 4, "took {took:?}");
        let removed = diff
            .lines
            .iter()
            .filter(|l| l.kind == DiffKind::Removed)
            .count();
        let added = diff
            .lines
            .iter()
            .filter(|l| l.kind == DiffKind::Added)
            .count();
        assert_eq!((removed, added), (40_000, 40_000));
    }
}
