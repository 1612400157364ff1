//! What a session did: attendance, the answers recorded with their votes and dissent, the
//! questions left open, split votes, and the time spent per topic; and, for the ADR of a
//! recorded answer, who decided and who disagreed.
use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use super::find_session;
use crate::{
    auth::Member,
    error::AppError,
    planning::{
        domain::{Presence, SessionEvent, Tally, Vote},
        entity::{record, session},
        repository,
        views::{Attendance, Dissent, QuestionOutcome, SessionSummary, TopicTime},
    },
    projects,
    questionnaire::catalog::{embedded, Question},
};

/// Display names of `ids` in one query; an account deleted since shows as "a former member".
async fn names(db: &DatabaseConnection, ids: &[i32]) -> Result<HashMap<i32, String>, AppError> {
    let mut names = crate::accounts::service::display_names(db, ids).await?;
    for id in ids {
        names
            .entry(*id)
            .or_insert_with(|| "a former member".to_owned());
    }
    Ok(names)
}

/// The votes for another option than the one recorded.
fn dissent_of(
    votes: &[&Vote],
    recorded: &str,
    question: &Question,
    names: &HashMap<i32, String>,
) -> Vec<Dissent> {
    votes
        .iter()
        .filter(|v| v.value != recorded)
        .map(|v| Dissent {
            name: names.get(&v.user_id).cloned().unwrap_or_default(),
            choice: question.chosen(&v.value).label(),
            comment: v.comment.clone(),
        })
        .collect()
}

pub async fn session_summary(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    session_id: i32,
) -> Result<SessionSummary, AppError> {
    let project = projects::service::get_project(db, member, project_id).await?;
    let session = find_session(db, member, project_id, session_id).await?;
    let attendance = repository::attendance(db, session_id).await?;
    let votes = repository::votes(db, session_id).await?;
    let records = repository::records(db, session_id).await?;
    let mut people: Vec<i32> = attendance.iter().map(|a| a.user_id).collect();
    people.extend(votes.iter().map(|v| v.user_id));
    people.push(session.facilitator_id);
    let names = names(db, &people).await?;
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();
    let (decisions, open_questions) = outcomes(&votes, &records, &names);
    let events = repository::all_events(db, session_id).await?;
    Ok(SessionSummary {
        project_id,
        session_id,
        project_name: project.name,
        started_at: session.started_at.to_rfc3339(),
        ended_at: session.ended_at.map(|t| t.to_rfc3339()),
        facilitator: name(session.facilitator_id),
        attendance: attendance
            .iter()
            .map(|row| Attendance {
                name: name(row.user_id),
                joined_at: row.joined_at.to_rfc3339(),
                left_at: row.left_at.map(|t| t.to_rfc3339()),
                presence: Presence::parse(&row.status),
            })
            .collect(),
        decisions,
        open_questions,
        topics: time_per_topic(&session, &events),
    })
}

/// Recorded and open questions, in catalog order.
fn outcomes(
    votes: &[Vote],
    records: &[record::Model],
    names: &HashMap<i32, String>,
) -> (Vec<QuestionOutcome>, Vec<QuestionOutcome>) {
    let catalog = embedded();
    let mut decisions = Vec::new();
    let mut open = Vec::new();
    for topic in &catalog.topics {
        for question in &topic.questions {
            let on_question: Vec<&Vote> = votes
                .iter()
                .filter(|v| v.question_id == question.id)
                .collect();
            let record = records.iter().find(|r| r.question_id == question.id);
            if on_question.is_empty() && record.is_none() {
                continue;
            }
            let tally = Tally::of(on_question.iter().copied());
            let label = |value: &str| question.chosen(value).label();
            let mut outcome = QuestionOutcome {
                topic: topic.title.clone(),
                question: question.text.clone(),
                answer: record.map(|r| label(&r.value)),
                tally: tally
                    .counts
                    .iter()
                    .map(|(value, count)| (label(value), *count))
                    .collect(),
                split: tally.is_split(),
                ..QuestionOutcome::default()
            };
            match record {
                Some(record) => {
                    outcome.dissent = dissent_of(&on_question, &record.value, question, names);
                    outcome.decision_makers = lines(&record.decision_makers);
                    decisions.push(outcome);
                }
                None => open.push(outcome),
            }
        }
    }
    (decisions, open)
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// From the facilitator's moves: each topic's time runs until the next move, the end of the
/// session, or now.
fn time_per_topic(
    session: &session::Model,
    events: &[crate::planning::entity::event::Model],
) -> Vec<TopicTime> {
    let catalog = embedded();
    let moves: Vec<(chrono::DateTime<chrono::Utc>, String)> = events
        .iter()
        .filter_map(|e| match serde_json::from_str::<SessionEvent>(&e.payload) {
            Ok(SessionEvent::Moved { topic_id, .. }) => Some((e.created_at, topic_id)),
            _ => None,
        })
        .collect();
    let end = session.ended_at.unwrap_or_else(chrono::Utc::now);
    let mut times: Vec<(String, i64)> = Vec::new();
    for (index, (at, topic_id)) in moves.iter().enumerate() {
        let until = moves.get(index + 1).map_or(end, |(next, _)| *next);
        let seconds = (until - *at).num_seconds().max(0);
        match times.iter_mut().find(|(id, _)| id == topic_id) {
            Some((_, total)) => *total += seconds,
            None => times.push((topic_id.clone(), seconds)),
        }
    }
    times
        .into_iter()
        .map(|(id, seconds)| TopicTime {
            title: catalog.topic(&id).map_or(id, |t| t.title.clone()),
            seconds,
        })
        .collect()
}

/// How a question's answer was decided in a session, for its ADR.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionDecision {
    /// The answer recorded (an ADR uses this only while it is still the project's answer).
    pub value: String,
    pub decision_makers: Vec<String>,
    /// "Bea Brown voted for MySQL: “we know it better”", one per dissenting vote.
    pub dissent: Vec<String>,
    /// A sentence naming the session, for More Information.
    pub session_line: String,
}

/// The latest session record of `question_id` in the project, if one was made.
pub async fn session_decision(
    db: &DatabaseConnection,
    team_id: i32,
    project_id: i32,
    question_id: &str,
) -> Result<Option<SessionDecision>, AppError> {
    let Some((session, record)) =
        repository::latest_record_of_question(db, team_id, project_id, question_id).await?
    else {
        return Ok(None);
    };
    let Some((_, question)) = embedded().question(question_id) else {
        return Ok(None);
    };
    let votes = repository::votes(db, session.id).await?;
    let on_question: Vec<&Vote> = votes
        .iter()
        .filter(|v| v.question_id == question_id)
        .collect();
    let ids: Vec<i32> = on_question.iter().map(|v| v.user_id).collect();
    let names = names(db, &ids).await?;
    let dissent = dissent_of(&on_question, &record.value, question, &names)
        .into_iter()
        .map(|d| match d.comment.as_str() {
            "" => format!("{} voted for “{}”.", d.name, d.choice),
            comment => format!("{} voted for “{}”: “{comment}”", d.name, d.choice),
        })
        .collect();
    let tally = Tally::of(on_question.iter().copied());
    let agreeing = tally.count_for(&record.value);
    Ok(Some(SessionDecision {
        value: record.value.clone(),
        decision_makers: lines(&record.decision_makers),
        dissent,
        session_line: format!(
            "Recorded in the planning session of {} (session {}), with {agreeing} of {} votes for it.",
            record.recorded_at.format("%Y-%m-%d"),
            session.id,
            tally.total,
        ),
    }))
}
