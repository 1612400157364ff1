//! Each flavour writes what the parser reads back: write -> parse -> write gives the same bytes,
//! and every field survives a change of flavour.
use super::Flavour;
use crate::{
    decisions::domain::{AdrStatus, LinkKind},
    exchange::{
        document::{
            AdrDocument, DocumentLink, ExtraSection, MarkdownExtras, Slot, CONTEXT, OPTIONS,
        },
        links::LinkLine,
        parse::parse_adr,
    },
};

fn titles(number: i32) -> String {
    match number {
        1 => "Record architecture decisions".into(),
        3 => "Use gRPC between services".into(),
        _ => format!("Decision {number}"),
    }
}

fn resolve(lines: &[LinkLine]) -> Vec<DocumentLink> {
    let mut links: Vec<DocumentLink> = lines
        .iter()
        .map(|line| DocumentLink {
            kind: line.kind,
            incoming: line.incoming,
            number: line.number.unwrap(),
            title: titles(line.number.unwrap()),
            file: String::new(),
        })
        .collect();
    links.sort();
    links.dedup();
    links
}

fn full_document() -> AdrDocument {
    AdrDocument {
        number: 2,
        title: "Use PostgreSQL (with JSONB) for everything".into(),
        status: Some(AdrStatus::Superseded),
        date: "2026-11-24".into(),
        decision_makers: vec!["Ada Lovelace".into(), "Grace Hopper".into()],
        consulted: vec!["Platform team".into()],
        informed: vec![],
        sections: [
            "We need a database.\n\n```md\n## not a heading\n```".into(),
            "* Cost\n* Skills".into(),
            "* PostgreSQL\n* MongoDB".into(),
            "Chosen option: \"PostgreSQL\", because the team knows it.".into(),
            "* Good, because one engine\n* Bad, because ops".into(),
            "A review in March.".into(),
            "See the [wiki](https://example.com).".into(),
        ],
        links: vec![
            DocumentLink {
                kind: LinkKind::Supersedes,
                incoming: false,
                number: 1,
                title: titles(1),
                file: String::new(),
            },
            DocumentLink {
                kind: LinkKind::Supersedes,
                incoming: true,
                number: 3,
                title: titles(3),
                file: String::new(),
            },
            DocumentLink {
                kind: LinkKind::RelatesTo,
                incoming: false,
                number: 4,
                title: titles(4),
                file: String::new(),
            },
        ],
        extras: MarkdownExtras::default(),
    }
}

fn with_extras() -> AdrDocument {
    let mut document = full_document();
    document.status = Some(AdrStatus::Proposed);
    document.links.retain(|l| !l.incoming);
    document.extras = MarkdownExtras {
        status_word: Some((AdrStatus::Proposed, "draft".into())),
        front_matter: vec![
            "tags:\n  - storage\n  - data".into(),
            "owner: \"data team\"".into(),
        ],
        header_lines: vec!["- Technical Story: [GW-12](https://example.com/GW-12)".into()],
        preamble: "Some words before the sections.".into(),
        status_notes: vec![],
        sections: vec![
            ExtraSection {
                after: Slot::Section(OPTIONS),
                heading: "Pros and Cons of the Options".into(),
                body: "### PostgreSQL\n\n* Good, because SQL".into(),
            },
            ExtraSection {
                after: Slot::Section(CONTEXT),
                heading: "Assumptions".into(),
                body: "Load stays small.".into(),
            },
        ],
        ..MarkdownExtras::default()
    };
    document
}

fn round_trip(flavour: Flavour, document: &AdrDocument) -> (String, AdrDocument) {
    let written = flavour.write(document);
    let parsed = parse_adr("0002-use-postgresql.md", &written);
    let mut read = parsed.document;
    read.links = resolve(&parsed.links);
    (written, read)
}

#[test]
fn every_flavour_reads_back_what_it_wrote_byte_for_byte() {
    for document in [full_document(), with_extras()] {
        for flavour in Flavour::ALL {
            let (written, read) = round_trip(flavour, &document);
            assert_eq!(flavour.write(&read), written, "{flavour:?}");
        }
    }
}

#[test]
fn every_field_survives_a_change_of_flavour() {
    for document in [full_document(), with_extras()] {
        for from in Flavour::ALL {
            let (_, read) = round_trip(from, &document);
            for to in Flavour::ALL {
                let (_, again) = round_trip(to, &read);
                assert_eq!(again.title, document.title, "{from:?} -> {to:?}");
                assert_eq!(again.number, document.number);
                assert_eq!(again.status, document.status, "{from:?} -> {to:?}");
                assert_eq!(again.date, document.date);
                assert_eq!(again.decision_makers, document.decision_makers);
                assert_eq!(again.consulted, document.consulted);
                assert_eq!(again.sections, document.sections, "{from:?} -> {to:?}");
                assert_eq!(again.links, document.links, "{from:?} -> {to:?}");
                assert_eq!(again.extras.front_matter, document.extras.front_matter);
                assert_eq!(again.extras.sections.len(), document.extras.sections.len());
            }
        }
    }
}

