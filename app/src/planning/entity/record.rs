//! `session_records`: the answers the facilitator recorded for the team.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub question_id: String,
    pub value: String,
    pub recorded_by: i32,
    pub recorded_at: ChronoDateTimeUtc,
    /// Names, one per line.
    pub decision_makers: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
