//! Finds the ADR folder in an archive or a repository the way teams keep it: adr-tools'
//! `.adr-dir` and log4brains' `.log4brains.yml` first, then the usual folders (`doc/adr`,
//! `docs/adr`, `docs/decisions`, ...), then the top folder, then whichever folder holds the most
//! files named like ADRs. A single folder wrapping everything (as GitHub's zip downloads have)
//! is looked into as well. ADRs are files named like `0001-title.md`, `adr-001-title.md` or
//! `20240102-title.md`, or folders so named holding an `index.md` or `README.md`.
use std::collections::BTreeMap;

use super::{
    archive::{unsafe_path, SourceFile},
    domain::SkippedFile,
    links::{file_number, is_date_named},
};

/// The usual folders, in the order they are tried (compared without case).
const CONVENTIONAL: [&str; 14] = [
    "doc/adr",
    "docs/adr",
    "docs/adrs",
    "docs/decisions",
    "docs/architecture/decisions",
    "docs/architecture-decisions",
    "docs/architecture/adr",
    "docs/architecture-decision-records",
    "architecture/decisions",
    "doc/adrs",
    "doc/decisions",
    "adr",
    "adrs",
    "decisions",
];

/// Where the import looks, for the message when it finds nothing.
pub const PLACES: &str = ".adr-dir, .log4brains.yml, doc/adr, docs/adr, docs/adrs, docs/decisions, docs/architecture/decisions, docs/architecture-decisions, architecture/decisions";

/// Files that sit beside ADRs but are not ADRs.
const NOT_ADRS: [&str; 5] = [
    "readme.md",
    "index.md",
    "template.md",
    "adr-template.md",
    "toc.md",
];

/// The ADR files found, by path inside the folder, and the files in the folder that are skipped.
#[derive(Debug, Default)]
pub struct Located {
    /// The folder, relative to the archive's root; empty for the root itself.
    pub folder: String,
    /// (path inside the folder, content) of each ADR, in path order: `0001-x.md`, or
    /// `0001-x/README.md` for a folder per decision.
    pub adrs: Vec<(String, Vec<u8>)>,
    pub skipped: Vec<SkippedFile>,
}

/// Looks for the ADR folder; `None` when no folder holds anything named like an ADR.
pub fn locate(files: Vec<SourceFile>) -> Option<Located> {
    let (folder, any_slug) = find_folder(&files)?;
    let mut located = Located {
        folder: folder.clone(),
        ..Located::default()
    };
    for file in files {
        let Some(inside) = inside(&file.path, &folder) else {
            continue;
        };
        let inside = inside.to_owned();
        if !inside.to_ascii_lowercase().ends_with(".md") {
            continue;
        }
        match adr_entry(&inside, any_slug) {
            Entry::Adr => located.adrs.push((inside, file.bytes)),
            Entry::Index => located.skipped.push(SkippedFile::new(
                &file.path,
                "an index or template, not a decision",
            )),
            Entry::Other if !inside.contains('/') => located.skipped.push(SkippedFile::new(
                &file.path,
                "not named like an ADR (0001-title.md, adr-001-title.md or 20240102-title.md)",
            )),
            Entry::Other => {}
        }
    }
    located.adrs.sort_by(|a, b| a.0.cmp(&b.0));
    Some(located)
}

enum Entry {
    Adr,
    Index,
    Other,
}

/// What a markdown file at `path` (inside the ADR folder) is.
/// `any_slug`: whether a folder of any name holding an `index.md` or `README.md` is a decision
/// (in an ADR folder), or only one named like an ADR (at a repository's root).
fn adr_entry(path: &str, any_slug: bool) -> Entry {
    let parts: Vec<&str> = path.split('/').collect();
    match parts[..] {
        [name] if is_index_or_template(name) => Entry::Index,
        [name] if looks_like_adr(name) => Entry::Adr,
        [folder, name]
            if ["index.md", "readme.md"].contains(&name.to_ascii_lowercase().as_str())
                && is_decision_folder(folder, any_slug) =>
        {
            Entry::Adr
        }
        _ => Entry::Other,
    }
}

/// `README.md`, `index.md`, and templates: `template.md`, `adr-template.md`, `0000-template.md`
/// (a numbered file is a decision, whatever its title: `0014-project-templates.md`).
fn is_index_or_template(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    NOT_ADRS.contains(&lower.as_str())
        || (lower.contains("template") && file_number(name).is_none_or(|n| n == 0))
}

/// A folder holding one decision in its `index.md` or `README.md`: named like an ADR, or any
/// other name but those of folders that hold pictures or templates.
fn is_decision_folder(folder: &str, any_slug: bool) -> bool {
    if !any_slug {
        return looks_like_adr(folder);
    }
    const NOT_DECISIONS: [&str; 7] = [
        "assets",
        "images",
        "img",
        "media",
        "templates",
        "template",
        "diagrams",
    ];
    let lower = folder.to_ascii_lowercase();
    !folder.starts_with(['.', '_']) && !NOT_DECISIONS.contains(&lower.as_str())
}

