//! Saving answers (versioned, so that nobody's answer is silently overwritten) and marking topics.
use sea_orm::{ConnectionTrait, DatabaseConnection, SqlErr, TransactionTrait};

use super::snapshot::Snapshot;
use crate::{
    auth::Member,
    error::AppError,
    projects,
    questionnaire::{
        catalog::{embedded, Question, QuestionKind, OTHER_PREFIX},
        entity::answer,
        repository::{self, AnswerFields},
        rules::advise,
        views::{
            AnswerRecord, QuestionView, NOTE_MAX_CHARS, OTHER_MAX_CHARS, REASON_MAX_CHARS,
            TEXT_ANSWER_MAX_CHARS,
        },
    },
};

/// Saves an answer given by someone who last saw it at `expected_version` (0: unanswered).
/// Returns the saved answer with the advice it now gets.
pub async fn save_answer(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    question_id: &str,
    value: &str,
    note: &str,
    expected_version: i32,
) -> Result<QuestionView, AppError> {
    projects::service::get_project(db, member, project_id).await?;
    let catalog = embedded();
    let (topic, question) = catalog.question(question_id).ok_or_else(|| {
        AppError::validation("question_id", "This question is not in the catalog.")
    })?;
    let value = valid_value(question, value)?;
    let note = note.trim();
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(AppError::validation(
            "note",
            format!("Keep the note to {NOTE_MAX_CHARS} characters or fewer."),
        ));
    }
    if expected_version < 0 {
        return Err(AppError::validation(
            "version",
            "The answer's version is not valid.",
        ));
    }
    let fields = AnswerFields {
        topic_id: &topic.id,
        question_id,
        value: &value,
        note,
        catalog_version: &catalog.version,
        answered_by: Some(member.user_id),
    };
    let saved = if expected_version == 0 {
        match repository::insert_answer(db, member.team_id, project_id, fields).await {
            Ok(_) => true,
            Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                false
            }
            Err(error) => return Err(error.into()),
        }
    } else {
        repository::update_answer_if_version(
            db,
            member.team_id,
            project_id,
            fields,
            expected_version,
        )
        .await?
    };
    if !saved {
        let current = repository::find_answer(db, member.team_id, project_id, question_id).await?;
        return Err(conflict(question, current.as_ref()));
    }
    // Answering a skipped topic reopens it.
    repository::clear_mark(db, member.team_id, project_id, &topic.id).await?;
    let snapshot = Snapshot::load(db, member, project_id).await?;
    let row = snapshot
        .answers
        .get(question_id)
        .ok_or(AppError::Internal)?;
    Ok(QuestionView {
        question: question.clone(),
        answer: Some(AnswerRecord::of(question, row)),
        advice: advise(question, &snapshot.facts()),
    })
}

/// The value as stored, or why it is not one of `question`'s answers.
pub fn valid_value(question: &Question, value: &str) -> Result<String, AppError> {
    let value = value.trim();
    if let Some(typed) = value
        .strip_prefix(OTHER_PREFIX)
        .filter(|_| question.allow_other)
    {
        let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        return match typed.chars().count() {
            0 => Err(AppError::validation(
                "other",
                "Name the other choice in the box next to “Other”.",
            )),
            n if n > OTHER_MAX_CHARS => Err(AppError::validation(
                "other",
                format!("Keep the other choice to {OTHER_MAX_CHARS} characters or fewer."),
            )),
            _ => Ok(format!("{OTHER_PREFIX}{typed}")),
        };
    }
    match question.kind {
        QuestionKind::Choice if value.is_empty() => Err(AppError::validation(
            "value",
            "Choose one of the options first.",
        )),
        QuestionKind::Choice if question.option(value).is_none() => Err(AppError::validation(
            "value",
            format!("“{value}” is not an option of this question."),
        )),
        QuestionKind::Text if value.is_empty() => {
            Err(AppError::validation("value", "Write an answer first."))
        }
        QuestionKind::Text if value.chars().count() > TEXT_ANSWER_MAX_CHARS => {
            Err(AppError::validation(
                "value",
                format!("Keep the answer to {TEXT_ANSWER_MAX_CHARS} characters or fewer."),
            ))
        }
        _ => Ok(value.to_owned()),
    }
}

