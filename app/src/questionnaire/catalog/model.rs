//! The catalog's shape: topics, questions, options and the rules over them. Shared with the
//! browser, which renders what the server sends.
use serde::{Deserialize, Serialize};

/// How an "Other: ____" answer is stored: `other:` and the text typed.
pub const OTHER_PREFIX: &str = "other:";
/// What rules and forms call an "Other" answer.
pub const OTHER_ID: &str = "other";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub version: String,
    /// Languages, frameworks and platforms a team can say it knows (the profile's skills).
    pub skills: Vec<Skill>,
    /// Questions whose id changed, so that answers given under the old id carry over.
    pub moved: Vec<MovedQuestion>,
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    pub id: String,
    pub label: String,
    /// The heading it is listed under in the profile form ("Languages").
    pub group: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedQuestion {
    pub from: String,
    pub to: String,
    /// The catalog version that moved it.
    pub since: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Markdown, written for the team.
    pub guidance: String,
    /// `guidance` rendered to HTML when the catalog is loaded.
    #[serde(default)]
    pub guidance_html: String,
    /// The file it was read from (for error messages); not sent to the browser.
    #[serde(skip)]
    pub source: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Pick one of `options`.
    Choice,
    /// Free text.
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Unique in the whole catalog, e.g. `architecture.style`.
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    /// One sentence on why this decision matters, for the ADR's context.
    #[serde(default)]
    pub why: String,
    /// A choice that also takes "Other: ____" (stored as `other:<text>`, `other` to the rules).
    #[serde(default)]
    pub allow_other: bool,
    /// The ADR title for this decision: `{answer}` is the chosen option's name, `{answer.<id>}`
    /// another question's, and a `[...]` part is left out when a name in it is unknown.
    #[serde(default)]
    pub adr_title: String,
    /// The question whose ADR this one is part of (empty: its own ADR, or none without a title).
    #[serde(default)]
    pub part_of: String,
    /// The catalog version that last changed the question's meaning.
    #[serde(default)]
    pub changed_in: String,
    /// How hard its options are to pick up: a product new to the team is a finding; for a
    /// `gentle` question (hosts, services) only under a deadline of a month.
    #[serde(default)]
    pub learning: Learning,
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// Tried in order; the first whose conditions all hold wins. The last has none (the default).
    #[serde(default)]
    pub recommend: Vec<RecommendRule>,
    /// Every rule whose conditions all hold applies to the answer.
    #[serde(default)]
    pub risks: Vec<RiskRule>,
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&ChoiceOption> {
        self.options.iter().find(|option| option.id == id)
    }

    /// What a stored answer means for this question.
    pub fn chosen<'a>(&'a self, value: &'a str) -> Chosen<'a> {
        match self.kind {
            QuestionKind::Text => Chosen::Text(value),
            QuestionKind::Choice => match value.strip_prefix(OTHER_PREFIX) {
                Some(text) => Chosen::Other(text),
                None => self
                    .option(value)
                    .map_or(Chosen::Unknown(value), Chosen::Option),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Learning {
    /// Languages, frameworks, data stores: weeks to learn well.
    #[default]
    Steep,
    /// Hosts and hosted services: days to learn.
    Gentle,
}

/// A stored answer read against its question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen<'a> {
    Option(&'a ChoiceOption),
    /// "Other: ____" with what was typed.
    Other(&'a str),
    /// The answer to a text question.
    Text(&'a str),
    /// An option id the catalog no longer has.
    Unknown(&'a str),
}

impl<'a> Chosen<'a> {
    /// The name to use in titles and tables: the option's short name, or the text.
    pub fn name(self) -> &'a str {
        match self {
            Self::Option(option) => option.short_name(),
            Self::Other(text) | Self::Text(text) | Self::Unknown(text) => text,
        }
    }

    /// The label the form shows.
    pub fn label(self) -> String {
        match self {
            Self::Option(option) => option.label.clone(),
            Self::Other(text) => format!("Other: {text}"),
            Self::Text(text) | Self::Unknown(text) => text.to_owned(),
        }
    }

    pub fn option(self) -> Option<&'a ChoiceOption> {
        match self {
            Self::Option(option) => Some(option),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
    /// The short product name used in titles and the stack table (defaults to the label).
    #[serde(default)]
    pub name: String,
    /// Clauses that read after "because" (no full stop): shown capitalised on the page.
    pub good: String,
    pub bad: String,
    pub fits: String,
    /// Conditions on earlier answers for the option to fit; unanswered facts always fit.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Why it does not fit when `requires` fails, as a clause.
    #[serde(default)]
    pub unfit: String,
    /// Skill ids meaning the team already knows this option.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Overrides the question's `adr_title` when this option is chosen.
    #[serde(default)]
    pub adr_title: String,
    /// Environment variables the option needs, as `NAME: what it holds`.
    #[serde(default)]
    pub env: Vec<String>,
    /// Steps for the team's first week with this option.
    #[serde(default)]
    pub first_week: Vec<String>,
}

impl ChoiceOption {
    /// The product name: `name`, else the label.
    pub fn short_name(&self) -> &str {
        if self.name.is_empty() {
            &self.label
        } else {
            &self.name
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendRule {
    #[serde(default)]
    pub when: Vec<String>,
    pub option: String,
    /// A clause naming the facts the rule used; reads after "because".
    pub reason: String,
    /// The improvement step when the team chooses something else.
    #[serde(default)]
    pub against: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskRule {
    #[serde(default)]
    pub when: Vec<String>,
    pub level: RiskLevel,
    pub reason: String,
    pub improvement: String,
    /// Topics this answer asks the team to review.
    #[serde(default)]
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    None,
    Medium,
    High,
}

impl RiskLevel {
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "No risk",
            Self::Medium => "Medium risk",
            Self::High => "High risk",
        }
    }

    pub fn css_class(self) -> &'static str {
        match self {
            Self::None => "risk-none",
            Self::Medium => "risk-medium",
            Self::High => "risk-high",
        }
    }
}

impl Catalog {
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|topic| topic.id == id)
    }

    /// The question with this id, and the topic it belongs to.
    pub fn question(&self, id: &str) -> Option<(&Topic, &Question)> {
        self.topics.iter().find_map(|topic| {
            topic
                .questions
                .iter()
                .find(|q| q.id == id)
                .map(|q| (topic, q))
        })
    }
}

/// True when catalog version `a` ("2026.11.2") comes before `b`, comparing each part as a number.
pub fn version_before(a: &str, b: &str) -> bool {
    let parts = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    parts(a) < parts(b)
}
