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
    /// The href's file name (`0001-use-x.md`).
    pub file: String,
}

/// Reads `line` as a link line: an optional bullet, a known phrase, a markdown link, nothing else.
pub fn parse_link_line(line: &str) -> Option<LinkLine> {
    let line = line.trim();
    let line = line
        .strip_prefix("* ")
        .or_else(|| line.strip_prefix("- "))
        .unwrap_or(line)
        .trim_start();
    let lower = line.to_ascii_lowercase();
    let (phrase, kind, incoming) = PHRASES
        .iter()
        .find(|(phrase, ..)| lower.starts_with(phrase))?;
    let rest = line[phrase.len()..]
        .trim_start()
        .trim_start_matches(':')
        .trim_start();
    let (text, href) = markdown_link(rest)?;
    let file = href.rsplit('/').next().unwrap_or(href).to_owned();
    let number = leading_number(&file).or_else(|| number_in_text(text));
    Some(LinkLine {
        kind: *kind,
        incoming: *incoming,
        number,
        file,
    })
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

/// The digits a file name starts with, when they are followed by a dash (`0007-x.md` -> 7).
pub fn leading_number(file_name: &str) -> Option<i32> {
    let digits: String = file_name.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || !file_name[digits.len()..].starts_with('-') {
        return None;
    }
    digits.parse().ok()
}

/// `ADR-0007`, `ADR-0007: Title`, `7. Title` -> 7.
fn number_in_text(text: &str) -> Option<i32> {
    let text = text.trim();
    let text = text
        .strip_prefix("ADR-")
        .or_else(|| text.strip_prefix("adr-"))
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

/// `Supersedes [1. Title](0001-title.md)`, the way adr-tools links.
pub fn write_nygard_link(link: &DocumentLink) -> String {
    format!(
        "{} [{}. {}]({})",
        link.phrase(),
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
        };
        assert_eq!(
            write_nygard_link(&link),
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
