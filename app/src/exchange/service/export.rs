//! The decision log as files of one flavour: one per ADR plus an index, ready to zip or write
//! to a folder. Links and titles are read first; then each ADR's file is written as its row
//! arrives, so writing overlaps with reading, and the two halves of the log are read at once.
use std::{collections::HashMap, ops::RangeInclusive};

use sea_orm::DatabaseConnection;

use crate::{
    auth::Member,
    decisions::{
        domain::{display_number, AdrStatus, LinkKind},
        entity::{adr, link},
        service::{for_each_markdown, project_link_index},
    },
    error::AppError,
    exchange::{
        document::{file_name, AdrDocument, DocumentLink, MarkdownExtras},
        write::Flavour,
    },
    projects,
};

/// Every file of the export as (path from the repository root, content), the index first.
pub async fn export_files(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    flavour: Flavour,
) -> Result<Vec<(String, String)>, AppError> {
    let (project, (titles, links)) = tokio::try_join!(
        projects::service::get_project(db, member, project_id),
        project_link_index(db, member, project_id),
    )?;
    let links = LinksById::new(&titles, &links);
    // The two halves are read side by side on two connections: the database decodes each half's
    // rows on its own thread while this task writes the files of whichever arrives.
    let split = middle_number(&titles);
    let capacity = titles.len() / 2 + 1;
    let half = |numbers: RangeInclusive<i32>| {
        let links = &links;
        async move {
            let mut writer = FilesWriter::new(flavour, capacity);
            for_each_markdown(db, member, project_id, numbers, |row| {
                writer.add(document(&row, links.of(row.id)));
            })
            .await?;
            Ok::<_, AppError>(writer)
        }
    };
    let (first, second) = tokio::try_join!(half(i32::MIN..=split - 1), half(split..=i32::MAX))?;
    Ok(FilesWriter::finish(flavour, &project.name, [first, second]))
}

/// The number that splits the project's ADRs into two halves of about the same size.
fn middle_number(titles: &[(i32, i32, String)]) -> i32 {
    if titles.is_empty() {
        return 0;
    }
    let mut numbers: Vec<i32> = titles.iter().map(|(_, number, _)| *number).collect();
    let middle = numbers.len() / 2;
    *numbers.select_nth_unstable(middle).1
}

/// The files for `documents` in `flavour`: the index, then one file per ADR.
pub fn files_for(
    flavour: Flavour,
    project_name: &str,
    documents: &[AdrDocument],
) -> Vec<(String, String)> {
    let mut writer = FilesWriter::new(flavour, documents.len());
    for document in documents {
        writer.add(document.clone());
    }
    FilesWriter::finish(flavour, project_name, [writer])
}

/// Collects the files of (part of) an export, one ADR at a time, in number order.
struct FilesWriter {
    flavour: Flavour,
    files: Vec<(String, String)>,
    index: Vec<IndexLine>,
}

struct IndexLine {
    number: i32,
    title: String,
    file: String,
    status: &'static str,
    date: String,
}

impl FilesWriter {
    fn new(flavour: Flavour, capacity: usize) -> Self {
        Self {
            flavour,
            files: Vec::with_capacity(capacity),
            index: Vec::with_capacity(capacity),
        }
    }

    fn add(&mut self, document: AdrDocument) {
        let file = file_name(document.number, &document.title);
        let text = self.flavour.write(&document);
        self.files
            .push((format!("{}/{file}", self.flavour.folder()), text));
        self.index.push(IndexLine {
            number: document.number,
            status: document.status.map_or("proposed", AdrStatus::as_str),
            date: document.date,
            title: document.title,
            file,
        });
    }

    /// The index of every part's ADRs, then their files, part after part.
    fn finish<const N: usize>(
        flavour: Flavour,
        project_name: &str,
        parts: [FilesWriter; N],
    ) -> Vec<(String, String)> {
        let count = parts.iter().map(|part| part.files.len()).sum::<usize>();
        let index_lines: Vec<&IndexLine> = parts.iter().flat_map(|part| &part.index).collect();
        let mut files = Vec::with_capacity(count + 1);
        files.push((
            format!("{}/{}", flavour.folder(), flavour.index_name()),
            index(flavour, project_name, &index_lines),
        ));
        for part in parts {
            files.extend(part.files);
        }
        files
    }
}

/// Each ADR's links, read from its side, sorted as the writers expect.
struct LinksById(HashMap<i32, Vec<DocumentLink>>);

