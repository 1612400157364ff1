//! MADR 4: YAML front matter, an unnumbered title, the MADR sections, links at the end of
//! "More Information".
use super::{heading, opening, people_lines, status_word, superseded_by, Flavour, Parts};
use crate::{
    decisions::domain::AdrStatus,
    exchange::{
        document::{AdrDocument, Slot, CONFIRMATION, CONSEQUENCES, CONTEXT, MORE_INFO, OUTCOME},
        links::write_madr_link,
    },
};

pub fn write(document: &AdrDocument) -> String {
    let mut parts = Parts::for_document(document);
    opening(
        &mut parts,
        document,
        &front_matter(document),
        &document.title,
    );
    parts.push(document.extras.header_lines.join("\n"));
    parts.push(super::preamble(document));
    parts.extras(document, Slot::Header);
    parts.extras(document, Slot::Status);
    body_sections(&mut parts, document, Flavour::Madr);
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
    let more_info_heading = heading(document, Flavour::Madr, MORE_INFO);
    parts.optional_section("##", &more_info_heading, &more_info);
    parts.extras(document, Slot::Section(MORE_INFO));
    parts.extras(document, Slot::Links);
    parts.finish()
}

/// The sections from the context to the confirmation, in the file's order (MADR's when it had
/// none): Consequences and Confirmation are the outcome's subsections, as MADR and log4brains
/// write them. "More Information" is the writer's own, as it carries the links.
pub(super) fn body_sections(parts: &mut Parts, document: &AdrDocument, flavour: Flavour) {
    let sections = &document.sections;
    let title = |index| heading(document, flavour, index);
    for index in document.extras.section_order() {
        match index {
            CONSEQUENCES | CONFIRMATION | MORE_INFO => {}
            OUTCOME => {
                parts.section("##", &title(OUTCOME), &sections[OUTCOME]);
                parts.optional_section("###", &title(CONSEQUENCES), &sections[CONSEQUENCES]);
                parts.optional_section("###", &title(CONFIRMATION), &sections[CONFIRMATION]);
                // Unknown sections after the outcome go after its subsections.
                for slot in [OUTCOME, CONSEQUENCES, CONFIRMATION] {
                    parts.extras(document, Slot::Section(slot));
                }
            }
            CONTEXT => {
                parts.section("##", &title(CONTEXT), &sections[CONTEXT]);
                parts.extras(document, Slot::Section(CONTEXT));
            }
            _ => {
                parts.optional_section("##", &title(index), &sections[index]);
                parts.extras(document, Slot::Section(index));
            }
        }
    }
}

fn front_matter(document: &AdrDocument) -> String {
    let status = match superseded_by(document) {
        Some(link)
            if document.status == Some(AdrStatus::Superseded)
                && super::kept_status_word(document, Flavour::Madr).is_none() =>
        {
            format!("superseded by ADR-{:04}", link.number)
        }
        _ => status_word(document, Flavour::Madr),
    };
    let mut lines = vec!["---".to_owned(), format!("status: {status}")];
    if let Some(date) = super::date_text(document) {
        lines.push(format!("date: {date}"));
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
