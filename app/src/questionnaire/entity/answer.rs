use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub team_id: i32,
    pub project_id: i32,
    pub topic_id: String,
    pub question_id: String,
    /// The chosen option id, or the free text.
    pub value: String,
    pub note: String,
    /// The catalog version the answer was given under.
    pub catalog_version: String,
    /// Starts at 1; every save adds one. A save names the version it read.
    pub version: i32,
    pub updated_at: ChronoDateTimeUtc,
    /// The user who last saved it (none for answers from before this was kept, or restored).
    pub answered_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
