//! log4brains' template (MADR 2 with header bullets): `- Status:`, `- Deciders:`, `- Date:`
//! under the title, no front matter, links in a `## Links` section.
use super::{people_lines, status_word, superseded_by, Parts};
use crate::{
    decisions::domain::AdrStatus,
    exchange::{
        document::{AdrDocument, Slot, MORE_INFO},
        links::{madr_link_target, write_madr_link},
    },
};

pub fn write(document: &AdrDocument) -> String {
    let mut parts = Parts::for_document(document);
    parts.push(super::extra_front_matter(document));
    parts.push(format!("# {}", document.title));
    let status = match superseded_by(document) {
        Some(link) if document.status == Some(AdrStatus::Superseded) => {
            format!("superseded by {}", madr_link_target(link))
        }
        _ => status_word(document),
    };
    let mut header = vec![format!("- Status: {status}")];
    header.extend(people_lines(document, "- ", "Deciders"));
    if !document.date.is_empty() {
        header.push(format!("- Date: {}", document.date));
    }
    header.extend(document.extras.header_lines.iter().cloned());
    parts.push(header.join("\n"));
    parts.push(super::preamble(document));
    parts.extras(document, Slot::Header);
    parts.extras(document, Slot::Status);
    super::madr::body_sections(&mut parts, document);
    parts.optional_section("##", "More Information", &document.sections[MORE_INFO]);
    parts.extras(document, Slot::Section(MORE_INFO));
    let links: Vec<String> = document
        .links
        .iter()
        .map(|link| format!("- {}", write_madr_link(link)))
        .collect();
    parts.optional_section("##", "Links", &links.join("\n"));
    parts.extras(document, Slot::Links);
    parts.finish()
}
