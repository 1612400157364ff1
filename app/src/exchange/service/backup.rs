//! A JSON backup of a whole project: its profile, answers, topic marks, ADRs (markdown and
//! extras), links and every revision. Made for keeping, not for editing by hand.
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use crate::{
    auth::Member,
    decisions::service::{project_records, project_revisions},
    error::AppError,
    questionnaire::{catalog::embedded, service::Snapshot},
};

/// Bumped whenever the shape below changes meaning.
pub const BACKUP_FORMAT_VERSION: u32 = 1;

pub async fn project_backup(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<Value, AppError> {
    let snapshot = Snapshot::load(db, member, project_id).await?;
    let (adrs, links) = project_records(db, member, project_id).await?;
    let revisions = project_revisions(db, member, project_id).await?;
    let number_of = |id: i32| adrs.iter().find(|a| a.id == id).map(|a| a.number);
    let mut answers: Vec<_> = snapshot.answers.values().collect();
    answers.sort_by(|a, b| a.question_id.cmp(&b.question_id));
    let mut marks: Vec<_> = snapshot.marks.values().collect();
    marks.sort_by(|a, b| a.topic_id.cmp(&b.topic_id));
    let names = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Array(vec![]));
    Ok(json!({
        "format": "groundwork-project-backup",
        "format_version": BACKUP_FORMAT_VERSION,
        "catalog_version": embedded().version,
        "exported_at": chrono::Utc::now().to_rfc3339(),
        "project": {
            "name": snapshot.project.name,
            "description": snapshot.project.description,
        },
        "profile": snapshot.profile,
        "answers": answers.iter().map(|a| json!({
            "topic_id": a.topic_id,
            "question_id": a.question_id,
            "value": a.value,
            "note": a.note,
            "catalog_version": a.catalog_version,
            "version": a.version,
            "updated_at": a.updated_at.to_rfc3339(),
        })).collect::<Vec<_>>(),
        "topic_marks": marks.iter().map(|m| json!({
            "topic_id": m.topic_id,
            "mark": m.mark,
            "reason": m.reason,
        })).collect::<Vec<_>>(),
        "adrs": adrs.iter().map(|a| json!({
            "number": a.number,
            "title": a.title,
            "status": a.status,
            "topic_id": a.topic_id,
            "decision_date": a.decision_date.to_string(),
            "revisit_by": a.revisit_by.map(|d| d.to_string()),
            "decision_makers": names(&a.decision_makers),
            "consulted": names(&a.consulted),
            "informed": names(&a.informed),
            "context": a.context_md,
            "drivers": a.drivers_md,
            "options": a.options_md,
            "outcome": a.outcome_md,
            "consequences": a.consequences_md,
            "confirmation": a.confirmation_md,
            "more_info": a.more_info_md,
            "markdown_extras": if a.markdown_extras.is_empty() { Value::Null } else { names(&a.markdown_extras) },
            "version": a.version,
            "created_at": a.created_at.to_rfc3339(),
            "updated_at": a.updated_at.to_rfc3339(),
            "revisions": revisions.iter().filter(|r| r.adr_id == a.id).map(|r| json!({
                "version": r.version,
                "author": r.author_name,
                "created_at": r.created_at.to_rfc3339(),
                "changed_fields": names(&r.changed_fields),
                "snapshot": serde_json::from_str::<Value>(&r.snapshot).unwrap_or(Value::Null),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "links": links.iter().filter_map(|l| Some(json!({
            "kind": l.kind,
            "from": number_of(l.from_adr_id)?,
            "to": number_of(l.to_adr_id)?,
        }))).collect::<Vec<_>>(),
    }))
}