/// `0007-use-rest.md`, `ADR-007_use_rest.md`, log4brains' `20240102-use-rest.md`, and the
/// same names for a folder per decision.
pub fn looks_like_adr(name: &str) -> bool {
    !is_index_or_template(name) && (file_number(name).is_some() || is_date_named(name))
}

/// `path` relative to `folder` (compared without case), if it is inside it.
fn inside<'a>(path: &'a str, folder: &str) -> Option<&'a str> {
    if folder.is_empty() {
        return Some(path);
    }
    let head = path.get(..folder.len())?;
    let rest = path[folder.len()..].strip_prefix('/')?;
    head.eq_ignore_ascii_case(folder).then_some(rest)
}

/// The ADR folder, and whether a folder of any name in it can hold a decision (not at a root).
fn find_folder(files: &[SourceFile]) -> Option<(String, bool)> {
    let mut roots = vec![String::new()];
    if let Some(wrapper) = single_wrapper(files) {
        roots.push(wrapper);
    }
    for root in &roots {
        let join = |path: &str| {
            if root.is_empty() {
                path.to_owned()
            } else {
                format!("{root}/{path}")
            }
        };
        for configured in configured_folders(files, &join) {
            if has_adrs_in(files, &configured, true) {
                return Some((actual_case(files, &configured), true));
            }
        }
        for candidate in CONVENTIONAL {
            let folder = join(candidate);
            if has_adrs_in(files, &folder, true) {
                return Some((actual_case(files, &folder), true));
            }
        }
        if has_adrs_in(files, root, false) {
            return Some((root.clone(), false));
        }
    }
    busiest_folder(files).map(|folder| (folder, true))
}

/// The folders `.adr-dir` and `.log4brains.yml` (`adrFolder:`) name, when they are safe.
fn configured_folders(files: &[SourceFile], join: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut found = Vec::new();
    let text = |name: &str| {
        files
            .iter()
            .find(|f| f.path == join(name))
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
    };
    if let Some(adr_dir) = text(".adr-dir") {
        found.push(adr_dir.trim().to_owned());
    }
    if let Some(config) = text(".log4brains.yml") {
        if let Some(folder) = config.lines().find_map(|line| {
            line.trim()
                .strip_prefix("adrFolder:")
                .map(|v| v.trim().trim_matches(['"', '\'']).to_owned())
        }) {
            found.push(folder);
        }
    }
    found
        .into_iter()
        .map(|folder| folder.trim_start_matches("./").trim_matches('/').to_owned())
        .filter(|f| !f.is_empty() && unsafe_path(f).is_none() && !f.starts_with('.'))
        .map(|f| join(&f))
        .collect()
}

/// The folder as the archive spells it (`Docs/ADR` for `docs/adr`).
fn actual_case(files: &[SourceFile], folder: &str) -> String {
    files
        .iter()
        .find_map(|f| {
            inside(&f.path, folder)?;
            f.path.get(..folder.len()).map(str::to_owned)
        })
        .unwrap_or_else(|| folder.to_owned())
}

fn has_adrs_in(files: &[SourceFile], folder: &str, any_slug: bool) -> bool {
    files.iter().any(|f| {
        inside(&f.path, folder).is_some_and(|rest| {
            rest.to_ascii_lowercase().ends_with(".md")
                && matches!(adr_entry(rest, any_slug), Entry::Adr)
        })
    })
}

/// The folder holding the most ADRs (files named like ADRs, or two or more folders with an
/// `index.md` or `README.md` each), for layouts no tool names.
fn busiest_folder(files: &[SourceFile]) -> Option<String> {
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    let mut folders: BTreeMap<&str, usize> = BTreeMap::new();
    for file in files {
        let Some((folder, name)) = file.path.rsplit_once('/') else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".md") && looks_like_adr(name) {
            *named.entry(folder).or_default() += 1;
        } else if lower == "index.md" || lower == "readme.md" {
            if let Some((parent, slug)) = folder.rsplit_once('/') {
                if is_decision_folder(slug, true) {
                    *folders.entry(parent).or_default() += 1;
                }
            }
        }
    }
    folders.retain(|_, count| *count >= 2);
    for (folder, count) in folders {
        *named.entry(folder).or_default() += count;
    }
    let most = named.values().copied().max()?;
    named
        .into_iter()
        .find(|(_, count)| *count == most)
        .map(|(folder, _)| folder.to_owned())
}

/// The one top-level folder every file is in, if there is exactly one.
fn single_wrapper(files: &[SourceFile]) -> Option<String> {
    let mut tops = files
        .iter()
        .map(|f| f.path.split_once('/').map(|(top, _)| top));
    let first = tops.next()??;
    tops.all(|top| top == Some(first)).then(|| first.to_owned())
}

#[cfg(test)]
mod tests;
