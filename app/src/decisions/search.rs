//! Full-text search of the decision log, alike on PostgreSQL and SQLite.
//!
//! The words are found and stemmed here, not by the databases, so that both index the same
//! terms and a query finds the same ADRs on either: [`indexed_text`] is what `adrs.search_text`
//! holds (Snowball English stems of the title's and sections' words, PostgreSQL's English stop
//! words left out, each stem once), and a query becomes [`SearchTerms`] the same way. PostgreSQL
//! keeps `to_tsvector('simple', search_text)` in the stored `adrs.search_vector`; SQLite keeps
//! the FTS5 table `adrs_fts` over it (tokenizer `unicode61`, no folding). Neither stems again.
//! An ADR matches when it holds every term.
use std::{collections::HashSet, sync::LazyLock};

use rust_stemmers::{Algorithm, Stemmer};

/// Which way of indexing `search_text` holds; rows below it are indexed again at start-up
/// (see `service::search_index`). Raise it whenever [`indexed_text`] changes.
pub const INDEX_VERSION: i32 = 1;
/// Most terms a search uses; the rest of a long query is ignored.
pub const MAX_TERMS: usize = 16;
/// Longest word kept; longer "words" are not words anyone searches for.
const MAX_WORD_CHARS: usize = 64;

const STOP_WORDS: &str = include_str!("search-stop-words.txt");

/// The stems of the words of `text` worth indexing, in order, repeats included: runs of letters
/// and digits, lower-cased, stop words and overlong runs left out.
fn stems(text: &str) -> impl Iterator<Item = String> + '_ {
    let stemmer = Stemmer::create(Algorithm::English);
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && word.chars().count() <= MAX_WORD_CHARS)
        .map(str::to_lowercase)
        .filter(|word| !is_stop_word(word))
        .map(move |word| stemmer.stem(&word).into_owned())
}

fn is_stop_word(word: &str) -> bool {
    static SET: LazyLock<HashSet<&str>> = LazyLock::new(|| {
        STOP_WORDS
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    });
    SET.contains(word)
}

/// What the databases index for an ADR, from its title and sections: each stem once, separated
/// by spaces.
pub fn indexed_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = HashSet::new();
    let mut text = String::new();
    for part in parts {
        for stem in stems(part) {
            if seen.insert(stem.clone()) {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&stem);
            }
        }
    }
    text
}

/// The stems a search looks for, in the order typed, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms(Vec<String>);

impl SearchTerms {
    /// `None` when the query holds no searchable word (empty, punctuation, only stop words).
    pub fn parse(query: &str) -> Option<Self> {
        let mut terms: Vec<String> = Vec::new();
        for stem in stems(query) {
            if terms.len() == MAX_TERMS {
                break;
            }
            if !terms.contains(&stem) {
                terms.push(stem);
            }
        }
        (!terms.is_empty()).then_some(Self(terms))
    }

    /// For PostgreSQL's `plainto_tsquery('simple', …)`: the terms, space-separated.
    pub fn as_plain_query(&self) -> String {
        self.0.join(" ")
    }

    /// For FTS5's `MATCH`: every term as a quoted string, all required. The terms hold letters
    /// and digits only, so no quote or operator can come from the user.
    pub fn as_fts5_query(&self) -> String {
        self.0
            .iter()
            .map(|term| format!("\"{term}\""))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_text_holds_each_stem_once_without_punctuation_or_stop_words() {
        assert_eq!(
            indexed_text([
                "Deploying the API with PostgreSQL 15",
                "api-first; snake_case, 50%\n\n## café deployments",
            ]),
            "deploy api postgresql 15 first snake case 50 café"
        );
        assert_eq!(indexed_text(["", "  --  ", "the and of"]), "");
    }

    #[test]
    fn a_word_and_its_forms_give_the_same_term() {
        let deploy = SearchTerms::parse("deploy").unwrap();
        for form in ["deployment", "Deploying", "deployed", "DEPLOYS"] {
            assert_eq!(SearchTerms::parse(form).unwrap(), deploy, "{form}");
        }
    }

    #[test]
    fn queries_drop_stop_words_repeats_and_punctuation() {
        let terms = SearchTerms::parse("The DATABASE and the databases, of course!").unwrap();
        assert_eq!(terms.as_plain_query(), "databas cours");
        assert_eq!(terms.as_fts5_query(), "\"databas\" \"cours\"");
    }

    #[test]
    fn a_query_without_searchable_words_is_none() {
        for query in ["", "   ", "%", "_ \\ \" * ( )", "the and of", "OR AND NOT"] {
            let parsed = SearchTerms::parse(query);
            assert!(parsed.is_none(), "{query:?} gave {parsed:?}");
        }
        // FTS5's operators are ordinary words once lower-cased and quoted.
        assert_eq!(
            SearchTerms::parse("NEAR").unwrap().as_fts5_query(),
            "\"near\""
        );
    }

    #[test]
    fn long_queries_are_cut_to_the_first_terms() {
        let query: Vec<String> = (0..40).map(|n| format!("word{n}")).collect();
        let terms = SearchTerms::parse(&query.join(" ")).unwrap();
        assert_eq!(terms.0.len(), MAX_TERMS);
        assert_eq!(terms.0[0], "word0");
        assert!(SearchTerms::parse(&"x".repeat(65)).is_none());
    }
}
