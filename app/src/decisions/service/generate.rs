//! Proposed ADRs from an answered topic: one per decision the topic holds (see
//! [`draft::decisions_of`]), each drafted by [`draft::draft_decision`].
use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use super::{
    draft::{decisions_of, draft_decision, DraftInputs},
    repository, Origin,
};
use crate::{
    auth::Member,
    decisions::domain::{display_number, AdrStatus, AdrSummary},
    error::AppError,
    questionnaire::{catalog::embedded, service::Snapshot},
    teams,
};

/// Writes a proposed ADR for each decision of the topic that has an answer and no proposed or
/// accepted ADR yet. Returns them in catalog order; refused when there is none to write.
pub async fn generate_from_topic(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    topic_id: &str,
) -> Result<Vec<AdrSummary>, AppError> {
    let catalog = embedded();
    let topic = catalog
        .topic(topic_id)
        .ok_or_else(|| AppError::validation("topic_id", "This topic is not in the catalog."))?;
    let snapshot = Snapshot::load(db, member, project_id).await?;
    let names: HashMap<i32, String> = teams::service::members_by_id(db, member.team_id)
        .await?
        .into_iter()
        .collect();
    let open: HashMap<String, i32> = repository::all_in_project(db, member.team_id, project_id)
        .await?
        .into_iter()
        .filter(|row| {
            row.status == AdrStatus::Proposed.as_str() || row.status == AdrStatus::Accepted.as_str()
        })
        .filter_map(|row| Some((row.question_id?, row.number)))
        .collect();
    let notes: HashMap<String, String> = snapshot
        .answers
        .iter()
        .map(|(id, row)| (id.clone(), row.note.clone()))
        .collect();
    let facts = snapshot.facts();
    let mut drafts = Vec::new();
    let mut recorded = Vec::new();
    let mut waiting = Vec::new();
    for (owner, questions) in decisions_of(topic) {
        if let Some(number) = open.get(&owner.id) {
            recorded.push(display_number(*number));
            continue;
        }
        let mut decision_makers: Vec<String> = Vec::new();
        for question in &questions {
            let name = snapshot
                .answers
                .get(&question.id)
                .and_then(|row| row.answered_by)
                .and_then(|user| names.get(&user));
            if let Some(name) = name.filter(|n| !decision_makers.contains(n)) {
                decision_makers.push(name.clone());
            }
        }
        let session =
            crate::planning::service::session_decision(db, member.team_id, project_id, &owner.id)
                .await?
                .filter(|decision| {
                    snapshot
                        .answers
                        .get(&owner.id)
                        .is_some_and(|answer| answer.value == decision.value)
                });
        let inputs = DraftInputs {
            catalog,
            topic,
            owner,
            questions: &questions,
            facts: &facts,
            notes: &notes,
            decision_makers,
            session: session.as_ref(),
        };
        match draft_decision(&inputs) {
            Some(form) => drafts.push((owner.id.as_str(), form)),
            None if questions
                .iter()
                .any(|q| snapshot.answers.contains_key(&q.id)) =>
            {
                waiting.push(format!("“{}”", owner.text));
            }
            None => {}
        }
    }
    if drafts.is_empty() {
        let message = if !waiting.is_empty() {
            format!(
                "Answer {} to record what was decided.",
                waiting.join(" and ")
            )
        } else if recorded.is_empty() {
            "Answer at least one question of this topic before writing its decision.".to_owned()
        } else {
            format!(
                "This topic's decisions are already recorded ({}). Change those records, or supersede them.",
                recorded.join(", ")
            )
        };
        return Err(AppError::validation("topic_id", message));
    }
    let mut created = Vec::with_capacity(drafts.len());
    for (question_id, form) in drafts {
        let origin = Origin {
            topic_id: Some(topic_id),
            question_id: Some(question_id),
        };
        created.push(super::create_adr(db, member, project_id, &form, origin).await?);
    }
    Ok(created)
}
