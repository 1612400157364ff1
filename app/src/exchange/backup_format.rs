//! The JSON backup of one project, as written and as read back by a restore. Fields added
//! after version 1 have defaults, so every version-1 backup still reads; a change of meaning
//! bumps [`BACKUP_FORMAT_VERSION`], and a backup newer than this build is refused.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::questionnaire::profile::Profile;

/// The `format` every backup names.
pub const BACKUP_FORMAT: &str = "groundwork-project-backup";
/// Bumped whenever the shape below changes meaning.
pub const BACKUP_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectBackup {
    pub format: String,
    pub format_version: u32,
    pub catalog_version: String,
    pub exported_at: DateTime<Utc>,
    pub project: BackupProject,
    pub profile: Option<Profile>,
    #[serde(default)]
    pub answers: Vec<BackupAnswer>,
    #[serde(default)]
    pub topic_marks: Vec<BackupMark>,
    #[serde(default)]
    pub adrs: Vec<BackupAdr>,
    #[serde(default)]
    pub links: Vec<BackupLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupProject {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupAnswer {
    pub topic_id: String,
    pub question_id: String,
    pub value: String,
    #[serde(default)]
    pub note: String,
    pub catalog_version: String,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupMark {
    pub topic_id: String,
    pub mark: String,
    #[serde(default)]
    pub reason: String,
    /// Added after the first backups; a restore of one without it uses the backup's time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupAdr {
    pub number: i32,
    pub title: String,
    pub status: String,
    pub topic_id: Option<String>,
    /// The question whose decision it records (absent in backups from before decisions had one).
    #[serde(default)]
    pub question_id: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub revisit_by: Option<NaiveDate>,
    #[serde(default)]
    pub decision_makers: Vec<String>,
    #[serde(default)]
    pub consulted: Vec<String>,
    #[serde(default)]
    pub informed: Vec<String>,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub drivers: String,
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub consequences: String,
    #[serde(default)]
    pub confirmation: String,
    #[serde(default)]
    pub more_info: String,
    /// `exchange::document::MarkdownExtras`, or null.
    #[serde(default)]
    pub markdown_extras: Value,
    pub version: i32,
    /// Who first recorded it, by name (a person need not be a member where it is restored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub revisions: Vec<BackupRevision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupRevision {
    pub version: i32,
    /// The author's name as it was shown.
    pub author: String,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub changed_fields: Vec<String>,
    pub snapshot: Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupLink {
    pub kind: String,
    pub from: i32,
    pub to: i32,
}
