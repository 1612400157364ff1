//! Architecture decision records as the pages see them, and the rules every ADR follows
//! (shared with the browser, so the form and the server say the same thing).
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const TITLE_MAX_CHARS: usize = 120;
/// Per section: room for a long write-up, small enough to render in a few milliseconds.
pub const SECTION_MAX_BYTES: usize = 64 * 1024;
pub const PERSON_MAX_CHARS: usize = 80;
pub const PEOPLE_MAX: usize = 30;

/// Where an ADR is in its life. MADR's statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AdrStatus {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
}

impl AdrStatus {
    pub const ALL: [AdrStatus; 5] = [
        AdrStatus::Proposed,
        AdrStatus::Accepted,
        AdrStatus::Rejected,
        AdrStatus::Deprecated,
        AdrStatus::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AdrStatus::Proposed => "proposed",
            AdrStatus::Accepted => "accepted",
            AdrStatus::Rejected => "rejected",
            AdrStatus::Deprecated => "deprecated",
            AdrStatus::Superseded => "superseded",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AdrStatus::Proposed => "Proposed",
            AdrStatus::Accepted => "Accepted",
            AdrStatus::Rejected => "Rejected",
            AdrStatus::Deprecated => "Deprecated",
            AdrStatus::Superseded => "Superseded",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == raw.trim())
            .ok_or_else(|| AppError::validation("status", "Choose a known status."))
    }

    /// The statuses an ADR may move to from this one by a plain status change. Superseded is
    /// reached only by linking the ADR that supersedes it.
    pub fn next_statuses(self) -> &'static [AdrStatus] {
        match self {
            AdrStatus::Proposed => &[AdrStatus::Accepted, AdrStatus::Rejected],
            AdrStatus::Accepted => &[AdrStatus::Deprecated],
            AdrStatus::Rejected => &[AdrStatus::Proposed],
            AdrStatus::Deprecated => &[AdrStatus::Accepted],
            AdrStatus::Superseded => &[],
        }
    }

    /// Checks a plain status change, with a message that says what is allowed instead.
    pub fn check_change_to(self, next: AdrStatus) -> Result<(), AppError> {
        if next == AdrStatus::Superseded {
            return Err(AppError::validation(
                "status",
                "An ADR becomes superseded when another ADR is linked as superseding it.",
            ));
        }
        if self.next_statuses().contains(&next) {
            return Ok(());
        }
        let allowed: Vec<&str> = self.next_statuses().iter().map(|s| s.as_str()).collect();
        let message = if allowed.is_empty() {
            format!("A {} ADR keeps its status.", self.as_str())
        } else {
            format!(
                "A {} ADR can become {} only.",
                self.as_str(),
                allowed.join(" or ")
            )
        };
        Err(AppError::validation("status", message))
    }
}

/// A typed link from one ADR to another; each kind reads the other way from the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Supersedes,
    Amends,
    RelatesTo,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [LinkKind::Supersedes, LinkKind::Amends, LinkKind::RelatesTo];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Supersedes => "supersedes",
            LinkKind::Amends => "amends",
            LinkKind::RelatesTo => "relates_to",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == raw.trim())
            .ok_or_else(|| AppError::validation("kind", "Choose supersedes, amends or relates to."))
    }

    /// How the link reads from the ADR it starts at, and from the ADR it points to.
    pub fn phrases(self) -> (&'static str, &'static str) {
        match self {
            LinkKind::Supersedes => ("Supersedes", "Superseded by"),
            LinkKind::Amends => ("Amends", "Amended by"),
            LinkKind::RelatesTo => ("Relates to", "Relates to"),
        }
    }
}

/// The markdown sections of an ADR, in MADR 4's order: (form field, heading).
pub const SECTIONS: [(&str, &str); 7] = [
    ("context", "Context and Problem Statement"),
    ("drivers", "Decision Drivers"),
    ("options", "Considered Options"),
    ("outcome", "Decision Outcome"),
    ("consequences", "Consequences"),
    ("confirmation", "Confirmation"),
    ("more_info", "More Information"),
];

/// An ADR's title: trimmed, 1 to 120 characters, one line.
pub fn parse_title(raw: &str) -> Result<String, AppError> {
    let title = raw.trim();
    if title.is_empty() {
        return Err(AppError::validation("title", "Give the decision a title."));
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(AppError::validation(
            "title",
            format!("Keep the title to {TITLE_MAX_CHARS} characters or fewer."),
        ));
    }
    if title.chars().any(char::is_control) {
        return Err(AppError::validation(
            "title",
            "The title must be a single line of text.",
        ));
    }
    Ok(title.to_owned())
}

/// One markdown section, at most 64 KiB.
pub fn check_section(field: &str, markdown: &str) -> Result<(), AppError> {
    if markdown.len() > SECTION_MAX_BYTES {
        return Err(AppError::validation(
            field,
            format!("Keep this section under {} KiB.", SECTION_MAX_BYTES / 1024),
        ));
    }
    Ok(())
}

