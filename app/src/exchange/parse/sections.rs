//! The `## ` sections of a file: the known ones by their headings in any flavour, a status
//! section's links, log4brains' links, and every other section kept as it is.
use super::{heading_key, section_index, Reader};
use crate::{
    decisions::domain::AdrStatus,
    exchange::{
        blocks::{split_subsections, trimmed, Block},
        document::{ExtraSection, Slot, CONFIRMATION, CONSEQUENCES, MORE_INFO, OUTCOME},
        header::is_bullet,
        links::parse_link_line,
        write::Flavour,
    },
};

impl Reader {
    /// Reads one `## ` block; returns the slot the next unknown section would follow.
    pub(super) fn read_block(&mut self, block: &Block, slot: Slot) -> Slot {
        let key = heading_key(block.heading);
        if key == "status" {
            return self.read_status_block(&block.lines);
        }
        if key == "links" {
            return self.read_links_block(block, slot);
        }
        match section_index(block.heading) {
            Some(index) if !self.seen[index] => {
                self.remember_heading(index, block.heading);
                self.read_section(index, &block.lines)
            }
            _ => {
                self.keep_section(block.heading, trimmed(&block.lines), slot);
                slot
            }
        }
    }

    /// Keeps the section's place in the file's order, and its heading if it is not the one
    /// the flavour writes.
    fn remember_heading(&mut self, index: usize, heading: &str) {
        let extras = &mut self.document.extras;
        extras.order.push(index);
        let flavour = self.flavour.unwrap_or(Flavour::Madr);
        if heading != flavour.heading(index) {
            extras.headings.push((index, heading.to_owned()));
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
                for link in found {
                    self.push_link(link);
                }
                self.document.sections[MORE_INFO] = trimmed(&lines);
                Slot::Section(MORE_INFO)
            }
            _ => {
                self.document.sections[index] = trimmed(lines);
                Slot::Section(index)
            }
        }
    }

    /// A status section (adr-tools', and any flavour's): the status, then link lines
    /// (`Superseded by [ADR-0005](0005-x.md)`); other lines are kept.
    fn read_status_block(&mut self, lines: &[&str]) -> Slot {
        for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            if let Some(link) = parse_link_line(line) {
                if self.document.status.is_none()
                    && link.incoming
                    && line.to_ascii_lowercase().starts_with("super")
                {
                    self.document.status = Some(AdrStatus::Superseded);
                }
                self.push_link(link);
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
                Some(link) => self.push_link(link),
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
