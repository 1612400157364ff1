//! The `users` table: one row per account.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    /// argon2id PHC string; `None` for accounts that only sign in through OpenID Connect.
    pub password_hash: Option<String>,
    /// Replaced when the password changes; sessions made with the old one stop working.
    pub security_stamp: String,
    pub oidc_identity: Option<String>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for super::domain::Account {
    fn from(row: Model) -> Self {
        Self::from(&row)
    }
}

impl From<&Model> for super::domain::Account {
    fn from(row: &Model) -> Self {
        Self {
            id: row.id,
            email: row.email.clone(),
            display_name: row.display_name.clone(),
            has_password: row.password_hash.is_some(),
            has_organisation_account: row.oidc_identity.is_some(),
        }
    }
}
