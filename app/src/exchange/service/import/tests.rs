//! Import planning on files as real repositories hold them.
use std::collections::BTreeMap;

use super::{plan, Plan};
use crate::{
    decisions::{
        domain::{AdrStatus, LinkKind},
        service::ImportedAdr,
    },
    exchange::{
        archive::{SourceFile, Unpacked},
        document::MarkdownExtras,
        domain::{FileOutcome, FileReport, ImportLimits},
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

fn plan_of(files: &[(&str, &[u8])]) -> Plan {
    plan(unpacked(files), &BTreeMap::new(), &ImportLimits::default()).unwrap()
}

fn file<'p>(plan: &'p Plan, suffix: &str) -> &'p FileReport {
    plan.report
        .files
        .iter()
        .find(|f| f.path.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} in {:?}", plan.report))
}

fn adr(plan: &Plan, number: i32) -> &ImportedAdr {
    plan.adrs
        .iter()
        .find(|a| a.number == number)
        .unwrap_or_else(|| panic!("no ADR {number}"))
}

fn extras(adr: &ImportedAdr) -> MarkdownExtras {
    MarkdownExtras::from_column(&adr.markdown_extras)
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
    )
    .unwrap();
    assert_eq!(plan.report.imported(), 2, "{:?}", plan.report);
    assert_eq!(plan.report.folder, "doc/adr");
    assert_eq!(plan.adrs[0].status, AdrStatus::Superseded);
    assert_eq!(plan.adrs[0].date.unwrap().to_string(), "2016-02-12");
    assert_eq!(plan.adrs[1].form.title, "Use MADR");
    assert_eq!(plan.links.len(), 1, "both sides state one link");
    assert_eq!(
        (plan.links[0].kind, plan.links[0].from, plan.links[0].to),
        (LinkKind::Supersedes, 2, 1)
    );
    let FileOutcome::Imported { flavour, .. } = &plan.report.files[0].outcome else {
        panic!()
    };
    assert_eq!(flavour, "Nygard / adr-tools");
    assert!(extras(&plan.adrs[0]).supercede_spelling);
}

#[test]
fn madr_3_front_matter_with_deciders_yaml_lists_and_unknown_keys_is_read() {
    let text = "---\nstatus: \"in review\"\ndate: 2023-05-04\ndeciders:\n  - Ada\n  - Grace\nconsulted: [Linus]\ntags: [api]\n---\n# Use REST\n\n## Context and Problem Statement\n\nClients.\n\n## Decision Outcome\n\nChosen option: \"REST\", because simple.\n\n### Consequences\n\n* Good, because tooling\n\n## Pros and Cons of the Options\n\n### REST\n\n* Good\n";
    let plan = plan(
        unpacked(&[("docs/decisions/0003-use-rest.md", text.as_bytes())]),
        &BTreeMap::new(),
        &ImportLimits::default(),
    )
    .unwrap();
    assert_eq!(plan.report.imported(), 1);
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
        .any(|n| n.contains("\"in review\" read as proposed")));
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
    )
    .unwrap();
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
fn two_files_with_one_number_both_import_and_the_second_keeps_its_own_for_export() {
    let plan = plan_of(&[
        (
            "docs/adr/0002-use-rest.md",
            b"# Use REST\n\n## Context\n\nA.\n",
        ),
        (
            "docs/adr/0002-use-grpc.md",
            b"# Use gRPC\n\n## Context\n\nB.\n",
        ),
        (
            "docs/adr/0003-use-queues.md",
            b"# Use queues\n\n## Context\n\nC.\n",
        ),
    ]);
    assert_eq!(plan.report.imported(), 3, "{:?}", plan.report);
    assert_eq!(plan.report.renumbered(), 1);
    // Files are read in name order: grpc first keeps 2, rest gets the next free number.
    assert_eq!(adr(&plan, 2).form.title, "Use gRPC");
    let renumbered = adr(&plan, 4);
    assert_eq!(renumbered.form.title, "Use REST");
    assert_eq!(extras(renumbered).original_number, Some(2));
    assert_eq!(extras(renumbered).file_name, "0002-use-rest.md");
    let report = file(&plan, "0002-use-rest.md");
    assert!(matches!(
        report.outcome,
        FileOutcome::Imported {
            number: 4,
            renumbered_from: Some(2),
            ..
        }
    ));
    assert!(report
        .notes
        .iter()
        .any(|n| n.contains("renumbered ADR-0004")));
}

