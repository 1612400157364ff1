//! Bringing ADR files in: find the folder, read every file, check every ADR, and store all of
//! them in one transaction, or nothing when any file cannot be stored as it is.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    auth::Member,
    decisions::{
        domain::{display_number, AdrForm, AdrStatus, LinkKind, MAX_ADR_NUMBER},
        service::{check_form, project_titles, store_imported, ImportedAdr, ImportedLink},
    },
    error::AppError,
    exchange::{
        archive::{self, Unpacked},
        document::AdrDocument,
        domain::{FileOutcome, FileReport, ImportLimits, ImportReport},
        folder,
        parse::{parse_adr, ParsedFile},
    },
};

/// Imports the ADRs of a zip archive into a project.
pub async fn import_archive(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    bytes: &[u8],
    limits: &ImportLimits,
) -> Result<ImportReport, AppError> {
    if bytes.len() as u64 > limits.max_upload_bytes {
        return Err(too_large(limits));
    }
    let unpacked = archive::unpack(bytes, limits)?;
    import_files(db, member, project_id, unpacked, limits).await
}

pub fn too_large(limits: &ImportLimits) -> AppError {
    AppError::validation(
        "archive",
        format!(
            "Upload at most {} MiB.",
            limits.max_upload_bytes / (1024 * 1024)
        ),
    )
}

/// Imports the ADRs among `unpacked` (from an archive or a folder) into a project.
pub async fn import_files(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    unpacked: Unpacked,
    limits: &ImportLimits,
) -> Result<ImportReport, AppError> {
    let titles = project_titles(db, member, project_id).await?;
    let existing: BTreeMap<i32, String> = titles
        .into_iter()
        .map(|(_, number, title)| (number, title))
        .collect();
    let plan = plan(unpacked, &existing, limits, Utc::now().date_naive())?;
    if plan.report.stored {
        store_imported(db, member, project_id, plan.adrs, plan.links).await?;
    }
    Ok(plan.report)
}

/// What an import would store, and its report. `report.stored` is false when any file failed.
pub struct Plan {
    pub adrs: Vec<ImportedAdr>,
    pub links: Vec<ImportedLink>,
    pub report: ImportReport,
}

/// Reads and checks every file; stores nothing. `existing` maps the project's numbers to titles.
pub fn plan(
    unpacked: Unpacked,
    existing: &BTreeMap<i32, String>,
    limits: &ImportLimits,
    today: NaiveDate,
) -> Result<Plan, AppError> {
    let located = folder::locate(unpacked.files).ok_or_else(|| {
        AppError::validation(
            "archive",
            "No ADRs found: looked in .adr-dir, doc/adr, docs/adr, docs/decisions and the top folder for files named like 0001-title.md.",
        )
    })?;
    if located.adrs.len() > limits.max_adrs {
        return Err(AppError::validation(
            "archive",
            format!(
                "The folder holds {} ADRs; import at most {} at once.",
                located.adrs.len(),
                limits.max_adrs
            ),
        ));
    }
    let prefix = if located.folder.is_empty() {
        String::new()
    } else {
        format!("{}/", located.folder)
    };
    let mut reports: Vec<FileReport> = Vec::new();
    let mut read: Vec<(usize, ParsedFile)> = Vec::new();
    for (name, bytes) in located.adrs {
        let path = format!("{prefix}{name}");
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                reports.push(report(
                    &path,
                    FileOutcome::Skipped,
                    vec!["it is not UTF-8 text".into()],
                ));
                continue;
            }
        };
        match parse_adr(&name, &text) {
            Ok(parsed) => {
                read.push((reports.len(), parsed));
                reports.push(report(&path, FileOutcome::Skipped, Vec::new()));
            }
            Err(reason) => reports.push(report(&path, FileOutcome::Failed, vec![reason])),
        }
    }
    for skipped in unpacked.skipped.into_iter().chain(located.skipped) {
        reports.push(report(
            &skipped.path,
            FileOutcome::Skipped,
            vec![skipped.reason],
        ));
    }
    let files_by_name = number_files(&mut read, existing, &mut reports);
    let mut adrs = Vec::new();
    let mut known: BTreeMap<i32, String> = existing.clone();
    for (_, parsed) in &read {
        known.insert(parsed.document.number, parsed.document.title.clone());
    }
    let mut links = BTreeSet::new();
    for (slot, parsed) in &read {
        let entry = &mut reports[*slot];
        entry.notes.extend(parsed.notes.iter().cloned());
        match checked(&parsed.document, today) {
            Ok(imported) => {
                if !matches!(entry.outcome, FileOutcome::Failed) {
                    entry.outcome = FileOutcome::Imported {
                        number: parsed.document.number,
                        title: parsed.document.title.clone(),
                        flavour: parsed.flavour.to_owned(),
                    };
                }
                adrs.push(imported);
            }
            Err(error) => {
                entry.outcome = FileOutcome::Failed;
                entry.notes.push(field_message(&error));
            }
        }
        for line in &parsed.links {
            let target = files_by_name
                .get(&line.file)
                .copied()
                .or(line.number)
                .filter(|n| known.contains_key(n));
            let this = parsed.document.number;
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
                _ => entry.notes.push(format!(
                    "the link to {} was left out: no such decision in the import or the project",
                    line.file
                )),
            }
        }
    }
    check_supersede_cycles(&links, &read, &mut reports);
    let stored = !reports.iter().any(|r| r.outcome == FileOutcome::Failed);
    Ok(Plan {
        adrs,
        links: links
            .into_iter()
            .map(|(kind, from, to)| ImportedLink { kind, from, to })
            .collect(),
        report: ImportReport {
            stored,
            folder: located.folder,
            files: reports,
        },
    })
}

