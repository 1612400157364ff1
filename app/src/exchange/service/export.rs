//! The decision log as files of one flavour: one per ADR plus an index, ready to zip or write
//! to a folder. The links and every ADR's markdown are read first, so that a link can name an
//! ADR of any number; then the files are written.
use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use crate::{
    auth::Member,
    decisions::{
        domain::{display_number, AdrStatus, LinkKind},
        entity::{adr, link},
        service::{for_each_markdown, project_links},
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
    let (project, links) = tokio::try_join!(
        projects::service::get_project(db, member, project_id),
        project_links(db, member, project_id),
    )?;
    let mut rows = Vec::new();
    for_each_markdown(db, member, project_id, |row| rows.push(row)).await?;
    let titles = rows
        .iter()
        .map(|row| (row.id, row.number, row.title.as_str()));
    let links = LinksById::new(titles, &links);
    let mut writer = FilesWriter::new(flavour, rows.len());
    for row in rows {
        let links = links.of(row.id);
        writer.add(document(row, links));
    }
    Ok(writer.finish(&project.name))
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
    writer.finish(project_name)
}

/// Collects the files of an export, one ADR at a time.
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
        let mut files = Vec::with_capacity(capacity + 1);
        // The index goes first; it is written once every ADR is known.
        files.push((
            format!("{}/{}", flavour.folder(), flavour.index_name()),
            String::new(),
        ));
        Self {
            flavour,
            files,
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

    fn finish(mut self, project_name: &str) -> Vec<(String, String)> {
        self.files[0].1 = index(self.flavour, project_name, &self.index);
        self.files
    }
}

/// Each ADR's links, read from its side, sorted as the writers expect.
struct LinksById(HashMap<i32, Vec<DocumentLink>>);

impl LinksById {
    /// `titles`: (id, number, title) of every ADR of the project.
    fn new<'t>(titles: impl Iterator<Item = (i32, i32, &'t str)>, links: &[link::Model]) -> Self {
        let by_id: HashMap<i32, (i32, &str)> = titles
            .map(|(id, number, title)| (id, (number, title)))
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

fn document(row: adr::MarkdownColumns, links: Vec<DocumentLink>) -> AdrDocument {
    let names = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default();
    AdrDocument {
        number: row.number,
        title: row.title,
        status: Some(AdrStatus::parse(&row.status).unwrap_or(AdrStatus::Proposed)),
        date: row.decision_date.to_string(),
        decision_makers: names(&row.decision_makers),
        consulted: names(&row.consulted),
        informed: names(&row.informed),
        sections: [
            row.context_md,
            row.drivers_md,
            row.options_md,
            row.outcome_md,
            row.consequences_md,
            row.confirmation_md,
            row.more_info_md,
        ],
        links,
        extras: MarkdownExtras::from_column(&row.markdown_extras),
    }
}

/// A list of the ADRs: adr-tools' table of contents for Nygard, a table for the others.
fn index(flavour: Flavour, project_name: &str, lines: &[IndexLine]) -> String {
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