#[test]
fn a_number_the_project_has_renumbers_instead_of_failing() {
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
    )
    .unwrap();
    assert_eq!(plan.report.imported(), 2);
    // The first file's number is taken: it gets the next free one after the second's.
    assert_eq!(
        plan.adrs.iter().map(|a| a.number).collect::<Vec<_>>(),
        [3, 2]
    );
    // The link between the two files follows the renumbering, by file name.
    assert_eq!(
        (plan.links[0].kind, plan.links[0].from, plan.links[0].to),
        (LinkKind::Supersedes, 2, 3)
    );
    assert!(file(&plan, "0001-record-architecture-decisions.md")
        .notes
        .iter()
        .any(|n| n.contains("ADR-0001 is already in this project")));
    assert!(plan
        .report
        .summary()
        .starts_with("Ready to import 2 decisions (1 renumbered)"));
}

#[test]
fn one_bad_file_is_skipped_and_the_rest_import() {
    let huge_section = format!("# Big\n\n## Context\n\n{}\n", "x".repeat(300_000));
    let long_title = format!("# {}\n\n## Context\n\nx\n", "word ".repeat(60));
    let plan = plan_of(&[
        ("doc/adr/0001-latin1.md", b"# Caf\xe9\n"),
        ("doc/adr/0002-big.md", huge_section.as_bytes()),
        ("doc/adr/0003-long.md", long_title.as_bytes()),
        ("doc/adr/0004-fine.md", b"# Fine\n\nDate: 2020-01-01\n"),
    ]);
    assert_eq!(file(&plan, "0001-latin1.md").outcome, FileOutcome::Skipped);
    assert_eq!(
        file(&plan, "0001-latin1.md").notes,
        ["skipped: it is not UTF-8 text"]
    );
    assert_eq!(file(&plan, "0002-big.md").outcome, FileOutcome::Skipped);
    assert!(file(&plan, "0002-big.md")
        .notes
        .iter()
        .any(|n| n.starts_with("skipped: context")));
    assert!(adr(&plan, 3).form.title.ends_with('…'));
    assert!(file(&plan, "0003-long.md")
        .notes
        .iter()
        .any(|n| n.contains("was cut")));
    assert_eq!(
        plan.adrs.iter().map(|a| a.number).collect::<Vec<_>>(),
        [3, 4]
    );
}

#[test]
fn a_file_without_a_hash_title_takes_one_from_elsewhere_with_a_note() {
    let plan = plan_of(&[
        (
            "docs/decisions/0001-a.md",
            b"---\ntitle: Use Kafka\nstatus: accepted\n---\n\n## Context\n\nEvents.\n",
        ),
        (
            "docs/decisions/0002-b.md",
            b"## Use Redis for sessions\n\nStatus: accepted\n\n## Context\n\nFast.\n",
        ),
        (
            "docs/decisions/0003-pick_a_CDN.md",
            b"Status: proposed\n\n## Context\n\nImages.\n",
        ),
    ]);
    assert_eq!(plan.report.imported(), 3, "{:?}", plan.report);
    assert_eq!(adr(&plan, 1).form.title, "Use Kafka");
    assert_eq!(adr(&plan, 2).form.title, "Use Redis for sessions");
    assert_eq!(adr(&plan, 2).status, AdrStatus::Accepted);
    assert_eq!(adr(&plan, 3).form.title, "Pick a CDN");
    for (name, from) in [
        ("0001-a.md", "front matter"),
        ("0002-b.md", "\"## \" heading"),
        ("0003-pick_a_CDN.md", "file name"),
    ] {
        assert!(
            file(&plan, name).notes.iter().any(|n| n.contains(from)),
            "{name}: {:?}",
            file(&plan, name).notes
        );
    }
}

#[test]
fn dates_are_kept_as_written_and_a_file_without_one_gets_none() {
    let plan = plan_of(&[
        (
            "doc/adr/0000-record.md",
            b"# 0. Record decisions\n\nDate: 12 February 2016\n\n## Status\n\nAccepted\n",
        ),
        (
            "doc/adr/0001-us.md",
            b"# 1. Ambiguous\n\nDate: 12/02/2016\n\n## Status\n\nAccepted\n",
        ),
        (
            "doc/adr/0002-none.md",
            b"# 2. Undated\n\n## Status\n\nAccepted\n",
        ),
        (
            "doc/adr/0003-bracket.md",
            b"# Bracketed\n\n* Status: accepted\n* Date: [2022-10-05]\n",
        ),
    ]);
    assert_eq!(plan.report.imported(), 4, "{:?}", plan.report);
    let record = adr(&plan, 0);
    assert_eq!(record.form.title, "Record decisions", "number 0000 stays 0");
    assert_eq!(record.date.unwrap().to_string(), "2016-02-12");
    assert_eq!(
        extras(record).date_written,
        Some(("2016-02-12".into(), "12 February 2016".into()))
    );
    assert_eq!(adr(&plan, 1).date, None);
    assert_eq!(
        extras(adr(&plan, 1)).date_written,
        Some((String::new(), "12/02/2016".into()))
    );
    assert_eq!(adr(&plan, 2).date, None);
    assert_eq!(extras(adr(&plan, 2)).date_written, None);
    assert_eq!(adr(&plan, 3).date.unwrap().to_string(), "2022-10-05");
}