#[test]
fn madr_is_written_with_front_matter_and_links_in_more_information() {
    let text = Flavour::Madr.write(&full_document());
    assert!(text.starts_with("---\nstatus: superseded by ADR-0003\ndate: 2026-11-24\ndecision-makers: Ada Lovelace, Grace Hopper\nconsulted: Platform team\n---\n# Use PostgreSQL (with JSONB) for everything\n\n## Context and Problem Statement\n"), "{text}");
    assert!(text.contains("## Decision Outcome\n\nChosen option: \"PostgreSQL\""));
    assert!(text.contains("### Consequences\n\n* Good, because one engine"));
    assert!(text.contains("## More Information\n\nSee the [wiki](https://example.com).\n\n* Supersedes [ADR-0001: Record architecture decisions](0001-record-architecture-decisions.md)\n"));
    assert!(!text.contains("informed:"));
}

#[test]
fn nygard_is_written_the_way_adr_tools_does() {
    let text = Flavour::Nygard.write(&full_document());
    assert!(
        text.starts_with("# 2. Use PostgreSQL (with JSONB) for everything\n\nDate: 2026-11-24\n"),
        "{text}"
    );
    assert!(text.contains("## Status\n\nSuperseded\n\nSupersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\nSuperseded by [3. Use gRPC between services](0003-use-grpc-between-services.md)"), "{text}");
    assert!(
        text.contains("## Context\n\n")
            && text.contains("## Decision\n\n")
            && text.contains("## Consequences\n\n")
    );
}

#[test]
fn log4brains_is_written_with_header_bullets_and_no_front_matter() {
    let text = Flavour::Log4brains.write(&full_document());
    assert!(text.starts_with("# Use PostgreSQL (with JSONB) for everything\n\n- Status: superseded by [0003-use-grpc-between-services](0003-use-grpc-between-services.md)\n- Deciders: Ada Lovelace, Grace Hopper\n- Consulted: Platform team\n- Date: 2026-11-24\n\n## Context"), "{text}");
    assert!(text.contains("## Links\n\n- Supersedes [ADR-0001"));
}

#[test]
fn madr_2_is_written_with_star_bullets_status_first() {
    let text = Flavour::Madr2.write(&full_document());
    assert!(text.starts_with("# Use PostgreSQL (with JSONB) for everything\n\n* Status: superseded by [ADR-0003: Use gRPC between services](0003-use-grpc-between-services.md)\n* Deciders: Ada Lovelace, Grace Hopper\n* Consulted: Platform team\n* Date: 2026-11-24\n\n## Context"), "{text}");
    assert!(text.contains("## Links\n\n* Supersedes [ADR-0001"));
}

#[test]
fn flavours_without_front_matter_keep_its_unknown_keys_at_the_end() {
    for flavour in [Flavour::Nygard, Flavour::Log4brains, Flavour::Madr2] {
        let text = flavour.write(&with_extras());
        assert!(
            text.starts_with("# "),
            "{flavour:?}: the title is the first line\n{text}"
        );
        assert!(
            text.ends_with("<!-- front matter kept by Groundwork:\ntags:\n  - storage\n  - data\nowner: \"data team\"\n-->\n"),
            "{flavour:?}\n{text}"
        );
    }
}

#[test]
fn a_re_export_in_the_flavour_a_file_came_in_keeps_its_headings_spelling_and_dates() {
    let file = "# 7. Use queues\n\nDate: 12 February 2016\n\n## Status\n\nAccepted\n\nSupercedes [3. Use cron](0003-use-cron.md)\n\n## Context\n\nJobs.\n\n## Decision\n\nQueues.\n\n## Consequences\n\nWorkers.\n";
    let parsed = parse_adr("0007-use-queues.md", file);
    let mut document = parsed.document;
    document.links = vec![DocumentLink {
        kind: LinkKind::Supersedes,
        incoming: false,
        number: 3,
        title: "Use cron".into(),
        file: String::new(),
    }];
    document.extras.source = None;
    assert_eq!(
        Flavour::Nygard.write(&document),
        file,
        "nothing is rewritten"
    );
    let madr = "---\nstatus: accepted\n---\n# Pick a cache\n\n## Context\n\nSlow pages.\n\n## Decision\n\nRedis.\n";
    let mut document = parse_adr("0008-pick-a-cache.md", madr).document;
    document.extras.source = None;
    document.sections[CONTEXT] = "Slow pages, measured.".into();
    let written = Flavour::Madr.write(&document);
    assert!(
        written.contains("## Context\n\nSlow pages, measured.\n\n## Decision\n\nRedis.\n"),
        "{written}"
    );
}

#[test]
fn an_unchanged_imported_file_is_written_as_it_came_and_an_edited_one_afresh() {
    let file = "<!-- ours -->\n# 1. Odd  spacing\n\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n\n## Decision\n\nY.\n\n## Consequences\n\nZ.\n";
    let mut document = parse_adr("0001-odd.md", file).document;
    let fresh = Flavour::Nygard.write_fresh(&document);
    assert_ne!(fresh, file, "our writer would space it differently");
    let source = document.extras.source.as_mut().unwrap();
    source.fingerprint = crate::exchange::document::fingerprint(&fresh);
    assert_eq!(Flavour::Nygard.write(&document), file);
    assert_ne!(
        Flavour::Madr.write(&document),
        file,
        "another flavour is written afresh"
    );
    document.sections[CONTEXT] = "Changed.".into();
    assert!(Flavour::Nygard.write(&document).contains("Changed."));
}

#[test]
fn an_unknown_status_word_is_written_again_only_while_the_status_is_unchanged() {
    let mut document = with_extras();
    assert!(Flavour::Madr.write(&document).contains("status: draft\n"));
    document.status = Some(AdrStatus::Accepted);
    assert!(Flavour::Madr
        .write(&document)
        .contains("status: accepted\n"));
}
