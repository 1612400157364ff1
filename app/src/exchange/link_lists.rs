//! Each ADR's links as its own file states them, from the links stored between ADRs: an export
//! builds them from the database, an import from the links it read, and both must agree.
use std::{collections::HashMap, hash::Hash};

use super::document::DocumentLink;
use crate::decisions::domain::LinkKind;

/// What a link needs to know of the ADR it points to.
#[derive(Debug, Clone, Copy)]
pub struct LinkTarget<'a> {
    pub number: i32,
    pub title: &'a str,
    /// The file name it was imported with; empty for `NNNN-kebab-title.md`.
    pub file: &'a str,
}

/// The links of each ADR, keyed like `links` (`(kind, from, to)`), sorted and without repeats.
/// A link whose end `target` does not know is left out.
pub fn link_lists<'a, K: Copy + Eq + Hash>(
    links: impl IntoIterator<Item = (LinkKind, K, K)>,
    target: impl Fn(K) -> Option<LinkTarget<'a>>,
) -> HashMap<K, Vec<DocumentLink>> {
    let mut of: HashMap<K, Vec<DocumentLink>> = HashMap::new();
    for (kind, from_key, to_key) in links {
        let (Some(from), Some(to)) = (target(from_key), target(to_key)) else {
            continue;
        };
        // "Relates to" reads the same both ways, so neither side is the incoming one.
        let symmetric = kind == LinkKind::RelatesTo;
        of.entry(from_key)
            .or_default()
            .push(document_link(kind, false, to));
        of.entry(to_key)
            .or_default()
            .push(document_link(kind, !symmetric, from));
    }
    for list in of.values_mut() {
        list.sort();
        list.dedup();
    }
    of
}

fn document_link(kind: LinkKind, incoming: bool, target: LinkTarget) -> DocumentLink {
    DocumentLink {
        kind,
        incoming,
        number: target.number,
        title: target.title.to_owned(),
        file: target.file.to_owned(),
    }
}
