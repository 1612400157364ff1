//! Synthesises the recommended architecture from what the team decided and answered.
use std::collections::HashMap;

use sea_orm::DatabaseConnection;
use setup::{profile_summary, setup_steps};

use super::{
    diagram,
    domain::{ArchitectureView, OpenRisk, Source, StackRow, Statement},
    outline::{outline, Outline, StackEntry},
};
use crate::{
    auth::Member,
    decisions::{domain::AdrStatus, service::project_records},
    error::AppError,
    exchange::document::file_name,
    questionnaire::{
        catalog::{embedded, template, Catalog, QuestionKind, RiskLevel},
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
    /// The project's proposed and accepted ADRs.
    pub adrs: Vec<AdrRef>,
}

/// What the synthesis needs of an ADR.
#[derive(Debug, Clone)]
pub struct AdrRef {
    pub topic_id: Option<String>,
    /// The question whose decision it records (generated ADRs).
    pub question_id: Option<String>,
    pub number: i32,
    pub title: String,
    pub accepted: bool,
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
        adrs: adrs
            .into_iter()
            .filter(|row| {
                row.status == AdrStatus::Accepted.as_str()
                    || row.status == AdrStatus::Proposed.as_str()
            })
            .map(|row| AdrRef {
                accepted: row.status == AdrStatus::Accepted.as_str(),
                topic_id: row.topic_id,
                question_id: row.question_id,
                number: row.number,
                title: row.title,
            })
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
            choice: products(catalog, inputs, entry).or_else(|| {
                Some(entry.fallback.as_str())
                    .filter(|f| !f.is_empty())
                    .and_then(statement)
                    .or_else(|| statement(&entry.decision))
            }),
            source: source(catalog, inputs, &entry.decision),
        })
        .collect();
    let (env, first_week) = setup_steps(catalog, inputs);
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
        profile_summary: inputs.profile.map(|p| profile_summary(catalog, p)),
        accepted_adrs: inputs.adrs.iter().filter(|adr| adr.accepted).count(),
        stack,
        style: statement(&outline.shape.style),
        boundaries: statement(&outline.shape.boundaries),
        layering: statement(&outline.shape.layering),
        modules,
        modules_source: source(catalog, inputs, &outline.shape.modules),
        risks,
        scaling,
        env,
        first_week,
        mermaid: String::new(),
        svg: String::new(),
    };
    let picture = diagram::Picture::of(&view, inputs.profile);
    view.mermaid = picture.mermaid();
    view.svg = picture.svg();
    view
}

/// The products a stack row names, filled in from the answers; `None` until its main question
/// is answered.
fn products(catalog: &Catalog, inputs: &Inputs, entry: &StackEntry) -> Option<Statement> {
    let text = template::fill(&entry.text, |placeholder| {
        let id = placeholder?;
        let (_, question) = catalog.question(id)?;
        let (value, _) = inputs.answers.get(id)?;
        Some(question.chosen(value).name().to_owned())
    })?;
    Some(Statement {
        text,
        note: inputs
            .answers
            .get(&entry.decision)
            .map(|(_, note)| note.clone())
            .unwrap_or_default(),
        source: source(catalog, inputs, &entry.decision),
    })
}

/// What the team chose for `question_id`: the option's label (or the text), else the title of
/// an accepted ADR on its decision.
fn statement(catalog: &Catalog, inputs: &Inputs, question_id: &str) -> Option<Statement> {
    let (topic, question) = catalog.question(question_id)?;
    let source = source(catalog, inputs, question_id);
    if let Some((value, note)) = inputs.answers.get(question_id) {
        let text = match question.kind {
            QuestionKind::Choice => question.chosen(value).label(),
            QuestionKind::Text => value.clone(),
        };
        return Some(Statement {
            text,
            note: note.clone(),
            source,
        });
    }
    adr_for(inputs, &topic.id, question_id)
        .filter(|adr| adr.accepted)
        .map(|adr| Statement {
            text: adr.title.clone(),
            note: String::new(),
            source,
        })
}

/// The ADR that records the decision `question_id` belongs to: the latest accepted one, else the
/// latest proposed one; for ADRs generated before decisions had questions, the latest accepted
/// one on the topic.
fn adr_for<'a>(inputs: &'a Inputs, topic_id: &str, question_id: &str) -> Option<&'a AdrRef> {
    let owner = embedded()
        .question(question_id)
        .map(|(_, q)| {
            if q.part_of.is_empty() {
                q.id.as_str()
            } else {
                q.part_of.as_str()
            }
        })
        .unwrap_or(question_id);
    let latest = |keep: &dyn Fn(&AdrRef) -> bool| {
        inputs
            .adrs
            .iter()
            .filter(|adr| keep(adr))
            .max_by_key(|adr| adr.number)
    };
    let on_decision = |adr: &AdrRef| adr.question_id.as_deref() == Some(owner);
    latest(&|adr| on_decision(adr) && adr.accepted)
        .or_else(|| latest(&on_decision))
        .or_else(|| {
            latest(&|adr| {
                adr.accepted
                    && adr.question_id.is_none()
                    && adr.topic_id.as_deref() == Some(topic_id)
            })
        })
}

/// Where a statement about `question_id` comes from: the ADR of its decision, else the answer,
/// else the question still to answer.
fn source(catalog: &Catalog, inputs: &Inputs, question_id: &str) -> Source {
    let topic_id = catalog
        .question(question_id)
        .map_or("", |(topic, _)| topic.id.as_str());
    let base = format!("/projects/{}", inputs.project_id);
    if let Some(AdrRef { number, title, .. }) = adr_for(inputs, topic_id, question_id) {
        let number = *number;
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

mod setup;
#[cfg(test)]
mod tests;
