//! What the import and export pages show: the limits, and the per-file import report.
use serde::{Deserialize, Serialize};

/// How much an import reads. Uploads above `max_upload_bytes` are refused before they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLimits {
    pub max_upload_bytes: u64,
    /// Entries in the archive's directory, counted before anything is inflated.
    pub max_entries: usize,
    /// Bytes inflated in all, over every file read.
    pub max_total_bytes: u64,
    /// Bytes of one ADR file.
    pub max_file_bytes: u64,
    /// ADR files in one import.
    pub max_adrs: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        Self {
            max_upload_bytes: 16 * 1024 * 1024,
            max_entries: 5_000,
            max_total_bytes: 64 * 1024 * 1024,
            max_file_bytes: 512 * 1024,
            max_adrs: 2_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

impl SkippedFile {
    pub fn new(path: &str, reason: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            reason: reason.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileOutcome {
    /// Stored (or, in a preview, to be stored) as ADR `number`.
    Imported {
        number: i32,
        title: String,
        flavour: String,
        /// The number the file gave, when it was taken and the ADR got the next free one.
        renumbered_from: Option<i32>,
    },
    /// Not an ADR, unsafe, or an ADR that cannot be stored as it is; the rest go on without it.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub path: String,
    pub outcome: FileOutcome,
    /// Why it was skipped, or what was read differently.
    pub notes: Vec<String>,
}

/// What an import did, or in a preview would do, file by file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// True when the ADRs were stored; false for a preview, which stores nothing.
    pub stored: bool,
    /// The ADR folder found (`doc/adr`), empty for the root.
    pub folder: String,
    pub files: Vec<FileReport>,
}

impl ImportReport {
    pub fn imported(&self) -> usize {
        self.count(|o| matches!(o, FileOutcome::Imported { .. }))
    }

    pub fn renumbered(&self) -> usize {
        self.count(|o| {
            matches!(
                o,
                FileOutcome::Imported {
                    renumbered_from: Some(_),
                    ..
                }
            )
        })
    }

    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, FileOutcome::Skipped))
    }

    fn count(&self, which: impl Fn(&FileOutcome) -> bool) -> usize {
        self.files.iter().filter(|f| which(&f.outcome)).count()
    }

    /// One sentence for the top of the report.
    pub fn summary(&self) -> String {
        let renumbered = match self.renumbered() {
            0 => String::new(),
            n => format!(" ({n} renumbered)"),
        };
        let decisions = counted(self.imported(), "decision", "decisions");
        let skipped = counted(self.skipped(), "file", "files");
        if self.stored {
            format!("Imported {decisions}{renumbered}; skipped {skipped}.")
        } else {
            format!("Ready to import {decisions}{renumbered}; {skipped} will be skipped. Nothing is stored until you confirm.")
        }
    }
}

/// An upload waiting for its importer to look at the preview and confirm it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingPreview {
    /// Names the upload kept on the server (`pending_imports.token`).
    pub token: String,
    pub report: ImportReport,
}

/// How the last import into a project ended, kept in the importer's session between the upload
/// and the page that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportOutcome {
    /// What the upload would import; confirming stores it.
    Preview(PendingPreview),
    Report(ImportReport),
    /// A backup was not restored, and why.
    RestoreRefused(String),
    /// The upload itself was refused (not a zip, too large, no ADR folder).
    Refused(String),
}

/// The session key of the import outcome for `project_id`.
pub fn import_outcome_key(project_id: i32) -> String {
    format!("groundwork.import_outcome.{project_id}")
}

/// What the export and import page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeView {
    pub project_id: i32,
    pub project_name: String,
    pub adr_count: usize,
    pub can_import: bool,
    pub limits: ImportLimits,
    pub outcome: Option<ImportOutcome>,
}

/// "1 decision", "3 decisions".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
