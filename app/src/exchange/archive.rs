//! Zip archives in and out, with limits, so that an upload cannot exhaust the server: entries
//! are counted before anything is inflated, every file is read through a cap, and unsafe paths
//! and symbolic links are skipped, never followed.
use std::io::{Cursor, Read, Write};

use zip::{write::SimpleFileOptions, CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::domain::{ImportLimits, SkippedFile};
use crate::error::AppError;

/// A file taken from an archive or a folder, by its path relative to the root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What an archive or folder gave: the files worth reading, and what was skipped and why.
#[derive(Debug, Default)]
pub struct Unpacked {
    pub files: Vec<SourceFile>,
    pub skipped: Vec<SkippedFile>,
}

/// Only markdown files and adr-tools' `.adr-dir` are read; other files are not ADRs.
pub fn worth_reading(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == ".adr-dir" || name == ".log4brains.yml" || name.to_ascii_lowercase().ends_with(".md")
}

/// Why `path` is unsafe to use, if it is: absolute, drive letters, `..`, backslashes, NUL.
pub fn unsafe_path(path: &str) -> Option<&'static str> {
    if path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return Some("its path is absolute or uses backslashes");
    }
    if path.split('/').any(|part| part == "..") || path.contains(':') {
        return Some("its path leaves the archive (`..` or a drive letter)");
    }
    None
}

/// Reads the archive in `bytes` within `limits`. A whole-archive limit (entry count, total
/// size) rejects the archive; a single bad entry is skipped with its reason.
pub fn unpack(bytes: &[u8], limits: &ImportLimits) -> Result<Unpacked, AppError> {
    let invalid = || AppError::validation("archive", "This file is not a zip archive.");
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| invalid())?;
    if archive.len() > limits.max_entries {
        return Err(AppError::validation(
            "archive",
            format!(
                "The archive holds {} entries; at most {} are read.",
                archive.len(),
                limits.max_entries
            ),
        ));
    }
    let mut unpacked = Unpacked::default();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|_| invalid())?;
        let path = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if entry.is_dir() || !worth_reading(&path) {
            continue;
        }
        let skip = if entry.is_symlink() {
            Some("it is a symbolic link")
        } else {
            unsafe_path(&path).or_else(|| {
                entry
                    .enclosed_name()
                    .is_none()
                    .then_some("its path leaves the archive")
            })
        };
        if let Some(reason) = skip {
            unpacked.skipped.push(SkippedFile::new(&path, reason));
            continue;
        }
        let mut content = Vec::new();
        let read = (&mut entry)
            .take(limits.max_file_bytes + 1)
            .read_to_end(&mut content);
        if read.is_err() {
            unpacked
                .skipped
                .push(SkippedFile::new(&path, "it could not be decompressed"));
            continue;
        }
        total += content.len() as u64;
        if total > limits.max_total_bytes {
            return Err(AppError::validation(
                "archive",
                format!(
                    "The archive unpacks to more than {} MiB; nothing was imported.",
                    limits.max_total_bytes / (1024 * 1024)
                ),
            ));
        }
        if content.len() as u64 > limits.max_file_bytes {
            unpacked.skipped.push(SkippedFile::new(
                &path,
                format!("it is larger than {} KiB", limits.max_file_bytes / 1024),
            ));
            continue;
        }
        unpacked.files.push(SourceFile {
            path,
            bytes: content,
        });
    }
    Ok(unpacked)
}

/// A zip of `files` (path, content), with fixed timestamps so that the same files always give
/// the same bytes. Stored, not deflated: ADR files are small and deflate saved only a quarter of
/// their size (1.5 of 2 MiB for 1,000 ADRs) while taking most of the export's time.
pub fn pack(files: &[(String, String)]) -> Result<Vec<u8>, AppError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(
        files
            .iter()
            .map(|(path, c)| c.len() + 2 * path.len() + 100)
            .sum(),
    )));
    for (path, content) in files {
        writer
            .start_file(path.as_str(), options)
            .and_then(|()| writer.write_all(content.as_bytes()).map_err(Into::into))
            .map_err(|e| AppError::internal(format!("zip: {e}")))?;
    }
    let cursor = writer
        .finish()
        .map_err(|e| AppError::internal(format!("zip: {e}")))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests;
