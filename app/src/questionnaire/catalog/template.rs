//! Title and stack templates: `{answer}` is the question's chosen name, `{answer.<id>}` another
//! question's, and a `[...]` part is left out when a name in it is unknown:
//! `Use {answer}[ on {answer.database.hosting}] as the main database`.

/// One placeholder: `None` for `{answer}`, `Some(id)` for `{answer.<id>}`.
pub type Placeholder<'a> = Option<&'a str>;

/// The template with every placeholder filled by `name`; `None` when a placeholder outside any
/// `[...]` part has no name.
pub fn fill<'a>(
    template: &'a str,
    name: impl Fn(Placeholder<'a>) -> Option<String>,
) -> Option<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('[') {
        out.push_str(&fill_plain(&rest[..start], &name)?);
        let end = rest[start..].find(']')? + start;
        if let Some(part) = fill_plain(&rest[start + 1..end], &name) {
            out.push_str(&part);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(&fill_plain(rest, &name)?);
    Some(out)
}

fn fill_plain<'a>(
    text: &'a str,
    name: &impl Fn(Placeholder<'a>) -> Option<String>,
) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}')? + start;
        out.push_str(&name(placeholder(&rest[start + 1..end])?)?);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

fn placeholder(inside: &str) -> Option<Placeholder<'_>> {
    match inside {
        "answer" => Some(None),
        _ => inside.strip_prefix("answer.").map(Some),
    }
}

/// Every placeholder in the template, or why it cannot be read.
pub fn placeholders(template: &str) -> Result<Vec<Placeholder<'_>>, String> {
    let mut found = Vec::new();
    let mut depth = 0;
    let mut rest = template;
    while let Some(index) = rest.find(['[', ']', '{']) {
        match rest.as_bytes()[index] {
            b'[' if depth == 0 => depth = 1,
            b']' if depth == 1 => depth = 0,
            b'{' => {
                let end = rest[index..].find('}').ok_or("a `{` is not closed")? + index;
                let inside = &rest[index + 1..end];
                found.push(
                    placeholder(inside)
                        .ok_or_else(|| format!("unknown placeholder {{{inside}}}"))?,
                );
                rest = &rest[end + 1..];
                continue;
            }
            _ => return Err("`[` and `]` do not pair up".into()),
        }
        rest = &rest[index + 1..];
    }
    if depth != 0 {
        return Err("a `[` is not closed".into());
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(placeholder: Placeholder) -> Option<String> {
        match placeholder {
            None => Some("PostgreSQL".into()),
            Some("database.hosting") => Some("Supabase".into()),
            Some(_) => None,
        }
    }

    #[test]
    fn placeholders_are_filled_and_unknown_optional_parts_dropped() {
        let template = "Use {answer}[ on {answer.database.hosting}] as the main database";
        assert_eq!(
            fill(template, names).unwrap(),
            "Use PostgreSQL on Supabase as the main database"
        );
        let without = "Use {answer}[ behind {answer.api.gateway}] as the main database";
        assert_eq!(
            fill(without, names).unwrap(),
            "Use PostgreSQL as the main database"
        );
        assert_eq!(fill("Log with {answer.monitoring.logging}", names), None);
    }

    #[test]
    fn broken_templates_are_reported() {
        assert!(placeholders("Use {answer").is_err());
        assert!(placeholders("Use [{answer}").is_err());
        assert!(placeholders("Use {answers}").is_err());
        assert_eq!(
            placeholders("Use {answer}[ on {answer.database.hosting}]").unwrap(),
            [None, Some("database.hosting")]
        );
    }
}
