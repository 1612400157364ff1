//! Michael Nygard's format as adr-tools writes it: `# N. Title`, `Date:`, `## Status` with link
//! lines, then Context, Decision and Consequences. Groundwork's other sections are written as
//! further `## ` sections, which adr-tools leaves alone.
use super::{people_lines, status_word, Parts};
use crate::exchange::{
    document::{
        AdrDocument, Slot, CONFIRMATION, CONSEQUENCES, CONTEXT, DRIVERS, MORE_INFO, OPTIONS,
        OUTCOME,
    },
    links::write_nygard_link,
};

pub fn write(document: &AdrDocument) -> String {
    let sections = &document.sections;
    let mut parts = Parts::for_document(document);
    parts.push(super::extra_front_matter(document));
    parts.push(format!("# {}. {}", document.number, document.title));
    let mut header = Vec::new();
    if !document.date.is_empty() {
        header.push(format!("Date: {}", document.date));
    }
    header.extend(people_lines(document, "", "Decision-makers"));
    header.extend(document.extras.header_lines.iter().cloned());
    parts.push(header.join("\n"));
    parts.push(document.extras.preamble.clone());
    parts.extras(document, Slot::Header);
    // Our statuses are capitalised as adr-tools writes them; a word kept from a file stays as it was.
    let word = status_word(document);
    let ours = document.status.is_some_and(|s| s.as_str() == word);
    let mut status = vec![if ours { capitalised(&word) } else { word }];
    status.extend(document.links.iter().map(write_nygard_link));
    status.extend(document.extras.status_notes.iter().cloned());
    parts.section("##", "Status", &status.join("\n\n"));
    parts.extras(document, Slot::Status);
    parts.section("##", "Context", &sections[CONTEXT]);
    parts.extras(document, Slot::Section(CONTEXT));
    parts.optional_section("##", "Decision Drivers", &sections[DRIVERS]);
    parts.extras(document, Slot::Section(DRIVERS));
    parts.optional_section("##", "Considered Options", &sections[OPTIONS]);
    parts.extras(document, Slot::Section(OPTIONS));
    parts.section("##", "Decision", &sections[OUTCOME]);
    parts.extras(document, Slot::Section(OUTCOME));
    parts.section("##", "Consequences", &sections[CONSEQUENCES]);
    parts.extras(document, Slot::Section(CONSEQUENCES));
    parts.optional_section("##", "Confirmation", &sections[CONFIRMATION]);
    parts.extras(document, Slot::Section(CONFIRMATION));
    parts.optional_section("##", "More Information", &sections[MORE_INFO]);
    parts.extras(document, Slot::Section(MORE_INFO));
    parts.extras(document, Slot::Links);
    parts.finish()
}

/// adr-tools writes statuses capitalised ("Accepted").
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
