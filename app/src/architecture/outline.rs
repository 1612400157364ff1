//! `catalog/architecture.toml`: which answers fill the document, and the scaling steps.
use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Outline {
    pub shape: Shape,
    pub stack: Vec<StackEntry>,
    pub scaling: Vec<ScalingStep>,
}

/// Question ids for the shape of the system.
#[derive(Debug, Deserialize)]
pub struct Shape {
    pub style: String,
    pub boundaries: String,
    pub modules: String,
    pub layering: String,
}

#[derive(Debug, Deserialize)]
pub struct StackEntry {
    pub row: String,
    /// The products, as a title template over the answers.
    pub text: String,
    /// The question whose ADR the row links to.
    pub decision: String,
    /// The strategy question shown while `text` cannot be filled.
    #[serde(default)]
    pub fallback: String,
    /// The part of the diagram this row names (`database`, `api`, ...), if any.
    #[serde(default)]
    pub part: String,
}

#[derive(Debug, Deserialize)]
pub struct ScalingStep {
    #[serde(default)]
    pub when: Vec<String>,
    pub step: String,
}

const OUTLINE_TOML: &str = include_str!("../../catalog/architecture.toml");

static OUTLINE: LazyLock<Outline> = LazyLock::new(|| {
    toml::from_str(OUTLINE_TOML)
        .unwrap_or_else(|error| panic!("catalog/architecture.toml: {error}"))
});

pub fn outline() -> &'static Outline {
    &OUTLINE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{catalog::embedded, rules::Condition};

    #[test]
    fn every_question_named_exists_and_every_condition_parses() {
        let catalog = embedded();
        let outline = outline();
        let shape = &outline.shape;
        for id in [
            &shape.style,
            &shape.boundaries,
            &shape.modules,
            &shape.layering,
        ]
        .into_iter()
        .chain(outline.stack.iter().map(|s| &s.decision))
        .chain(
            outline
                .stack
                .iter()
                .map(|s| &s.fallback)
                .filter(|f| !f.is_empty()),
        ) {
            assert!(
                catalog.question(id).is_some(),
                "architecture.toml names unknown question {id}"
            );
        }
        for step in &outline.scaling {
            for condition in &step.when {
                assert!(Condition::parse(condition).is_ok(), "{condition}");
            }
        }
        for entry in &outline.stack {
            let named = crate::questionnaire::catalog::template::placeholders(&entry.text)
                .unwrap_or_else(|e| panic!("{}: {e}", entry.row));
            for id in named.into_iter().flatten() {
                assert!(
                    catalog.question(id).is_some(),
                    "{}: unknown {id}",
                    entry.row
                );
            }
        }
        assert_eq!(outline.stack.len(), 10);
    }
}