impl LinksById {
    fn new(titles: &[(i32, i32, String)], links: &[link::Model]) -> Self {
        let by_id: HashMap<i32, (i32, &str)> = titles
            .iter()
            .map(|(id, number, title)| (*id, (*number, title.as_str())))
            .collect();
        let mut of: HashMap<i32, Vec<DocumentLink>> = HashMap::new();
        for stored in links {
            let (Some(from), Some(to)) =
                (by_id.get(&stored.from_adr_id), by_id.get(&stored.to_adr_id))
            else {
                continue;
            };
            let Ok(kind) = LinkKind::parse(&stored.kind) else {
                continue;
            };
            // "Relates to" reads the same both ways, so neither side is the incoming one.
            let symmetric = kind == LinkKind::RelatesTo;
            of.entry(stored.from_adr_id)
                .or_default()
                .push(DocumentLink {
                    kind,
                    incoming: false,
                    number: to.0,
                    title: to.1.to_owned(),
                });
            of.entry(stored.to_adr_id).or_default().push(DocumentLink {
                kind,
                incoming: !symmetric,
                number: from.0,
                title: from.1.to_owned(),
            });
        }
        for list in of.values_mut() {
            list.sort();
            list.dedup();
        }
        Self(of)
    }

    fn of(&self, id: i32) -> Vec<DocumentLink> {
        self.0.get(&id).cloned().unwrap_or_default()
    }
}

fn document(row: &adr::MarkdownColumns, links: Vec<DocumentLink>) -> AdrDocument {
    let names = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default();
    AdrDocument {
        number: row.number,
        title: row.title.clone(),
        status: Some(AdrStatus::parse(&row.status).unwrap_or(AdrStatus::Proposed)),
        date: row.decision_date.to_string(),
        decision_makers: names(&row.decision_makers),
        consulted: names(&row.consulted),
        informed: names(&row.informed),
        sections: [
            row.context_md.clone(),
            row.drivers_md.clone(),
            row.options_md.clone(),
            row.outcome_md.clone(),
            row.consequences_md.clone(),
            row.confirmation_md.clone(),
            row.more_info_md.clone(),
        ],
        links,
        extras: MarkdownExtras::from_column(&row.markdown_extras),
    }
}

/// A list of the ADRs: adr-tools' table of contents for Nygard, a table for the others.
fn index(flavour: Flavour, project_name: &str, lines: &[&IndexLine]) -> String {
    let mut text = format!(
        "# Architecture decision records\n\nThe decisions of {project_name}, exported from Groundwork in the {} format.\n\n",
        flavour.label()
    );
    if flavour == Flavour::Nygard {
        for line in lines {
            text.push_str(&format!(
                "* [{}. {}]({})\n",
                line.number, line.title, line.file
            ));
        }
    } else {
        text.push_str("| Number | Title | Status | Date |\n|---|---|---|---|\n");
        for line in lines {
            text.push_str(&format!(
                "| [{}]({}) | {} | {} | {} |\n",
                display_number(line.number),
                line.file,
                line.title.replace('|', "\\|"),
                line.status,
                line.date
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(numbers: &[i32]) -> Vec<(i32, i32, String)> {
        numbers
            .iter()
            .map(|n| (*n, *n, format!("ADR {n}")))
            .collect()
    }

    #[test]
    fn the_middle_number_splits_the_log_into_halves_whatever_the_order() {
        assert_eq!(middle_number(&titles(&[])), 0);
        assert_eq!(middle_number(&titles(&[7])), 7);
        assert_eq!(middle_number(&titles(&[4, 1, 3, 2])), 3);
        assert_eq!(middle_number(&titles(&[10, 2, 30, 4, 50])), 10);
    }

    #[test]
    fn parts_join_into_one_index_and_files_in_number_order() {
        let document = |number: i32| AdrDocument {
            number,
            title: format!("Decision {number}"),
            ..AdrDocument::default()
        };
        let mut first = FilesWriter::new(Flavour::Nygard, 2);
        first.add(document(1));
        first.add(document(2));
        let mut second = FilesWriter::new(Flavour::Nygard, 1);
        second.add(document(3));
        let files = FilesWriter::finish(Flavour::Nygard, "Shop", [first, second]);
        let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "doc/adr/README.md",
                "doc/adr/0001-decision-1.md",
                "doc/adr/0002-decision-2.md",
                "doc/adr/0003-decision-3.md"
            ]
        );
        let index = &files[0].1;
        let lines: Vec<&str> = index.lines().filter(|l| l.starts_with("* [")).collect();
        assert_eq!(
            lines,
            [
                "* [1. Decision 1](0001-decision-1.md)",
                "* [2. Decision 2](0002-decision-2.md)",
                "* [3. Decision 3](0003-decision-3.md)"
            ]
        );
    }
}
