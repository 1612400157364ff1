//! A JSON backup of a whole project: its profile, answers, topic marks, ADRs (markdown and
//! extras), links and every revision. Made for keeping, and for `restore`, not for editing.
use std::collections::HashMap;

use sea_orm::DatabaseConnection;
use serde_json::Value;

use crate::{
    auth::Member,
    decisions::service::{project_records, project_revisions},
    error::AppError,
    exchange::backup_format::{
        BackupAdr, BackupAnswer, BackupLink, BackupMark, BackupProject, BackupRevision,
        ProjectBackup, BACKUP_FORMAT, BACKUP_FORMAT_VERSION,
    },
    questionnaire::{catalog::embedded, service::Snapshot},
    teams::service::members_by_id,
};

pub async fn project_backup(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<ProjectBackup, AppError> {
    let snapshot = Snapshot::load(db, member, project_id).await?;
    let (adrs, links) = project_records(db, member, project_id).await?;
    let revisions = project_revisions(db, member, project_id).await?;
    let people: HashMap<i32, String> = members_by_id(db, member.team_id)
        .await?
        .into_iter()
        .collect();
    let number_of: HashMap<i32, i32> = adrs.iter().map(|a| (a.id, a.number)).collect();
    let mut answers: Vec<_> = snapshot.answers.values().collect();
    answers.sort_by(|a, b| a.question_id.cmp(&b.question_id));
    let mut marks: Vec<_> = snapshot.marks.values().collect();
    marks.sort_by(|a, b| a.topic_id.cmp(&b.topic_id));
    let names = |text: &str| serde_json::from_str::<Vec<String>>(text).unwrap_or_default();
    let json = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    Ok(ProjectBackup {
        format: BACKUP_FORMAT.into(),
        format_version: BACKUP_FORMAT_VERSION,
        catalog_version: embedded().version.clone(),
        exported_at: chrono::Utc::now(),
        project: BackupProject {
            name: snapshot.project.name.clone(),
            description: snapshot.project.description.clone(),
        },
        profile: snapshot.profile.clone(),
        answers: answers
            .iter()
            .map(|a| BackupAnswer {
                topic_id: a.topic_id.clone(),
                question_id: a.question_id.clone(),
                value: a.value.clone(),
                note: a.note.clone(),
                catalog_version: a.catalog_version.clone(),
                version: a.version,
                updated_at: a.updated_at,
            })
            .collect(),
        topic_marks: marks
            .iter()
            .map(|m| BackupMark {
                topic_id: m.topic_id.clone(),
                mark: m.mark.clone(),
                reason: m.reason.clone(),
                updated_at: Some(m.updated_at),
            })
            .collect(),
        adrs: adrs
            .iter()
            .map(|a| BackupAdr {
                number: a.number,
                title: a.title.clone(),
                status: a.status.clone(),
                topic_id: a.topic_id.clone(),
                question_id: a.question_id.clone(),
                decision_date: a.decision_date,
                revisit_by: a.revisit_by,
                decision_makers: names(&a.decision_makers),
                consulted: names(&a.consulted),
                informed: names(&a.informed),
                context: a.context_md.clone(),
                drivers: a.drivers_md.clone(),
                options: a.options_md.clone(),
                outcome: a.outcome_md.clone(),
                consequences: a.consequences_md.clone(),
                confirmation: a.confirmation_md.clone(),
                more_info: a.more_info_md.clone(),
                markdown_extras: json(&a.markdown_extras),
                version: a.version,
                created_by: people.get(&a.created_by).cloned(),
                created_at: a.created_at,
                updated_at: a.updated_at,
                revisions: revisions
                    .iter()
                    .filter(|r| r.adr_id == a.id)
                    .map(|r| BackupRevision {
                        version: r.version,
                        author: r.author_name.clone(),
                        created_at: r.created_at,
                        changed_fields: names(&r.changed_fields),
                        snapshot: json(&r.snapshot),
                    })
                    .collect(),
            })
            .collect(),
        links: links
            .iter()
            .filter_map(|l| {
                Some(BackupLink {
                    kind: l.kind.clone(),
                    from: *number_of.get(&l.from_adr_id)?,
                    to: *number_of.get(&l.to_adr_id)?,
                })
            })
            .collect(),
    })
}
