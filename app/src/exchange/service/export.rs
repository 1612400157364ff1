//! The decision log as files of one flavour: one per ADR plus an index, ready to zip or write
//! to a folder.
use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use crate::{
    auth::Member,
    decisions::{
        domain::{display_number, AdrStatus, LinkKind},
        entity::{adr, link},
        service::project_records,
    },
    error::AppError,
    exchange::{
        document::{AdrDocument, DocumentLink, MarkdownExtras},
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
    let project = projects::service::get_project(db, member, project_id).await?;
    let (rows, links) = project_records(db, member, project_id).await?;
    Ok(files_for(flavour, &project.name, &documents(&rows, &links)))
}

/// The stored ADRs as documents, each with its links read from its side.
pub fn documents(rows: &[adr::Model], links: &[link::Model]) -> Vec<AdrDocument> {
    let by_id: HashMap<i32, &adr::Model> = rows.iter().map(|row| (row.id, row)).collect();
    let mut documents: Vec<AdrDocument> = rows.iter().map(document).collect();
    let index: HashMap<i32, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (row.id, i))
        .collect();
    for stored in links {
        let (Some(from), Some(to)) = (by_id.get(&stored.from_adr_id), by_id.get(&stored.to_adr_id))
        else {
            continue;
        };
        let Ok(kind) = LinkKind::parse(&stored.kind) else {
            continue;
        };
        // "Relates to" reads the same both ways, so neither side is the incoming one.
        let symmetric = kind == LinkKind::RelatesTo;
        documents[index[&from.id]].links.push(DocumentLink {
            kind,
            incoming: false,
            number: to.number,
            title: to.title.clone(),
        });
        documents[index[&to.id]].links.push(DocumentLink {
            kind,
            incoming: !symmetric,
            number: from.number,
            title: from.title.clone(),
        });
    }
    for document in &mut documents {
        document.links.sort();
        document.links.dedup();
    }
    documents
}

fn document(row: &adr::Model) -> AdrDocument {
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
        links: Vec::new(),
        extras: MarkdownExtras::from_column(&row.markdown_extras),
    }
}

/// The files for `documents` in `flavour`: the index, then one file per ADR.
pub fn files_for(
    flavour: Flavour,
    project_name: &str,
    documents: &[AdrDocument],
) -> Vec<(String, String)> {
    let folder = flavour.folder();
    let mut files = Vec::with_capacity(documents.len() + 1);
    files.push((
        format!("{folder}/{}", flavour.index_name()),
        index(flavour, project_name, documents),
    ));
    for document in documents {
        let name = crate::exchange::document::file_name(document.number, &document.title);
        files.push((format!("{folder}/{name}"), flavour.write(document)));
    }
    files
}

/// A list of the ADRs: adr-tools' table of contents for Nygard, a table for the others.
fn index(flavour: Flavour, project_name: &str, documents: &[AdrDocument]) -> String {
    let mut text = format!(
        "# Architecture decision records\n\nThe decisions of {project_name}, exported from Groundwork in the {} format.\n\n",
        flavour.label()
    );
    let file = |d: &AdrDocument| crate::exchange::document::file_name(d.number, &d.title);
    if flavour == Flavour::Nygard {
        for d in documents {
            text.push_str(&format!("* [{}. {}]({})\n", d.number, d.title, file(d)));
        }
    } else {
        text.push_str("| Number | Title | Status | Date |\n|---|---|---|---|\n");
        for d in documents {
            let status = d.status.map_or("proposed", AdrStatus::as_str);
            text.push_str(&format!(
                "| [{}]({}) | {} | {status} | {} |\n",
                display_number(d.number),
                file(d),
                d.title.replace('|', "\\|"),
                d.date
            ));
        }
    }
    text
}
