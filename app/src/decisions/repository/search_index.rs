//! Queries that bring `adrs.search_text` to the current way of indexing (see
//! `service::search_index`). They run at start-up, across every team, as the migrations do.
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::decisions::entity::adr::{self, Entity as Adrs};

/// An ADR's id and the texts its search terms come from.
#[derive(Debug, FromQueryResult)]
pub struct IndexSource {
    pub id: i32,
    pub title: String,
    pub context_md: String,
    pub drivers_md: String,
    pub options_md: String,
    pub outcome_md: String,
    pub consequences_md: String,
    pub confirmation_md: String,
    pub more_info_md: String,
}

impl IndexSource {
    /// The title, then the sections.
    pub fn texts(&self) -> [&str; 8] {
        [
            &self.title,
            &self.context_md,
            &self.drivers_md,
            &self.options_md,
            &self.outcome_md,
            &self.consequences_md,
            &self.confirmation_md,
            &self.more_info_md,
        ]
    }
}

/// Up to `limit` ADRs indexed below `version`, by id, after `after_id`.
pub async fn outdated(
    db: &impl ConnectionTrait,
    version: i32,
    after_id: i32,
    limit: u64,
) -> Result<Vec<IndexSource>, DbErr> {
    use adr::Column as C;
    Adrs::find()
        .select_only()
        .columns([
            C::Id,
            C::Title,
            C::ContextMd,
            C::DriversMd,
            C::OptionsMd,
            C::OutcomeMd,
            C::ConsequencesMd,
            C::ConfirmationMd,
            C::MoreInfoMd,
        ])
        .filter(C::SearchVersion.lt(version))
        .filter(C::Id.gt(after_id))
        .order_by_asc(C::Id)
        .limit(limit)
        .into_model::<IndexSource>()
        .all(db)
        .await
}

/// Stores `search_text` for ADR `id`, indexed at `version`, unless a newer version got there
/// first (another replica starting beside this one).
pub async fn store(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
    search_text: String,
) -> Result<(), DbErr> {
    Adrs::update_many()
        .set(adr::ActiveModel {
            search_text: Set(search_text),
            search_version: Set(version),
            ..Default::default()
        })
        .filter(adr::Column::Id.eq(id))
        .filter(adr::Column::SearchVersion.lt(version))
        .exec(db)
        .await?;
    Ok(())
}
