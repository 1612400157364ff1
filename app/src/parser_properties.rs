//! Property tests: the ADR parser, the front-matter reader and the markdown renderer take any
//! text a file or a form can hold without panicking, and within a time bound. Inputs are both
//! arbitrary text and text assembled from the pieces real ADR files are made of (front-matter
//! fences, headings, header bullets, status lines, HTML comments, tables), which reaches far
//! more of the parsers' branches than random characters do.
use std::time::{Duration, Instant};

use proptest::prelude::*;

use crate::{
    decisions::markdown,
    exchange::{front_matter, parse::parse_adr},
};

/// Cases per property; a few thousand in all per run.
const CASES: u32 = 1_000;
/// No input here may take longer than this (they are at most a few kilobytes).
const TIME_BOUND: Duration = Duration::from_secs(2);

/// The pieces of real ADR files, joined in any order and number.
fn adr_like_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_owned()),
        Just("# ".to_owned()),
        Just("## ".to_owned()),
        Just("### ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("status: accepted\n".to_owned()),
        Just("status: \"superseded by ADR-0057\"\n".to_owned()),
        Just("date: 2016-02-12\n".to_owned()),
        Just("decision-makers: [a, b]\n".to_owned()),
        Just("deciders:\n  - a\n  - b\n".to_owned()),
        Just("* Status: accepted\n".to_owned()),
        Just("- Date: 12 February 2016\n".to_owned()),
        Just("- Deciders ".to_owned()),
        Just("Date: ".to_owned()),
        Just("## Status\n\nSupercedes [1. X](0001-x.md)\n".to_owned()),
        Just("Superseded by [ADR-0005](0005-x.md)\n".to_owned()),
        Just("Chosen option: \"".to_owned()),
        Just("<!-- optional -->".to_owned()),
        Just("<!--".to_owned()),
        Just("```\n".to_owned()),
        Just("| a | b |\n|---|---|\n".to_owned()),
        Just("7. ".to_owned()),
        Just("2147483647. ".to_owned()),
        Just(":".to_owned()),
        Just("\t".to_owned()),
        Just("\r\n".to_owned()),
        "[a-zA-Z0-9 .,;:'\"()\\[\\]*_#`<>!-]{0,24}",
        "\\PC{0,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn within_bound<T>(what: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    let took = started.elapsed();
    assert!(took < TIME_BOUND, "{what} took {took:?}");
    result
}

fn front_matter_lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn the_adr_parser_takes_any_text(text in "\\PC{0,2000}", name in "[a-zA-Z0-9_-]{0,20}\\.md") {
        let _ = within_bound("parse_adr", || parse_adr(&name, &text));
    }

    #[test]
    fn the_adr_parser_takes_anything_shaped_like_an_adr(text in adr_like_text()) {
        let _ = within_bound("parse_adr", || parse_adr("0001-x.md", &text));
    }

    #[test]
    fn the_front_matter_reader_takes_any_lines(text in prop_oneof![adr_like_text(), "\\PC{0,1000}".boxed()]) {
        within_bound("front matter", || {
            for entry in front_matter::entries(&front_matter_lines(&text)) {
                let _ = front_matter::scalar(&entry.value);
                let _ = front_matter::names(&entry.value);
            }
        });
    }

    #[test]
    fn the_markdown_renderer_takes_any_text_and_keeps_no_script(text in prop_oneof![adr_like_text(), "\\PC{0,2000}".boxed()]) {
        let html = within_bound("markdown", || markdown::render(&text));
        prop_assert!(!html.to_ascii_lowercase().contains("<script"), "{}", html);
    }
}
