//! ADR numbers for an import: each file keeps the number it gave while it is free; a file whose
//! number is taken (by the project or by an earlier file of the import), out of range, or
//! missing gets the next free one after the highest, and keeps its own for export.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Candidate;
use crate::{
    decisions::domain::{display_number, MAX_ADR_NUMBER},
    exchange::domain::FileReport,
};

/// How the files' own names for each other map to the numbers they are stored under.
#[derive(Debug, Default)]
pub struct Numbers {
    /// A number as the files wrote it -> the number of the file that kept it.
    pub by_written: HashMap<i32, i32>,
    /// A file's path inside the ADR folder, and its bare file name -> its number.
    pub by_file: HashMap<String, i32>,
}

/// Numbers every candidate; the ones no number is left for are dropped, with a note.
pub fn assign(
    candidates: &mut Vec<Candidate>,
    existing: &BTreeMap<i32, String>,
    reports: &mut [FileReport],
) -> Numbers {
    let mut taken: BTreeSet<i32> = existing.keys().copied().collect();
    let mut numbers = Numbers::default();
    let mut later = Vec::new();
    for (index, candidate) in candidates.iter().enumerate() {
        match candidate.parsed.number {
            Some(number) if (0..=MAX_ADR_NUMBER).contains(&number) && taken.insert(number) => {
                numbers.by_written.insert(number, number);
            }
            _ => later.push(index),
        }
    }
    let mut next = taken.iter().next_back().copied().unwrap_or(0);
    let mut dropped = Vec::new();
    for index in later {
        let candidate = &mut candidates[index];
        let report = &mut reports[candidate.slot];
        let Some(free) = next.checked_add(1).filter(|n| *n <= MAX_ADR_NUMBER) else {
            report.notes.push(format!(
                "skipped: no ADR number is left (numbers end at {MAX_ADR_NUMBER})"
            ));
            dropped.push(index);
            continue;
        };
        next = free;
        let written = candidate.parsed.number;
        report.notes.push(match written {
            None => format!(
                "numbered {} (the file gives no number)",
                display_number(free)
            ),
            Some(number) if existing.contains_key(&number) => format!(
                "renumbered {}: {} is already in this project; the file keeps its name and number for export",
                display_number(free),
                display_number(number)
            ),
            Some(number) if (0..=MAX_ADR_NUMBER).contains(&number) => format!(
                "renumbered {}: another file of the import also has number {number}; the file keeps its name and number for export",
                display_number(free)
            ),
            Some(number) => format!(
                "renumbered {}: {number} is past the highest ADR number, {MAX_ADR_NUMBER}",
                display_number(free)
            ),
        });
        candidate.parsed.document.extras.original_number = written;
        candidate.parsed.document.number = free;
        // `ADR-0003` in another file of the import means this file, when no file kept 3.
        if let Some(number) = written {
            numbers.by_written.entry(number).or_insert(free);
        }
    }
    for index in dropped.into_iter().rev() {
        candidates.remove(index);
    }
    for candidate in candidates.iter_mut() {
        let document = &candidate.parsed.document;
        let path = &document.extras.file_name;
        numbers.by_file.insert(path.clone(), document.number);
        let name = path.rsplit('/').next().unwrap_or_default();
        let is_index = ["readme.md", "index.md"].contains(&name.to_ascii_lowercase().as_str());
        if !is_index && name != path {
            numbers
                .by_file
                .entry(name.to_owned())
                .or_insert(document.number);
        }
    }
    numbers
}
