//! The two flavours with header bullets and no front matter: log4brains' template (`- Status:`)
//! and MADR 2 (`* Status:`, which pyadr and other older tools read). The same parts in the same
//! order; links in a `## Links` section.
use super::{
    date_text, kept_status_word, opening, people_lines, status_word, superseded_by, Flavour, Parts,
};
use crate::{
    decisions::domain::AdrStatus,
    exchange::{
        document::{AdrDocument, Slot, MORE_INFO},
        links::{madr_link_target, write_madr_link},
    },
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

/// MADR 2's and log4brains' header: status (with the superseding ADR), deciders, date, and the
/// file's other header lines.
fn bulleted_header(document: &AdrDocument, flavour: Flavour, bullet: &str) -> String {
    let status = match superseded_by(document) {
        // log4brains finds the superseding ADR by its file name in the link text.
        Some(link)
            if document.status == Some(AdrStatus::Superseded)
                && kept_status_word(document, flavour).is_none()
                && flavour == Flavour::Log4brains =>
        {
            let file = link.file_name();
            let slug = file.strip_suffix(".md").unwrap_or(&file);
            format!("superseded by [{slug}]({file})")
        }
        Some(link)
            if document.status == Some(AdrStatus::Superseded)
                && kept_status_word(document, flavour).is_none() =>
        {
            format!("superseded by {}", madr_link_target(link))
        }
        _ => status_word(document, flavour),
    };
    let mut header = vec![format!("{bullet}Status: {status}")];
    header.extend(people_lines(document, bullet, "Deciders"));
    if let Some(date) = date_text(document) {
        header.push(format!("{bullet}Date: {date}"));
    }
    header.extend(document.extras.header_lines.iter().cloned());
    header.join("\n")
}
