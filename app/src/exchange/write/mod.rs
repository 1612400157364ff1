//! Writing ADR files in the three flavours other tools read. Each writer puts every part of a
//! [`AdrDocument`] somewhere the parser finds it again, so export -> import -> export gives the
//! same bytes.
mod bulleted;
mod madr;
mod nygard;

use serde::{Deserialize, Serialize};

use super::document::{fingerprint, AdrDocument, Slot};
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
    /// log4brains (MADR 2 with `- ` header bullets): `docs/adr/`.
    Log4brains,
    /// MADR 2 (`* Status:` header bullets), which pyadr and other older tools read: `docs/adr/`.
    Madr2,
}

impl Flavour {
    pub const ALL: [Flavour; 4] = [
        Flavour::Madr,
        Flavour::Nygard,
        Flavour::Log4brains,
        Flavour::Madr2,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Flavour::Madr => "madr",
            Flavour::Nygard => "nygard",
            Flavour::Log4brains => "log4brains",
            Flavour::Madr2 => "madr2",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Flavour::Madr => "MADR 4",
            Flavour::Nygard => "Nygard / adr-tools",
            Flavour::Log4brains => "log4brains",
            Flavour::Madr2 => "MADR 2",
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
            Flavour::Log4brains | Flavour::Madr2 => "docs/adr",
        }
    }

    /// The file listing the ADRs, in the folder: adr-tools' README, else `index.md`, which
    /// adr-log, log4brains and pyadr know not to read as a decision.
    pub fn index_name(self) -> &'static str {
        match self {
            Flavour::Nygard => "README.md",
            _ => "index.md",
        }
    }

    /// The heading this flavour gives section `index` (`document::CONTEXT` ...).
    pub fn heading(self, index: usize) -> &'static str {
        const MADR: [&str; 7] = [
            "Context and Problem Statement",
            "Decision Drivers",
            "Considered Options",
            "Decision Outcome",
            "Consequences",
            "Confirmation",
            "More Information",
        ];
        match (self, index) {
            (Flavour::Nygard, 0) => "Context",
            (Flavour::Nygard, 3) => "Decision",
            _ => MADR.get(index).copied().unwrap_or(""),
        }
    }

    /// The file for `document`. A file imported in this flavour that still reads as it did
    /// then is written exactly as it came, so a repository's own files do not change.
    pub fn write(self, document: &AdrDocument) -> String {
        let fresh = self.write_fresh(document);
        match &document.extras.source {
            Some(source)
                if document.extras.flavour == self.id()
                    && source.fingerprint == fingerprint(&fresh) =>
            {
                source.text.clone()
            }
            _ => fresh,
        }
    }

    /// The file as this flavour writes `document`, whatever it was imported from.
    pub fn write_fresh(self, document: &AdrDocument) -> String {
        match self {
            Flavour::Madr => madr::write(document),
            Flavour::Nygard => nygard::write(document),
            Flavour::Log4brains => bulleted::write(document, self, "- "),
            Flavour::Madr2 => bulleted::write(document, self, "* "),
        }
    }
}

/// The heading for section `index`: the file's own when it came in `flavour`, else ours.
fn heading(document: &AdrDocument, flavour: Flavour, index: usize) -> String {
    document
        .extras
        .heading(flavour.id(), index)
        .unwrap_or(flavour.heading(index))
        .to_owned()
}

/// The date line's value: as the file wrote it while the ADR keeps that date, else ours;
/// `None` when the ADR has no date.
fn date_text(document: &AdrDocument) -> Option<String> {
    match &document.extras.date_written {
        Some((read_as, written)) if *read_as == document.date => Some(written.clone()),
        _ => (!document.date.is_empty()).then(|| document.date.clone()),
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

/// The status as the file should state it: the file's own words while the ADR keeps the status
/// they were read as, written in the flavour the file came in (or a word that is not one of
/// ours, in any flavour); else ours.
fn status_word(document: &AdrDocument, flavour: Flavour) -> String {
    kept_status_word(document, flavour).unwrap_or_else(|| {
        document
            .status
            .unwrap_or(AdrStatus::Proposed)
            .as_str()
            .to_owned()
    })
}

/// The file's own status words, when they are to be written again (see [`status_word`]).
fn kept_status_word(document: &AdrDocument, flavour: Flavour) -> Option<String> {
    let status = document.status.unwrap_or(AdrStatus::Proposed);
    match &document.extras.status_word {
        Some((kept_as, word))
            if *kept_as == status
                && (document.extras.flavour == flavour.id()
                    || AdrStatus::parse(&word.to_ascii_lowercase()).is_err()
                        && !word.contains(['[', ';'])
                        && !word.to_ascii_lowercase().starts_with("super")) =>
        {
            Some(word.clone())
        }
        _ => None,
    }
}

/// Front matter (MADR's only: the others keep unknown keys at the end), the text the file had
/// before its title, the title, and the paragraphs the file had between the title and its
/// header. The title follows the front matter's closing line directly, as adr-log reads it.
fn opening(parts: &mut Parts, document: &AdrDocument, front_matter: &str, title: &str) {
    let before = &document.extras.before_title;
    let first = if before.trim().is_empty() {
        format!("# {title}")
    } else {
        format!("{before}\n\n# {title}")
    };
    if front_matter.is_empty() {
        parts.push(first);
    } else {
        parts.push(format!("{front_matter}\n{first}"));
    }
    parts.push(&document.extras.intro);
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

/// Unknown front-matter keys, for flavours that have no front matter: an HTML comment at the end
/// of the file, where adr-tools, log4brains and pyadr (which read the first lines) do not trip
/// over it, and which the parser reads back as front matter.
fn extra_front_matter(document: &AdrDocument) -> String {
    let keys = &document.extras.front_matter;
    if keys.is_empty() {
        String::new()
    } else {
        format!(
            "{}\n{}\n{}",
            super::front_matter::KEPT_START,
            keys.join("\n"),
            super::front_matter::KEPT_END
        )
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