fn report(path: &str, outcome: FileOutcome, notes: Vec<String>) -> FileReport {
    FileReport {
        path: path.to_owned(),
        outcome,
        notes,
    }
}

/// Keeps the files' numbers, failing files whose number is taken; numbers the files without
/// one after the highest. Returns the numbers by file name, for links to date-named files.
fn number_files(
    read: &mut [(usize, ParsedFile)],
    existing: &BTreeMap<i32, String>,
    reports: &mut [FileReport],
) -> HashMap<String, i32> {
    let mut taken: HashMap<i32, String> = HashMap::new();
    for (slot, parsed) in read.iter() {
        let number = parsed.document.number;
        if number == 0 {
            continue;
        }
        if !(1..=MAX_ADR_NUMBER).contains(&number) {
            fail(
                &mut reports[*slot],
                format!(
                    "number {number} is out of range: ADR numbers go from 1 to {MAX_ADR_NUMBER}"
                ),
            );
        } else if existing.contains_key(&number) {
            fail(&mut reports[*slot], format!("{} already exists in this project; import into an empty project or delete it first", display_number(number)));
        } else if let Some(other) = taken.get(&number) {
            fail(
                &mut reports[*slot],
                format!("number {number} is also used by {other}"),
            );
        } else {
            taken.insert(number, reports[*slot].path.clone());
        }
    }
    let mut next = existing
        .keys()
        .chain(taken.keys())
        .max()
        .copied()
        .unwrap_or(0);
    let mut by_name = HashMap::new();
    for (slot, parsed) in read.iter_mut() {
        if parsed.document.number == 0 {
            match next.checked_add(1).filter(|n| *n <= MAX_ADR_NUMBER) {
                Some(free) => {
                    next = free;
                    parsed.document.number = next;
                    reports[*slot].notes.push(format!(
                        "numbered {} (the file name gives no number)",
                        display_number(next)
                    ));
                }
                None => fail(
                    &mut reports[*slot],
                    format!("no ADR number is left: numbers end at {MAX_ADR_NUMBER}"),
                ),
            }
        }
        let name = reports[*slot]
            .path
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        by_name.insert(name, parsed.document.number);
    }
    by_name
}

fn fail(entry: &mut FileReport, note: String) {
    entry.outcome = FileOutcome::Failed;
    entry.notes.push(note);
}

/// The document as an ADR to store, checked by the same rules as the edit form.
fn checked(document: &AdrDocument, today: NaiveDate) -> Result<ImportedAdr, AppError> {
    let form = AdrForm {
        title: document.title.clone(),
        decision_makers: document.decision_makers.join("\n"),
        consulted: document.consulted.join("\n"),
        informed: document.informed.join("\n"),
        context: document.sections[0].clone(),
        drivers: document.sections[1].clone(),
        options: document.sections[2].clone(),
        outcome: document.sections[3].clone(),
        consequences: document.sections[4].clone(),
        confirmation: document.sections[5].clone(),
        more_info: document.sections[6].clone(),
        revisit_by: String::new(),
    };
    check_form(&form)?;
    let date = NaiveDate::parse_from_str(&document.date, "%Y-%m-%d").unwrap_or(today);
    Ok(ImportedAdr {
        number: document.number,
        status: document.status.unwrap_or(AdrStatus::Proposed),
        date,
        form,
        markdown_extras: document.extras.to_column(),
    })
}

fn field_message(error: &AppError) -> String {
    match error {
        AppError::Validation { field, message } => {
            format!("{}: {message}", field.replace('_', " "))
        }
        other => other.to_string(),
    }
}

/// A decision cannot supersede itself through a chain; every file in such a circle fails.
fn check_supersede_cycles(
    links: &BTreeSet<(LinkKind, i32, i32)>,
    read: &[(usize, ParsedFile)],
    reports: &mut [FileReport],
) {
    let mut next: HashMap<i32, Vec<i32>> = HashMap::new();
    for (kind, from, to) in links {
        if *kind == LinkKind::Supersedes {
            next.entry(*from).or_default().push(*to);
        }
    }
    for (slot, parsed) in read {
        let start = parsed.document.number;
        let mut stack = next.get(&start).cloned().unwrap_or_default();
        let mut seen = BTreeSet::new();
        while let Some(number) = stack.pop() {
            if number == start {
                fail(
                    &mut reports[*slot],
                    "it is part of a circle of supersedes links".into(),
                );
                break;
            }
            if seen.insert(number) {
                stack.extend(next.get(&number).into_iter().flatten().copied());
            }
        }
    }
}

#[cfg(test)]
mod tests;
