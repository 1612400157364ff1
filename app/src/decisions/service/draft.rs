//! A first draft of one decision's ADR, written the way a person would: an imperative title from
//! the catalog's template, context in sentences naming the profile, the chosen option with the
//! reason for it, whole-sentence consequences and the findings still open. Pure: the tests feed
//! it answers directly.
use std::collections::HashMap;
use std::fmt::Write;

use crate::{
    decisions::domain::{AdrForm, TITLE_MAX_CHARS},
    questionnaire::{
        catalog::{
            template, wording::as_sentence, Catalog, Chosen, Question, QuestionKind, RiskLevel,
            Topic,
        },
        profile_prose::{product_sentence, shape_sentences, team_sentence},
        rules::{advise, Advice, Facts},
    },
};

/// How many options besides the chosen and the recommended one an ADR lists per question.
const OTHER_OPTIONS_LISTED: usize = 3;

/// The decisions a topic holds: each question with an `adr_title`, with the questions that are
/// `part_of` it.
pub fn decisions_of(topic: &Topic) -> Vec<(&Question, Vec<&Question>)> {
    topic
        .questions
        .iter()
        .filter(|q| !q.adr_title.is_empty())
        .map(|owner| {
            let members = topic
                .questions
                .iter()
                .filter(|q| q.id == owner.id || q.part_of == owner.id)
                .collect();
            (owner, members)
        })
        .collect()
}

/// What one draft is written from.
pub struct DraftInputs<'a> {
    pub catalog: &'a Catalog,
    pub topic: &'a Topic,
    pub owner: &'a Question,
    /// The owner and the questions that are part of its decision, in catalog order.
    pub questions: &'a [&'a Question],
    pub facts: &'a Facts<'a>,
    /// Notes by question id.
    pub notes: &'a HashMap<String, String>,
    /// Members who gave the answers, by display name.
    pub decision_makers: Vec<String>,
    /// How the owner question was decided in a planning session, when it was.
    pub session: Option<&'a crate::planning::service::SessionDecision>,
}

/// The ADR for one decision; `None` until its own question is answered (its title says what was
/// decided).
pub fn draft_decision(inputs: &DraftInputs) -> Option<AdrForm> {
    if !inputs.facts.answers.contains_key(&inputs.owner.id) {
        return None;
    }
    let answered: Vec<(&Question, Chosen, Advice)> = inputs
        .questions
        .iter()
        .filter_map(|q| {
            let value = inputs.facts.answers.get(&q.id)?;
            Some((*q, q.chosen(value), advise(q, inputs.facts)))
        })
        .collect();
    if !answered
        .iter()
        .any(|(q, ..)| q.kind == QuestionKind::Choice)
    {
        return None;
    }
    let mut options = considered_options(&answered);
    let mut more_info = format!(
        "Drafted by Groundwork from the answers to the “{}” topic (catalog {}).",
        inputs.topic.title, inputs.catalog.version
    );
    let mut decision_makers = inputs.decision_makers.clone();
    if let Some(session) = inputs.session {
        if !session.dissent.is_empty() {
            options.push_str("\nDissenting votes in the planning session:\n\n");
            for line in &session.dissent {
                let _ = writeln!(options, "* {line}");
            }
        }
        let _ = write!(more_info, " {}", session.session_line);
        if !session.decision_makers.is_empty() {
            decision_makers = session.decision_makers.clone();
        }
    }
    Some(AdrForm {
        title: title(inputs),
        decision_makers: decision_makers.join("\n"),
        context: context(inputs, &answered),
        drivers: drivers(&answered),
        options,
        outcome: outcome(inputs, &answered),
        consequences: consequences(inputs, &answered),
        confirmation: "When the revisit date comes, the team checks each finding under \
                       Consequences: fixed, or accepted on purpose and written down here."
            .into(),
        more_info,
        ..AdrForm::default()
    })
}

/// The name a placeholder stands for: the chosen option's name, or what was typed.
fn answer_name(inputs: &DraftInputs, question_id: &str) -> Option<String> {
    let (_, question) = inputs.catalog.question(question_id)?;
    let value = inputs.facts.answers.get(question_id)?;
    Some(question.chosen(value).name().to_owned())
}

fn title(inputs: &DraftInputs) -> String {
    let owner = inputs.owner;
    let chosen_title = inputs
        .facts
        .answers
        .get(&owner.id)
        .and_then(|value| owner.chosen(value).option())
        .map(|option| option.adr_title.as_str())
        .filter(|t| !t.is_empty());
    let template = chosen_title.unwrap_or(&owner.adr_title);
    let filled = template::fill(template, |placeholder| {
        answer_name(inputs, placeholder.unwrap_or(&owner.id))
    });
    let title = filled.unwrap_or_else(|| {
        let names: Vec<String> = inputs
            .questions
            .iter()
            .filter_map(|q| answer_name(inputs, &q.id))
            .collect();
        format!("{}: {}", inputs.topic.title, names.join(", "))
    });
    cut_at_word(&title, TITLE_MAX_CHARS)
}

fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

fn context(inputs: &DraftInputs, answered: &[(&Question, Chosen, Advice)]) -> String {
    let mut context = inputs.topic.summary.trim().to_owned();
    if !inputs.owner.why.is_empty() {
        let _ = write!(context, " {}", inputs.owner.why.trim());
    }
    if let Some(profile) = inputs.facts.profile {
        let _ = write!(
            context,
            "\n\n{} {}",
            team_sentence(inputs.catalog, profile),
            product_sentence(profile)
        );
        for sentence in shape_sentences(profile) {
            let _ = write!(context, " {sentence}");
        }
    } else {
        context.push_str("\n\nThe project profile is not filled in yet, so nothing here depends on the team or its load.");
    }
    for (question, chosen, _) in answered {
        if let Chosen::Text(text) = chosen {
            let _ = write!(context, "\n\n{}\n\n{}", question.text, text.trim());
        }
    }
    context
}

