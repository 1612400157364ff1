//! `groundwork precompress`: a brotli and a gzip twin of each of the site's WASM, JS and CSS
//! files, written once at build time at the strongest levels, so that the server sends them as
//! they are instead of compressing the WASM file again for every visitor.
use std::{
    fs::File,
    io::{self, BufWriter, Read, Write},
    path::{Path, PathBuf},
};

/// The files that are worth compressing: the rest of the site is small or compressed already.
const EXTENSIONS: &[&str] = &["wasm", "js", "css", "svg"];

/// What was written for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Twins {
    pub file: PathBuf,
    pub original: u64,
    pub brotli: u64,
    pub gzip: u64,
}

/// Writes `<file>.br` and `<file>.gz` beside every WASM, JS, CSS and SVG file directly in `dir`.
pub fn precompress(dir: &Path) -> io::Result<Vec<Twins>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .filter(|path| {
            path.extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| EXTENSIONS.contains(&ext))
        })
        .collect();
    files.sort();
    files.into_iter().map(|file| twins_of(&file)).collect()
}

fn twins_of(file: &Path) -> io::Result<Twins> {
    let mut original = Vec::new();
    File::open(file)?.read_to_end(&mut original)?;
    let brotli_path = with_suffix(file, "br");
    {
        let out = BufWriter::new(File::create(&brotli_path)?);
        // Quality 11 with a 4 MiB window: slow once here, small for every download.
        let mut writer = brotli::CompressorWriter::new(out, 64 * 1024, 11, 22);
        writer.write_all(&original)?;
        // Ends the brotli stream, then writes the buffer out, reporting any error.
        writer.into_inner().flush()?;
    }
    let gzip_path = with_suffix(file, "gz");
    {
        let out = BufWriter::new(File::create(&gzip_path)?);
        let mut writer = flate2::write::GzEncoder::new(out, flate2::Compression::best());
        writer.write_all(&original)?;
        writer.finish()?.flush()?;
    }
    Ok(Twins {
        file: file.to_owned(),
        original: original.len() as u64,
        brotli: std::fs::metadata(&brotli_path)?.len(),
        gzip: std::fs::metadata(&gzip_path)?.len(),
    })
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Twins in `dir` older than the file beside them: a build changed the file after they were
/// written, and the server would send the old content.
pub fn stale_twins(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|twin| {
            let Some(original) = twin
                .extension()
                .filter(|ext| *ext == "br" || *ext == "gz")
                .map(|_| twin.with_extension(""))
            else {
                return false;
            };
            matches!((modified(twin), modified(&original)), (Some(t), Some(o)) if t < o)
        })
        .collect();
    stale.sort();
    stale
}
