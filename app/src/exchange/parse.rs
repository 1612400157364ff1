//! Reads one ADR file of any flavour: MADR 3/4 (front matter), MADR 2 and log4brains (header
//! bullets), Nygard / adr-tools (`# N. Title`, `## Status`). Whatever has no field here is kept
//! in the document's extras, word for word.
use chrono::NaiveDate;

use super::{
    blocks::{skeleton, split_subsections, trimmed, Block},
    document::{AdrDocument, ExtraSection, Slot, CONFIRMATION, CONSEQUENCES, MORE_INFO, OUTCOME},
    front_matter,
    links::{leading_number, parse_link_line, LinkLine},
};
use crate::decisions::domain::AdrStatus;

/// One file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    /// `number` is 0 when neither the file name nor the title gave one.
    pub document: AdrDocument,
    /// The flavour the file looked like, for the import report.
    pub flavour: &'static str,
    /// The links it states; their targets are matched to numbers across the whole import.
    pub links: Vec<LinkLine>,
    /// What was read differently from how it was written ("unknown status kept").
    pub notes: Vec<String>,
}

/// Reads `text`, the content of the file called `file_name`. Fails only when there is no title.
pub fn parse_adr(file_name: &str, text: &str) -> Result<ParsedFile, String> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let skeleton = skeleton(&text);
    let mut reader = Reader::default();
    let title = skeleton
        .title
        .ok_or("it has no title (a line starting with `# `)")?;
    let file_number = leading_number(file_name).filter(|n| *n < 10_000);
    let (number, title) = split_numbered_title(title, file_number);
    reader.document.number = number.or(file_number).unwrap_or(0);
    reader.document.title = title.to_owned();
    if let Some(lines) = &skeleton.front_matter {
        reader.flavour = "MADR 3/4 (front matter)";
        reader.read_front_matter(lines);
    } else if number.is_some() || has_status_section(&skeleton.blocks) {
        reader.flavour = "Nygard (adr-tools)";
    }
    reader.read_header(&skeleton.header);
    let before_title = trimmed(&skeleton.before_title);
    if !before_title.is_empty() {
        reader.note("text before the title was left out");
    }
    let mut slot = Slot::Header;
    for block in &skeleton.blocks {
        slot = reader.read_block(block, slot);
    }
    Ok(reader.finish())
}

/// `7. Use REST` -> (7, "Use REST") when the number is the file's, or the file has none.
fn split_numbered_title(title: &str, file_number: Option<i32>) -> (Option<i32>, &str) {
    let digits = title.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = title[digits..].strip_prefix(". ") {
            let number: Option<i32> = title[..digits].parse().ok();
            if file_number.is_none() || number == file_number {
                return (number, rest.trim());
            }
        }
    }
    (None, title)
}

fn has_status_section(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| heading_key(b.heading) == "status")
}

/// A heading compared without case and without a trailing `<!-- optional -->` comment.
fn heading_key(heading: &str) -> String {
    let heading = heading.split("<!--").next().unwrap_or(heading);
    heading.trim().to_ascii_lowercase()
}

#[derive(Default)]
struct Reader {
    document: AdrDocument,
    flavour: &'static str,
    links: Vec<LinkLine>,
    notes: Vec<String>,
    /// Sections already read, so that a second one with the same heading is kept as it is.
    seen: [bool; 7],
}

impl Reader {
    fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    fn finish(mut self) -> ParsedFile {
        if self.flavour.is_empty() {
            self.flavour = "MADR 2 / log4brains (header bullets)";
        }
        if self.document.status.is_none() {
            self.note("no status given; stored as proposed");
        }
        ParsedFile {
            document: self.document,
            flavour: self.flavour,
            links: self.links,
            notes: self.notes,
        }
    }

