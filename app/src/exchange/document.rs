//! One ADR as a markdown file carries it, whatever the flavour: what the writers write and the
//! parser reads back. Whatever a file holds that Groundwork has no field for is kept in
//! [`MarkdownExtras`], word for word, so that exporting it again reproduces it.
use serde::{Deserialize, Serialize};

use crate::decisions::domain::{AdrStatus, LinkKind};

/// The seven markdown sections, in [`crate::decisions::domain::SECTIONS`] order.
pub const SECTION_COUNT: usize = 7;
pub const CONTEXT: usize = 0;
pub const DRIVERS: usize = 1;
pub const OPTIONS: usize = 2;
pub const OUTCOME: usize = 3;
pub const CONSEQUENCES: usize = 4;
pub const CONFIRMATION: usize = 5;
pub const MORE_INFO: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AdrDocument {
    pub number: i32,
    pub title: String,
    pub status: Option<AdrStatus>,
    /// `YYYY-MM-DD`; empty when the file gave none.
    pub date: String,
    pub decision_makers: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    /// Markdown per section, blank lines around it trimmed.
    pub sections: [String; SECTION_COUNT],
    pub links: Vec<DocumentLink>,
    pub extras: MarkdownExtras,
}

/// A link as one ADR's file states it: `Supersedes [ADR-0001](0001-x.md)` is outgoing,
/// `Superseded by ...` incoming.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentLink {
    pub kind: LinkKind,
    pub incoming: bool,
    pub number: i32,
    /// The linked ADR's title, for the link text.
    pub title: String,
}

impl DocumentLink {
    pub fn phrase(&self) -> &'static str {
        let (outgoing, incoming) = self.kind.phrases();
        if self.incoming {
            incoming
        } else {
            outgoing
        }
    }

    pub fn file_name(&self) -> String {
        file_name(self.number, &self.title)
    }
}

/// What a file held that Groundwork has no field for, kept so that a re-export writes it again.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MarkdownExtras {
    /// A status word that is not one of ours ("draft"), with the status it was stored as. It is
    /// written again only while the ADR keeps that status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_word: Option<(AdrStatus, String)>,
    /// Unknown front-matter entries, each as written: the key line and its indented lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub front_matter: Vec<String>,
    /// Unknown header lines (`- Tags: api`), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_lines: Vec<String>,
    /// Text between the title (and header) and the first section, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub preamble: String,
    /// Lines of a Nygard `## Status` section that are neither the status nor a link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_notes: Vec<String>,
    /// Sections with headings Groundwork does not know, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<ExtraSection>,
}

impl MarkdownExtras {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Stored in `adrs.markdown_extras`; empty text when there is nothing to keep.
    pub fn to_column(&self) -> String {
        if self.is_empty() {
            String::new()
        } else {
            serde_json::to_string(self).unwrap_or_default()
        }
    }

    pub fn from_column(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The unknown sections that came right after `slot` (a section index, or [`Slot`]).
    pub fn sections_after(&self, slot: Slot) -> impl Iterator<Item = &ExtraSection> {
        self.sections.iter().filter(move |s| s.after == slot)
    }
}

/// Where an unknown section sat: after the header, after the Nygard status, or after one of
/// the seven sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    Header,
    Status,
    Section(usize),
    Links,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraSection {
    pub after: Slot,
    /// The heading line's text without the `## `.
    pub heading: String,
    pub body: String,
}

/// `NNNN-kebab-title.md`, as adr-tools, MADR and log4brains name files.
pub fn file_name(number: i32, title: &str) -> String {
    format!("{number:04}-{}.md", kebab(title))
}

/// Lower-case ASCII letters and digits, everything else one dash.
pub fn kebab(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "decision".to_owned()
    } else {
        slug.chars()
            .take(80)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_numbered_kebab_case() {
        assert_eq!(
            file_name(7, "Use PostgreSQL 16!"),
            "0007-use-postgresql-16.md"
        );
        assert_eq!(file_name(12, "  Über—API / REST  "), "0012-ber-api-rest.md");
        assert_eq!(file_name(1, "???"), "0001-decision.md");
    }

    #[test]
    fn extras_survive_the_database_column() {
        let extras = MarkdownExtras {
            status_word: Some((AdrStatus::Proposed, "draft".into())),
            front_matter: vec!["tags:\n  - api".into()],
            sections: vec![ExtraSection {
                after: Slot::Section(OPTIONS),
                heading: "Pros and Cons of the Options".into(),
                body: "### REST\n\n* Good".into(),
            }],
            ..Default::default()
        };
        assert_eq!(MarkdownExtras::from_column(&extras.to_column()), extras);
        assert_eq!(MarkdownExtras::default().to_column(), "");
    }
}
