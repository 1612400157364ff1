//! The names of the compiled front end's files, and how long browsers may keep them.
//!
//! A release build (`scripts/release`) names them by their content, `groundwork.<hash>.wasm`
//! and so on, and cargo-leptos writes the hashes to `hash.txt` beside the binary, where Leptos
//! reads them for the page's script tags. Such a name never changes meaning, so browsers may
//! keep the file for a year without asking again, and a repeat visit downloads none of it; a new
//! release has new names. Other builds use the plain names, which browsers must check before
//! each use (`no-cache`, answered by 304 while unchanged).
use std::{path::Path, sync::OnceLock};

/// Browsers may keep a content-named file as long as they like.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Anything else under `/pkg/` and the public files: keep, but check first.
pub const REVALIDATE: &str = "public, no-cache";

const OUTPUT_NAME: &str = "groundwork";
/// What cargo-leptos calls the file, beside the binary.
pub const HASH_FILE: &str = "hash.txt";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFiles {
    /// The content hashes of the JS, WASM and CSS, when the site has hashed names.
    hashes: Option<Hashes>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Hashes {
    js: String,
    wasm: String,
    css: String,
}

static SITE_FILES: OnceLock<SiteFiles> = OnceLock::new();

impl SiteFiles {
    /// Hashed names when `hash_file` names files that `pkg_dir` holds; plain names otherwise
    /// (with a warning when a hash file is there but its files are not, as after a release
    /// build followed by a debug one).
    pub fn detect(hash_file: &Path, pkg_dir: &Path) -> Self {
        let Ok(text) = std::fs::read_to_string(hash_file) else {
            return Self { hashes: None };
        };
        let hashes = Hashes::parse(&text).filter(|hashes| {
            ["js", "wasm", "css"].iter().all(|kind| {
                let file = format!("{OUTPUT_NAME}.{}.{kind}", hashes.of(kind));
                pkg_dir.join(file).is_file()
            })
        });
        if hashes.is_none() {
            tracing::warn!(
                hash_file = %hash_file.display(),
                pkg = %pkg_dir.display(),
                "the hash file names files the site does not hold: serving the plain names"
            );
        }
        Self { hashes }
    }

    /// Makes `self` the process's site files; the first call wins (tests start many apps on
    /// one site).
    pub fn install(self) -> &'static SiteFiles {
        SITE_FILES.get_or_init(|| self)
    }

    pub fn hashed(&self) -> bool {
        self.hashes.is_some()
    }

    /// The stylesheet's path, for pages rendered without Leptos.
    pub fn stylesheet_href(&self) -> String {
        match &self.hashes {
            Some(hashes) => format!("/pkg/{OUTPUT_NAME}.{}.css", hashes.css),
            None => format!("/pkg/{OUTPUT_NAME}.css"),
        }
    }

    /// The `Cache-Control` for a static file at `path`: immutable for a content-hashed name
    /// (its twins included), checked before each use otherwise.
    pub fn cache_control(&self, path: &str) -> &'static str {
        let Some(hashes) = &self.hashes else {
            return REVALIDATE;
        };
        let Some(file) = path.strip_prefix("/pkg/") else {
            return REVALIDATE;
        };
        let hashed = [&hashes.js, &hashes.wasm, &hashes.css]
            .iter()
            .any(|hash| file.starts_with(&format!("{OUTPUT_NAME}.{hash}.")));
        if hashed {
            IMMUTABLE
        } else {
            REVALIDATE
        }
    }
}

/// The installed site files, or plain names when none were installed.
pub fn installed() -> &'static SiteFiles {
    SITE_FILES.get_or_init(|| SiteFiles { hashes: None })
}

impl Hashes {
    /// `js: …`, `wasm: …`, `css: …` lines, as cargo-leptos writes them (others are ignored).
    fn parse(text: &str) -> Option<Self> {
        let value = |kind: &str| {
            text.lines().find_map(|line| {
                let (key, hash) = line.split_once(':')?;
                let hash = hash.trim();
                let plain = hash
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                (key.trim() == kind && !hash.is_empty() && plain).then(|| hash.to_owned())
            })
        };
        Some(Self {
            js: value("js")?,
            wasm: value("wasm")?,
            css: value("css")?,
        })
    }

    fn of(&self, kind: &str) -> &str {
        match kind {
            "js" => &self.js,
            "wasm" => &self.wasm,
            _ => &self.css,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder removed when dropped.
    struct Scratch(std::path::PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn site(files: &[&str], hash_txt: &str) -> (Scratch, SiteFiles) {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("site-files-{}-{n}", std::process::id()));
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        for file in files {
            std::fs::write(pkg.join(file), b"x").unwrap();
        }
        let hash_file = dir.join(HASH_FILE);
        std::fs::write(&hash_file, hash_txt).unwrap();
        let files = SiteFiles::detect(&hash_file, &pkg);
        (Scratch(dir), files)
    }

    const HASHES: &str = "js: J-1_a\nwasm: W2\ncss: C3\n";

    #[test]
    fn a_site_with_the_hashed_files_is_served_immutable() {
        let (_dir, files) = site(
            &[
                "groundwork.J-1_a.js",
                "groundwork.W2.wasm",
                "groundwork.C3.css",
            ],
            HASHES,
        );
        assert!(files.hashed());
        assert_eq!(files.stylesheet_href(), "/pkg/groundwork.C3.css");
        assert_eq!(files.cache_control("/pkg/groundwork.W2.wasm"), IMMUTABLE);
        assert_eq!(files.cache_control("/pkg/groundwork.W2.wasm.br"), IMMUTABLE);
        assert_eq!(files.cache_control("/pkg/groundwork.wasm"), REVALIDATE);
        assert_eq!(files.cache_control("/favicon.svg"), REVALIDATE);
    }

    #[test]
    fn a_hash_file_naming_missing_files_falls_back_to_plain_names() {
        let (_dir, files) = site(&["groundwork.js", "groundwork.wasm"], HASHES);
        assert!(!files.hashed());
        assert_eq!(files.stylesheet_href(), "/pkg/groundwork.css");
        assert_eq!(files.cache_control("/pkg/groundwork.W2.wasm"), REVALIDATE);
    }

    #[test]
    fn a_hash_file_with_odd_content_is_ignored() {
        for text in ["", "js: a\nwasm: b\n", "js: ../x\nwasm: b\ncss: c\n"] {
            assert_eq!(Hashes::parse(text), None, "{text:?}");
        }
    }
}
