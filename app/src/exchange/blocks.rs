//! A markdown file cut into the parts ADR files are made of: front matter, the title, the
//! header lines under it, and one block per `## ` section. Headings inside fenced code are text.

/// The parts of one file. Lines keep their text exactly (line endings are `\n` by then).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Skeleton<'a> {
    /// Lines between the `---` fences at the very top, if there are any.
    pub front_matter: Option<Vec<&'a str>>,
    /// The first `# ` heading's text.
    pub title: Option<&'a str>,
    /// Lines before the title (after any front matter).
    pub before_title: Vec<&'a str>,
    /// Lines between the title and the first `## ` section.
    pub header: Vec<&'a str>,
    pub blocks: Vec<Block<'a>>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Block<'a> {
    pub heading: &'a str,
    pub lines: Vec<&'a str>,
}

/// Tracks whether a line is inside a fenced code block.
#[derive(Default)]
struct Fence {
    open: Option<(char, usize)>,
}

impl Fence {
    /// True when `line` is code (a fence line itself counts as code).
    fn is_code(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        match (self.open, marker) {
            (Some((open, len)), Some(m)) if m == open && run >= len => {
                self.open = None;
                true
            }
            (Some(_), _) => true,
            (None, Some(m)) if run >= 3 => {
                self.open = Some((m, run));
                true
            }
            (None, _) => false,
        }
    }
}

fn heading_text<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix).map(str::trim)
}

/// Cuts `text` into its parts.
pub fn skeleton(text: &str) -> Skeleton<'_> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    let mut skeleton = Skeleton::default();
    let mut rest = &lines[..];
    if rest.first().map(|l| l.trim_end()) == Some("---") {
        if let Some(end) = rest[1..].iter().position(|l| l.trim_end() == "---") {
            skeleton.front_matter = Some(rest[1..=end].to_vec());
            rest = &rest[end + 2..];
        }
    }
    let mut fence = Fence::default();
    for line in rest {
        if fence.is_code(line) {
            push_line(&mut skeleton, line);
            continue;
        }
        if skeleton.title.is_none() && skeleton.blocks.is_empty() {
            if let Some(title) = heading_text(line, "# ") {
                skeleton.title = Some(title);
                continue;
            }
        }
        if let Some(heading) = heading_text(line, "## ") {
            skeleton.blocks.push(Block {
                heading,
                lines: Vec::new(),
            });
            continue;
        }
        push_line(&mut skeleton, line);
    }
    skeleton
}

fn push_line<'a>(skeleton: &mut Skeleton<'a>, line: &'a str) {
    if let Some(block) = skeleton.blocks.last_mut() {
        block.lines.push(line);
    } else if skeleton.title.is_some() {
        skeleton.header.push(line);
    } else {
        skeleton.before_title.push(line);
    }
}

/// The lines joined, without the blank lines before and after them.
pub fn trimmed(lines: &[&str]) -> String {
    let is_blank = |l: &&str| l.trim().is_empty();
    let start = lines
        .iter()
        .position(|l| !is_blank(l))
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !is_blank(l))
        .map_or(start, |i| i + 1);
    lines[start..end].join("\n")
}

/// `text` without blank lines before and after it (indentation of the first line and spaces at
/// the end of the last are kept, as [`trimmed`] does). Borrows; the writers call it per section.
pub fn trim_blank_lines(text: &str) -> &str {
    let mut start = 0;
    let mut end = 0;
    let mut offset = 0;
    let mut seen_text = false;
    for line in text.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        if content.trim().is_empty() {
            if !seen_text {
                start = offset + line.len();
            }
        } else {
            seen_text = true;
            end = offset + content.len();
        }
        offset += line.len();
    }
    if seen_text {
        &text[start..end]
    } else {
        ""
    }
}

/// Splits a section's lines at `### ` headings named in `names` (compared without case):
/// the lines before the first of them, then each named part's index in `names` and lines.
pub fn split_subsections<'a>(
    lines: &[&'a str],
    names: &[&str],
) -> (Vec<&'a str>, Vec<(usize, Vec<&'a str>)>) {
    let mut before = Vec::new();
    let mut parts: Vec<(usize, Vec<&'a str>)> = Vec::new();
    let mut fence = Fence::default();
    for &line in lines {
        if !fence.is_code(line) {
            let named = heading_text(line, "### ")
                .and_then(|h| names.iter().position(|n| n.eq_ignore_ascii_case(h)));
            if let Some(index) = named {
                parts.push((index, Vec::new()));
                continue;
            }
        }
        match parts.last_mut() {
            Some((_, part)) => part.push(line),
            None => before.push(line),
        }
    }
    (before, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_cut_into_front_matter_title_header_and_sections() {
        let text = "---\nstatus: accepted\n---\n\n# Use REST\n\n- Tags: api\n\n## Context\n\nWe need it.\n\n## Decision\n\nREST.\n";
        let s = skeleton(text);
        assert_eq!(s.front_matter, Some(vec!["status: accepted"]));
        assert_eq!(s.title, Some("Use REST"));
        assert_eq!(trimmed(&s.header), "- Tags: api");
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.blocks[1].heading, "Decision");
        assert_eq!(trimmed(&s.blocks[0].lines), "We need it.");
    }

    #[test]
    fn headings_inside_fenced_code_are_text() {
        let text = "# T\n\n## Context\n\n```md\n## not a section\n# nor a title\n```\n\n~~~~\n## still code\n~~~~\n";
        let s = skeleton(text);
        assert_eq!(s.blocks.len(), 1);
        assert!(trimmed(&s.blocks[0].lines).contains("## not a section"));
        assert!(trimmed(&s.blocks[0].lines).contains("## still code"));
    }

    #[test]
    fn named_subsections_are_split_and_others_stay() {
        let lines = vec![
            "Chosen.",
            "",
            "### Consequences",
            "* Good",
            "### Other",
            "x",
            "### Confirmation",
            "Review",
        ];
        let (before, parts) = split_subsections(&lines, &["Consequences", "Confirmation"]);
        assert_eq!(trimmed(&before), "Chosen.");
        assert_eq!(parts[0].0, 0);
        assert_eq!(trimmed(&parts[0].1), "* Good\n### Other\nx");
        assert_eq!(trimmed(&parts[1].1), "Review");
    }

    #[test]
    fn only_blank_lines_around_text_are_trimmed() {
        assert_eq!(
            trim_blank_lines("\n  \n    code\ntext\n\n"),
            "    code\ntext"
        );
        assert_eq!(trim_blank_lines("\n\n"), "");
    }
}