/// A list of people typed one per line or separated by commas: trimmed, empty entries dropped,
/// duplicates removed, each at most 80 characters, at most 30 people.
pub fn parse_people(field: &str, raw: &str) -> Result<Vec<String>, AppError> {
    let mut people: Vec<String> = Vec::new();
    for name in raw
        .split([',', '\n'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        if name.chars().count() > PERSON_MAX_CHARS || name.chars().any(char::is_control) {
            return Err(AppError::validation(
                field,
                format!("Each name is one line of at most {PERSON_MAX_CHARS} characters."),
            ));
        }
        if !people.iter().any(|known| known.eq_ignore_ascii_case(name)) {
            people.push(name.to_owned());
        }
    }
    if people.len() > PEOPLE_MAX {
        return Err(AppError::validation(
            field,
            format!("List at most {PEOPLE_MAX} people."),
        ));
    }
    Ok(people)
}

/// The number as people say it: ADR-0007.
/// The highest ADR number a project can have: five digits is more than any real log needs, and
/// keeps the counter far from overflowing.
pub const MAX_ADR_NUMBER: i32 = 99_999;

pub fn display_number(number: i32) -> String {
    format!("ADR-{number:04}")
}

/// What a form submits for an ADR: every editable field, as typed. People are one per line or
/// comma-separated; `revisit_by` is `YYYY-MM-DD` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdrForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub decision_makers: String,
    #[serde(default)]
    pub consulted: String,
    #[serde(default)]
    pub informed: String,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub drivers: String,
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub consequences: String,
    #[serde(default)]
    pub confirmation: String,
    #[serde(default)]
    pub more_info: String,
    #[serde(default)]
    pub revisit_by: String,
}

impl AdrForm {
    /// The markdown of section `field` (one of [`SECTIONS`]).
    pub fn section(&self, field: &str) -> &str {
        match field {
            "context" => &self.context,
            "drivers" => &self.drivers,
            "options" => &self.options,
            "outcome" => &self.outcome,
            "consequences" => &self.consequences,
            "confirmation" => &self.confirmation,
            "more_info" => &self.more_info,
            _ => "",
        }
    }
}

/// One line of the decision log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdrSummary {
    pub id: i32,
    pub number: i32,
    pub display_number: String,
    pub title: String,
    pub status: AdrStatus,
    pub topic_id: Option<String>,
    /// `YYYY-MM-DD`; empty when an imported file stated no date.
    pub decision_date: String,
    pub decision_makers: Vec<String>,
    pub revisit_by: Option<String>,
    /// The revisit-by date has passed and the decision still stands.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub field: String,
    pub heading: String,
    pub markdown: String,
    /// Sanitised when saved.
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    /// "Supersedes", "Superseded by", ...
    pub phrase: String,
    pub number: i32,
    pub display_number: String,
    pub title: String,
}

/// One ADR with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdrView {
    pub project_id: i32,
    pub summary: AdrSummary,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub sections: Vec<SectionView>,
    pub version: i32,
    pub links: Vec<LinkView>,
    pub next_statuses: Vec<AdrStatus>,
    pub can_edit: bool,
    /// The stored fields in the shape of the edit form.
    pub form: AdrForm,
}

/// A page of the decision log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdrLogPage {
    pub items: Vec<AdrSummary>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub can_edit: bool,
    /// Every questionnaire topic as (id, title), for the topic filter.
    pub topics: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub version: i32,
    pub author_name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub changed_fields: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub text: String,
}

/// How one field differs between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDiff {
    pub field: String,
    pub lines: Vec<DiffLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_is_accepted_or_rejected_and_nothing_else() {
        let proposed = AdrStatus::Proposed;
        assert!(proposed.check_change_to(AdrStatus::Accepted).is_ok());
        assert!(proposed.check_change_to(AdrStatus::Rejected).is_ok());
        assert!(proposed.check_change_to(AdrStatus::Deprecated).is_err());
    }

    #[test]
    fn superseded_is_reached_only_through_a_link_and_is_final() {
        let error = AdrStatus::Accepted
            .check_change_to(AdrStatus::Superseded)
            .unwrap_err();
        assert!(error.to_string().contains("linked as superseding"));
        for next in AdrStatus::ALL {
            assert!(AdrStatus::Superseded.check_change_to(next).is_err());
        }
    }

    #[test]
    fn an_invalid_transition_says_what_is_allowed() {
        let error = AdrStatus::Accepted
            .check_change_to(AdrStatus::Rejected)
            .unwrap_err();
        assert_eq!(
            error.message_for_field("status").as_deref(),
            Some("A accepted ADR can become deprecated only.")
        );
    }

    #[test]
    fn people_are_split_trimmed_and_deduplicated() {
        let people = parse_people("decision_makers", " Ada, Grace\nada \n\n Linus ").unwrap();
        assert_eq!(people, ["Ada", "Grace", "Linus"]);
        assert!(parse_people("informed", &"x".repeat(81)).is_err());
        let crowd: String = (0..31).map(|n| format!("P{n},")).collect();
        assert!(parse_people("consulted", &crowd).is_err());
    }

    #[test]
    fn titles_and_sections_are_bounded() {
        assert!(parse_title("  ").is_err());
        assert_eq!(parse_title(" Use PostgreSQL ").unwrap(), "Use PostgreSQL");
        assert!(parse_title(&"t".repeat(121)).is_err());
        assert!(check_section("context", &"m".repeat(SECTION_MAX_BYTES)).is_ok());
        assert!(check_section("context", &"m".repeat(SECTION_MAX_BYTES + 1)).is_err());
        assert_eq!(display_number(7), "ADR-0007");
    }
}
