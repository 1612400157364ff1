//! Everything saved for one project's questionnaire, read in three queries, and what follows
//! from it: topic states, progress, advice.
use std::collections::{BTreeMap, HashMap};

use sea_orm::DatabaseConnection;

use crate::{
    auth::Member,
    error::AppError,
    projects::{self, domain::Project},
    questionnaire::{
        catalog::{embedded, Catalog, MovedQuestion, Topic},
        entity::{answer, topic_mark},
        profile::Profile,
        repository,
        rules::{advise, review_flags, Facts},
        views::{AnswerRecord, Progress, QuestionView, TopicProgress, TopicState, TopicView},
    },
};

pub struct Snapshot {
    pub project: Project,
    pub profile: Option<Profile>,
    pub profile_version: i32,
    pub answers: HashMap<String, answer::Model>,
    pub marks: HashMap<String, topic_mark::Model>,
    /// Answer values by question id, as the rules see them.
    pub values: HashMap<String, String>,
}

impl Snapshot {
    pub async fn load(
        db: &DatabaseConnection,
        member: &Member,
        project_id: i32,
    ) -> Result<Self, AppError> {
        let project = projects::service::get_project(db, member, project_id).await?;
        let profile_row = repository::find_profile(db, member.team_id, project_id).await?;
        let (profile, profile_version) = match profile_row {
            Some(row) => (Some(parse_profile(&row.data)?), row.version),
            None => (None, 0),
        };
        let answers = carry_moved_answers(
            &embedded().moved,
            repository::list_answers(db, member.team_id, project_id).await?,
        );
        let marks = repository::list_marks(db, member.team_id, project_id)
            .await?
            .into_iter()
            .map(|row| (row.topic_id.clone(), row))
            .collect();
        let values = answers
            .iter()
            .map(|(id, row)| (id.clone(), row.value.clone()))
            .collect();
        Ok(Self {
            project,
            profile,
            profile_version,
            answers,
            marks,
            values,
        })
    }

    pub fn facts(&self) -> Facts<'_> {
        Facts {
            profile: self.profile.as_ref(),
            answers: &self.values,
        }
    }

    pub fn topic_state(&self, topic: &Topic) -> TopicState {
        let answered = topic
            .questions
            .iter()
            .filter(|q| self.answers.contains_key(&q.id))
            .count();
        if answered == topic.questions.len() {
            return TopicState::Answered;
        }
        match self.marks.get(&topic.id) {
            Some(mark) if mark.mark == "not_applicable" => TopicState::NotApplicable {
                reason: mark.reason.clone(),
            },
            Some(_) => TopicState::Skipped,
            None if answered > 0 => TopicState::InProgress,
            None => TopicState::NotStarted,
        }
    }

    pub fn progress(&self, catalog: &Catalog, flags: &BTreeMap<String, Vec<String>>) -> Progress {
        let topics: Vec<TopicProgress> = catalog
            .topics
            .iter()
            .map(|topic| TopicProgress {
                id: topic.id.clone(),
                title: topic.title.clone(),
                state: self.topic_state(topic),
                flagged: flags.contains_key(&topic.id),
            })
            .collect();
        let done = topics.iter().filter(|t| t.state.is_done()).count();
        let resume_topic = topics
            .iter()
            .find(|t| !t.state.is_done())
            .map(|t| t.id.clone());
        Progress {
            topics,
            done,
            resume_topic,
        }
    }
}

/// Answers by question id, answers given under a question's old id read as its new id (unless
/// the new one has an answer of its own).
pub fn carry_moved_answers(
    moved: &[MovedQuestion],
    rows: Vec<answer::Model>,
) -> HashMap<String, answer::Model> {
    let mut answers: HashMap<String, answer::Model> = HashMap::new();
    let mut carried = Vec::new();
    for row in rows {
        match moved.iter().find(|m| m.from == row.question_id) {
            Some(m) => carried.push((m.to.clone(), row)),
            None => {
                answers.insert(row.question_id.clone(), row);
            }
        }
    }
    for (to, mut row) in carried {
        if let std::collections::hash_map::Entry::Vacant(slot) = answers.entry(to) {
            row.question_id.clone_from(slot.key());
            slot.insert(row);
        }
    }
    answers
}

