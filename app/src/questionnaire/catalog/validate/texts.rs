//! The catalog's wording rules: clauses that read after "because", sentences, title templates.
use crate::questionnaire::catalog::{template::placeholders, Catalog};

/// Longest title a template may produce with typical names (the ADR's limit is 120).
const TITLE_TEMPLATE_MAX_CHARS: usize = 90;

/// A clause reads after "because" or "fits when": not empty, no full stop at the end.
pub(super) fn check_clause(place: &str, text: &str, problems: &mut Vec<String>) {
    let text = text.trim();
    if text.is_empty() {
        problems.push(format!("{place}: must not be empty"));
    } else if text.ends_with('.') {
        problems.push(format!(
            "{place}: write a clause that reads after “because”, without a full stop at the end"
        ));
    }
}

/// A sentence shown on its own: ends with a full stop (or ! or ?).
pub(super) fn check_sentence(place: &str, text: &str, problems: &mut Vec<String>) {
    if !text.trim().ends_with(['.', '!', '?']) {
        problems.push(format!(
            "{place}: write whole sentences, ending with a full stop"
        ));
    }
}

pub(super) fn check_title_template(
    place: &str,
    catalog: &Catalog,
    template: &str,
    problems: &mut Vec<String>,
) {
    match placeholders(template) {
        Err(problem) => problems.push(format!("{place}: {problem}")),
        Ok(found) => {
            for id in found.into_iter().flatten() {
                if catalog.question(id).is_none() {
                    problems.push(format!("{place}: {{answer.{id}}} names no question"));
                }
            }
        }
    }
    if template.chars().count() > TITLE_TEMPLATE_MAX_CHARS {
        problems.push(format!(
            "{place}: keep the title to {TITLE_TEMPLATE_MAX_CHARS} characters or fewer"
        ));
    }
    if template.trim_end().ends_with('.') {
        problems.push(format!("{place}: a title has no full stop at the end"));
    }
}
