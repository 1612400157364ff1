//! The `projects` table. Every row belongs to one team.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub team_id: i32,
    pub name: String,
    /// Lower-cased name; unique per team.
    pub name_key: String,
    pub description: String,
    /// The number of the newest ADR; see `decisions::repository::take_next_number`.
    pub last_adr_number: i32,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::teams::entity::Entity",
        from = "Column::TeamId",
        to = "crate::teams::entity::Column::Id",
        on_delete = "Cascade"
    )]
    Team,
}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for super::domain::Project {
    fn from(row: Model) -> Self {
        Self {
            id: row.id,
            team_id: row.team_id,
            my_role: crate::teams::domain::Role::Viewer,
            name: row.name,
            description: row.description,
            updated_at: row.updated_at.to_rfc3339(),
        }
    }
}
