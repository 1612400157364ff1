//! The two flavours with header bullets and no front matter: log4brains' template (`- Status:`)
//! and MADR 2 (`* Status:`, which pyadr and other older tools read). The same parts in the same
//! order; links in a `## Links` section.
use super::{bulleted_header, opening, Flavour, Parts};
use crate::exchange::{
    document::{AdrDocument, Slot, MORE_INFO},
    links::write_madr_link,
};

/// `document` in `flavour` (log4brains or MADR 2), with `bullet` (`- ` or `* `) before each
/// header line and link.
pub fn write(document: &AdrDocument, flavour: Flavour, bullet: &str) -> String {
    let mut parts = Parts::for_document(document);
    opening(&mut parts, document, "", &document.title);
    parts.push(bulleted_header(document, flavour, bullet));
    parts.push(super::preamble(document));
    parts.extras(document, Slot::Header);
    parts.extras(document, Slot::Status);
    super::madr::body_sections(&mut parts, document, flavour);
    let more_info = super::heading(document, flavour, MORE_INFO);
    parts.optional_section("##", &more_info, &document.sections[MORE_INFO]);
    parts.extras(document, Slot::Section(MORE_INFO));
    let links: Vec<String> = document
        .links
        .iter()
        .map(|link| format!("{bullet}{}", write_madr_link(link)))
        .collect();
    parts.optional_section("##", "Links", &links.join("\n"));
    parts.extras(document, Slot::Links);
    parts.push(super::extra_front_matter(document));
    parts.finish()
}
