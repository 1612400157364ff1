//! The `sessions` table: one row per browser session, shared by every replica of the app.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// tower-sessions' 128-bit random id, as it appears in the cookie.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The session's key-value data, as JSON.
    pub data: String,
    pub expires_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