#[test]
fn madr_4_status_values_become_a_status_and_typed_links() {
    let plan = plan_of(&[
        ("docs/decisions/0045-old.md", b"---\nstatus: \"superseded by ADR-0057\"\n---\n\n# Old\n\n## Context and Problem Statement\n\nA.\n"),
        ("docs/decisions/0057-new.md", b"---\nstatus: \"accepted; supersedes ADR-0045\"\n---\n\n# New\n\n## Context and Problem Statement\n\nB.\n"),
        ("docs/decisions/0058-next.md", b"---\nstatus: accepted\n---\n\n# Next\n\n## Status\n\nSuperseded by [ADR-0005](0005-x.md)\n"),
    ]);
    assert_eq!(adr(&plan, 45).status, AdrStatus::Superseded);
    assert_eq!(adr(&plan, 57).status, AdrStatus::Accepted);
    assert_eq!(plan.links.len(), 1, "both sides state one link");
    assert_eq!(
        (plan.links[0].kind, plan.links[0].from, plan.links[0].to),
        (LinkKind::Supersedes, 57, 45)
    );
    assert!(file(&plan, "0058-next.md")
        .notes
        .iter()
        .any(|n| n.contains("0005-x.md was left out")));
}

#[test]
fn a_header_line_without_a_colon_and_a_header_after_an_intro_are_read() {
    let plan = plan_of(&[
        ("docs/adr/0001-a.md", b"# A\n\n- Status: accepted\n- Date 2023-09-26\n- Deciders: Ada\n\n## Context and Problem Statement\n\nX.\n"),
        ("docs/adr/0002-b.md", b"<!-- generated from a template -->\n# B\n\nWhy we wrote this down.\n\n* Status: deprecated\n* Date: 2023-10-01\n\n## Context and Problem Statement\n\nY.\n"),
    ]);
    let a = adr(&plan, 1);
    assert_eq!(a.status, AdrStatus::Accepted);
    assert_eq!(a.date.unwrap().to_string(), "2023-09-26");
    assert_eq!(a.form.decision_makers, "Ada");
    let b = adr(&plan, 2);
    assert_eq!(b.status, AdrStatus::Deprecated);
    assert_eq!(extras(b).intro, "Why we wrote this down.");
    assert_eq!(extras(b).before_title, "<!-- generated from a template -->");
}

#[test]
fn a_circle_of_supersedes_links_loses_one_link_and_keeps_both_files() {
    let a = "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [2. B](0002-b.md)\n";
    let b = "# 2. B\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n";
    let plan = plan_of(&[("0001-a.md", a.as_bytes()), ("0002-b.md", b.as_bytes())]);
    assert_eq!(plan.report.imported(), 2);
    assert_eq!(plan.links.len(), 1);
    assert!(plan
        .report
        .files
        .iter()
        .any(|f| f.notes.iter().any(|n| n.contains("circle"))));
}

#[test]
fn an_archive_without_adrs_says_where_it_looked() {
    let error = plan(
        unpacked(&[("src/main.rs.md", b"# x")]),
        &BTreeMap::new(),
        &ImportLimits::default(),
    )
    .err()
    .unwrap();
    assert!(error.to_string().contains("doc/adr"), "{error}");
}

#[test]
fn a_number_past_the_highest_is_renumbered_with_a_clear_note() {
    let huge = "# 2147483. X\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n";
    let plan = plan_of(&[("doc/adr/2147483-x.md", huge.as_bytes())]);
    let report = &plan.report.files[0];
    assert!(
        report
            .notes
            .iter()
            .any(|note| note.contains("past the highest")),
        "{:?}",
        report.notes
    );
    assert_eq!(plan.adrs[0].number, 1);
}

#[test]
fn a_bare_number_in_a_status_follows_the_file_that_was_renumbered() {
    let mut existing = BTreeMap::new();
    existing.insert(3, "The project's own ADR 3".to_owned());
    let plan = plan(
        unpacked(&[
            (
                "docs/decisions/0003-old.md",
                b"---\nstatus: \"superseded by ADR-0004\"\n---\n# Old\n" as &[u8],
            ),
            (
                "docs/decisions/0004-new.md",
                b"---\nstatus: \"accepted; supersedes ADR-0003\"\n---\n# New\n",
            ),
        ]),
        &existing,
        &ImportLimits::default(),
    )
    .unwrap();
    assert_eq!(
        adr(&plan, 5).form.title,
        "Old",
        "0003 is taken: the file becomes 5"
    );
    assert_eq!(plan.links.len(), 1, "{:?}", plan.report);
    assert_eq!(
        (plan.links[0].kind, plan.links[0].from, plan.links[0].to),
        (LinkKind::Supersedes, 4, 5),
        "the file's own ADR-0003, not the project's"
    );
}
