//! The decision log: filters, search, sorting and pages.
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

use super::views::summary_from_columns;
use crate::{
    auth::Member,
    decisions::{
        domain::{AdrLogPage, AdrStatus},
        repository::{self, LogQuery, LogSort},
        search::SearchTerms,
    },
    error::AppError,
    teams::domain::Role,
};

pub const PER_PAGE: u64 = 50;
const SEARCH_MAX_CHARS: usize = 200;

/// The log page's query string, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogFilters {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: u64,
}

pub async fn log_page(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    filters: &LogFilters,
) -> Result<AdrLogPage, AppError> {
    // `member` was resolved for this project by the caller, and every query below is scoped by
    // team and project, so no separate project lookup is needed on this hot path.
    let status = match filters.status.trim() {
        "" => None,
        raw => Some(AdrStatus::parse(raw)?.as_str()),
    };
    if filters.q.chars().count() > SEARCH_MAX_CHARS {
        return Err(AppError::validation(
            "q",
            format!("Search for at most {SEARCH_MAX_CHARS} characters."),
        ));
    }
    let sort = match filters.sort.as_str() {
        "" | "number" => LogSort::NumberAscending,
        "-number" => LogSort::NumberDescending,
        "title" => LogSort::Title,
        "updated" => LogSort::RecentlyChanged,
        _ => {
            return Err(AppError::validation(
                "sort",
                "Sort by number, title or last change.",
            ))
        }
    };
    let topic = Some(filters.topic.trim()).filter(|topic| !topic.is_empty());
    let query = LogQuery {
        status,
        topic,
        search: Some(filters.q.trim())
            .filter(|q| !q.is_empty())
            .map(SearchTerms::parse),
        sort,
        page: filters.page.max(1),
        per_page: PER_PAGE,
    };
    let (rows, total) = repository::log_page(db, member.team_id, project_id, &query).await?;
    Ok(AdrLogPage {
        items: rows.into_iter().map(summary_from_columns).collect(),
        total,
        page: query.page,
        pages: total.div_ceil(PER_PAGE).max(1),
        can_edit: member.role >= Role::Editor,
        topics: crate::questionnaire::catalog::embedded()
            .topics
            .iter()
            .map(|topic| (topic.id.clone(), topic.title.clone()))
            .collect(),
    })
}
