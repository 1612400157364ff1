//! A session's summary as markdown, to keep beside the decision log.
use std::fmt::Write;

use super::{
    domain::Presence,
    time_text::{clock, duration},
    views::{QuestionOutcome, SessionSummary},
};

pub fn summary_markdown(summary: &SessionSummary) -> String {
    let mut out = String::new();
    let day = summary.started_at.get(..10).unwrap_or(&summary.started_at);
    let _ = writeln!(
        out,
        "# Planning session of {day}: {}\n",
        summary.project_name
    );
    let _ = writeln!(out, "* Facilitator: {}", summary.facilitator);
    let _ = writeln!(out, "* Started: {}", clock(&summary.started_at));
    match &summary.ended_at {
        Some(ended) => {
            let _ = writeln!(out, "* Ended: {}", clock(ended));
        }
        None => out.push_str("* Still running\n"),
    }
    out.push_str("\n## Attendance\n\n");
    for person in &summary.attendance {
        let presence = match (person.presence, &person.left_at) {
            (Presence::Left, Some(left)) => format!("left at {}", clock(left)),
            _ => "stayed to the end".to_owned(),
        };
        let _ = writeln!(
            out,
            "* {}: joined at {}, {presence}",
            person.name,
            clock(&person.joined_at)
        );
    }
    out.push_str("\n## Decisions recorded\n\n");
    if summary.decisions.is_empty() {
        out.push_str("None.\n");
    }
    for outcome in &summary.decisions {
        question(&mut out, outcome);
    }
    out.push_str("\n## Open questions\n\n");
    if summary.open_questions.is_empty() {
        out.push_str("None: every question voted on was recorded.\n");
    }
    for outcome in &summary.open_questions {
        question(&mut out, outcome);
    }
    let split: Vec<&QuestionOutcome> = summary
        .decisions
        .iter()
        .chain(&summary.open_questions)
        .filter(|q| q.split)
        .collect();
    out.push_str("\n## Split votes\n\n");
    if split.is_empty() {
        out.push_str("None.\n");
    }
    for outcome in split {
        let _ = writeln!(out, "* {}: {}", outcome.topic, outcome.question);
    }
    out.push_str("\n## Time per topic\n\n");
    if summary.topics.is_empty() {
        out.push_str("The group was not brought to any topic.\n");
    }
    for topic in &summary.topics {
        let _ = writeln!(out, "* {}: {}", topic.title, duration(topic.seconds));
    }
    out
}

fn question(out: &mut String, outcome: &QuestionOutcome) {
    let _ = writeln!(out, "### {}: {}\n", outcome.topic, outcome.question);
    if let Some(answer) = &outcome.answer {
        let _ = writeln!(out, "Recorded: **{answer}**\n");
    }
    if !outcome.tally.is_empty() {
        let votes: Vec<String> = outcome
            .tally
            .iter()
            .map(|(label, count)| format!("{label} {count}"))
            .collect();
        let split = if outcome.split { " (split vote)" } else { "" };
        let _ = writeln!(out, "Votes: {}{split}\n", votes.join(", "));
    }
    if !outcome.decision_makers.is_empty() {
        let _ = writeln!(out, "Decided by: {}\n", outcome.decision_makers.join(", "));
    }
    for dissent in &outcome.dissent {
        let comment = if dissent.comment.is_empty() {
            String::new()
        } else {
            format!(": “{}”", dissent.comment)
        };
        let _ = writeln!(
            out,
            "* {} voted for {}{comment}",
            dissent.name, dissent.choice
        );
    }
    if !outcome.dissent.is_empty() {
        out.push('\n');
    }
}
