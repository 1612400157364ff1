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
    /// The linked ADR's file name, when it kept the one it was imported with.
    pub file: String,
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
        if self.file.is_empty() {
            file_name(self.number, &self.title)
        } else {
            self.file.clone()
        }
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
    /// Text between the front matter and the title (an HTML comment, badges), as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub before_title: String,
    /// Paragraphs between the title and a header block that comes after them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub intro: String,
    /// The date as the file wrote it, with the `YYYY-MM-DD` it was read as (empty when it could
    /// not be read). Written again as it was while the ADR keeps that date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_written: Option<(String, String)>,
    /// The file's path inside the ADR folder, so that links between files still resolve.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file_name: String,
    /// The number the file gave, when the import had to store it under another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_number: Option<i32>,
    /// The flavour the file came in (`write::Flavour::id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub flavour: String,
    /// Known sections whose heading the file wrote differently from its flavour ("Decision"
    /// in a MADR file), by section index; used when writing that flavour again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<(usize, String)>,
    /// The known sections in the order the file had them, when it is not the usual one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<usize>,
    /// Links written with adr-tools' spelling, "Supercedes" and "Superceded by".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub supercede_spelling: bool,
    /// The file exactly as imported: exporting the same flavour writes it again, byte for
    /// byte, while the ADR still reads as it did then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceText>,
}

/// An imported file's text, with the fingerprint of what Groundwork would write for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceText {
    pub text: String,
    /// [`fingerprint`] of the writer's output for the document as imported.
    pub fingerprint: String,
}

/// A stable 64-bit FNV-1a hash, hex: the same for the same text on every machine and version.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
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

    /// The heading the file gave section `index`, when it came in `flavour` and differed.
    pub fn heading(&self, flavour: &str, index: usize) -> Option<&str> {
        if self.flavour != flavour {
            return None;
        }
        self.headings
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, heading)| heading.as_str())
    }

    /// The seven sections in the order to write them: the file's, or ours. A section the file
    /// did not have goes right after the one before it in our order; More Information last.
    pub fn section_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = Vec::with_capacity(SECTION_COUNT);
        for index in self.order.iter().copied() {
            if index < SECTION_COUNT && !order.contains(&index) {
                order.push(index);
            }
        }
        for index in 0..SECTION_COUNT {
            if order.contains(&index) {
                continue;
            }
            let at = if index == MORE_INFO {
                order.len()
            } else {
                (0..index)
                    .rev()
                    .find_map(|before| order.iter().position(|i| *i == before))
                    .map_or(0, |position| position + 1)
            };
            order.insert(at, index);
        }
        order
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

/// Lower-case ASCII letters and digits, everything else one dash. Accented Latin letters lose
/// their accents ("Über" -> "uber"), as the slug libraries of other ADR tools write them.
pub fn kebab(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if let Some(plain) = without_accent(c) {
            slug.push_str(plain);
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

/// The plain letters for an accented lower-case Latin letter.
fn without_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
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
        assert_eq!(
            file_name(12, "  Über—API / REST  "),
            "0012-uber-api-rest.md"
        );
        assert_eq!(file_name(3, "Straße in Łódź"), "0003-strasse-in-lodz.md");
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
