//! Bringing ADR files in: find the folder, read every file, and store every file that can be
//! stored in one transaction. A file that cannot be stored is skipped with its reason; it never
//! costs the others. A preview runs the same plan and stores nothing.
mod linking;
mod numbering;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

use crate::{
    auth::Member,
    decisions::{
        domain::{AdrForm, AdrStatus, TITLE_MAX_CHARS},
        service::{normalised_form, project_titles, store_imported, ImportedAdr, ImportedLink},
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

/// Whether an import stores what it read, or only says what it would store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    Preview,
    Store,
}

/// Imports the ADRs of a zip archive into a project.
pub async fn import_archive(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    bytes: &[u8],
    limits: &ImportLimits,
    mode: ImportMode,
) -> Result<ImportReport, AppError> {
    if bytes.len() as u64 > limits.max_upload_bytes {
        return Err(too_large(limits));
    }
    let unpacked = archive::unpack(bytes, limits)?;
    import_files(db, member, project_id, unpacked, limits, mode).await
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
    mode: ImportMode,
) -> Result<ImportReport, AppError> {
    let titles = project_titles(db, member, project_id).await?;
    let existing: BTreeMap<i32, String> = titles
        .into_iter()
        .map(|(_, number, title)| (number, title))
        .collect();
    let mut plan = plan(unpacked, &existing, limits)?;
    if mode == ImportMode::Store {
        if !plan.adrs.is_empty() {
            store_imported(db, member, project_id, plan.adrs, plan.links).await?;
        }
        plan.report.stored = true;
    }
    Ok(plan.report)
}

/// What an import would store, and its report (`report.stored` is false until it is stored).
pub struct Plan {
    pub adrs: Vec<ImportedAdr>,
    pub links: Vec<ImportedLink>,
    pub report: ImportReport,
}

/// A file that reads as an ADR and passed the form's checks.
pub(super) struct Candidate {
    /// Its entry in the report.
    pub slot: usize,
    pub parsed: ParsedFile,
    pub form: AdrForm,
}

/// Reads and checks every file; stores nothing. `existing` maps the project's numbers to titles.
pub fn plan(
    unpacked: Unpacked,
    existing: &BTreeMap<i32, String>,
    limits: &ImportLimits,
) -> Result<Plan, AppError> {
    let located = folder::locate(unpacked.files).ok_or_else(|| {
        AppError::validation(
            "archive",
            format!("No ADRs found: looked in {} and the top folder for files named like 0001-title.md, adr-001-title.md or 20240102-title.md.", folder::PLACES),
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
    let mut candidates = Vec::new();
    for (name, bytes) in located.adrs {
        let slot = reports.len();
        reports.push(report(&format!("{prefix}{name}"), Vec::new()));
        let Ok(text) = String::from_utf8(bytes) else {
            reports[slot]
                .notes
                .push("skipped: it is not UTF-8 text".into());
            continue;
        };
        let mut parsed = parse_adr(&name, &text);
        reports[slot].notes.append(&mut parsed.notes);
        shorten_title(&mut parsed.document, &mut reports[slot]);
        match normalised_form(&form_of(&parsed.document)) {
            Ok(form) => candidates.push(Candidate { slot, parsed, form }),
            Err(error) => reports[slot]
                .notes
                .push(format!("skipped: {}", field_message(&error))),
        }
    }
    for skipped in unpacked.skipped.into_iter().chain(located.skipped) {
        reports.push(report(&skipped.path, vec![skipped.reason]));
    }
    let numbers = numbering::assign(&mut candidates, existing, &mut reports);
    let links = linking::resolve(&candidates, &numbers, existing, &mut reports);
    linking::fingerprint_sources(&mut candidates, &links, existing);
    let mut adrs = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let document = &candidate.parsed.document;
        reports[candidate.slot].outcome = FileOutcome::Imported {
            number: document.number,
            title: candidate.form.title.clone(),
            flavour: candidate.parsed.flavour.label().to_owned(),
            renumbered_from: document.extras.original_number,
        };
        adrs.push(ImportedAdr {
            number: document.number,
            status: document.status.unwrap_or(AdrStatus::Proposed),
            date: NaiveDate::parse_from_str(&document.date, "%Y-%m-%d").ok(),
            markdown_extras: document.extras.to_column(),
            form: candidate.form,
        });
    }
    Ok(Plan {
        adrs,
        links,
        report: ImportReport {
            stored: false,
            folder: located.folder,
            files: reports,
        },
    })
}

fn report(path: &str, notes: Vec<String>) -> FileReport {
    FileReport {
        path: path.to_owned(),
        outcome: FileOutcome::Skipped,
        notes,
    }
}

/// A title longer than the form allows is cut at a word, with a note.
fn shorten_title(document: &mut AdrDocument, report: &mut FileReport) {
    let title = document.title.trim();
    if title.chars().count() <= TITLE_MAX_CHARS {
        return;
    }
    let cut: String = title.chars().take(TITLE_MAX_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > TITLE_MAX_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    document.title = format!("{}…", cut.trim_end());
    report.notes.push(format!(
        "the title was longer than {TITLE_MAX_CHARS} characters and was cut"
    ));
}

/// The document's fields as the edit form has them, to be checked by the same rules.
fn form_of(document: &AdrDocument) -> AdrForm {
    AdrForm {
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
    }
}

fn field_message(error: &AppError) -> String {
    match error {
        AppError::Validation { field, message } => {
            format!("{}: {message}", field.replace('_', " "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
