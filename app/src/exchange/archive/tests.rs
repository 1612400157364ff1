//! Hostile archives: each is refused or skipped with a reason, within the limits.
use std::io::{Cursor, Write};

use zip::{write::SimpleFileOptions, CompressionMethod, ZipWriter};

use super::{pack, unpack};
use crate::exchange::domain::ImportLimits;

fn small_limits() -> ImportLimits {
    ImportLimits {
        max_upload_bytes: 1024 * 1024,
        max_entries: 50,
        max_total_bytes: 256 * 1024,
        max_file_bytes: 64 * 1024,
        max_adrs: 20,
    }
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_packed_archive_unpacks_to_the_same_files() {
    let files = vec![
        ("doc/adr/0001-a.md".to_owned(), "# 1. A\n".to_owned()),
        ("doc/adr/README.md".to_owned(), "# ADRs\n".to_owned()),
    ];
    let bytes = pack(&files).unwrap();
    assert_eq!(
        pack(&files).unwrap(),
        bytes,
        "the same files give the same bytes"
    );
    let unpacked = unpack(&bytes, &small_limits()).unwrap();
    let paths: Vec<&str> = unpacked.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["doc/adr/0001-a.md", "doc/adr/README.md"]);
    assert_eq!(unpacked.files[0].bytes, b"# 1. A\n");
}

#[test]
fn a_zip_bomb_is_refused_once_the_inflated_total_passes_the_cap() {
    let zeros = vec![b'0'; 60 * 1024];
    let entries: Vec<(String, &[u8])> = (0..10)
        .map(|n| (format!("doc/adr/{n:04}-x.md"), zeros.as_slice()))
        .collect();
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let bytes = zip_of(&entries);
    assert!(bytes.len() < 20 * 1024, "compresses well: {}", bytes.len());
    let error = unpack(&bytes, &small_limits()).unwrap_err();
    assert!(
        error.to_string().contains("unpacks to more than"),
        "{error}"
    );
}

#[test]
fn one_huge_file_is_skipped_without_inflating_all_of_it() {
    let huge = vec![b'a'; 4 * 1024 * 1024];
    let bytes = zip_of(&[
        ("doc/adr/0001-huge.md", &huge),
        ("doc/adr/0002-ok.md", b"# ok\n"),
    ]);
    let unpacked = unpack(&bytes, &small_limits()).unwrap();
    assert_eq!(unpacked.files.len(), 1);
    assert_eq!(unpacked.skipped[0].path, "doc/adr/0001-huge.md");
    assert!(unpacked.skipped[0].reason.contains("larger than 64 KiB"));
}

#[test]
fn too_many_entries_are_refused_before_any_is_read() {
    let names: Vec<String> = (0..51).map(|n| format!("{n:04}-x.md")).collect();
    let entries: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), b"# x\n" as &[u8]))
        .collect();
    let error = unpack(&zip_of(&entries), &small_limits()).unwrap_err();
    assert!(error.to_string().contains("51 entries"), "{error}");
}

#[test]
fn traversal_absolute_paths_and_symlinks_are_skipped_with_their_reason() {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for name in [
        "../evil.md",
        "doc/../../evil.md",
        "/etc/evil.md",
        "C:/evil.md",
        "doc\\adr\\0001-x.md",
    ] {
        writer.start_file(name, options).unwrap();
        writer.write_all(b"# evil\n").unwrap();
    }
    writer
        .add_symlink("doc/adr/0009-link.md", "/etc/passwd", options)
        .unwrap();
    writer.start_file("doc/adr/0001-fine.md", options).unwrap();
    writer.write_all(b"# fine\n").unwrap();
    let bytes = writer.finish().unwrap().into_inner();
    let unpacked = unpack(&bytes, &small_limits()).unwrap();
    assert_eq!(unpacked.files.len(), 1, "{:?}", unpacked.skipped);
    assert_eq!(unpacked.files[0].path, "doc/adr/0001-fine.md");
    assert_eq!(unpacked.skipped.len(), 6, "{:?}", unpacked.skipped);
    let symlink = unpacked
        .skipped
        .iter()
        .find(|s| s.path.contains("0009"))
        .unwrap();
    assert_eq!(symlink.reason, "it is a symbolic link");
}

#[test]
fn something_that_is_not_a_zip_is_refused_clearly() {
    let error = unpack(b"PK\x03\x04 but not really", &small_limits()).unwrap_err();
    assert_eq!(error.to_string(), "This file is not a zip archive.");
}
