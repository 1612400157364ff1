//! What only the facilitator does: bring the group to a topic, record the team's answer, end the
//! session.
use sea_orm::{DatabaseConnection, SqlErr, TransactionTrait};

use super::{lock_for_change, open, publish, votes::votable_question};
use crate::{
    auth::Member,
    error::AppError,
    planning::{
        domain::{Presence, RecordedAnswer, SessionEvent, TIMEBOX_MAX_MINUTES},
        entity::session,
        live::LiveHub,
        repository,
    },
    questionnaire::{
        catalog::embedded,
        service::{record_team_answer, valid_value},
    },
    teams::{self, domain::Role},
};

/// Who the ADR names as having decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionMakers {
    /// Everyone in the session when the answer was recorded.
    Present,
    /// Those who voted on the question.
    Voters,
}

impl DecisionMakers {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw {
            "" | "present" => Ok(Self::Present),
            "voters" => Ok(Self::Voters),
            _ => Err(AppError::validation(
                "decision_makers",
                "Choose the people present or those who voted.",
            )),
        }
    }
}

fn facilitating(session: &session::Model, member: &Member) -> Result<(), AppError> {
    if session.facilitator_id == member.user_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Brings everyone to `topic_id`, with an optional timebox in minutes.
pub async fn move_group(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
    session_id: i32,
    topic_id: &str,
    timebox_minutes: Option<i32>,
) -> Result<(), AppError> {
    if embedded().topic(topic_id).is_none() {
        return Err(AppError::validation(
            "topic_id",
            "This topic is not in the catalog.",
        ));
    }
    if let Some(minutes) = timebox_minutes.filter(|m| !(1..=TIMEBOX_MAX_MINUTES).contains(m)) {
        return Err(AppError::validation(
            "timebox_minutes",
            format!("A timebox is 1 to {TIMEBOX_MAX_MINUTES} minutes, not {minutes}."),
        ));
    }
    let txn = db.begin().await?;
    let session = lock_for_change(&txn, member, project_id, session_id).await?;
    open(&session)?;
    facilitating(&session, member)?;
    let now = chrono::Utc::now();
    repository::set_current_topic(&txn, session_id, topic_id, now, timebox_minutes).await?;
    let event = SessionEvent::Moved {
        topic_id: topic_id.to_owned(),
        started_at: now.to_rfc3339(),
        timebox_minutes,
    };
    publish(&txn, session_id, session.last_seq, &event).await?;
    txn.commit().await?;
    live.wake(session_id).await;
    Ok(())
}

/// Records `value` as the team's answer to `question_id`: saved as the project's answer, closed
/// to further votes, and remembered with its decision-makers for the ADR.
#[allow(clippy::too_many_arguments)]
pub async fn record_answer(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
    session_id: i32,
    question_id: &str,
    value: &str,
    decision_makers: DecisionMakers,
) -> Result<(), AppError> {
    let question = votable_question(question_id)?;
    let value = valid_value(question, value)?;
    let names: std::collections::HashMap<i32, String> =
        teams::service::members_by_id(db, member.team_id)
            .await?
            .into_iter()
            .collect();
    let txn = db.begin().await?;
    let session = lock_for_change(&txn, member, project_id, session_id).await?;
    open(&session)?;
    facilitating(&session, member)?;
    let mut people: Vec<i32> = match decision_makers {
        DecisionMakers::Present => repository::attendance(&txn, session_id)
            .await?
            .into_iter()
            .filter(|row| Presence::parse(&row.status) != Presence::Left)
            .map(|row| row.user_id)
            .collect(),
        DecisionMakers::Voters => repository::votes(&txn, session_id)
            .await?
            .into_iter()
            .filter(|vote| vote.question_id == question_id)
            .map(|vote| vote.user_id)
            .collect(),
    };
    if !people.contains(&member.user_id) {
        people.insert(0, member.user_id);
    }
    let listed: Vec<&str> = people
        .iter()
        .filter_map(|id| names.get(id).map(String::as_str))
        .collect();
    record_team_answer(&txn, member, project_id, question_id, &value).await?;
    let inserted = repository::insert_record(
        &txn,
        session_id,
        question_id,
        &value,
        member.user_id,
        &listed.join("\n"),
    )
    .await;
    match inserted {
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(AppError::Conflict {
                message: "This answer is already recorded in this session.".into(),
            });
        }
        other => other?,
    }
    let event = SessionEvent::Recorded(RecordedAnswer {
        question_id: question_id.to_owned(),
        value,
        recorded_by: names.get(&member.user_id).cloned().unwrap_or_default(),
    });
    publish(&txn, session_id, session.last_seq, &event).await?;
    txn.commit().await?;
    live.wake(session_id).await;
    Ok(())
}

/// Ends the session (its facilitator, or an owner of the team when the facilitator has gone).
pub async fn end_session(
    db: &DatabaseConnection,
    live: &LiveHub,
    member: &Member,
    project_id: i32,
    session_id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let session = lock_for_change(&txn, member, project_id, session_id).await?;
    open(&session)?;
    if member.role < Role::Owner {
        facilitating(&session, member)?;
    }
    repository::end_session(&txn, session_id).await?;
    publish(&txn, session_id, session.last_seq, &SessionEvent::Ended).await?;
    txn.commit().await?;
    live.wake(session_id).await;
    Ok(())
}
