//! Reads one ADR file of any flavour: MADR 3/4 (front matter), MADR 2 (`* Status:` bullets),
//! log4brains (`- Status:` bullets), Nygard / adr-tools (`# N. Title`, `## Status`). Whatever
//! has no field here is kept in the document's extras, word for word, and so is the file.
use super::{
    blocks::{skeleton, trimmed, Block},
    dates::read_stated_date,
    document::{AdrDocument, Slot, SourceText, CONFIRMATION, CONSEQUENCES, MORE_INFO, OUTCOME},
    front_matter,
    header::{field, find_header, known_field},
    links::{parse_link_phrase, LinkLine},
    titles::{name_number, split_numbered_title, title_from_name},
    write::Flavour,
};
use crate::decisions::domain::AdrStatus;

/// One file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    /// `document.number` is the file's number, or 0 until the import gives it one.
    pub document: AdrDocument,
    /// The number the file name or the title gave, if either did (0 is a number).
    pub number: Option<i32>,
    /// The flavour the file looked like.
    pub flavour: Flavour,
    /// The links it states; their targets are matched to numbers across the whole import.
    pub links: Vec<LinkLine>,
    /// What was read differently from how it was written ("no status given").
    pub notes: Vec<String>,
}

/// Reads `text`, the content of the file at `path` (inside the ADR folder; the file name, or
/// `<slug>/README.md` for a folder per decision).
pub fn parse_adr(path: &str, text: &str) -> ParsedFile {
    let original = text;
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    // Front matter that a flavour without any kept at the end of the file.
    let (body, kept) = front_matter::take_kept(&text);
    let skeleton = skeleton(body);
    let mut reader = Reader::default();
    if !kept.is_empty() {
        reader.read_front_matter(&kept);
    }
    let name_number = name_number(path);
    if let Some(lines) = &skeleton.front_matter {
        reader.flavour = Some(Flavour::Madr);
        reader.read_front_matter(lines);
    }
    let mut blocks: &[Block] = &skeleton.blocks;
    let mut header_lines = skeleton.header.clone();
    // Without a `# ` title, what comes before the first section is the header.
    let mut before_title = skeleton.before_title.clone();
    let title = match skeleton.title {
        Some(title) => title.to_owned(),
        None => match reader.front_matter_title.take() {
            Some(title) => {
                header_lines = std::mem::take(&mut before_title);
                reader.note("no \"# \" title line; the title comes from the front matter's title:");
                title
            }
            None => match blocks.first().filter(|b| {
                // A known section, a status or links heading is not a title.
                section_index(b.heading).is_none()
                    && !["status", "links"].contains(&heading_key(b.heading).as_str())
            }) {
                Some(first) => {
                    reader.note("no \"# \" title line; the first \"## \" heading is the title");
                    let title = first.heading.trim().to_owned();
                    header_lines = first.lines.clone();
                    header_lines.splice(0..0, std::mem::take(&mut before_title));
                    blocks = &blocks[1..];
                    title
                }
                None => {
                    header_lines = std::mem::take(&mut before_title);
                    reader.note("no \"# \" title line; the title comes from the file name");
                    title_from_name(path)
                }
            },
        },
    };
    let (title_number, title) = split_numbered_title(&title, name_number);
    reader.document.title = title.to_owned();
    let number = name_number.or(title_number);
    reader.document.number = number.unwrap_or(0);
    if reader.flavour.is_none() && (title_number.is_some() || has_status_section(blocks)) {
        reader.flavour = Some(Flavour::Nygard);
    }
    reader.read_header(&header_lines);
    reader.document.extras.before_title = trimmed(&before_title);
    let mut slot = Slot::Header;
    for block in blocks {
        slot = reader.read_block(block, slot);
    }
    let mut parsed = reader.finish(number);
    let extras = &mut parsed.document.extras;
    extras.flavour = parsed.flavour.id().to_owned();
    extras.file_name = path.to_owned();
    extras.source = Some(SourceText {
        text: original.to_owned(),
        fingerprint: String::new(),
    });
    parsed
}

