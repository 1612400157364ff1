//! The YAML front matter of MADR 3 and 4 files, read the way real files write it: plain values,
//! quoted values, `[a, b]` lists, indented `- a` lists and comma-separated names. Entries we do
//! not know are kept as written.

/// Where flavours without front matter keep a file's unknown front-matter keys: an HTML comment
/// at the end of the file, from this line to [`KEPT_END`].
pub const KEPT_START: &str = "<!-- front matter kept by Groundwork:";
pub const KEPT_END: &str = "-->";

/// `text` without a trailing kept-front-matter comment, and the lines inside it.
pub fn take_kept(text: &str) -> (&str, Vec<&str>) {
    let body = text.trim_end_matches('\n');
    let Some(inner) = body.strip_suffix(KEPT_END) else {
        return (text, Vec::new());
    };
    match inner.rfind(KEPT_START) {
        Some(start) if start == 0 || inner[..start].ends_with('\n') => {
            let lines = inner[start + KEPT_START.len()..]
                .trim_matches('\n')
                .split('\n')
                .collect();
            (&text[..start], lines)
        }
        _ => (text, Vec::new()),
    }
}

/// One top-level entry: its key and everything after the colon, continuation lines included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: String,
    /// The entry exactly as written (key line and indented lines).
    pub raw: String,
}

/// Splits front-matter lines into entries. Lines before the first key are kept in a raw entry
/// with an empty key.
pub fn entries(lines: &[&str]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for line in lines {
        let starts_entry = !line.starts_with([' ', '\t', '-', '#']) && line.contains(':');
        if line.starts_with('#') {
            // A comment of its own (`# prettier-ignore`), kept where it was.
            entries.push(Entry {
                key: String::new(),
                value: String::new(),
                raw: (*line).to_owned(),
            });
        } else if starts_entry {
            let (key, value) = line.split_once(':').unwrap_or((line, ""));
            entries.push(Entry {
                key: key.trim().to_ascii_lowercase(),
                value: value.trim().to_owned(),
                raw: (*line).to_owned(),
            });
        } else if let Some(last) = entries.last_mut() {
            last.value.push('\n');
            last.value.push_str(line);
            last.raw.push('\n');
            last.raw.push_str(line);
        } else {
            entries.push(Entry {
                key: String::new(),
                value: String::new(),
                raw: (*line).to_owned(),
            });
        }
    }
    entries
}

/// A scalar without its quotes; a folded or literal block (`>`, `|`) as one line.
pub fn scalar(value: &str) -> String {
    let value = value.trim();
    if let Some(block) = value
        .strip_prefix(['>', '|'])
        .map(|rest| rest.trim_start_matches(['-', '+']))
    {
        return block.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return value[1..value.len() - 1].to_owned();
        }
    }
    value.to_owned()
}

/// A list of names: `[a, b]`, indented `- a` lines, or `a, b`.
pub fn names(value: &str) -> Vec<String> {
    let value = value.trim();
    let items: Vec<String> = if let Some(inner) = value.strip_prefix('[') {
        inner.trim_end_matches(']').split(',').map(scalar).collect()
    } else if value.lines().any(|l| l.trim_start().starts_with("- ")) {
        value
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("- "))
            .map(scalar)
            .collect()
    } else {
        scalar(value)
            .split(',')
            .map(|s| s.trim().to_owned())
            .collect()
    };
    items.into_iter().filter(|name| !name.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_in_every_spelling() {
        assert_eq!(names("[Ada, \"Grace Hopper\"]"), ["Ada", "Grace Hopper"]);
        assert_eq!(names("\n  - Ada\n  - 'Grace'"), ["Ada", "Grace"]);
        assert_eq!(names("Ada, Grace , "), ["Ada", "Grace"]);
        assert_eq!(names("\"Ada, Grace\""), ["Ada", "Grace"]);
        assert!(names("").is_empty());
    }

    #[test]
    fn kept_front_matter_at_the_end_is_taken_off_the_text() {
        let text = format!(
            "# A\n\n## Context\n\nX.\n\n{KEPT_START}\ntags: [api]\nreview:\n  - Ada\n{KEPT_END}\n"
        );
        let (body, lines) = take_kept(&text);
        assert_eq!(body, "# A\n\n## Context\n\nX.\n\n");
        assert_eq!(lines, ["tags: [api]", "review:", "  - Ada"]);
        assert_eq!(take_kept("# A\n<!-- note -->\n").1.len(), 0);
    }

    #[test]
    fn unknown_entries_keep_their_text() {
        let lines = [
            "status: \"accepted\"",
            "tags:",
            "  - api",
            "  - rest",
            "date: 2024-01-02",
        ];
        let entries = entries(&lines);
        assert_eq!(entries.len(), 3);
        assert_eq!(scalar(&entries[0].value), "accepted");
        assert_eq!(entries[1].raw, "tags:\n  - api\n  - rest");
        assert_eq!(names(&entries[1].value), ["api", "rest"]);
        assert_eq!(entries[2].key, "date");
    }
}
