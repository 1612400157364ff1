//! Golden files: the ADRs and the ARCHITECTURE.md that three realistic teams get from their
//! answers, in `app/tests/golden/planning/`. Read them when they change: they must read like
//! records a team would commit. `UPDATE_GOLDEN=1 cargo test -p app --features ssr --lib golden`
//! rewrites them.
use std::{collections::HashMap, fmt::Write, path::PathBuf};

use super::{decisions_of, draft_decision, DraftInputs};
use crate::{
    architecture::{
        markdown::architecture_markdown,
        outline::outline,
        service::{synthesise, AdrRef, Inputs},
    },
    decisions::domain::{AdrForm, SECTIONS},
    exchange::document::file_name,
    questionnaire::{
        catalog::{embedded, QuestionKind},
        profile::{Budget, Client, Compliance, DataShape, Profile, TimeToMarket},
        rules::{advise, Facts},
    },
    testing::profile,
};

struct Team {
    slug: &'static str,
    profile: Profile,
    /// Answers that differ from the recommendation (or answer text questions), with notes.
    answers: &'static [(&'static str, &'static str, &'static str)],
    members: &'static [&'static str],
}

fn teams() -> Vec<Team> {
    vec![
        Team {
            slug: "typescript-marketplace",
            profile: profile(
                4,
                &["typescript", "react", "postgresql"],
                (
                    Budget::Modest,
                    DataShape::Relational,
                    TimeToMarket::Months,
                    20_000,
                ),
                vec![Client::Web, Client::Mobile],
                vec![],
            ),
            answers: &[
                (
                    "modules.contexts",
                    "Catalogue\nOrders\nPayments\nAccounts",
                    "",
                ),
                (
                    "database.hosting",
                    "supabase",
                    "The free tier carries the pilot.",
                ),
                ("monitoring.errors", "sentry", ""),
            ],
            members: &["Ada Lovelace", "Grace Hopper"],
        },
        Team {
            slug: "django-pair-one-month",
            profile: Profile {
                experience: "Some jQuery".into(),
                ..profile(
                    2,
                    &["python", "django"],
                    (
                        Budget::Bootstrapped,
                        DataShape::Relational,
                        TimeToMarket::Weeks,
                        500,
                    ),
                    vec![Client::Web],
                    vec![Compliance::Gdpr],
                )
            },
            answers: &[
                ("modules.contexts", "Bookings\nInvoices", ""),
                (
                    "frontend.library",
                    "other:Django templates with Alpine.js",
                    "We render pages on the server.",
                ),
                (
                    "testing.critical-paths",
                    "none",
                    "No time before the demo day.",
                ),
                (
                    "hosting.backend",
                    "fly",
                    "One of us has used Fly.io before.",
                ),
            ],
            members: &["Linus"],
        },
        Team {
            slug: "clinic-on-aws",
            profile: profile(
                8,
                &["java", "spring", "aws", "react", "terraform"],
                (
                    Budget::Funded,
                    DataShape::Relational,
                    TimeToMarket::Quarters,
                    50_000,
                ),
                vec![Client::Web, Client::Mobile],
                vec![Compliance::Hipaa, Compliance::Gdpr],
            ),
            answers: &[
                (
                    "modules.contexts",
                    "Patients\nAppointments\nPrescriptions\nBilling",
                    "",
                ),
                ("api.style", "graphql", "The mobile team asked for it."),
                ("hosting.frontend", "vercel", ""),
            ],
            members: &["Margaret Hamilton", "Radia Perlman", "Barbara Liskov"],
        },
    ]
}

/// Every question answered in catalog order: the team's own answer where it gave one, else the
/// recommendation given everything answered before.
fn answer_everything(team: &Team) -> HashMap<String, String> {
    let mut answers: HashMap<String, String> = HashMap::new();
    for question in embedded().topics.iter().flat_map(|t| &t.questions) {
        if let Some((_, value, _)) = team.answers.iter().find(|(q, ..)| *q == question.id) {
            answers.insert(question.id.clone(), (*value).to_owned());
            continue;
        }
        if question.kind == QuestionKind::Text {
            continue;
        }
        let facts = Facts {
            profile: Some(&team.profile),
            answers: &answers,
        };
        if let Some(recommendation) = advise(question, &facts).recommendation {
            answers.insert(question.id.clone(), recommendation.option);
        }
    }
    answers
}

