//! `session_votes`: one vote (with its comment) per participant and question.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_votes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub question_id: String,
    pub user_id: i32,
    pub value: String,
    pub comment: String,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for crate::planning::domain::Vote {
    fn from(row: Model) -> Self {
        Self {
            question_id: row.question_id,
            user_id: row.user_id,
            value: row.value,
            comment: row.comment,
        }
    }
}
