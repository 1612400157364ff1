//! A first draft of an ADR from an answered topic: the questions, the team's answers and notes,
//! the catalog's trade-offs, the profile as decision drivers, and the risks the rules found.
use std::fmt::Write;

use sea_orm::DatabaseConnection;

use crate::{
    auth::Member,
    decisions::domain::{AdrForm, AdrSummary, TITLE_MAX_CHARS},
    error::AppError,
    questionnaire::{
        catalog::{embedded, QuestionKind, RiskLevel},
        profile::Profile,
        service::{profile_view, topic_view},
        views::TopicView,
    },
};

pub async fn generate_from_topic(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    topic_id: &str,
) -> Result<AdrSummary, AppError> {
    let topic = topic_view(db, member, project_id, topic_id).await?;
    let profile = profile_view(db, member, project_id).await?.profile;
    let form = draft_from_topic(&topic, profile.as_ref())?;
    super::create_adr(db, member, project_id, &form, Some(topic_id)).await
}

/// The ADR draft for `topic` as answered; refused while none of its choices is answered.
pub fn draft_from_topic(topic: &TopicView, profile: Option<&Profile>) -> Result<AdrForm, AppError> {
    let chosen: Vec<_> = topic
        .questions
        .iter()
        .filter(|q| q.question.kind == QuestionKind::Choice)
        .filter_map(|q| {
            let answer = q.answer.as_ref()?;
            let option = q.question.option(&answer.value)?;
            Some((q, answer, option))
        })
        .collect();
    if chosen.is_empty() {
        return Err(AppError::validation(
            "topic_id",
            "Answer at least one question of this topic before writing its decision.",
        ));
    }
    let labels: Vec<&str> = chosen
        .iter()
        .map(|(_, _, option)| option.label.as_str())
        .collect();
    let mut title = format!("{}: {}", topic.topic.title, labels.join("; "));
    if title.chars().count() > TITLE_MAX_CHARS {
        title = title.chars().take(TITLE_MAX_CHARS - 1).collect::<String>() + "…";
    }

    let mut context = format!("{}\n", topic.topic.summary.trim());
    for q in &topic.questions {
        let _ = write!(context, "\n* {}", q.question.text);
        if let Some(answer) = q
            .answer
            .as_ref()
            .filter(|_| q.question.kind == QuestionKind::Text)
        {
            let _ = write!(context, " {}", answer.value);
        }
    }

    let mut drivers = profile.map(profile_drivers).unwrap_or_default();
    for (q, _, _) in &chosen {
        if let Some(recommendation) = &q.advice.recommendation {
            let _ = writeln!(drivers, "* {}", recommendation.reason);
        }
    }

    let mut options = String::new();
    for (q, _, _) in &chosen {
        let _ = writeln!(options, "### {}\n", q.question.text);
        for option in &q.question.options {
            let _ = writeln!(
                options,
                "* **{}**: good: {} Bad: {} Fits when: {}",
                option.label, option.good, option.bad, option.fits
            );
        }
        options.push('\n');
    }

    let mut outcome = String::new();
    let mut consequences = String::new();
    for (q, answer, option) in &chosen {
        let reason = match &q.advice.recommendation {
            Some(r) if r.option == option.id => r.reason.clone(),
            _ => format!(
                "it fits this team best ({})",
                option.fits.trim_end_matches('.')
            ),
        };
        let _ = writeln!(
            outcome,
            "Chosen option: \"{}\", because {}",
            option.label,
            reason.trim_end_matches('.')
        );
        if !answer.note.trim().is_empty() {
            let _ = writeln!(outcome, "\n> {}", answer.note.trim());
        }
        outcome.push('\n');
        let _ = writeln!(consequences, "* Good, because {}", option.good);
        let _ = writeln!(consequences, "* Bad, because {}", option.bad);
        for risk in q
            .advice
            .risks
            .iter()
            .filter(|risk| risk.level != RiskLevel::None)
        {
            let _ = writeln!(
                consequences,
                "* Bad, because {} ({}). Improvement: {}",
                risk.reason,
                risk.level.label().to_lowercase(),
                risk.improvement
            );
        }
    }

    Ok(AdrForm {
        title,
        context: context.trim_end().to_owned(),
        drivers: drivers.trim_end().to_owned(),
        options: options.trim_end().to_owned(),
        outcome: outcome.trim_end().to_owned(),
        consequences: consequences.trim_end().to_owned(),
        confirmation: "At the revisit date the team checks that the risks listed under \
                       consequences were addressed, or accepted on purpose."
            .into(),
        more_info: format!(
            "Drafted by Groundwork from the answers to the \"{}\" topic (catalog {}).",
            topic.topic.title,
            embedded().version
        ),
        ..AdrForm::default()
    })
}

fn profile_drivers(profile: &Profile) -> String {
    let clients: Vec<&str> = profile.clients.iter().map(|c| c.label()).collect();
    let compliance: Vec<&str> = profile.compliance.iter().map(|c| c.label()).collect();
    let mut drivers = format!(
        "* A team of {} who know {}\n* About {} users in the first year\n* {}\n* Data: {}\n* Clients: {}\n* Time to market: {}\n",
        profile.team_size,
        profile.experience,
        profile.expected_users,
        profile.budget.label(),
        profile.data_shape.label(),
        clients.join(", "),
        profile.time_to_market.label()
    );
    if !compliance.is_empty() {
        let _ = writeln!(drivers, "* Compliance: {}", compliance.join(", "));
    }
    drivers
}