fn render(number: i32, form: &AdrForm) -> String {
    let mut out = format!(
        "# ADR-{number:04} {}\n\nDecision-makers: {}\n",
        form.title,
        form.decision_makers.replace('\n', ", ")
    );
    for (field, heading) in SECTIONS {
        let text = form.section(field);
        if !text.is_empty() {
            let _ = write!(out, "\n## {heading}\n\n{text}\n");
        }
    }
    out
}

fn check_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/planning")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        expected == actual,
        "{} differs; diff it against:\n{actual}",
        path.display()
    );
}

#[test]
fn three_teams_get_adrs_and_an_architecture_they_would_commit() {
    let catalog = embedded();
    for team in teams() {
        let answers = answer_everything(&team);
        let notes: HashMap<String, String> = team
            .answers
            .iter()
            .map(|(q, _, note)| ((*q).to_owned(), (*note).to_owned()))
            .collect();
        let facts = Facts {
            profile: Some(&team.profile),
            answers: &answers,
        };
        let mut log = String::new();
        let mut adrs = Vec::new();
        for topic in &catalog.topics {
            for (owner, questions) in decisions_of(topic) {
                let inputs = DraftInputs {
                    catalog,
                    topic,
                    owner,
                    questions: &questions,
                    facts: &facts,
                    notes: &notes,
                    decision_makers: team.members.iter().map(|m| (*m).to_owned()).collect(),
                    session: None,
                };
                let Some(form) = draft_decision(&inputs) else {
                    continue;
                };
                let number = adrs.len() as i32 + 1;
                assert!(
                    form.title.chars().count() <= 80,
                    "{}: title too long: {}",
                    team.slug,
                    form.title
                );
                assert!(
                    !form.title.contains(": "),
                    "{}: a title is a decision, not a label: {}",
                    team.slug,
                    form.title
                );
                let outcome = form.outcome.replace("...", "…");
                assert!(
                    !outcome.contains(".."),
                    "{}: a doubled full stop: {outcome}",
                    team.slug
                );
                assert!(
                    outcome.starts_with("Chosen option: \""),
                    "{}: {outcome}",
                    team.slug
                );
                log.push_str(&render(number, &form));
                log.push_str("\n---\n\n");
                adrs.push(AdrRef {
                    topic_id: Some(topic.id.clone()),
                    question_id: Some(owner.id.clone()),
                    number,
                    title: form.title.clone(),
                    accepted: true,
                });
            }
        }
        assert!(
            adrs.len() >= 15,
            "{}: one ADR per decision that matters, got {}",
            team.slug,
            adrs.len()
        );
        check_golden(&format!("{}-adrs.md", team.slug), &log);
        let inputs = Inputs {
            project_id: 1,
            project_name: team.slug.to_owned(),
            profile: Some(&team.profile),
            answers: answers
                .iter()
                .map(|(q, v)| {
                    (
                        q.clone(),
                        (v.clone(), notes.get(q).cloned().unwrap_or_default()),
                    )
                })
                .collect(),
            adrs: adrs.clone(),
        };
        let view = synthesise(catalog, outline(), &inputs);
        let markdown = architecture_markdown(&view, "https://groundwork.example.com");
        for adr in &adrs {
            if view.stack.iter().any(|row| {
                row.choice
                    .as_ref()
                    .is_some_and(|c| c.source.label == format!("ADR-{:04}", adr.number))
            }) {
                assert!(
                    markdown.contains(&file_name(adr.number, &adr.title)),
                    "{}",
                    adr.title
                );
            }
        }
        assert!(
            view.stack.iter().all(|row| row.choice.is_some()),
            "{}: every stack row is decided",
            team.slug
        );
        check_golden(&format!("{}-ARCHITECTURE.md", team.slug), &markdown);
    }
}
