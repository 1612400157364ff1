//! Michael Nygard's format as adr-tools writes it: `# N. Title`, `Date:`, `## Status` with link
//! lines, then Context, Decision and Consequences. Groundwork's other sections are written as
//! further `## ` sections, which adr-tools leaves alone.
use super::{heading, opening, people_lines, status_word, Flavour, Parts};
use crate::{
    exchange::{
        document::{AdrDocument, Slot, CONSEQUENCES, CONTEXT, OUTCOME},
        links::write_nygard_link,
    },
    questionnaire::catalog::wording::capitalised,
};

pub fn write(document: &AdrDocument) -> String {
    let sections = &document.sections;
    let mut parts = Parts::for_document(document);
    let number = document.extras.original_number.unwrap_or(document.number);
    let title = format!("{number}. {}", document.title);
    opening(&mut parts, document, "", &title);
    let mut header = Vec::new();
    if let Some(date) = super::date_text(document) {
        header.push(format!("Date: {date}"));
    }
    header.extend(people_lines(document, "", "Decision-makers"));
    header.extend(document.extras.header_lines.iter().cloned());
    parts.push(header.join("\n"));
    parts.push(document.extras.preamble.clone());
    parts.extras(document, Slot::Header);
    // Our statuses are capitalised as adr-tools writes them; a word kept from a file stays as it was.
    let word = status_word(document, Flavour::Nygard);
    let ours = document.status.is_some_and(|s| s.as_str() == word);
    let mut status = vec![if ours { capitalised(&word) } else { word }];
    let spelling = document.extras.supercede_spelling;
    status.extend(
        document
            .links
            .iter()
            .map(|link| write_nygard_link(link, spelling)),
    );
    status.extend(document.extras.status_notes.iter().cloned());
    parts.section("##", "Status", &status.join("\n\n"));
    parts.extras(document, Slot::Status);
    for index in document.extras.section_order() {
        let title = heading(document, Flavour::Nygard, index);
        if matches!(index, CONTEXT | OUTCOME | CONSEQUENCES) {
            parts.section("##", &title, &sections[index]);
        } else {
            parts.optional_section("##", &title, &sections[index]);
        }
        parts.extras(document, Slot::Section(index));
    }
    parts.extras(document, Slot::Links);
    parts.push(super::extra_front_matter(document));
    parts.finish()
}
