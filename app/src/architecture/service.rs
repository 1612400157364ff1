//! Synthesises the recommended architecture from what the team decided and answered.
use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use super::{
    diagram,
    domain::{ArchitectureView, OpenRisk, Source, StackRow, Statement},
    outline::{outline, Outline},
};
use crate::{
    auth::Member,
    decisions::{domain::AdrStatus, service::project_records},
    error::AppError,
    exchange::document::file_name,
    questionnaire::{
        catalog::{embedded, Catalog, QuestionKind, RiskLevel},
        profile::Profile,
        rules::{advise, Condition, Facts},
        service::Snapshot,
    },
};

/// Everything the synthesis reads, loaded once.
pub struct Inputs<'a> {
    pub project_id: i32,
    pub project_name: String,
    pub profile: Option<&'a Profile>,
    /// (value, note) by question id.
    pub answers: HashMap<String, (String, String)>,
    /// Accepted ADRs as (topic id, number, title).
    pub accepted: Vec<(Option<String>, i32, String)>,
}

pub async fn architecture(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
) -> Result<ArchitectureView, AppError> {
    let snapshot = Snapshot::load(db, member, project_id).await?;
    let (adrs, _) = project_records(db, member, project_id).await?;
    let inputs = Inputs {
        project_id,
        project_name: snapshot.project.name.clone(),
        profile: snapshot.profile.as_ref(),
        answers: snapshot
            .answers
            .iter()
            .map(|(id, row)| (id.clone(), (row.value.clone(), row.note.clone())))
            .collect(),
        accepted: adrs
            .into_iter()
            .filter(|row| row.status == AdrStatus::Accepted.as_str())
            .map(|row| (row.topic_id, row.number, row.title))
            .collect(),
    };
    Ok(synthesise(embedded(), outline(), &inputs))
}

/// The document for `inputs`: pure, so tests can feed it answers directly.
pub fn synthesise(catalog: &Catalog, outline: &Outline, inputs: &Inputs) -> ArchitectureView {
    let values: HashMap<String, String> = inputs
        .answers
        .iter()
        .map(|(k, (v, _))| (k.clone(), v.clone()))
        .collect();
    let facts = Facts {
        profile: inputs.profile,
        answers: &values,
    };
    let statement = |question_id: &str| statement(catalog, inputs, question_id);
    let stack: Vec<StackRow> = outline
        .stack
        .iter()
        .map(|entry| StackRow {
            row: entry.row.clone(),
            part: entry.part.clone(),
            choice: statement(&entry.question),
            source: source(catalog, inputs, &entry.question),
        })
        .collect();
    let modules = inputs
        .answers
        .get(&outline.shape.modules)
        .map(|(text, _)| module_names(text))
        .unwrap_or_default();
    let mut risks = Vec::new();
    for topic in &catalog.topics {
        for question in &topic.questions {
            for risk in advise(question, &facts).risks {
                if risk.level == RiskLevel::None {
                    continue;
                }
                risks.push(OpenRisk {
                    level: risk.level,
                    topic: topic.title.clone(),
                    reason: risk.reason,
                    improvement: risk.improvement,
                    source: source(catalog, inputs, &question.id),
                });
            }
        }
    }
    risks.sort_by_key(|risk| std::cmp::Reverse(risk.level));
    let scaling = outline
        .scaling
        .iter()
        .filter(|step| {
            step.when
                .iter()
                .all(|text| Condition::parse(text).is_ok_and(|c| facts.holds(&c, "")))
        })
        .map(|step| step.step.clone())
        .collect();
    let mut view = ArchitectureView {
        project_id: inputs.project_id,
        project_name: inputs.project_name.clone(),
        profile_summary: inputs.profile.map(profile_summary),
        accepted_adrs: inputs.accepted.len(),
        stack,
        style: statement(&outline.shape.style),
        boundaries: statement(&outline.shape.boundaries),
        layering: statement(&outline.shape.layering),
        modules,
        modules_source: source(catalog, inputs, &outline.shape.modules),
        risks,
        scaling,
        mermaid: String::new(),
        svg: String::new(),
    };
    let picture = diagram::Picture::of(&view, inputs.profile);
    view.mermaid = picture.mermaid();
    view.svg = picture.svg();
    view
}

/// What the team chose for `question_id`: the option's label (or the text), else the title of
/// an accepted ADR on the topic.
fn statement(catalog: &Catalog, inputs: &Inputs, question_id: &str) -> Option<Statement> {
    let (topic, question) = catalog.question(question_id)?;
    let source = source(catalog, inputs, question_id);
    if let Some((value, note)) = inputs.answers.get(question_id) {
        let text = match question.kind {
            QuestionKind::Choice => question
                .option(value)
                .map_or_else(|| value.clone(), |o| o.label.clone()),
            QuestionKind::Text => value.clone(),
        };
        return Some(Statement {
            text,
            note: note.clone(),
            source,
        });
    }
    accepted_on(inputs, &topic.id).map(|(_, title)| Statement {
        text: title.to_owned(),
        note: String::new(),
        source,
    })
}

/// The accepted ADR on `topic_id` with the highest number (the latest decision).
fn accepted_on<'a>(inputs: &'a Inputs, topic_id: &str) -> Option<(i32, &'a str)> {
    inputs
        .accepted
        .iter()
        .filter(|(topic, ..)| topic.as_deref() == Some(topic_id))
        .max_by_key(|(_, number, _)| *number)
        .map(|(_, number, title)| (*number, title.as_str()))
}

/// Where a statement about `question_id` comes from: the accepted ADR on its topic, else the
/// answer, else the question still to answer.
fn source(catalog: &Catalog, inputs: &Inputs, question_id: &str) -> Source {
    let topic_id = catalog
        .question(question_id)
        .map_or("", |(topic, _)| topic.id.as_str());
    let base = format!("/projects/{}", inputs.project_id);
    if let Some((number, title)) = accepted_on(inputs, topic_id) {
        return Source {
            label: format!("ADR-{number:04}"),
            href: format!("{base}/decisions/{number}"),
            adr_file: Some(format!("docs/decisions/{}", file_name(number, title))),
        };
    }
    let label = if inputs.answers.contains_key(question_id) {
        "answer"
    } else {
        "not answered yet"
    };
    Source {
        label: label.to_owned(),
        href: format!("{base}/topics/{topic_id}"),
        adr_file: None,
    }
}

/// Names typed one per line (or comma-separated): trimmed, without bullets, at most 12.
pub fn module_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in text
        .split(['\n', ','])
        .map(|n| n.trim().trim_start_matches(['-', '*']).trim())
    {
        if !name.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.chars().take(40).collect());
        }
    }
    names.truncate(12);
    names
}

fn profile_summary(profile: &Profile) -> String {
    let clients: Vec<&str> = profile.clients.iter().map(|c| c.label()).collect();
    format!(
        "A team of {} expecting about {} users, building for {}; budget: {}, time to market: {}.",
        profile.team_size,
        profile.expected_users,
        if clients.is_empty() {
            "no client named yet".to_owned()
        } else {
            clients.join(", ")
        },
        profile.budget.label().to_lowercase(),
        profile.time_to_market.label().to_lowercase(),
    )
}

#[cfg(test)]
mod tests;
