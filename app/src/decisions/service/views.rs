//! Rows to the shapes the pages show.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use super::fields::{form_of, from_json, status_named, status_of};
use crate::{
    auth::Member,
    decisions::{
        domain::{
            display_number, AdrStatus, AdrSummary, AdrView, LinkKind, LinkView, SectionView,
            SECTIONS,
        },
        entity::adr,
        repository::{self, SummaryRow},
    },
    error::AppError,
    teams::domain::Role,
};

/// One line of the log, from a whole row (after a write, on the ADR's own page).
pub fn summary(row: &adr::Model) -> AdrSummary {
    summary_from_columns(SummaryRow::from(row))
}

/// One line of the log, from the columns the log reads.
pub fn summary_from_columns(row: SummaryRow) -> AdrSummary {
    let status = status_named(&row.status);
    let still_standing = matches!(status, AdrStatus::Proposed | AdrStatus::Accepted);
    AdrSummary {
        id: row.id,
        number: row.number,
        display_number: display_number(row.number),
        title: row.title,
        status,
        topic_id: row.topic_id,
        decision_date: row
            .decision_date
            .map(|date| date.to_string())
            .unwrap_or_default(),
        decision_makers: from_json(&row.decision_makers),
        revisit_by: row.revisit_by.map(|date| date.to_string()),
        overdue: still_standing
            && row
                .revisit_by
                .is_some_and(|date| date < Utc::now().date_naive()),
    }
}

fn sections(row: &adr::Model) -> Vec<SectionView> {
    let pairs = [
        (&row.context_md, &row.context_html),
        (&row.drivers_md, &row.drivers_html),
        (&row.options_md, &row.options_html),
        (&row.outcome_md, &row.outcome_html),
        (&row.consequences_md, &row.consequences_html),
        (&row.confirmation_md, &row.confirmation_html),
        (&row.more_info_md, &row.more_info_html),
    ];
    SECTIONS
        .iter()
        .zip(pairs)
        .map(|((field, heading), (markdown, html))| SectionView {
            field: (*field).into(),
            heading: (*heading).into(),
            markdown: markdown.clone(),
            html: html.clone(),
        })
        .collect()
}

pub async fn full_view(
    db: &DatabaseConnection,
    member: &Member,
    row: adr::Model,
) -> Result<AdrView, AppError> {
    let links = repository::links_of(db, member.team_id, row.id).await?;
    let others: Vec<i32> = links
        .iter()
        .map(|link| {
            if link.from_adr_id == row.id {
                link.to_adr_id
            } else {
                link.from_adr_id
            }
        })
        .collect();
    let others: HashMap<i32, adr::Model> = repository::find_by_ids(db, member.team_id, others)
        .await?
        .into_iter()
        .map(|other| (other.id, other))
        .collect();
    let links = links
        .iter()
        .filter_map(|link| {
            let kind = LinkKind::parse(&link.kind).ok()?;
            let (forward, backward) = kind.phrases();
            let outgoing = link.from_adr_id == row.id;
            let other = others.get(if outgoing {
                &link.to_adr_id
            } else {
                &link.from_adr_id
            })?;
            Some(LinkView {
                phrase: (if outgoing { forward } else { backward }).into(),
                number: other.number,
                display_number: display_number(other.number),
                title: other.title.clone(),
            })
        })
        .collect();
    let status = status_of(&row);
    Ok(AdrView {
        project_id: row.project_id,
        summary: summary(&row),
        consulted: from_json(&row.consulted),
        informed: from_json(&row.informed),
        sections: sections(&row),
        version: row.version,
        links,
        next_statuses: status.next_statuses().to_vec(),
        can_edit: member.role >= Role::Editor,
        form: form_of(&row),
    })
}
