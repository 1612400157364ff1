//! MADR 4: YAML front matter, an unnumbered title, the MADR sections, links at the end of
//! "More Information".
use super::{people_lines, status_word, superseded_by, Parts};
use crate::exchange::{
    document::{
        AdrDocument, Slot, CONFIRMATION, CONSEQUENCES, CONTEXT, DRIVERS, MORE_INFO, OPTIONS,
        OUTCOME,
    },
    links::write_madr_link,
};

pub fn write(document: &AdrDocument) -> String {
    let mut parts = Parts::for_document(document);
    parts.push(front_matter(document));
    parts.push(format!("# {}", document.title));
    parts.push(document.extras.header_lines.join("\n"));
    parts.push(super::preamble(document));
    parts.extras(document, Slot::Header);
    parts.extras(document, Slot::Status);
    body_sections(&mut parts, document);
    let links: Vec<String> = document
        .links
        .iter()
        .map(|link| format!("* {}", write_madr_link(link)))
        .collect();
    let more_info = [document.sections[MORE_INFO].trim(), &links.join("\n")]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    parts.optional_section("##", "More Information", &more_info);
    parts.extras(document, Slot::Section(MORE_INFO));
    parts.extras(document, Slot::Links);
    parts.finish()
}

/// The sections from the context to the confirmation, as MADR 4 and log4brains order them.
pub(super) fn body_sections(parts: &mut Parts, document: &AdrDocument) {
    let sections = &document.sections;
    parts.section("##", "Context and Problem Statement", &sections[CONTEXT]);
    parts.extras(document, Slot::Section(CONTEXT));
    parts.optional_section("##", "Decision Drivers", &sections[DRIVERS]);
    parts.extras(document, Slot::Section(DRIVERS));
    parts.optional_section("##", "Considered Options", &sections[OPTIONS]);
    parts.extras(document, Slot::Section(OPTIONS));
    parts.section("##", "Decision Outcome", &sections[OUTCOME]);
    parts.optional_section("###", "Consequences", &sections[CONSEQUENCES]);
    parts.optional_section("###", "Confirmation", &sections[CONFIRMATION]);
    // Unknown sections after the outcome go after its subsections, which belong to it.
    for slot in [OUTCOME, CONSEQUENCES, CONFIRMATION] {
        parts.extras(document, Slot::Section(slot));
    }
}

fn front_matter(document: &AdrDocument) -> String {
    let status = match superseded_by(document) {
        Some(link) if document.status == Some(crate::decisions::domain::AdrStatus::Superseded) => {
            format!("superseded by ADR-{:04}", link.number)
        }
        _ => status_word(document),
    };
    let mut lines = vec!["---".to_owned(), format!("status: {status}")];
    if !document.date.is_empty() {
        lines.push(format!("date: {}", document.date));
    }
    lines.extend(
        people_lines(document, "", "decision-makers")
            .into_iter()
            .map(|line| {
                // Front-matter keys are lower case.
                let (key, value) = line.split_once(':').unwrap_or((&line, ""));
                format!("{}:{value}", key.to_ascii_lowercase())
            }),
    );
    lines.extend(document.extras.front_matter.iter().cloned());
    lines.push("---".to_owned());
    lines.join("\n")
}
