//! The links an import's files state, matched to the numbers the files are stored under. A link
//! to a file that is not there, or one that would close a circle of supersedes links, is left
//! out with a note on the file that stated it; the file itself is still imported.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{numbering::Numbers, Candidate};
use crate::{
    decisions::{
        domain::{AdrStatus, LinkKind},
        service::ImportedLink,
    },
    exchange::{
        document::{fingerprint, AdrDocument},
        domain::FileReport,
        link_lists::{link_lists, LinkTarget},
    },
};

pub fn resolve(
    candidates: &[Candidate],
    numbers: &Numbers,
    existing: &BTreeMap<i32, String>,
    reports: &mut [FileReport],
) -> Vec<ImportedLink> {
    let importing: BTreeSet<i32> = candidates
        .iter()
        .map(|c| c.parsed.document.number)
        .collect();
    let mut links = BTreeSet::new();
    for candidate in candidates {
        let this = candidate.parsed.document.number;
        for line in &candidate.parsed.links {
            let by_file = (!line.file.is_empty())
                .then(|| numbers.by_file.get(&line.file).copied())
                .flatten();
            let by_number = line.number.and_then(|written| {
                numbers
                    .by_written
                    .get(&written)
                    .copied()
                    .or_else(|| existing.contains_key(&written).then_some(written))
            });
            let target = by_file
                .or(by_number)
                .filter(|n| importing.contains(n) || existing.contains_key(n));
            match target {
                Some(target) if target != this => {
                    let (from, to) = if line.incoming {
                        (target, this)
                    } else {
                        (this, target)
                    };
                    let (from, to) = if line.kind == LinkKind::RelatesTo {
                        (from.min(to), from.max(to))
                    } else {
                        (from, to)
                    };
                    links.insert((line.kind, from, to));
                }
                _ => {
                    reports[candidate.slot].notes.push(format!(
                    "the link to {} was left out: no such decision in the import or the project",
                    if line.file.is_empty() {
                        line.number.map(|n| format!("ADR-{n:04}")).unwrap_or_default()
                    } else {
                        line.file.chars().take(120).collect()
                    }
                ))
                }
            }
        }
    }
    let slots: HashMap<i32, usize> = candidates
        .iter()
        .map(|c| (c.parsed.document.number, c.slot))
        .collect();
    without_circles(links, &slots, reports)
        .into_iter()
        .map(|(kind, from, to)| ImportedLink { kind, from, to })
        .collect()
}

/// Keeps the supersedes links in file order while they close no circle (a decision cannot
/// supersede itself through a chain); a link that would is left out, with a note.
fn without_circles(
    links: BTreeSet<(LinkKind, i32, i32)>,
    slots: &HashMap<i32, usize>,
    reports: &mut [FileReport],
) -> Vec<(LinkKind, i32, i32)> {
    let mut kept = Vec::new();
    let mut next: HashMap<i32, Vec<i32>> = HashMap::new();
    for (kind, from, to) in links {
        if kind == LinkKind::Supersedes {
            if reaches(&next, to, from) {
                if let Some(slot) = slots.get(&from) {
                    reports[*slot].notes.push(format!(
                        "the supersedes link to ADR-{to:04} was left out: it would close a circle of supersedes links"
                    ));
                }
                continue;
            }
            next.entry(from).or_default().push(to);
        }
        kept.push((kind, from, to));
    }
    kept
}

/// Whether `goal` can be reached from `start` along supersedes links.
fn reaches(next: &HashMap<i32, Vec<i32>>, start: i32, goal: i32) -> bool {
    let mut stack = vec![start];
    let mut seen = BTreeSet::new();
    while let Some(number) = stack.pop() {
        if number == goal {
            return true;
        }
        if seen.insert(number) {
            stack.extend(next.get(&number).into_iter().flatten().copied());
        }
    }
    false
}

/// Gives each kept source text the fingerprint of what its flavour would write for the ADR as
/// it is stored, links included, so that an export knows when it may write the file as it came.
pub fn fingerprint_sources(
    candidates: &mut [Candidate],
    links: &[ImportedLink],
    existing: &BTreeMap<i32, String>,
) {
    let lists = {
        let targets: HashMap<i32, LinkTarget> = candidates
            .iter()
            .map(|c| {
                let document = &c.parsed.document;
                (
                    document.number,
                    LinkTarget {
                        number: document.number,
                        title: &c.form.title,
                        file: &document.extras.file_name,
                    },
                )
            })
            .chain(existing.iter().map(|(number, title)| {
                (
                    *number,
                    LinkTarget {
                        number: *number,
                        title,
                        file: "",
                    },
                )
            }))
            .collect();
        link_lists(links.iter().map(|l| (l.kind, l.from, l.to)), |number| {
            targets.get(&number).copied()
        })
    };
    for candidate in candidates {
        let document = as_stored(candidate);
        let links = lists.get(&document.number).cloned().unwrap_or_default();
        let document = AdrDocument { links, ..document };
        let written = candidate.parsed.flavour.write_fresh(&document);
        if let Some(source) = &mut candidate.parsed.document.extras.source {
            source.fingerprint = fingerprint(&written);
        }
    }
}

/// The document as an export will read it back from the database.
fn as_stored(candidate: &Candidate) -> AdrDocument {
    let mut document = candidate.parsed.document.clone();
    let form = &candidate.form;
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    document.title = form.title.clone();
    document.status = Some(document.status.unwrap_or(AdrStatus::Proposed));
    document.decision_makers = lines(&form.decision_makers);
    document.consulted = lines(&form.consulted);
    document.informed = lines(&form.informed);
    document.sections = [
        form.context.clone(),
        form.drivers.clone(),
        form.options.clone(),
        form.outcome.clone(),
        form.consequences.clone(),
        form.confirmation.clone(),
        form.more_info.clone(),
    ];
    document.extras.source = None;
    document
}