fn has_status_section(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| heading_key(b.heading) == "status")
}

/// A heading compared without case and without a trailing `<!-- optional -->` comment.
fn heading_key(heading: &str) -> String {
    let heading = heading.split("<!--").next().unwrap_or(heading);
    heading.trim().to_ascii_lowercase()
}

/// The section a heading names, in any flavour's words.
fn section_index(heading: &str) -> Option<usize> {
    match heading_key(heading).as_str() {
        "context and problem statement" | "context" | "problem statement" => Some(0),
        "decision drivers" => Some(1),
        "considered options" | "options" | "options considered" => Some(2),
        "decision outcome" | "decision" => Some(OUTCOME),
        "consequences" => Some(CONSEQUENCES),
        "confirmation" => Some(CONFIRMATION),
        "more information" => Some(MORE_INFO),
        _ => None,
    }
}

/// `text` for a note, at most 80 characters: notes are shown in the report and kept in the
/// session until then, so a file cannot make them large.
pub(super) fn quoted(text: &str) -> String {
    let mut short: String = text.chars().take(80).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// Our status for words teams use instead of ours.
fn status_of_synonym(status: &str, first_word: &str) -> Option<AdrStatus> {
    const WORDS: [(&str, AdrStatus); 14] = [
        ("approved", AdrStatus::Accepted),
        ("agreed", AdrStatus::Accepted),
        ("adopted", AdrStatus::Accepted),
        ("decided", AdrStatus::Accepted),
        ("implemented", AdrStatus::Accepted),
        ("declined", AdrStatus::Rejected),
        ("obsolete", AdrStatus::Deprecated),
        ("retired", AdrStatus::Deprecated),
        ("pending", AdrStatus::Proposed),
        ("draft", AdrStatus::Proposed),
        ("proposal", AdrStatus::Proposed),
        ("open", AdrStatus::Proposed),
        ("wip", AdrStatus::Proposed),
        ("review", AdrStatus::Proposed),
    ];
    if status.starts_with("in review") || status.starts_with("under review") {
        return Some(AdrStatus::Proposed);
    }
    WORDS
        .iter()
        .find(|(word, _)| *word == first_word)
        .map(|(_, status)| *status)
}

#[derive(Default)]
struct Reader {
    document: AdrDocument,
    flavour: Option<Flavour>,
    front_matter_title: Option<String>,
    links: Vec<LinkLine>,
    notes: Vec<String>,
    /// Sections already read, so that a second one with the same heading is kept as it is.
    seen: [bool; 7],
}

impl Reader {
    fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    fn finish(mut self, number: Option<i32>) -> ParsedFile {
        if self.document.status.is_none() {
            self.note("no status given; stored as proposed");
        }
        if self.seen.iter().all(|seen| !seen) && self.document.extras.sections.is_empty() {
            self.note("no sections found; the text under the title is kept as it is");
        }
        ParsedFile {
            document: self.document,
            number,
            flavour: self.flavour.unwrap_or(Flavour::Madr),
            links: self.links,
            notes: self.notes,
        }
    }

    fn read_front_matter(&mut self, lines: &[&str]) {
        for entry in front_matter::entries(lines) {
            if entry.key == "title" && self.front_matter_title.is_none() {
                self.front_matter_title = Some(front_matter::scalar(&entry.value));
                // Kept as well: a `# ` title may also be there, and the file writes both.
                self.document.extras.front_matter.push(entry.raw);
            } else if !self.read_field(&entry.key, &entry.value) {
                self.document.extras.front_matter.push(entry.raw);
            }
        }
    }

    /// A field known in front matter and header lines; false when the key is not ours.
    fn read_field(&mut self, key: &str, value: &str) -> bool {
        match key {
            "status" => self.read_status(&front_matter::scalar(value)),
            "date" => self.read_date(&front_matter::scalar(value)),
            "decision-makers" | "deciders" => {
                self.document.decision_makers = front_matter::names(value)
            }
            "consulted" => self.document.consulted = front_matter::names(value),
            "informed" => self.document.informed = front_matter::names(value),
            _ => return false,
        }
        true
    }

    /// `accepted`, `superseded by ADR-0057`, `accepted; supersedes ADR-0045`,
    /// `superseded by [ADR-0005](0005-x.md)`: the status word, and a typed link per phrase.
    fn read_status(&mut self, value: &str) {
        let value = value.trim();
        let mut parts = value.split(';').map(str::trim).filter(|p| !p.is_empty());
        let Some(first) = parts.next() else { return };
        if let Some(link) = parse_link_phrase(first) {
            if link.incoming && link.kind == crate::decisions::domain::LinkKind::Supersedes {
                self.document.status = Some(AdrStatus::Superseded);
            }
            self.push_link(link);
        } else {
            self.read_status_word(first);
        }
        for part in parts {
            match parse_link_phrase(part) {
                Some(link) => self.push_link(link),
                None => self.note(format!(
                    "\"{}\" in the status was not read as a link",
                    quoted(part)
                )),
            }
        }
        let status = self.document.status.unwrap_or(AdrStatus::Proposed);
        if value != status.as_str() {
            self.document.extras.status_word = Some((status, value.to_owned()));
        }
    }

    /// A status as teams write it: ours in any case, with a leading emoji or a note after it
    /// ("✅ Accepted", "Rejected (see [019](...))"), or a word of the same meaning
    /// ("Approved", "Pending"). Words that are not ours are kept for export.
    fn read_status_word(&mut self, word: &str) {
        let lower = word.to_lowercase();
        let core = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
        let first = core
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or_default();
        if core.starts_with("superseded") || core.starts_with("superceded") {
            self.document.status = Some(AdrStatus::Superseded);
        } else if let Ok(status) = AdrStatus::parse(first) {
            self.document.status = Some(status);
        } else if let Some(status) = status_of_synonym(core, first) {
            self.document.status = Some(status);
            self.note(format!(
                "status \"{}\" read as {}; the word is kept for export",
                quoted(word),
                status.as_str()
            ));
        } else {
            self.document.status = Some(AdrStatus::Proposed);
            self.note(format!(
                "status \"{}\" is not one of ours; stored as proposed and kept for export",
                quoted(word)
            ));
        }
    }

    fn push_link(&mut self, link: LinkLine) {
        self.document.extras.supercede_spelling |= link.supercede_spelling;
        self.links.push(link);
    }

    fn read_date(&mut self, raw: &str) {
        let stated = read_stated_date(raw);
        if let Some(problem) = stated.problem {
            self.note(problem);
        }
        self.document.date = stated.date.map(|d| d.to_string()).unwrap_or_default();
        if stated.written != self.document.date {
            self.document.extras.date_written = Some((self.document.date.clone(), stated.written));
        }
    }

    /// The header block under the title (after an intro paragraph, if there is one); the
    /// paragraphs before it and after it are kept as written.
    fn read_header(&mut self, lines: &[&str]) {
        let header = find_header(lines);
        if let Some(bullet) = header.bullet {
            if self.flavour.is_none() {
                self.flavour = Some(if bullet == '*' {
                    Flavour::Madr2
                } else {
                    Flavour::Log4brains
                });
            }
        }
        for line in &header.lines {
            let known = known_field(line).filter(|(key, _)| key != "title");
            let read = match known.or_else(|| field(line)) {
                Some((key, value)) => self.read_field(&key, &value),
                None => false,
            };
            if !read {
                self.document.extras.header_lines.push((*line).to_owned());
            }
        }
        self.document.extras.intro = trimmed(&header.intro);
        self.document.extras.preamble = trimmed(&header.rest);
    }
}

mod sections;
#[cfg(test)]
mod tests;
