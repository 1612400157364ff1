//! The `adrs`, `adr_links` and `adr_revisions` tables.
pub mod adr {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "adrs")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub team_id: i32,
        pub project_id: i32,
        pub number: i32,
        pub title: String,
        pub status: String,
        pub topic_id: Option<String>,
        /// The catalog question whose decision this ADR records (generated ADRs).
        pub question_id: Option<String>,
        /// The day the decision was stated; `None` when an imported file stated none.
        pub decision_date: Option<Date>,
        pub revisit_by: Option<Date>,
        /// JSON arrays of names.
        pub decision_makers: String,
        pub consulted: String,
        pub informed: String,
        pub context_md: String,
        pub context_html: String,
        pub drivers_md: String,
        pub drivers_html: String,
        pub options_md: String,
        pub options_html: String,
        pub outcome_md: String,
        pub outcome_html: String,
        pub consequences_md: String,
        pub consequences_html: String,
        pub confirmation_md: String,
        pub confirmation_html: String,
        pub more_info_md: String,
        pub more_info_html: String,
        /// Stems, see `decisions::search`.
        pub search_text: String,
        /// The `search::INDEX_VERSION` that wrote `search_text`.
        pub search_version: i32,
        /// See `exchange::document::MarkdownExtras`.
        pub markdown_extras: String,
        pub version: i32,
        pub created_by: i32,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    /// What an export reads of an ADR: the markdown, without the rendered HTML and the search
    /// text (two thirds of the row).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct MarkdownColumns {
        pub id: i32,
        pub number: i32,
        pub title: String,
        pub status: String,
        pub decision_date: Option<Date>,
        pub decision_makers: String,
        pub consulted: String,
        pub informed: String,
        pub context_md: String,
        pub drivers_md: String,
        pub options_md: String,
        pub outcome_md: String,
        pub consequences_md: String,
        pub confirmation_md: String,
        pub more_info_md: String,
        pub markdown_extras: String,
    }
}

pub mod link {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "adr_links")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub team_id: i32,
        pub project_id: i32,
        pub from_adr_id: i32,
        pub to_adr_id: i32,
        pub kind: String,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod revision {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "adr_revisions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub team_id: i32,
        pub adr_id: i32,
        pub version: i32,
        pub author_id: Option<i32>,
        pub author_name: String,
        pub changed_fields: String,
        pub snapshot: String,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
