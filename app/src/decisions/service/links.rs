//! Typed links between ADRs of one project. A link is stored once and read both ways; linking
//! an ADR as superseding another marks the other superseded.
use std::collections::HashSet;

use chrono::Utc;
use sea_orm::{DatabaseConnection, DbErr, Set, SqlErr, TransactionTrait};

use super::{fields::status_of, find, history, set_status, stale, views};
use crate::{
    auth::Member,
    decisions::{
        domain::{display_number, AdrStatus, AdrView, LinkKind},
        entity::{adr, link},
        repository,
    },
    error::AppError,
};

pub async fn link_adrs(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    number: i32,
    kind: &str,
    target_number: i32,
) -> Result<AdrView, AppError> {
    let kind = LinkKind::parse(kind)?;
    let from = find(db, member, project_id, number).await?;
    let target = repository::find_by_number(db, member.team_id, project_id, target_number)
        .await?
        .ok_or_else(|| {
            AppError::validation(
                "target",
                format!(
                    "There is no {} in this project.",
                    display_number(target_number)
                ),
            )
        })?;
    if target.id == from.id {
        return Err(AppError::validation(
            "target",
            "A decision cannot link to itself.",
        ));
    }
    if kind == LinkKind::Supersedes {
        check_supersede(db, member, &from, &target).await?;
    }
    // Writes first (see `update_adr`); the version checks below catch changes made meanwhile.
    let transaction = db.begin().await?;
    repository::insert_link(
        &transaction,
        link::ActiveModel {
            team_id: Set(member.team_id),
            project_id: Set(project_id),
            from_adr_id: Set(from.id),
            to_adr_id: Set(target.id),
            kind: Set(kind.as_str().into()),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await
    .map_err(already_linked_or_internal)?;
    if kind == LinkKind::Supersedes {
        set_status(&transaction, member, &target, AdrStatus::Superseded).await?;
    }
    // The link is a change of `from` too: a new version and a revision.
    if !repository::update_if_version(
        &transaction,
        member.team_id,
        from.id,
        from.version,
        adr::ActiveModel::default(),
    )
    .await?
    {
        return Err(stale());
    }
    let saved = find(&transaction, member, project_id, number).await?;
    history::record(&transaction, member, &saved, vec!["links".into()]).await?;
    transaction.commit().await?;
    views::full_view(db, member, saved).await
}

/// Only a standing decision can be superseded, only by a decision that is not itself replaced,
/// and never in a circle.
async fn check_supersede(
    db: &impl sea_orm::ConnectionTrait,
    member: &Member,
    from: &adr::Model,
    target: &adr::Model,
) -> Result<(), AppError> {
    if !matches!(
        status_of(target),
        AdrStatus::Accepted | AdrStatus::Deprecated
    ) {
        return Err(AppError::validation(
            "target",
            format!(
                "{} is {}; only an accepted or deprecated decision can be superseded.",
                display_number(target.number),
                status_of(target).as_str()
            ),
        ));
    }
    if matches!(status_of(from), AdrStatus::Superseded | AdrStatus::Rejected) {
        return Err(AppError::validation(
            "target",
            "A superseded or rejected decision cannot supersede another.",
        ));
    }
    // Walk what `target` supersedes, transitively; meeting `from` would close a circle.
    let mut seen = HashSet::new();
    let mut frontier = vec![target.id];
    while let Some(id) = frontier.pop() {
        if id == from.id {
            return Err(AppError::validation(
                "target",
                "That would make the decisions supersede each other in a circle.",
            ));
        }
        if seen.insert(id) {
            frontier.extend(repository::superseded_ids(db, member.team_id, id).await?);
        }
    }
    Ok(())
}

fn already_linked_or_internal(error: DbErr) -> AppError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            AppError::validation("target", "These decisions are already linked that way.")
        }
        _ => error.into(),
    }
}
