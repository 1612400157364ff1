//! The results page: risks by topic, an improvement plan by severity, and the team's choices next
//! to the recommendations.
use sea_orm::DatabaseConnection;

use super::snapshot::Snapshot;
use crate::{
    auth::Member,
    error::AppError,
    questionnaire::{
        catalog::{embedded, wording::as_sentence, RiskLevel},
        rules::{advise, review_flags},
        views::{ChoiceRow, PlanItem, ResultsView, TopicRisks},
    },
};

pub async fn results(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<ResultsView, AppError> {
    let catalog = embedded();
    let snapshot = Snapshot::load(db, member, project_id).await?;
    let facts = snapshot.facts();
    let mut risks_by_topic = Vec::new();
    let mut plan = Vec::new();
    let mut choices = Vec::new();
    for topic in &catalog.topics {
        let mut counts = TopicRisks {
            topic_id: topic.id.clone(),
            title: topic.title.clone(),
            high: 0,
            medium: 0,
        };
        for question in &topic.questions {
            let advice = advise(question, &facts);
            for risk in &advice.risks {
                match risk.level {
                    RiskLevel::High => counts.high += 1,
                    RiskLevel::Medium => counts.medium += 1,
                    RiskLevel::None => continue,
                }
                plan.push(PlanItem {
                    topic_id: topic.id.clone(),
                    topic_title: topic.title.clone(),
                    question: question.text.clone(),
                    level: risk.level,
                    reason: risk.reason.clone(),
                    improvement: risk.improvement.clone(),
                });
            }
            let chosen_id = snapshot.values.get(&question.id);
            let label_of = |id: &String| {
                question
                    .option(id)
                    .map_or_else(|| id.clone(), |o| o.label.clone())
            };
            choices.push(ChoiceRow {
                topic_id: topic.id.clone(),
                question: question.text.clone(),
                recommended: advice.recommendation.as_ref().map(|r| label_of(&r.option)),
                recommended_reason: advice
                    .recommendation
                    .as_ref()
                    .map(|r| as_sentence(&r.reason)),
                chosen: chosen_id.map(|value| question.chosen(value).label()),
                follows_recommendation: advice
                    .recommendation
                    .as_ref()
                    .is_some_and(|r| chosen_id == Some(&r.option)),
            });
        }
        if counts.high + counts.medium > 0 {
            risks_by_topic.push(counts);
        }
    }
    risks_by_topic.sort_by_key(|topic| std::cmp::Reverse((topic.high, topic.medium)));
    // Stable: within a level, risks keep the catalog's order.
    plan.sort_by_key(|item| std::cmp::Reverse(item.level));
    Ok(ResultsView {
        project: snapshot.project.clone(),
        progress: snapshot.progress(catalog, &review_flags(catalog, &facts)),
        risks_by_topic,
        plan,
        choices,
    })
}
