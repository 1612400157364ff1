//! Votes: each editor or owner present holds one per question, with a short comment, and may
//! change it until the facilitator records the team's answer.
use sea_orm::{DatabaseConnection, TransactionTrait};

use super::{lock_for_change, open, publish};
use crate::{
    auth::Member,
    error::AppError,
    planning::{
        domain::{SessionEvent, Vote, COMMENT_MAX_CHARS},
        live::LiveHub,
        repository,
    },
    questionnaire::{
        catalog::{embedded, Question, QuestionKind},
        service::valid_value,
    },
    teams::domain::Role,
};

/// The choice question `question_id`, or why it cannot be voted on.
pub(super) fn votable_question(question_id: &str) -> Result<&'static Question, AppError> {
    let (_, question) = embedded().question(question_id).ok_or_else(|| {
        AppError::validation("question_id", "This question is not in the catalog.")
    })?;
    if question.kind != QuestionKind::Choice {
        return Err(AppError::validation(
            "question_id",
            "Only questions with options are voted on; write this answer on the topic page.",
        ));
    }
    Ok(question)
}

#[allow(clippy::too_many_arguments)]
pub async fn cast_vote(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
    session_id: i32,
    question_id: &str,
    value: &str,
    comment: &str,
) -> Result<(), AppError> {
    if member.role < Role::Editor {
        return Err(AppError::Forbidden);
    }
    let question = votable_question(question_id)?;
    let value = valid_value(question, value)?;
    let comment = comment.split_whitespace().collect::<Vec<_>>().join(" ");
    if comment.chars().count() > COMMENT_MAX_CHARS {
        return Err(AppError::validation(
            "comment",
            format!("Keep the comment to {COMMENT_MAX_CHARS} characters or fewer."),
        ));
    }
    let txn = db.begin().await?;
    let session = lock_for_change(&txn, member, project_id, session_id).await?;
    open(&session)?;
    if repository::is_recorded(&txn, session_id, question_id).await? {
        return Err(AppError::Conflict {
            message: "The facilitator has recorded this answer; its votes are closed.".into(),
        });
    }
    repository::put_vote(
        &txn,
        session_id,
        question_id,
        member.user_id,
        &value,
        &comment,
    )
    .await?;
    let vote = Vote {
        question_id: question_id.to_owned(),
        user_id: member.user_id,
        value,
        comment,
    };
    publish(
        &txn,
        session_id,
        session.last_seq,
        &SessionEvent::Voted(vote),
    )
    .await?;
    txn.commit().await?;
    live.wake(session_id).await;
    Ok(())
}
