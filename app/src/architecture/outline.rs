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
    pub question: String,
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
        .chain(outline.stack.iter().map(|s| &s.question))
        {
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
        assert_eq!(outline.stack.len(), 9);
    }
}