fn parse_profile(data: &str) -> Result<Profile, AppError> {
    serde_json::from_str(data).map_err(|error| {
        tracing::error!(%error, "a stored profile does not parse");
        AppError::Internal
    })
}

/// The questionnaire's progress for a project (for the project page and the wizard).
pub async fn progress_of(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<Progress, AppError> {
    let snapshot = Snapshot::load(db, member, project_id).await?;
    let catalog = embedded();
    Ok(snapshot.progress(catalog, &review_flags(catalog, &snapshot.facts())))
}

/// One step of the wizard: the topic, its questions with answers and advice, and the progress.
pub async fn topic_view(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    topic_id: &str,
) -> Result<TopicView, AppError> {
    let catalog = embedded();
    let position = catalog
        .topics
        .iter()
        .position(|t| t.id == topic_id)
        .ok_or_else(|| AppError::not_found("The topic"))?;
    let snapshot = Snapshot::load(db, member, project_id).await?;
    let facts = snapshot.facts();
    let flags = review_flags(catalog, &facts);
    let topic = &catalog.topics[position];
    let questions = topic
        .questions
        .iter()
        .map(|question| QuestionView {
            question: question.clone(),
            answer: snapshot
                .answers
                .get(&question.id)
                .map(|row| AnswerRecord::of(question, row)),
            advice: advise(question, &facts),
        })
        .collect();
    Ok(TopicView {
        project: snapshot.project.clone(),
        topic: topic.clone(),
        questions,
        progress: snapshot.progress(catalog, &flags),
        review_reasons: flags.get(topic_id).cloned().unwrap_or_default(),
        previous: position
            .checked_sub(1)
            .map(|i| catalog.topics[i].id.clone()),
        next: catalog.topics.get(position + 1).map(|t| t.id.clone()),
        has_profile: snapshot.profile.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(question_id: &str, value: &str) -> answer::Model {
        answer::Model {
            id: 0,
            team_id: 1,
            project_id: 1,
            topic_id: "frontend".into(),
            question_id: question_id.into(),
            value: value.into(),
            note: String::new(),
            catalog_version: "2026.11.2".into(),
            version: 1,
            updated_at: chrono::Utc::now(),
            answered_by: None,
        }
    }

    #[test]
    fn answers_under_a_moved_id_carry_over_unless_the_new_id_has_its_own() {
        let moved = [MovedQuestion {
            from: "frontend.framework".into(),
            to: "frontend.approach".into(),
            since: "2026.12.1".into(),
        }];
        let carried =
            carry_moved_answers(&moved, vec![row("frontend.framework", "team-framework")]);
        assert_eq!(carried["frontend.approach"].value, "team-framework");
        assert!(!carried.contains_key("frontend.framework"));
        let both = carry_moved_answers(
            &moved,
            vec![
                row("frontend.approach", "server-rendered"),
                row("frontend.framework", "team-framework"),
            ],
        );
        assert_eq!(both["frontend.approach"].value, "server-rendered");
        assert_eq!(both.len(), 1);
        assert!(embedded()
            .moved
            .iter()
            .all(|m| embedded().question(&m.to).is_some()));
    }

    #[test]
    fn an_answer_given_before_its_question_changed_says_so() {
        let (_, question) = embedded().question("database.engine").unwrap();
        assert_eq!(question.changed_in, "2026.12.1");
        let old = AnswerRecord::of(question, &row("database.engine", "postgresql"));
        assert_eq!(old.changed_since.as_deref(), Some("2026.11.2"));
        let mut current = row("database.engine", "postgresql");
        current.catalog_version = embedded().version.clone();
        assert_eq!(AnswerRecord::of(question, &current).changed_since, None);
        let (_, unchanged) = embedded().question("core.priority").unwrap();
        assert_eq!(
            AnswerRecord::of(unchanged, &row("core.priority", "speed")).changed_since,
            None
        );
    }
}
