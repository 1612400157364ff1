//! The catalog's shape: topics, questions, options and the rules over them. Shared with the
//! browser, which renders what the server sends.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub version: String,
    pub topics: Vec<Topic>,
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
    pub good: String,
    pub bad: String,
    pub fits: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendRule {
    #[serde(default)]
    pub when: Vec<String>,
    pub option: String,
    pub reason: String,
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
