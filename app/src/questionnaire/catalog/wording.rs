//! The catalog writes trade-offs and reasons as clauses ("the team knows TypeScript"), so they
//! read after "because" in an ADR; pages show them as sentences.

/// The first letter upper-cased: "a container image" → "A container image", "accepted" →
/// "Accepted".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The clause as a sentence: first letter capitalised, a full stop at the end.
pub fn as_sentence(clause: &str) -> String {
    let mut sentence = capitalised(clause.trim());
    if !sentence.is_empty() && !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    sentence
}

/// A list of names as prose: "A", "A and B", "A, B and C".
pub fn joined(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_become_sentences_and_lists_read_as_prose() {
        assert_eq!(as_sentence("the team knows Go"), "The team knows Go.");
        assert_eq!(as_sentence("PostgreSQL fits"), "PostgreSQL fits.");
        assert_eq!(as_sentence(" "), "");
        let names: Vec<String> = ["Go", "Rust", "Python"].map(String::from).into();
        assert_eq!(joined(&names), "Go, Rust and Python");
        assert_eq!(joined(&names[..2]), "Go and Rust");
    }
}
