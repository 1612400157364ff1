//! Writing ADR files in the three flavours other tools read. Each writer puts every part of a
//! [`AdrDocument`] somewhere the parser finds it again, so export -> import -> export gives the
//! same bytes.
mod log4brains;
mod madr;
mod nygard;

use serde::{Deserialize, Serialize};

use super::document::{AdrDocument, Slot};
use crate::decisions::domain::{AdrStatus, LinkKind};

/// The ADR file conventions Groundwork writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Flavour {
    /// MADR 4: front matter, `docs/decisions/`.
    #[default]
    Madr,
    /// Michael Nygard's format as adr-tools writes it: `doc/adr/`.
    Nygard,
    /// log4brains (MADR 2 header bullets): `docs/adr/`.
    Log4brains,
}

impl Flavour {
    pub const ALL: [Flavour; 3] = [Flavour::Madr, Flavour::Nygard, Flavour::Log4brains];

    pub fn id(self) -> &'static str {
        match self {
            Flavour::Madr => "madr",
            Flavour::Nygard => "nygard",
            Flavour::Log4brains => "log4brains",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Flavour::Madr => "MADR 4",
            Flavour::Nygard => "Nygard / adr-tools",
            Flavour::Log4brains => "log4brains",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id() == raw.trim())
    }

    /// Where the tool keeps its ADRs, relative to the repository root.
    pub fn folder(self) -> &'static str {
        match self {
            Flavour::Madr => "docs/decisions",
            Flavour::Nygard => "doc/adr",
            Flavour::Log4brains => "docs/adr",
        }
    }

    /// The file listing the ADRs, in the folder.
    pub fn index_name(self) -> &'static str {
        match self {
            Flavour::Log4brains => "index.md",
            _ => "README.md",
        }
    }

    pub fn write(self, document: &AdrDocument) -> String {
        match self {
            Flavour::Madr => madr::write(document),
            Flavour::Nygard => nygard::write(document),
            Flavour::Log4brains => log4brains::write(document),
        }
    }
}

/// A document assembled from parts separated by one blank line, ending with one newline.
/// Written straight into one buffer: an export writes thousands of these.
struct Parts(String);

impl Parts {
    /// Room for `document` and its headings, so the buffer is not regrown part by part.
    fn for_document(document: &AdrDocument) -> Self {
        let text: usize = document.sections.iter().map(String::len).sum();
        Self(String::with_capacity(text + document.title.len() + 1024))
    }

    fn separate(&mut self) {
        if !self.0.is_empty() {
            self.0.push_str("\n\n");
        }
    }

    fn push(&mut self, part: impl AsRef<str>) {
        let part = part.as_ref();
        if !part.trim().is_empty() {
            self.separate();
            self.0.push_str(part);
        }
    }

    /// `## heading`, then the body unless it is empty.
    fn section(&mut self, marks: &str, heading: &str, body: &str) {
        let body = super::blocks::trim_blank_lines(body);
        self.separate();
        for piece in [marks, " ", heading] {
            self.0.push_str(piece);
        }
        if !body.is_empty() {
            self.0.push_str("\n\n");
            self.0.push_str(body);
        }
    }

    /// The section unless its body is empty.
    fn optional_section(&mut self, marks: &str, heading: &str, body: &str) {
        if !body.trim().is_empty() {
            self.section(marks, heading, body);
        }
    }

    /// The unknown sections that followed `slot` in the file they came from.
    fn extras(&mut self, document: &AdrDocument, slot: Slot) {
        for extra in document.extras.sections_after(slot) {
            self.section("##", &extra.heading, &extra.body);
        }
    }

    fn finish(mut self) -> String {
        self.0.push('\n');
        self.0
    }
}

/// The status as the file should state it: the original word when the ADR still has the status
/// that word was stored as, else ours.
fn status_word(document: &AdrDocument) -> String {
    let status = document.status.unwrap_or(AdrStatus::Proposed);
    match &document.extras.status_word {
        Some((kept_as, word)) if *kept_as == status => word.clone(),
        _ => status.as_str().to_owned(),
    }
}

/// The ADR that supersedes this one, if any (the lowest-numbered when several do).
fn superseded_by(document: &AdrDocument) -> Option<&super::document::DocumentLink> {
    document
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Supersedes && l.incoming)
        .min_by_key(|l| l.number)
}

/// The text under the title. adr-tools' extra status lines have no place of their own in the
/// other flavours, so they join it.
fn preamble(document: &AdrDocument) -> String {
    let extras = &document.extras;
    let mut parts = vec![extras.preamble.clone()];
    parts.extend(extras.status_notes.iter().cloned());
    parts.retain(|part| !part.is_empty());
    parts.join("\n\n")
}

/// Front matter holding only unknown keys, for flavours that have none of their own.
fn extra_front_matter(document: &AdrDocument) -> String {
    let keys = &document.extras.front_matter;
    if keys.is_empty() {
        String::new()
    } else {
        format!("---\n{}\n---", keys.join("\n"))
    }
}

/// `Key: a, b` lines for the header, only for lists that have names.
fn people_lines(document: &AdrDocument, prefix: &str, decision_makers: &str) -> Vec<String> {
    [
        (decision_makers, &document.decision_makers),
        ("Consulted", &document.consulted),
        ("Informed", &document.informed),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(key, names)| format!("{prefix}{key}: {}", names.join(", ")))
    .collect()
}

#[cfg(test)]
mod tests;
