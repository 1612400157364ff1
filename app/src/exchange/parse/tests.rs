//! Reading one file, in the shapes real repositories write: these files are ours, written in
//! those shapes, not copies of anyone's.
use super::parse_adr;
use crate::{
    decisions::domain::{AdrStatus, LinkKind},
    exchange::{
        document::{CONSEQUENCES, CONTEXT, OPTIONS, OUTCOME},
        write::Flavour,
    },
};

#[test]
fn each_flavour_is_recognised() {
    let cases = [
        (
            "0001-a.md",
            "---\nstatus: accepted\n---\n\n# A\n",
            Flavour::Madr,
        ),
        (
            "0001-a.md",
            "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
            Flavour::Nygard,
        ),
        (
            "0001-a.md",
            "# A\n\n* Status: accepted\n* Date: 2020-01-01\n",
            Flavour::Madr2,
        ),
        (
            "0001-a.md",
            "# A\n\n- Status: accepted\n- Date: 2020-01-01\n",
            Flavour::Log4brains,
        ),
    ];
    for (name, text, flavour) in cases {
        assert_eq!(parse_adr(name, text).flavour, flavour, "{text}");
    }
}

#[test]
fn text_before_the_title_is_kept() {
    let parsed = parse_adr(
        "0004-x.md",
        "<!-- This file is generated; edit the template. -->\n[![status](badge.svg)](x)\n\n# 4. Use X\n\nDate: 2021-03-04\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(
        parsed.document.extras.before_title,
        "<!-- This file is generated; edit the template. -->\n[![status](badge.svg)](x)"
    );
    assert_eq!(parsed.document.title, "Use X");
    assert!(parsed.notes.iter().all(|n| !n.contains("left out")));
}

#[test]
fn headings_and_order_as_the_file_wrote_them_are_remembered() {
    let parsed = parse_adr(
        "0002-b.md",
        "---\nstatus: accepted\n---\n\n# B\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Considered Options\n\n* X\n* Y\n",
    );
    let extras = &parsed.document.extras;
    assert_eq!(extras.order, [CONTEXT, OUTCOME, OPTIONS]);
    assert_eq!(extras.heading("madr", OUTCOME), Some("Decision"));
    assert_eq!(extras.heading("madr", CONTEXT), Some("Context"));
    assert_eq!(extras.heading("nygard", OUTCOME), None);
    assert_eq!(parsed.document.sections[OPTIONS], "* X\n* Y");
    // Options come after the outcome, and the sections the file lacked go where ours put them.
    assert_eq!(
        extras.section_order(),
        [CONTEXT, 1, OUTCOME, CONSEQUENCES, 5, OPTIONS, 6]
    );
}

#[test]
fn a_status_section_in_any_flavour_gives_links() {
    let parsed = parse_adr(
        "0003-c.md",
        "# C\n\n- Date: 2022-01-01\n\n## Status\n\nSuperseded by [ADR-0005](0005-x.md)\n\n## Context and Problem Statement\n\nC.\n",
    );
    assert_eq!(parsed.document.status, Some(AdrStatus::Superseded));
    assert_eq!(parsed.links.len(), 1);
    let link = &parsed.links[0];
    assert_eq!(
        (link.kind, link.incoming, link.number),
        (LinkKind::Supersedes, true, Some(5))
    );
}

#[test]
fn titles_that_carry_their_number_lose_it() {
    let parsed = parse_adr(
        "adr-012-use-grpc.md",
        "# ADR-012: Use gRPC\n\n* Status: accepted\n",
    );
    assert_eq!(parsed.number, Some(12));
    assert_eq!(parsed.document.title, "Use gRPC");
    let parsed = parse_adr("20240102-use-grpc.md", "# Use gRPC\n\n- Status: accepted\n");
    assert_eq!(parsed.number, None, "log4brains' dates are not numbers");
}

#[test]
fn the_file_itself_is_kept_for_a_re_export() {
    let text = "# 1. A\r\n\r\nDate: 2020-01-01\r\n\r\n## Status\r\n\r\nAccepted\r\n";
    let parsed = parse_adr("0001-a.md", text);
    let source = parsed.document.extras.source.as_ref().unwrap();
    assert_eq!(source.text, text, "byte for byte, line endings included");
    assert_eq!(parsed.document.extras.file_name, "0001-a.md");
    assert_eq!(parsed.document.extras.flavour, "nygard");
}

#[test]
fn statuses_as_teams_write_them_are_read_and_their_words_kept() {
    for (status, read) in [
        ("✅ Accepted", AdrStatus::Accepted),
        ("❌ Rejected (see [019](019-x.md))", AdrStatus::Rejected),
        ("PROPOSED", AdrStatus::Proposed),
        ("Approved", AdrStatus::Accepted),
        ("Pending", AdrStatus::Proposed),
        ("Obsolete", AdrStatus::Deprecated),
        ("on hold", AdrStatus::Proposed),
    ] {
        let text = format!("# 1. A\n\n## Status\n\n{status}\n\n## Context\n\nX.\n");
        let parsed = parse_adr("0001-a.md", &text);
        assert_eq!(parsed.document.status, Some(read), "{status}");
        if status != read.as_str() {
            assert_eq!(
                parsed.document.extras.status_word,
                Some((read, status.to_owned())),
                "{status}"
            );
        }
    }
}

#[test]
fn front_matter_comments_and_folded_titles_are_read() {
    let parsed = parse_adr(
        "adr013-use-fetch.md",
        "---\nid: adr013\ntitle: 'ADR013: Use fetch'\n# prettier-ignore\ndescription: >-\n  How we fetch\n  data.\n---\n\nBody.\n",
    );
    assert_eq!(parsed.document.title, "Use fetch");
    assert_eq!(parsed.number, Some(13));
    assert!(parsed
        .document
        .extras
        .front_matter
        .contains(&"# prettier-ignore".to_owned()));
}

#[test]
fn a_status_section_first_is_not_taken_for_a_title() {
    let parsed = parse_adr(
        "0005-use-kafka.md",
        "## Status\n\nAccepted\n\n## Context\n\nEvents.\n",
    );
    assert_eq!(parsed.document.title, "Use kafka");
    assert_eq!(parsed.document.status, Some(AdrStatus::Accepted));
}
