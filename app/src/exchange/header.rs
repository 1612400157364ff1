//! The header under an ADR's title: adr-tools' `Date:` line, MADR 2's `* Status:` bullets,
//! log4brains' `- Status:` bullets. Real files put an intro paragraph before it now and then,
//! or write a line without its colon (`- Date 2023-09-26`); neither hides the rest.

/// The fields front matter and header lines may carry.
pub const KNOWN_KEYS: [&str; 7] = [
    "status",
    "date",
    "decision-makers",
    "deciders",
    "consulted",
    "informed",
    "title",
];

/// The header area cut into what came before the header block, the block, and what follows.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Header<'a> {
    pub intro: Vec<&'a str>,
    pub lines: Vec<&'a str>,
    /// The block's bullet, `*` or `-`, when its lines have one.
    pub bullet: Option<char>,
    pub rest: Vec<&'a str>,
}

/// Finds the header block among the paragraphs under the title. The first paragraph is a
/// header when its lines are fields and one names a field of ours, or all are bullets; a later
/// paragraph only when it names a field of ours, so that a list in the prose is not taken.
pub fn find_header<'a>(lines: &[&'a str]) -> Header<'a> {
    let paragraphs = paragraphs(lines);
    for (position, &(start, end)) in paragraphs.iter().enumerate().take(3) {
        let block = &lines[start..end];
        let names_ours = block.iter().any(|l| known_field(l).is_some());
        let all_fields = block.iter().all(|l| field(l).is_some() || is_bullet(l));
        let all_bullets = block.iter().all(|l| field(l).is_some() && is_bullet(l));
        let first = position == 0;
        if all_fields && (names_ours || (first && all_bullets)) {
            return Header {
                intro: lines[..start].to_vec(),
                lines: block.to_vec(),
                bullet: block.iter().find_map(|l| bullet_of(l)),
                rest: lines[end..].to_vec(),
            };
        }
    }
    Header {
        rest: lines.to_vec(),
        ..Header::default()
    }
}

/// (start, end) of each run of non-blank lines.
fn paragraphs(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        match (line.trim().is_empty(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                found.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        found.push((s, lines.len()));
    }
    found
}

pub fn is_bullet(line: &str) -> bool {
    bullet_of(line).is_some()
}

fn bullet_of(line: &str) -> Option<char> {
    let line = line.trim_start();
    ["* ", "- "]
        .iter()
        .find(|b| line.starts_with(*b))
        .and_then(|b| b.chars().next())
}

fn without_bullet(line: &str) -> &str {
    let line = line.trim();
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .unwrap_or(line)
}

/// `- Status: accepted`, `* Deciders: Ada`, `Date: 2024-01-02` -> (lower-case key, value).
pub fn field(line: &str) -> Option<(String, String)> {
    let line = without_bullet(line);
    let (key, value) = line.split_once(':')?;
    let key_ok = !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_');
    key_ok.then(|| (normal_key(key), value.trim().to_owned()))
}

/// A field of ours, with or without its colon (`- Date 2023-09-26`).
pub fn known_field(line: &str) -> Option<(String, String)> {
    if let Some((key, value)) = field(line) {
        return KNOWN_KEYS.contains(&key.as_str()).then_some((key, value));
    }
    let line = without_bullet(line);
    let (key, value) = line.split_once(' ')?;
    let key = normal_key(key);
    (KNOWN_KEYS.contains(&key.as_str()) && key != "title").then(|| (key, value.trim().to_owned()))
}

fn normal_key(key: &str) -> String {
    key.trim().to_ascii_lowercase().replace(['_', ' '], "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_after_an_intro_paragraph_is_found() {
        let lines = [
            "",
            "A short note on why this matters.",
            "",
            "* Status: accepted",
            "* Date: 2023-09-26",
            "",
            "Technical story: #12",
        ];
        let header = find_header(&lines);
        assert_eq!(header.intro, ["", "A short note on why this matters.", ""]);
        assert_eq!(header.lines.len(), 2);
        assert_eq!(header.bullet, Some('*'));
        assert_eq!(header.rest, ["", "Technical story: #12"]);
    }

    #[test]
    fn a_line_without_its_colon_does_not_cost_the_rest_of_the_header() {
        let lines = ["- Status: accepted", "- Date 2023-09-26", "- Deciders: Ada"];
        let header = find_header(&lines);
        assert_eq!(header.lines.len(), 3);
        assert_eq!(
            known_field(lines[1]),
            Some(("date".into(), "2023-09-26".into()))
        );
    }

    #[test]
    fn prose_and_lists_in_the_prose_are_not_a_header() {
        assert!(find_header(&["Technical story: #12"]).lines.is_empty());
        let later_list = ["We weighed two things.", "", "- Cost: low", "- Speed: high"];
        assert!(find_header(&later_list).lines.is_empty());
        assert_eq!(
            find_header(&["- Cost: low", "- Speed: high"]).lines.len(),
            2
        );
    }
}
