//! Link lines between ADR files: `Supersedes [1. Use X](0001-use-x.md)` in adr-tools' status
//! section, `* Amended by [ADR-0004: ...](0004-....md)` in MADR and log4brains.
use super::document::DocumentLink;
use crate::decisions::domain::LinkKind;

/// The phrases we read, lower-case, with the link they mean. adr-tools spells it "supercede".
const PHRASES: [(&str, LinkKind, bool); 9] = [
    ("superseded by", LinkKind::Supersedes, true),
    ("superceded by", LinkKind::Supersedes, true),
    ("supersedes", LinkKind::Supersedes, false),
    ("supercedes", LinkKind::Supersedes, false),
    ("amended by", LinkKind::Amends, true),
    ("amends", LinkKind::Amends, false),
    ("relates to", LinkKind::RelatesTo, false),
    ("related to", LinkKind::RelatesTo, false),
    ("related", LinkKind::RelatesTo, false),
];

/// A link line as written in a file, before its target is known by number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkLine {
    pub kind: LinkKind,
    pub incoming: bool,
    /// The target's number as the href or the text gives it, if either does.
    pub number: Option<i32>,
    /// The href's file name (`0001-use-x.md`); empty for a bare `ADR-0057`.
    pub file: String,
    /// Written with adr-tools' spelling, "Supercedes" / "Superceded by".
    pub supercede_spelling: bool,
}

/// Reads `line` as a link line: an optional bullet, a known phrase, a markdown link, nothing else.
pub fn parse_link_line(line: &str) -> Option<LinkLine> {
    let line = line.trim();
    let line = line
        .strip_prefix("* ")
        .or_else(|| line.strip_prefix("- "))
        .unwrap_or(line)
        .trim_start();
    let (kind, incoming, spelling, rest) = phrase_at_start(line)?;
    let (text, href) = markdown_link(rest)?;
    let file = linked_file(href);
    let number = file_number(&file).or_else(|| number_in_text(text));
    Some(LinkLine {
        kind,
        incoming,
        number,
        file,
        supercede_spelling: spelling,
    })
}

/// A link phrase as MADR 4 status values write them, `superseded by ADR-0057` or
/// `supersedes [ADR-0045](0045-x.md)`: the phrase, then a markdown link or a bare number.
pub fn parse_link_phrase(text: &str) -> Option<LinkLine> {
    if let Some(line) = parse_link_line(text) {
        return Some(line);
    }
    let (kind, incoming, spelling, rest) = phrase_at_start(text.trim())?;
    let rest = rest.trim().trim_end_matches(['.', ')']);
    let is_reference = rest
        .trim_start_matches('#')
        .trim_start_matches("ADR")
        .trim_start_matches("adr")
        .trim_start_matches(['-', ' ', '_'])
        .chars()
        .all(|c| c.is_ascii_digit());
    let number = number_in_text(rest.trim_start_matches('#')).filter(|_| is_reference)?;
    Some(LinkLine {
        kind,
        incoming,
        number: Some(number),
        file: String::new(),
        supercede_spelling: spelling,
    })
}

/// The link phrase `line` starts with, its spelling, and what follows it (without a colon).
fn phrase_at_start(line: &str) -> Option<(LinkKind, bool, bool, &str)> {
    let lower = line.to_ascii_lowercase();
    let (phrase, kind, incoming) = PHRASES
        .iter()
        .find(|(phrase, ..)| lower.starts_with(phrase))?;
    let rest = line[phrase.len()..]
        .trim_start()
        .trim_start_matches(':')
        .trim_start();
    Some((*kind, *incoming, phrase.starts_with("superce"), rest))
}

/// The file an href names: its last part, with its folder for a folder per decision
/// (`../0003-use-queues/README.md` -> `0003-use-queues/README.md`).
fn linked_file(href: &str) -> String {
    let href = href.split(['#', '?']).next().unwrap_or(href);
    let mut parts = href.rsplit('/');
    let name = parts.next().unwrap_or(href);
    let lower = name.to_ascii_lowercase();
    match parts.next() {
        Some(folder)
            if (lower == "readme.md" || lower == "index.md")
                && !folder.is_empty()
                && folder != ".."
                && folder != "." =>
        {
            format!("{folder}/{name}")
        }
        _ => name.to_owned(),
    }
}

/// `[text](href)` and nothing after it.
fn markdown_link(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find("](")?;
    let href_and_rest = &inner[close + 2..];
    let end = href_and_rest.find(')')?;
    if !href_and_rest[end + 1..].trim().is_empty() {
        return None;
    }
    Some((&inner[..close], href_and_rest[..end].trim()))
}

/// The ADR number a file (or folder) name gives, the ways repositories name them: `0007-x.md`,
/// `007_x.md`, `adr-7-x.md`, `ADR0007-x.md`, `ADR-0007_X.md`. Date-named files
/// (`20240102-x.md`, `2024-01-02-x.md`) give none.
pub fn file_number(file_name: &str) -> Option<i32> {
    if is_date_named(file_name) {
        return None;
    }
    let lower = file_name.to_ascii_lowercase();
    let rest = match lower.strip_prefix("adr") {
        Some(rest) => rest.trim_start_matches(['-', '_', ' ']),
        None => &lower,
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 7 || !rest[digits..].starts_with(['-', '_', '.', ' ']) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// `20240102-title.md` or `2024-01-02-title.md`, as log4brains and some teams name files.
pub fn is_date_named(file_name: &str) -> bool {
    let bytes = file_name.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes.len() > range.end && bytes[range].iter().all(u8::is_ascii_digit)
    };
    let separator = |at: usize| {
        bytes
            .get(at)
            .is_some_and(|b| matches!(b, b'-' | b'_' | b'.'))
    };
    (digits(0..8) && separator(8))
        || (digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10))
}

