//! The recommended architecture as the page and the markdown document show it.
use serde::{Deserialize, Serialize};

use crate::questionnaire::catalog::RiskLevel;

/// Where a statement comes from: an accepted ADR or an answer in the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// "ADR-0003", "answer", or "not answered yet".
    pub label: String,
    /// The page in the app.
    pub href: String,
    /// The ADR's file in a MADR export (`docs/decisions/0003-....md`), for the markdown document.
    pub adr_file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub text: String,
    /// The team's note on the answer, if any.
    pub note: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StackRow {
    /// "Database".
    pub row: String,
    /// The part of the diagram it names (`database`), or empty.
    pub part: String,
    /// `None` until answered (or decided in an ADR).
    pub choice: Option<Statement>,
    /// Where to answer it when there is no choice yet.
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRisk {
    pub level: RiskLevel,
    pub topic: String,
    pub reason: String,
    pub improvement: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchitectureView {
    pub project_id: i32,
    pub project_name: String,
    /// One line about the team and the expected load, from the profile.
    pub profile_summary: Option<String>,
    pub accepted_adrs: usize,
    pub stack: Vec<StackRow>,
    /// Monolith, modular monolith or services.
    pub style: Option<Statement>,
    pub boundaries: Option<Statement>,
    pub layering: Option<Statement>,
    /// The modules (bounded contexts) the team named.
    pub modules: Vec<String>,
    pub modules_source: Source,
    /// High first.
    pub risks: Vec<OpenRisk>,
    pub scaling: Vec<String>,
    /// (name, what it holds) of every environment variable the chosen stack needs.
    pub env: Vec<(String, String)>,
    /// The first week's steps for the chosen stack, from the catalog, by topic title.
    pub first_week: Vec<(String, Vec<String>)>,
    /// Mermaid source of the diagram, as the markdown document carries it.
    pub mermaid: String,
    /// The same diagram drawn as SVG by the server (every text escaped).
    pub svg: String,
}
