//! `groundwork export` and `groundwork import`: the decision log to and from a folder or a zip,
//! acting as a named member through the same authorisation as the web app.
use std::path::{Path, PathBuf};

use app::{
    accounts::service::find_by_email,
    auth::{resolve_project_member, resolve_team_member, Member},
    exchange::{
        archive::{worth_reading, SourceFile, Unpacked},
        domain::{FileOutcome, ImportLimits, ImportReport, SkippedFile},
        service::{
            export_files, import_archive, import_files, restore_backup, ImportMode, Restored,
            MAX_BACKUP_BYTES,
        },
        write::Flavour,
    },
    projects::service::list_projects,
    teams::{domain::Role, service::my_teams},
};
use sea_orm::DatabaseConnection;

/// The member `email` acting on `project` (its id, or its name in one of their teams).
async fn acting_member(
    db: &DatabaseConnection,
    email: &str,
    project: &str,
    needs: Role,
) -> Result<(Member, i32), String> {
    let user = find_by_email(db, email)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no account with the e-mail {email}"))?;
    let project_id = match project.parse::<i32>() {
        Ok(id) => id,
        Err(_) => project_named(db, user.id, project).await?,
    };
    let member = resolve_project_member(db, user.id, project_id, needs)
        .await
        .map_err(|e| format!("{email} may not do this in project {project}: {e}"))?;
    Ok((member, project_id))
}

async fn project_named(db: &DatabaseConnection, user_id: i32, name: &str) -> Result<i32, String> {
    let mut found = Vec::new();
    for team in my_teams(db, user_id).await.map_err(|e| e.to_string())? {
        let member = resolve_team_member(db, user_id, team.id, Role::Viewer)
            .await
            .map_err(|e| e.to_string())?;
        let projects = list_projects(db, &member)
            .await
            .map_err(|e| e.to_string())?;
        found.extend(
            projects
                .into_iter()
                .filter(|p| p.name.eq_ignore_ascii_case(name.trim()))
                .map(|p| p.id),
        );
    }
    match found[..] {
        [id] => Ok(id),
        [] => Err(format!("no project named \"{name}\" in your teams")),
        _ => Err(format!(
            "several projects are named \"{name}\"; give the project's id"
        )),
    }
}

/// Writes every file of the export under `out`; returns how many files were written.
pub async fn export(
    db: &DatabaseConnection,
    email: &str,
    project: &str,
    flavour: Flavour,
    out: &Path,
) -> Result<usize, String> {
    let (member, project_id) = acting_member(db, email, project, Role::Viewer).await?;
    let files = export_files(db, &member, project_id, flavour)
        .await
        .map_err(|e| e.to_string())?;
    for (path, content) in &files {
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&target, content).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(files.len())
}

/// Imports the ADRs of a folder or a zip file; the report says what happened to each file.
pub async fn import(
    db: &DatabaseConnection,
    email: &str,
    project: &str,
    source: &Path,
    mode: ImportMode,
) -> Result<ImportReport, String> {
    let (member, project_id) = acting_member(db, email, project, Role::Editor).await?;
    let limits = ImportLimits::default();
    let metadata =
        std::fs::symlink_metadata(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let result = if metadata.is_dir() {
        let unpacked = read_folder(source, &limits)?;
        import_files(db, &member, project_id, unpacked, &limits, mode).await
    } else {
        if metadata.len() > limits.max_upload_bytes {
            return Err(format!(
                "{} is larger than {} MiB",
                source.display(),
                limits.max_upload_bytes / (1024 * 1024)
            ));
        }
        let bytes = std::fs::read(source).map_err(|e| format!("{}: {e}", source.display()))?;
        import_archive(db, &member, project_id, &bytes, &limits, mode).await
    };
    result.map_err(|e| e.to_string())
}

/// The markdown files under `root` (and `.adr-dir`), with the archive's limits. Symbolic links
/// are skipped, never followed.
pub fn read_folder(root: &Path, limits: &ImportLimits) -> Result<Unpacked, String> {
    let mut unpacked = Unpacked::default();
    let mut pending: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), String::new())];
    let mut seen = 0usize;
    let mut total = 0u64;
    while let Some((dir, prefix)) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            seen += 1;
            if seen > limits.max_entries {
                return Err(format!(
                    "{} holds more than {} files; point at the ADR folder itself",
                    root.display(),
                    limits.max_entries
                ));
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{prefix}{name}");
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            if kind.is_symlink() {
                if worth_reading(&path) {
                    unpacked
                        .skipped
                        .push(SkippedFile::new(&path, "it is a symbolic link"));
                }
            } else if kind.is_dir() {
                if !name.starts_with('.') && prefix.matches('/').count() < 8 {
                    pending.push((entry.path(), format!("{path}/")));
                }
            } else if worth_reading(&path) {
                let size = entry.metadata().map_err(|e| e.to_string())?.len();
                if size > limits.max_file_bytes {
                    unpacked.skipped.push(SkippedFile::new(
                        &path,
                        format!("it is larger than {} KiB", limits.max_file_bytes / 1024),
                    ));
                    continue;
                }
                total += size;
                if total > limits.max_total_bytes {
                    return Err(format!(
                        "the markdown files under {} add up to more than {} MiB",
                        root.display(),
                        limits.max_total_bytes / (1024 * 1024)
                    ));
                }
                let bytes = std::fs::read(entry.path()).map_err(|e| format!("{path}: {e}"))?;
                unpacked.files.push(SourceFile { path, bytes });
            }
        }
    }
    unpacked.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(unpacked)
}

/// The report as lines for the terminal.
pub fn report_lines(report: &ImportReport) -> Vec<String> {
    let mut lines = Vec::new();
    for file in &report.files {
        let verb = if report.stored {
            "imported  "
        } else {
            "will store"
        };
        let head = match &file.outcome {
            FileOutcome::Imported {
                number,
                title,
                flavour,
                renumbered_from,
            } => format!(
                "{}  {}  ADR-{number:04} {title} ({flavour})",
                if renumbered_from.is_some() {
                    if report.stored {
                        "renumbered"
                    } else {
                        "renumber  "
                    }
                } else {
                    verb
                },
                file.path
            ),
            FileOutcome::Skipped => format!("skipped     {}", file.path),
        };
        lines.push(head);
        lines.extend(file.notes.iter().map(|note| format!("          - {note}")));
    }
    lines.push(report.summary());
    lines
}

/// Restores the backup in `file` as a new project in `team` (or `acting_as`' first team where
/// they may edit).
pub async fn restore(
    db: &DatabaseConnection,
    acting_as: &str,
    team: Option<i32>,
    file: &Path,
) -> Result<Restored, String> {
    let member = crate::seed::editing_member(db, acting_as, team).await?;
    let size = std::fs::metadata(file)
        .map_err(|e| format!("{}: {e}", file.display()))?
        .len();
    if size > MAX_BACKUP_BYTES as u64 {
        return Err(format!(
            "{} is larger than {} MiB, more than a backup of one project holds",
            file.display(),
            MAX_BACKUP_BYTES / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    restore_backup(db, &member, &bytes)
        .await
        .map_err(|e| format!("{} was not restored: {e}", file.display()))
}
