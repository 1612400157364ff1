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
    exchange::archive::unsafe_path,
    exchange::{
        document::{file_name, AdrDocument, DocumentLink, MarkdownExtras},
        link_lists::{link_lists, LinkTarget},
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
    let links = LinksById::new(&rows, &links);
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
    /// File names already written (lower case: some file systems ignore case).
    used: std::collections::HashSet<String>,
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
            used: std::collections::HashSet::with_capacity(capacity + 1),
        }
    }

    fn add(&mut self, document: AdrDocument) {
        // An imported file keeps its name, so that links in the text still resolve.
        let kept = &document.extras.file_name;
        let ours = file_name(document.number, &document.title);
        let file = [
            kept.clone(),
            ours.clone(),
            ours.replace(".md", &format!("-{}.md", document.number)),
        ]
        .into_iter()
        .find(|name| {
            !name.is_empty()
                && unsafe_path(name).is_none()
                && !self.used.contains(&name.to_lowercase())
        })
        .unwrap_or(ours);
        self.used.insert(file.to_lowercase());
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
    fn new(rows: &[adr::MarkdownColumns], links: &[link::Model]) -> Self {
        let files: HashMap<i32, String> = rows
            .iter()
            .map(|row| {
                let extras = MarkdownExtras::from_column(&row.markdown_extras);
                (row.id, extras.file_name)
            })
            .collect();
        let by_id: HashMap<i32, LinkTarget> = rows
            .iter()
            .map(|row| {
                let target = LinkTarget {
                    number: row.number,
                    title: &row.title,
                    file: files.get(&row.id).map_or("", String::as_str),
                };
                (row.id, target)
            })
            .collect();
        let stored = links.iter().filter_map(|stored| {
            let kind = LinkKind::parse(&stored.kind).ok()?;
            Some((kind, stored.from_adr_id, stored.to_adr_id))
        });
        Self(link_lists(stored, |id| by_id.get(&id).copied()))
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
        date: row
            .decision_date
            .map(|date| date.to_string())
            .unwrap_or_default(),
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
/// adr-viewer takes every file with a `# ` heading for a decision, so the Nygard index (a README
/// beside the ADRs) starts at `## `. adr-log rewrites the list between its markers in `index.md`.
fn index(flavour: Flavour, project_name: &str, lines: &[IndexLine]) -> String {
    let heading = if flavour == Flavour::Nygard {
        "##"
    } else {
        "#"
    };
    let mut text = format!(
        "{heading} Architecture decision records\n\nThe decisions of {project_name}, exported from Groundwork in the {} format.\n\n",
        flavour.label()
    );
    if flavour == Flavour::Madr {
        text.push_str("<!-- adrlog -->\n\n");
    }
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
    if flavour == Flavour::Madr {
        text.push_str("\n<!-- adrlogstop -->\n");
    }
    text
}