/// Records `value` (already valid) as the team's answer inside the caller's transaction, over
/// whatever was saved before: a facilitator does this for the group in a planning session.
pub async fn record_team_answer(
    txn: &impl ConnectionTrait,
    member: &Member,
    project_id: i32,
    question_id: &str,
    value: &str,
) -> Result<(), AppError> {
    let catalog = embedded();
    let (topic, _) = catalog.question(question_id).ok_or_else(|| {
        AppError::validation("question_id", "This question is not in the catalog.")
    })?;
    let current = repository::find_answer(txn, member.team_id, project_id, question_id).await?;
    let fields = AnswerFields {
        topic_id: &topic.id,
        question_id,
        value,
        note: current.as_ref().map_or("", |row| row.note.as_str()),
        catalog_version: &catalog.version,
        answered_by: Some(member.user_id),
    };
    match &current {
        None => {
            repository::insert_answer(txn, member.team_id, project_id, fields).await?;
        }
        Some(row) => {
            let updated = repository::update_answer_if_version(
                txn,
                member.team_id,
                project_id,
                fields,
                row.version,
            )
            .await?;
            if !updated {
                return Err(AppError::Conflict {
                    message: "Someone saved this answer at the same moment. Record it again."
                        .into(),
                });
            }
        }
    }
    repository::clear_mark(txn, member.team_id, project_id, &topic.id).await?;
    Ok(())
}

/// The loser of a simultaneous save learns what the other person saved.
fn conflict(question: &Question, current: Option<&answer::Model>) -> AppError {
    let message = match current {
        Some(current) => {
            let shown = question.chosen(&current.value).label();
            let note = if current.note.is_empty() {
                String::new()
            } else {
                format!(" (note: “{}”)", current.note)
            };
            format!(
                "Someone else saved this answer while you were editing: “{shown}”{note}. \
                 Reload the page to see it, then save again if you still disagree."
            )
        }
        None => {
            "This answer changed while you were editing. Reload the page and try again.".to_owned()
        }
    };
    AppError::Conflict { message }
}

/// What the team decided to do with a topic it is not answering now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicMark {
    Skipped,
    NotApplicable,
    /// Take back an earlier skip or not-applicable.
    Reopen,
}

impl TopicMark {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw {
            "skipped" => Ok(Self::Skipped),
            "not_applicable" => Ok(Self::NotApplicable),
            "reopen" => Ok(Self::Reopen),
            _ => Err(AppError::validation(
                "mark",
                "Choose skip, not applicable or reopen.",
            )),
        }
    }
}

pub async fn mark_topic(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    topic_id: &str,
    mark: TopicMark,
    reason: &str,
) -> Result<(), AppError> {
    projects::service::get_project(db, member, project_id).await?;
    if embedded().topic(topic_id).is_none() {
        return Err(AppError::validation(
            "topic_id",
            "This topic is not in the catalog.",
        ));
    }
    let reason = reason.trim();
    if mark == TopicMark::NotApplicable && reason.is_empty() {
        return Err(AppError::validation(
            "reason",
            "Say why this topic does not apply.",
        ));
    }
    if reason.chars().count() > REASON_MAX_CHARS {
        return Err(AppError::validation(
            "reason",
            format!("Keep the reason to {REASON_MAX_CHARS} characters or fewer."),
        ));
    }
    let txn = db.begin().await?;
    repository::clear_mark(&txn, member.team_id, project_id, topic_id).await?;
    let stored = match mark {
        TopicMark::Skipped => Some("skipped"),
        TopicMark::NotApplicable => Some("not_applicable"),
        TopicMark::Reopen => None,
    };
    if let Some(stored) = stored {
        repository::insert_mark(&txn, member.team_id, project_id, topic_id, stored, reason).await?;
    }
    txn.commit().await?;
    Ok(())
}