/// `ADR-0007`, `ADR-0007: Title`, `7. Title` -> 7.
fn number_in_text(text: &str) -> Option<i32> {
    let text = text.trim();
    let text = text
        .strip_prefix("ADR")
        .or_else(|| text.strip_prefix("adr"))
        .map(|rest| rest.trim_start_matches(['-', ' ', '_']))
        .unwrap_or(text);
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// `Supersedes [ADR-0001: Title](0001-title.md)`, the way MADR and log4brains files link.
pub fn write_madr_link(link: &DocumentLink) -> String {
    format!("{} {}", link.phrase(), madr_link_target(link))
}

/// `[ADR-0001: Title](0001-title.md)`.
pub fn madr_link_target(link: &DocumentLink) -> String {
    format!(
        "[ADR-{:04}: {}]({})",
        link.number,
        link.title,
        link.file_name()
    )
}

/// `Supersedes [1. Title](0001-title.md)`, the way adr-tools links (it spells it "Supercedes";
/// `supercede_spelling` keeps that spelling where the file had it).
pub fn write_nygard_link(link: &DocumentLink, supercede_spelling: bool) -> String {
    let phrase = link.phrase();
    let phrase = if supercede_spelling {
        phrase.replace("Supers", "Superc")
    } else {
        phrase.to_owned()
    };
    format!(
        "{} [{}. {}]({})",
        phrase,
        link.number,
        link.title,
        link.file_name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_of_supersede_are_read() {
        let line = parse_link_line("Superceded by [3. Use gRPC](0003-use-grpc.md)").unwrap();
        assert_eq!(
            (line.kind, line.incoming, line.number),
            (LinkKind::Supersedes, true, Some(3))
        );
        let line = parse_link_line("* Supercedes [ADR-0001](0001-x.md)").unwrap();
        assert_eq!(
            (line.kind, line.incoming, line.number),
            (LinkKind::Supersedes, false, Some(1))
        );
        let line = parse_link_line("- Amended by [ADR-0012: Y](../decisions/0012-y.md)").unwrap();
        assert_eq!(
            (line.kind, line.incoming, line.number),
            (LinkKind::Amends, true, Some(12))
        );
        assert_eq!(line.file, "0012-y.md");
    }

    #[test]
    fn the_number_comes_from_the_text_when_the_file_has_none() {
        let line = parse_link_line("Relates to [ADR-0009](https://example.com/adr)").unwrap();
        assert_eq!(line.number, Some(9));
        let line = parse_link_line("Relates to [a chat](https://example.com)").unwrap();
        assert_eq!(line.number, None);
    }

    #[test]
    fn status_values_name_their_links_without_a_markdown_link() {
        let line = parse_link_phrase("superseded by ADR-0057").unwrap();
        assert_eq!(
            (line.kind, line.incoming, line.number, line.file.as_str()),
            (LinkKind::Supersedes, true, Some(57), "")
        );
        let line = parse_link_phrase("supersedes [ADR-0045](0045-x.md)").unwrap();
        assert_eq!((line.incoming, line.number), (false, Some(45)));
        assert!(parse_link_phrase("superseded by the new plan").is_none());
    }

    #[test]
    fn file_names_give_numbers_the_ways_repositories_write_them() {
        for (name, number) in [
            ("0007-use-rest.md", Some(7)),
            ("007-use-rest.md", Some(7)),
            ("adr-007-use-rest.md", Some(7)),
            ("adr007-use-rest.md", Some(7)),
            ("ADR-0012-Use_REST.md", Some(12)),
            ("ADR_0012_use_rest.md", Some(12)),
            ("0000-record-decisions.md", Some(0)),
            ("0003.md", Some(3)),
            ("20240102-use-rest.md", None),
            ("2024-01-02-use-rest.md", None),
            ("use-rest.md", None),
            ("adr-template.md", None),
        ] {
            assert_eq!(file_number(name), number, "{name}");
        }
        assert!(is_date_named("20240102-use-rest.md"));
        assert!(!is_date_named("0001-use-rest.md"));
    }

    #[test]
    fn prose_is_not_a_link_line() {
        assert!(
            parse_link_line("Supersedes the old plan, see [1](0001-a.md) for details").is_none()
        );
        assert!(parse_link_line("We chose REST.").is_none());
        assert!(parse_link_line("Refined by [ADR-0002](0002-b.md)").is_none());
    }

    #[test]
    fn links_are_written_as_each_tool_expects() {
        let link = DocumentLink {
            kind: LinkKind::Supersedes,
            incoming: true,
            number: 2,
            title: "Use gRPC".into(),
            file: String::new(),
        };
        assert_eq!(
            write_nygard_link(&link, false),
            "Superseded by [2. Use gRPC](0002-use-grpc.md)"
        );
        assert_eq!(
            write_madr_link(&link),
            "Superseded by [ADR-0002: Use gRPC](0002-use-grpc.md)"
        );
        let read = parse_link_line(&write_madr_link(&link)).unwrap();
        assert_eq!(
            (read.kind, read.incoming, read.number),
            (link.kind, true, Some(2))
        );
    }
}
