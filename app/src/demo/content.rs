//! `catalog/demo.toml`, read once.
use std::sync::LazyLock;

use serde::Deserialize;

use crate::questionnaire::profile::ProfileForm;

#[derive(Deserialize)]
pub struct DemoProject {
    pub name: String,
    pub description: String,
    pub profile: ProfileForm,
    pub answers: Vec<DemoAnswer>,
    pub decisions: Vec<DemoDecision>,
}

#[derive(Deserialize)]
pub struct DemoAnswer {
    pub question: String,
    pub value: String,
    #[serde(default)]
    pub note: String,
}

/// Drafted from `topic`'s answers, or written from `title`, `context` and `outcome`.
#[derive(Deserialize)]
pub struct DemoDecision {
    pub topic: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub statuses: Vec<String>,
    #[serde(default)]
    pub links: Vec<DemoLink>,
}

#[derive(Deserialize)]
pub struct DemoLink {
    pub kind: String,
    /// An earlier decision, by its place in the list (1 = the first).
    pub to: usize,
}

/// The demo's content, embedded at build time; the test suite loads it.
pub static DEMO: LazyLock<DemoProject> = LazyLock::new(|| {
    toml::from_str(include_str!("../../catalog/demo.toml")).expect("catalog/demo.toml is valid")
});