    fn read_front_matter(&mut self, lines: &[&str]) {
        for entry in front_matter::entries(lines) {
            if !self.read_field(&entry.key, &entry.value) {
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

    fn read_status(&mut self, word: &str) {
        let word = word.trim();
        let lower = word.to_ascii_lowercase();
        if lower.starts_with("superseded") || lower.starts_with("superceded") {
            self.document.status = Some(AdrStatus::Superseded);
            if let Some(link) = parse_link_line(word) {
                self.links.push(link);
            }
        } else if let Ok(status) = AdrStatus::parse(&lower) {
            self.document.status = Some(status);
        } else if !word.is_empty() {
            self.document.status = Some(AdrStatus::Proposed);
            self.document.extras.status_word = Some((AdrStatus::Proposed, word.to_owned()));
            self.note(format!(
                "status \"{word}\" is not one of ours; stored as proposed and kept for export"
            ));
        }
    }

    fn read_date(&mut self, raw: &str) {
        match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
            Ok(date) => self.document.date = date.to_string(),
            Err(_) => self.note(format!(
                "date \"{}\" is not YYYY-MM-DD; today's date was used",
                raw.trim()
            )),
        }
    }

    /// The first paragraph under the title, when every line of it is `Key: value` (with or
    /// without a bullet), is the header; the rest is kept as the preamble.
    fn read_header(&mut self, lines: &[&str]) {
        let start = lines
            .iter()
            .position(|l| !l.trim().is_empty())
            .unwrap_or(lines.len());
        let end = lines[start..]
            .iter()
            .position(|l| l.trim().is_empty())
            .map_or(lines.len(), |i| start + i);
        let paragraph = &lines[start..end];
        // `Key: value` lines are a header when one names a field of ours or all are bullets
        // (log4brains); a lone "Technical story: ..." line under a MADR title is prose.
        let is_header = !paragraph.is_empty()
            && paragraph.iter().all(|l| header_field(l).is_some())
            && paragraph.iter().any(|l| {
                header_field(l).is_some_and(|(key, _)| KNOWN_KEYS.contains(&key.as_str()))
                    || is_bullet(l)
            });
        let rest = if is_header {
            for line in paragraph {
                let (key, value) = header_field(line).unwrap_or_default();
                if !self.read_field(&key, &value) {
                    self.document.extras.header_lines.push((*line).to_owned());
                }
            }
            &lines[end..]
        } else {
            lines
        };
        self.document.extras.preamble = trimmed(rest);
    }

    /// Reads one `## ` block; returns the slot the next unknown section would follow.
    fn read_block(&mut self, block: &Block, slot: Slot) -> Slot {
        let key = heading_key(block.heading);
        let section = match key.as_str() {
            "status" if self.document.status.is_none() => {
                return self.read_status_block(&block.lines)
            }
            "links" => return self.read_links_block(block, slot),
            "context and problem statement" | "context" => Some(0),
            "decision drivers" => Some(1),
            "considered options" => Some(2),
            "decision outcome" | "decision" => Some(OUTCOME),
            "consequences" => Some(CONSEQUENCES),
            "confirmation" => Some(CONFIRMATION),
            "more information" => Some(MORE_INFO),
            _ => None,
        };
        match section {
            Some(index) if !self.seen[index] => self.read_section(index, &block.lines),
            _ => {
                self.keep_section(block.heading, trimmed(&block.lines), slot);
                slot
            }
        }
    }

    fn keep_section(&mut self, heading: &str, body: String, after: Slot) {
        self.document.extras.sections.push(ExtraSection {
            after,
            heading: heading.to_owned(),
            body,
        });
    }

    fn read_section(&mut self, index: usize, lines: &[&str]) -> Slot {
        self.seen[index] = true;
        match index {
            OUTCOME => {
                let (before, parts) = split_subsections(lines, &["Consequences", "Confirmation"]);
                self.document.sections[OUTCOME] = trimmed(&before);
                let mut last = OUTCOME;
                for (part, part_lines) in parts {
                    let field = [CONSEQUENCES, CONFIRMATION][part];
                    if self.seen[field] {
                        // A second subsection of the same name stays text of the one before.
                        let text = &mut self.document.sections[last];
                        text.push_str(&format!(
                            "\n\n### {}\n\n{}",
                            ["Consequences", "Confirmation"][part],
                            trimmed(&part_lines)
                        ));
                        continue;
                    }
                    self.seen[field] = true;
                    self.document.sections[field] = trimmed(&part_lines);
                    last = field;
                }
                Slot::Section(last)
            }
            MORE_INFO => {
                let mut lines = lines.to_vec();
                let mut found = Vec::new();
                while let Some(last) = lines.iter().rposition(|l| !l.trim().is_empty()) {
                    match parse_link_line(lines[last]) {
                        Some(link) if is_bullet(lines[last]) => {
                            found.push(link);
                            lines.truncate(last);
                        }
                        _ => break,
                    }
                }
                found.reverse();
                self.links.extend(found);
                self.document.sections[MORE_INFO] = trimmed(&lines);
                Slot::Section(MORE_INFO)
            }
            _ => {
                self.document.sections[index] = trimmed(lines);
                Slot::Section(index)
            }
        }
    }

    /// adr-tools' status section: the status, then link lines; other lines are kept.
    fn read_status_block(&mut self, lines: &[&str]) -> Slot {
        for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            if let Some(link) = parse_link_line(line) {
                if self.document.status.is_none()
                    && link.incoming
                    && line.to_ascii_lowercase().starts_with("super")
                {
                    self.document.status = Some(AdrStatus::Superseded);
                }
                self.links.push(link);
            } else if self.document.status.is_none() {
                self.read_status(line);
            } else {
                self.document.extras.status_notes.push(line.to_owned());
            }
        }
        Slot::Status
    }

    /// log4brains' `## Links`: link lines are read; anything else is kept as a section.
    fn read_links_block(&mut self, block: &Block, slot: Slot) -> Slot {
        let mut rest = Vec::new();
        for line in &block.lines {
            match parse_link_line(line) {
                Some(link) => self.links.push(link),
                None => rest.push(*line),
            }
        }
        let rest = trimmed(&rest);
        if !rest.is_empty() {
            self.keep_section(block.heading, rest, slot);
        }
        Slot::Links
    }
}

/// The fields front matter and header lines may carry.
const KNOWN_KEYS: [&str; 6] = [
    "status",
    "date",
    "decision-makers",
    "deciders",
    "consulted",
    "informed",
];

fn is_bullet(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("* ") || line.starts_with("- ")
}

/// `- Status: accepted`, `* Deciders: Ada`, `Date: 2024-01-02` -> (lower-case key, value).
fn header_field(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let line = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .unwrap_or(line);
    let (key, value) = line.split_once(':')?;
    let key_ok = !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_');
    key_ok.then(|| (key.trim().to_ascii_lowercase(), value.trim().to_owned()))
}
