//! MADR 2: `* Status:`, `* Deciders:`, `* Date:` bullets under the title, no front matter,
//! links in a `## Links` section. pyadr, adr-viewer and other older tools read this.
use super::{bulleted_header, opening, Flavour, Parts};
use crate::exchange::{
    document::{AdrDocument, Slot, MORE_INFO},
    links::write_madr_link,
};

pub fn write(document: &AdrDocument) -> String {
    let mut parts = Parts::for_document(document);
    opening(&mut parts, document, "", &document.title);
    parts.push(bulleted_header(document, Flavour::Madr2, "* "));
    parts.push(super::preamble(document));
    parts.extras(document, Slot::Header);
    parts.extras(document, Slot::Status);
    super::madr::body_sections(&mut parts, document, Flavour::Madr2);
    let more_info = super::heading(document, Flavour::Madr2, MORE_INFO);
    parts.optional_section("##", &more_info, &document.sections[MORE_INFO]);
    parts.extras(document, Slot::Section(MORE_INFO));
    let links: Vec<String> = document
        .links
        .iter()
        .map(|link| format!("* {}", write_madr_link(link)))
        .collect();
    parts.optional_section("##", "Links", &links.join("\n"));
    parts.extras(document, Slot::Links);
    parts.push(super::extra_front_matter(document));
    parts.finish()
}
