//! Finds the ADR folder in an archive or a repository the way the tools do: adr-tools'
//! `.adr-dir` first, then `doc/adr`, `docs/adr`, `docs/decisions`, then files at the root. A
//! single folder wrapping everything (as GitHub's zip downloads have) is looked into as well.
use super::{
    archive::{unsafe_path, SourceFile},
    domain::SkippedFile,
    links::leading_number,
};

const CONVENTIONAL: [&str; 4] = [
    "doc/adr",
    "docs/adr",
    "docs/decisions",
    "docs/architecture/decisions",
];

/// Files that sit beside ADRs but are not ADRs.
const NOT_ADRS: [&str; 4] = ["readme.md", "index.md", "template.md", "adr-template.md"];

/// The ADR files found, by name, and the files in the folder that are skipped.
#[derive(Debug, Default)]
pub struct Located {
    /// The folder, relative to the archive's root; empty for the root itself.
    pub folder: String,
    /// (file name, content) of each file named like an ADR, in name order.
    pub adrs: Vec<(String, Vec<u8>)>,
    pub skipped: Vec<SkippedFile>,
}

/// Looks for the ADR folder; `None` when no folder holds anything named like an ADR.
pub fn locate(files: Vec<SourceFile>) -> Option<Located> {
    let folder = find_folder(&files)?;
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let mut located = Located {
        folder,
        ..Located::default()
    };
    for file in files {
        let Some(name) = file.path.strip_prefix(&prefix) else {
            continue;
        };
        if name.contains('/') || !name.to_ascii_lowercase().ends_with(".md") {
            continue;
        }
        if NOT_ADRS.contains(&name.to_ascii_lowercase().as_str()) {
            located.skipped.push(SkippedFile::new(
                &file.path,
                "an index or template, not a decision",
            ));
        } else if looks_like_adr(name) {
            located.adrs.push((name.to_owned(), file.bytes));
        } else {
            located.skipped.push(SkippedFile::new(
                &file.path,
                "not named like an ADR (NNNN-title.md)",
            ));
        }
    }
    located.adrs.sort_by(|a, b| a.0.cmp(&b.0));
    Some(located)
}

/// `0007-use-rest.md`, and log4brains' `20240102-use-rest.md`.
pub fn looks_like_adr(name: &str) -> bool {
    leading_number(name).is_some()
        || name
            .split('-')
            .next()
            .is_some_and(|p| p.len() >= 8 && p.chars().all(|c| c.is_ascii_digit()))
}

fn find_folder(files: &[SourceFile]) -> Option<String> {
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
        if let Some(adr_dir) = files.iter().find(|f| f.path == join(".adr-dir")) {
            let configured = String::from_utf8_lossy(&adr_dir.bytes)
                .trim()
                .trim_matches('/')
                .to_owned();
            if !configured.is_empty()
                && unsafe_path(&configured).is_none()
                && !configured.starts_with('.')
            {
                return Some(join(&configured));
            }
        }
        for candidate in CONVENTIONAL {
            let folder = join(candidate);
            if has_adrs_in(files, &folder) {
                return Some(folder);
            }
        }
        if has_adrs_in(files, root) {
            return Some(root.clone());
        }
    }
    None
}

fn has_adrs_in(files: &[SourceFile], folder: &str) -> bool {
    files.iter().any(|f| {
        let name = if folder.is_empty() {
            Some(f.path.as_str())
        } else {
            f.path
                .strip_prefix(folder)
                .and_then(|rest| rest.strip_prefix('/'))
        };
        name.is_some_and(|n| !n.contains('/') && n.ends_with(".md") && looks_like_adr(n))
    })
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
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> Vec<SourceFile> {
        paths
            .iter()
            .map(|p| SourceFile {
                path: (*p).to_owned(),
                bytes: b"# T\n".to_vec(),
            })
            .collect()
    }

    #[test]
    fn adr_dir_wins_over_the_conventional_folders() {
        let mut all = files(&["docs/adr/0001-a.md", "architecture/0001-b.md"]);
        all.push(SourceFile {
            path: ".adr-dir".into(),
            bytes: b"architecture\n".to_vec(),
        });
        let located = locate(all).unwrap();
        assert_eq!(located.folder, "architecture");
        assert_eq!(located.adrs[0].0, "0001-b.md");
    }

    #[test]
    fn conventional_folders_are_found_in_order_and_inside_a_wrapper() {
        assert_eq!(
            locate(files(&["docs/decisions/0001-a.md", "doc/adr/0001-b.md"]))
                .unwrap()
                .folder,
            "doc/adr"
        );
        assert_eq!(
            locate(files(&[
                "repo-main/docs/decisions/0002-a.md",
                "repo-main/README.md"
            ]))
            .unwrap()
            .folder,
            "repo-main/docs/decisions"
        );
        assert_eq!(locate(files(&["0001-a.md"])).unwrap().folder, "");
        assert!(locate(files(&["notes.md"])).is_none());
    }

    #[test]
    fn index_template_and_other_files_are_skipped_with_a_reason() {
        let located = locate(files(&[
            "doc/adr/0001-a.md",
            "doc/adr/README.md",
            "doc/adr/notes.md",
            "doc/adr/sub/0002-b.md",
        ]))
        .unwrap();
        assert_eq!(located.adrs.len(), 1);
        let reasons: Vec<&str> = located.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "an index or template, not a decision",
                "not named like an ADR (NNNN-title.md)"
            ]
        );
    }

    #[test]
    fn an_adr_dir_pointing_outside_is_ignored() {
        let mut all = files(&["doc/adr/0001-a.md"]);
        all.push(SourceFile {
            path: ".adr-dir".into(),
            bytes: b"../../etc".to_vec(),
        });
        assert_eq!(locate(all).unwrap().folder, "doc/adr");
    }
}
