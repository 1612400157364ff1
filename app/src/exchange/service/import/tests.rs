//! Import planning on files as real repositories hold them.
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::plan;
use crate::{
    decisions::domain::{AdrStatus, LinkKind},
    exchange::{
        archive::{SourceFile, Unpacked},
        domain::{FileOutcome, ImportLimits},
    },
};

fn unpacked(files: &[(&str, &[u8])]) -> Unpacked {
    Unpacked {
        files: files
            .iter()
            .map(|(path, bytes)| SourceFile {
                path: (*path).into(),
                bytes: bytes.to_vec(),
            })
            .collect(),
        skipped: Vec::new(),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

const ADR_TOOLS_1: &str = "# 1. Record architecture decisions\n\nDate: 2016-02-12\n\n## Status\n\nSuperceded by [2. Use MADR](0002-use-madr.md)\n\n## Context\n\nWe need to record decisions.\n\n## Decision\n\nWe will use ADRs.\n\n## Consequences\n\nSee Nygard's article.\n";
const ADR_TOOLS_2: &str = "# 2. Use MADR\n\nDate: 2016-03-01\n\n## Status\n\nAccepted\n\nSupercedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context\n\nMore structure.\n\n## Decision\n\nMADR.\n\n## Consequences\n\nNone.\n";

#[test]
fn adr_tools_files_with_both_spellings_import_with_their_link() {
    let plan = plan(
        unpacked(&[
            (
                "doc/adr/0001-record-architecture-decisions.md",
                ADR_TOOLS_1.as_bytes(),
            ),
            ("doc/adr/0002-use-madr.md", ADR_TOOLS_2.as_bytes()),
        ]),
        &BTreeMap::new(),
        &ImportLimits::default(),
        today(),
    )
    .unwrap();
    assert!(plan.report.stored, "{:?}", plan.report);
    assert_eq!(plan.report.folder, "doc/adr");
    assert_eq!(plan.adrs[0].status, AdrStatus::Superseded);
    assert_eq!(plan.adrs[0].date.to_string(), "2016-02-12");
    assert_eq!(plan.adrs[1].form.title, "Use MADR");
    assert_eq!(plan.links.len(), 1, "both sides state one link");
    assert_eq!(
        (plan.links[0].kind, plan.links[0].from, plan.links[0].to),
        (LinkKind::Supersedes, 2, 1)
    );
    let FileOutcome::Imported { flavour, .. } = &plan.report.files[0].outcome else {
        panic!()
    };
    assert_eq!(flavour, "Nygard (adr-tools)");
}

#[test]
fn madr_3_front_matter_with_deciders_yaml_lists_and_unknown_keys_is_read() {
    let text = "---\nstatus: \"in review\"\ndate: 2023-05-04\ndeciders:\n  - Ada\n  - Grace\nconsulted: [Linus]\ntags: [api]\n---\n# Use REST\n\n## Context and Problem Statement\n\nClients.\n\n## Decision Outcome\n\nChosen option: \"REST\", because simple.\n\n### Consequences\n\n* Good, because tooling\n\n## Pros and Cons of the Options\n\n### REST\n\n* Good\n";
    let plan = plan(
        unpacked(&[("docs/decisions/0003-use-rest.md", text.as_bytes())]),
        &BTreeMap::new(),
        &ImportLimits::default(),
        today(),
    )
    .unwrap();
    assert!(plan.report.stored);
    let adr = &plan.adrs[0];
    assert_eq!(adr.number, 3);
    assert_eq!(adr.status, AdrStatus::Proposed);
    assert_eq!(adr.form.decision_makers, "Ada\nGrace");
    assert_eq!(adr.form.consulted, "Linus");
    assert_eq!(adr.form.consequences, "* Good, because tooling");
    assert!(
        adr.markdown_extras.contains("in review"),
        "{}",
        adr.markdown_extras
    );
    assert!(adr.markdown_extras.contains("tags: [api]"));
    assert!(adr.markdown_extras.contains("Pros and Cons of the Options"));
    assert!(plan.report.files[0]
        .notes
        .iter()
        .any(|n| n.contains("\"in review\" is not one of ours")));
}

#[test]
fn log4brains_date_named_files_are_numbered_in_order_and_linked_by_file_name() {
    let first = "# Use a monolith\n\n- Status: superseded by [20240301-use-services](20240301-use-services.md)\n- Deciders: Ada, Grace\n- Date: 2024-01-01\n- Tags: architecture\n\n## Context and Problem Statement\n\nSmall team.\n";
    let second = "# Use services\n\n- Status: accepted\n- Date: 2024-03-01\n\n## Context and Problem Statement\n\nGrowth.\n\n## Links\n\n- Supersedes [Use a monolith](20240101-use-a-monolith.md)\n";
    let mut existing = BTreeMap::new();
    existing.insert(4, "Older".to_owned());
    let plan = plan(
        unpacked(&[
            ("docs/adr/20240101-use-a-monolith.md", first.as_bytes()),
            ("docs/adr/20240301-use-services.md", second.as_bytes()),
            ("docs/adr/index.md", b"# Index\n"),
        ]),
        &existing,
        &ImportLimits::default(),
        today(),
    )
    .unwrap();
    assert!(plan.report.stored, "{:?}", plan.report);
    assert_eq!(
        plan.adrs.iter().map(|a| a.number).collect::<Vec<_>>(),
        [5, 6]
    );
    assert_eq!(plan.adrs[0].form.decision_makers, "Ada\nGrace");
    assert!(plan.adrs[0]
        .markdown_extras
        .contains("- Tags: architecture"));
    assert_eq!(plan.links.len(), 1);
    assert_eq!((plan.links[0].from, plan.links[0].to), (6, 5));
    assert!(plan
        .report
        .files
        .iter()
        .any(|f| f.path == "docs/adr/index.md" && f.outcome == FileOutcome::Skipped));
}

#[test]
fn a_taken_number_fails_the_whole_import() {
    let mut existing = BTreeMap::new();
    existing.insert(1, "Record architecture decisions".to_owned());
    let plan = plan(
        unpacked(&[
            (
                "doc/adr/0001-record-architecture-decisions.md",
                ADR_TOOLS_1.as_bytes(),
            ),
            ("doc/adr/0002-use-madr.md", ADR_TOOLS_2.as_bytes()),
        ]),
        &existing,
        &ImportLimits::default(),
        today(),
    )
    .unwrap();
    assert!(!plan.report.stored);
    assert_eq!(plan.report.files[0].outcome, FileOutcome::Failed);
    assert!(plan.report.files[0]
        .notes
        .iter()
        .any(|n| n.contains("ADR-0001 already exists")));
    assert!(plan.report.summary().starts_with("Nothing was imported"));
}

#[test]
fn bad_files_are_reported_by_name_and_reason() {
    let long_title = format!("# {}\n\n## Context\n\nx\n", "t".repeat(200));
    let plan = plan(
        unpacked(&[
            ("doc/adr/0001-latin1.md", b"# Caf\xe9\n"),
            ("doc/adr/0002-no-title.md", b"Just text\n"),
            ("doc/adr/0003-long.md", long_title.as_bytes()),
            ("doc/adr/0004-fine.md", b"# Fine\n\nDate: 2020-01-01\n"),
        ]),
        &BTreeMap::new(),
        &ImportLimits::default(),
        today(),
    )
    .unwrap();
    let by_path = |p: &str| {
        plan.report
            .files
            .iter()
            .find(|f| f.path.ends_with(p))
            .unwrap()
    };
    assert_eq!(by_path("0001-latin1.md").outcome, FileOutcome::Skipped);
    assert_eq!(by_path("0001-latin1.md").notes, ["it is not UTF-8 text"]);
    assert_eq!(by_path("0002-no-title.md").outcome, FileOutcome::Failed);
    assert_eq!(by_path("0003-long.md").outcome, FileOutcome::Failed);
    assert!(by_path("0003-long.md")
        .notes
        .iter()
        .any(|n| n.starts_with("title: Keep the title")));
    assert!(!plan.report.stored);
}

#[test]
fn a_circle_of_supersedes_links_fails() {
    let a = "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [2. B](0002-b.md)\n";
    let b = "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n";
    let plan = plan(
        unpacked(&[("0001-a.md", a.as_bytes()), ("0002-b.md", b.as_bytes())]),
        &BTreeMap::new(),
        &ImportLimits::default(),
        today(),
    )
    .unwrap();
    assert!(!plan.report.stored);
    assert!(plan.report.files[0]
        .notes
        .iter()
        .any(|n| n.contains("circle")));
}

#[test]
fn an_archive_without_adrs_says_where_it_looked() {
    let error = plan(
        unpacked(&[("src/main.rs.md", b"# x")]),
        &BTreeMap::new(),
        &ImportLimits::default(),
        today(),
    )
    .err()
    .unwrap();
    assert!(error.to_string().contains("doc/adr"), "{error}");
}

#[test]
fn a_number_past_the_highest_fails_its_file_with_a_clear_note() {
    let huge = "# 2147483647. X\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n";
    let plan = plan(
        unpacked(&[("doc/adr/2147483647-x.md", huge.as_bytes())]),
        &BTreeMap::new(),
        &ImportLimits::default(),
        today(),
    )
    .unwrap();
    assert!(!plan.report.stored);
    let file = &plan.report.files[0];
    assert_eq!(file.outcome, FileOutcome::Failed, "{file:?}");
    assert!(
        file.notes.iter().any(|note| note.contains("out of range")),
        "{:?}",
        file.notes
    );
}
