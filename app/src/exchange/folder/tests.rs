//! Where teams keep their ADRs, and how they name them.
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

fn with(mut all: Vec<SourceFile>, path: &str, text: &str) -> Vec<SourceFile> {
    all.push(SourceFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    });
    all
}

fn folder_of(all: Vec<SourceFile>) -> String {
    locate(all)
        .map(|l| l.folder)
        .unwrap_or_else(|| "<none>".into())
}

#[test]
fn configured_folders_win_over_the_conventional_ones() {
    let all = with(
        files(&["docs/adr/0001-a.md", "architecture/0001-b.md"]),
        ".adr-dir",
        "architecture\n",
    );
    let located = locate(all).unwrap();
    assert_eq!(located.folder, "architecture");
    assert_eq!(located.adrs[0].0, "0001-b.md");
    let all = with(
        files(&["docs/adr/0001-a.md", "knowledge/decisions/20240102-b.md"]),
        ".log4brains.yml",
        "---\nproject:\n  name: Shop\n  tz: Europe/Paris\n  adrFolder: ./knowledge/decisions\n",
    );
    assert_eq!(folder_of(all), "knowledge/decisions");
}

#[test]
fn every_usual_folder_is_found_and_inside_a_wrapper() {
    for folder in [
        "doc/adr",
        "docs/adr",
        "docs/adrs",
        "docs/decisions",
        "docs/architecture/decisions",
        "docs/architecture-decisions",
        "architecture/decisions",
    ] {
        let path = format!("{folder}/0001-a.md");
        assert_eq!(folder_of(files(&[&path, "README.md"])), folder);
        let wrapped = format!("repo-main/{path}");
        assert_eq!(
            folder_of(files(&[&wrapped, "repo-main/README.md"])),
            format!("repo-main/{folder}")
        );
    }
    assert_eq!(folder_of(files(&["Docs/ADR/0001-a.md"])), "Docs/ADR");
    assert_eq!(folder_of(files(&["0001-a.md", "src/lib.md"])), "");
    assert_eq!(
        folder_of(files(&[
            "handbook/records/0001-a.md",
            "handbook/records/0002-b.md",
            "notes/0001-x.md"
        ])),
        "handbook/records",
        "a folder no tool names is found by its ADR files"
    );
    assert!(locate(files(&["notes.md"])).is_none());
}

#[test]
fn every_naming_of_files_is_an_adr() {
    let names = [
        "0001-use-rest.md",
        "002-use-grpc.md",
        "adr-003-use-queues.md",
        "adr004-use-redis.md",
        "ADR-0005-Use_Kafka.md",
        "20240102-use-s3.md",
        "0007_Use_CDN.MD",
    ];
    let paths: Vec<String> = names.iter().map(|n| format!("doc/adr/{n}")).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let located = locate(files(&paths)).unwrap();
    assert_eq!(located.adrs.len(), names.len(), "{:?}", located.skipped);
}

#[test]
fn a_folder_per_decision_is_an_adr() {
    let located = locate(files(&[
        "docs/decisions/0001-use-rest/index.md",
        "docs/decisions/0002-use-grpc/README.md",
        "docs/decisions/0002-use-grpc/diagram.md",
        "docs/decisions/README.md",
    ]))
    .unwrap();
    assert_eq!(located.folder, "docs/decisions");
    let paths: Vec<&str> = located.adrs.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["0001-use-rest/index.md", "0002-use-grpc/README.md"]);
}

#[test]
fn folders_per_decision_need_no_number_inside_an_adr_folder_but_do_at_the_root() {
    let located = locate(files(&[
        "examples/use-rest/index.md",
        "examples/pick-a-cache/README.md",
        "examples/images/README.md",
        "src/README.md",
    ]))
    .unwrap();
    assert_eq!(located.folder, "examples");
    let paths: Vec<&str> = located.adrs.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["pick-a-cache/README.md", "use-rest/index.md"]);
    assert!(
        locate(files(&["docs/README.md", "src/README.md"])).is_none(),
        "a repository's READMEs are not decisions"
    );
}

#[test]
fn a_numbered_file_is_a_decision_even_when_it_is_about_templates() {
    let located = locate(files(&[
        "doc/adr/0014-project-templates.md",
        "doc/adr/0000-adr-template.md",
        "doc/adr/adr-template-minimal.md",
    ]))
    .unwrap();
    assert_eq!(located.adrs.len(), 1);
    assert_eq!(located.adrs[0].0, "0014-project-templates.md");
}

#[test]
fn index_template_and_other_files_are_skipped_with_a_reason() {
    let located = locate(files(&[
        "doc/adr/0001-a.md",
        "doc/adr/README.md",
        "doc/adr/notes.md",
        "doc/adr/0000-adr-template.md",
    ]))
    .unwrap();
    assert_eq!(located.adrs.len(), 1);
    let reasons: Vec<&str> = located.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons
        .iter()
        .any(|r| r.starts_with("an index or template")));
    assert!(reasons
        .iter()
        .any(|r| r.starts_with("not named like an ADR")));
}

#[test]
fn a_configured_folder_pointing_outside_is_ignored() {
    let all = with(files(&["doc/adr/0001-a.md"]), ".adr-dir", "../../etc");
    assert_eq!(folder_of(all), "doc/adr");
}
