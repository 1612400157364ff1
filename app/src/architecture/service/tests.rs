use std::collections::HashMap;

use super::{module_names, synthesise, AdrRef, Inputs};
use crate::{
    architecture::{markdown::architecture_markdown, outline::outline},
    questionnaire::catalog::{embedded, RiskLevel},
};

fn inputs() -> Inputs<'static> {
    let answers: HashMap<String, (String, String)> = [
        ("architecture.style", "modular-monolith", ""),
        ("database.engine", "postgresql", ""),
        ("database.product", "postgresql", "version 16"),
        ("database.hosting", "supabase", ""),
        ("api.style", "rest", ""),
        ("monitoring.setup", "none", ""),
        (
            "modules.contexts",
            "Accounts\n- Billing\naccounts\n\nSearch",
            "",
        ),
    ]
    .into_iter()
    .map(|(q, v, n)| (q.to_owned(), (v.to_owned(), n.to_owned())))
    .collect();
    Inputs {
        project_id: 7,
        project_name: "Shop".into(),
        profile: None,
        answers,
        adrs: vec![
            adr(
                Some("database"),
                Some("database.product"),
                2,
                "Use PostgreSQL",
                true,
            ),
            adr(
                Some("database"),
                Some("database.product"),
                5,
                "Use PostgreSQL 16",
                true,
            ),
            adr(
                Some("database"),
                Some("database.product"),
                6,
                "Use MySQL",
                false,
            ),
            adr(None, None, 9, "Imported decision", true),
            adr(
                Some("api"),
                Some("api.style"),
                10,
                "Offer a REST API",
                false,
            ),
        ],
    }
}

fn adr(
    topic: Option<&str>,
    question: Option<&str>,
    number: i32,
    title: &str,
    accepted: bool,
) -> AdrRef {
    AdrRef {
        topic_id: topic.map(str::to_owned),
        question_id: question.map(str::to_owned),
        number,
        title: title.to_owned(),
        accepted,
    }
}

#[test]
fn each_stack_row_names_products_and_links_the_latest_adr_of_its_decision() {
    let view = synthesise(embedded(), outline(), &inputs());
    let row = |name: &str| view.stack.iter().find(|r| r.row == name).unwrap();
    let database = row("Database").choice.as_ref().unwrap();
    assert_eq!(database.text, "PostgreSQL on Supabase");
    assert_eq!(database.note, "version 16");
    assert_eq!(database.source.label, "ADR-0005");
    assert_eq!(database.source.href, "/projects/7/decisions/5");
    assert_eq!(
        database.source.adr_file.as_deref(),
        Some("docs/decisions/0005-use-postgresql-16.md")
    );
    let api = row("API style").choice.as_ref().unwrap();
    assert_eq!(api.text, "REST");
    assert_eq!(
        api.source.label, "ADR-0010",
        "a proposed ADR when none is accepted"
    );
    let hosting = row("Backend hosting");
    assert!(hosting.choice.is_none());
    assert_eq!(hosting.source.label, "not answered yet");
    assert_eq!(hosting.source.href, "/projects/7/topics/hosting");
    assert!(row("Frontend").choice.is_none());
    assert_eq!(row("Frontend").source.label, "not answered yet");
    assert_eq!(view.modules, ["Accounts", "Billing", "Search"]);
    assert_eq!(view.accepted_adrs, 3);
    assert!(
        view.env.iter().any(|(name, _)| name == "DATABASE_URL"),
        "{:?}",
        view.env
    );
    assert!(!view.first_week.is_empty());
}

#[test]
fn risks_and_scaling_steps_follow_the_answers() {
    let view = synthesise(embedded(), outline(), &inputs());
    assert!(
        view.risks
            .iter()
            .any(|r| r.topic == "Monitoring and logging"),
        "{:?}",
        view.risks
    );
    assert!(view.risks.windows(2).all(|w| w[0].level >= w[1].level));
    assert!(view.risks.iter().all(|r| r.level != RiskLevel::None));
    assert!(view
        .scaling
        .iter()
        .any(|s| s.starts_with("Add logs with request ids")));
    assert!(view
        .scaling
        .iter()
        .any(|s| s.contains("read replica for reporting")));
    assert!(view
        .scaling
        .iter()
        .any(|s| s.starts_with("Only then extract a module")));
    assert!(!view
        .scaling
        .iter()
        .any(|s| s.contains("distributed tracing")));
}

#[test]
fn the_markdown_links_adrs_as_files_and_answers_as_pages() {
    let view = synthesise(embedded(), outline(), &inputs());
    let text = architecture_markdown(&view, "https://gw.example.com/");
    assert!(text.starts_with("# Architecture of Shop\n"));
    assert!(text.contains("| Database | PostgreSQL on Supabase (version 16) | [ADR-0005](docs/decisions/0005-use-postgresql-16.md) |"), "{text}");
    assert!(text.contains("[not answered yet](https://gw.example.com/projects/7/topics/hosting)"));
    assert!(text.contains("## Environment variables\n\n"), "{text}");
    assert!(text.contains("| `DATABASE_URL` |"), "{text}");
    assert!(
        text.contains("## First week\n\n### Database strategy\n\n- [ ] "),
        "{text}"
    );
    assert!(text.contains("* **Modules (bounded contexts):** Accounts, Billing, Search"));
    assert!(text.contains("```mermaid\nflowchart LR\n"));
    assert!(
        text.contains("## Open findings\n\n1. **High**")
            || text.contains("## Open findings\n\n1. **Medium**")
    );
    assert!(text.contains("## Scaling path"));
}

#[test]
fn module_names_are_cleaned_and_bounded() {
    assert_eq!(module_names(" * A, B\n- c\nb"), ["A", "B", "c"]);
    let many: String = (0..20).map(|n| format!("M{n}\n")).collect();
    assert_eq!(module_names(&many).len(), 12);
}
