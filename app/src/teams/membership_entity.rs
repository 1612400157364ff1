//! The `memberships` table: who belongs to which team, with which role.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "memberships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub team_id: i32,
    pub user_id: i32,
    /// `owner`, `editor` or `viewer`.
    pub role: String,
    pub created_at: ChronoDateTimeUtc,
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
    #[sea_orm(
        belongs_to = "crate::accounts::entity::Entity",
        from = "Column::UserId",
        to = "crate::accounts::entity::Column::Id",
        on_delete = "Cascade"
    )]
    User,
}

impl Related<crate::teams::entity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Team.def()
    }
}

impl Related<crate::accounts::entity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
