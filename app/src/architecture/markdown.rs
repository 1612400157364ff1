//! `ARCHITECTURE.md`: the recommended architecture as a markdown document for the repository.
//! ADRs are linked as files of the MADR export (`docs/decisions/...`), answers as pages of the
//! app at `app_url`.
use super::domain::{ArchitectureView, Source, Statement};
use crate::questionnaire::catalog::{wording::capitalised, RiskLevel};

pub fn architecture_markdown(view: &ArchitectureView, app_url: &str) -> String {
    let link = |source: &Source| match &source.adr_file {
        Some(file) => format!("[{}]({file})", source.label),
        None => format!(
            "[{}]({}{})",
            source.label,
            app_url.trim_end_matches('/'),
            source.href
        ),
    };
    let mut out = format!("# Architecture of {}\n\n", one_line(&view.project_name));
    out.push_str(&format!(
        "Recommended by Groundwork from {} accepted decisions, the questionnaire's answers and the project profile. Each statement links to where it comes from.\n\n",
        view.accepted_adrs
    ));
    if let Some(summary) = &view.profile_summary {
        out.push_str(&format!("{summary}\n\n"));
    }
    out.push_str("## Stack\n\n| Part | Choice | Source |\n|---|---|---|\n");
    for row in &view.stack {
        let (choice, source) = match &row.choice {
            Some(statement) => (
                cell(&capitalised(&with_note(statement))),
                link(&statement.source),
            ),
            None => ("*not decided yet*".to_owned(), link(&row.source)),
        };
        out.push_str(&format!("| {} | {choice} | {source} |\n", cell(&row.row)));
    }
    out.push_str("\n## Shape\n\n");
    for (label, statement) in [
        ("Style", &view.style),
        ("Code boundaries", &view.boundaries),
        ("Layers", &view.layering),
    ] {
        match statement {
            Some(s) => out.push_str(&format!(
                "* **{label}:** {} ({})\n",
                one_line(&with_note(s)),
                link(&s.source)
            )),
            None => out.push_str(&format!("* **{label}:** *not decided yet*\n")),
        }
    }
    let modules = if view.modules.is_empty() {
        "*none named yet*".to_owned()
    } else {
        view.modules
            .iter()
            .map(|m| one_line(m))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!(
        "* **Modules (bounded contexts):** {modules} ({})\n\n",
        link(&view.modules_source)
    ));
    out.push_str("## Diagram\n\n```mermaid\n");
    out.push_str(&view.mermaid);
    out.push_str("\n```\n\n");
    environment(&mut out, view);
    out.push_str("## Open findings\n\n");
    if view.risks.is_empty() {
        out.push_str("No open findings in the answers so far.\n\n");
    }
    for (n, risk) in view.risks.iter().enumerate() {
        let level = if risk.level == RiskLevel::High {
            "High"
        } else {
            "Medium"
        };
        out.push_str(&format!(
            "{}. **{level}** ({}): {} *Next step:* {} ({})\n",
            n + 1,
            risk.topic,
            one_line(&risk.reason),
            one_line(&risk.improvement),
            link(&risk.source)
        ));
    }
    if !view.risks.is_empty() {
        out.push('\n');
    }
    out.push_str("## First week\n\n");
    if view.first_week.is_empty() {
        out.push_str(
            "Choose the stack's products in the questionnaire to get the first week's steps.\n\n",
        );
    }
    for (topic, steps) in &view.first_week {
        out.push_str(&format!("### {}\n\n", one_line(topic)));
        for step in steps {
            out.push_str(&format!("- [ ] {}\n", one_line(step)));
        }
        out.push('\n');
    }
    out.push_str("## Scaling path\n\nWhat to do, in order, when load grows:\n\n");
    for (n, step) in view.scaling.iter().enumerate() {
        out.push_str(&format!("{}. {step}\n", n + 1));
    }
    out
}

/// The configuration the stack reads from its environment (12-factor: nothing in the code).
fn environment(out: &mut String, view: &ArchitectureView) {
    out.push_str("## Environment variables\n\n");
    if view.env.is_empty() {
        out.push_str("None named yet: they follow from the products chosen.\n\n");
        return;
    }
    out.push_str("Set these in each environment (never in the repository):\n\n| Variable | What it holds |\n|---|---|\n");
    for (name, about) in &view.env {
        out.push_str(&format!("| `{}` | {} |\n", cell(name), cell(about)));
    }
    out.push('\n');
}

fn with_note(statement: &Statement) -> String {
    if statement.note.trim().is_empty() {
        statement.text.clone()
    } else {
        format!("{} ({})", statement.text, statement.note.trim())
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}