/// Why the recommendations came out as they did, one bullet per question.
fn drivers(answered: &[(&Question, Chosen, Advice)]) -> String {
    let mut drivers = String::new();
    for (_, _, advice) in answered {
        if let Some(recommendation) = &advice.recommendation {
            let _ = writeln!(drivers, "* {}", as_sentence(&recommendation.reason));
        }
    }
    drivers.trim_end().to_owned()
}

fn considered_options(answered: &[(&Question, Chosen, Advice)]) -> String {
    let mut options = String::new();
    for (question, chosen, advice) in answered {
        if question.kind != QuestionKind::Choice {
            continue;
        }
        let _ = writeln!(options, "### {}\n", question.text);
        let recommended = advice.recommendation.as_ref().map(|r| r.option.as_str());
        let chosen_id = chosen.option().map(|o| o.id.as_str());
        let fits = |id: &str| !advice.unfit.iter().any(|u| u.option == id);
        let mut others = 0;
        for option in &question.options {
            let is_chosen = chosen_id == Some(option.id.as_str());
            let is_recommended = recommended == Some(option.id.as_str());
            if !is_chosen && !is_recommended {
                if others == OTHER_OPTIONS_LISTED || !fits(&option.id) {
                    continue;
                }
                others += 1;
            }
            let marks = match (is_chosen, is_recommended) {
                (true, true) => " (chosen, recommended)",
                (true, false) => " (chosen)",
                (false, true) => " (recommended)",
                _ => "",
            };
            let _ = writeln!(
                options,
                "* **{}**{marks}. Good, because {}. Bad, because {}. Fits: {}.",
                option.label,
                option.good.trim(),
                option.bad.trim(),
                option.fits.trim()
            );
        }
        if let Chosen::Other(text) = chosen {
            let _ = writeln!(options, "* **{text}** (chosen; named by the team).");
        }
        options.push('\n');
    }
    options.trim_end().to_owned()
}

/// "Chosen option: "NestJS", because the team knows TypeScript, …" for the owner, with the
/// team's note quoted below it; then one bullet per other question of the decision, its note
/// after it.
fn outcome(inputs: &DraftInputs, answered: &[(&Question, Chosen, Advice)]) -> String {
    let note_of = |question: &Question| {
        inputs
            .notes
            .get(&question.id)
            .map(|note| note.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|note| !note.is_empty())
    };
    let mut blocks: Vec<String> = Vec::new();
    let mut bullets: Vec<String> = Vec::new();
    for (question, chosen, advice) in answered {
        if question.kind != QuestionKind::Choice {
            continue;
        }
        let why = reason_for(question, *chosen, advice);
        // The option as the list above names it (or what the team typed).
        let listed = match chosen {
            Chosen::Option(option) => option.label.as_str(),
            other => other.name(),
        };
        if question.id == inputs.owner.id {
            blocks.insert(0, format!("Chosen option: \"{listed}\", {why}"));
            if let Some(note) = note_of(question) {
                blocks.insert(1, format!("> {note}"));
            }
        } else {
            let mut bullet = format!("* {} **{listed}**, {why}", question.text);
            if let Some(note) = note_of(question) {
                bullet.push_str(&format!(" The team's note: “{note}”"));
            }
            bullets.push(bullet);
        }
    }
    if !bullets.is_empty() {
        blocks.push(bullets.join("\n"));
    }
    blocks.join("\n\n")
}

/// The rest of the sentence after the chosen name, ending with a full stop.
fn reason_for(question: &Question, chosen: Chosen, advice: &Advice) -> String {
    let recommendation = advice.recommendation.as_ref();
    let recommended = recommendation.and_then(|r| question.option(&r.option));
    match (chosen.option(), recommendation, recommended) {
        (Some(option), Some(r), _) if option.id == r.option => {
            format!("because {}.", r.reason.trim())
        }
        (_, Some(r), Some(recommended)) => format!(
            "although Groundwork recommended \"{}\" because {}.",
            recommended.label,
            r.reason.trim()
        ),
        (Some(option), ..) => format!("because it fits this case: {}.", option.fits.trim()),
        _ => "as named by the team.".to_owned(),
    }
}

/// What follows from the decision: the trade-offs of the options chosen (not of the strategy
/// questions asked before the decision's own), then every finding.
fn consequences(inputs: &DraftInputs, answered: &[(&Question, Chosen, Advice)]) -> String {
    let mut consequences = String::new();
    let owner_at = inputs
        .questions
        .iter()
        .position(|q| q.id == inputs.owner.id)
        .unwrap_or(0);
    for (question, chosen, advice) in answered {
        let before_owner = inputs
            .questions
            .iter()
            .position(|q| q.id == question.id)
            .is_some_and(|at| at < owner_at);
        if let Some(option) = chosen.option().filter(|_| !before_owner) {
            let _ = writeln!(consequences, "* Good, because {}.", option.good.trim());
            let _ = writeln!(consequences, "* Bad, because {}.", option.bad.trim());
        }
        for risk in advice.risks.iter().filter(|r| r.level != RiskLevel::None) {
            let _ = writeln!(
                consequences,
                "* {} finding: {} To improve: {}",
                if risk.level == RiskLevel::High {
                    "High"
                } else {
                    "Medium"
                },
                risk.reason.trim(),
                risk.improvement.trim()
            );
        }
    }
    consequences.trim_end().to_owned()
}

#[cfg(test)]
mod golden;
