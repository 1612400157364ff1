//! sea-orm queries for accounts. Accounts are not team data: they are found by id or e-mail.
use sea_orm::{
    sea_query::{Alias, Query},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set, SqlErr,
};

use super::entity::{self, Entity as Users};

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<&'a str>,
    pub security_stamp: &'a str,
    pub oidc_identity: Option<&'a str>,
}

/// Writes the install's one set-up row (see the `create_installation` migration); false when
/// another set-up wrote it first. Run it first in the set-up's transaction: it is what makes a
/// second set-up wait for the first and then fail.
pub async fn claim_installation(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    let insert = Query::insert()
        .into_table(Alias::new("installation"))
        .columns([Alias::new("id"), Alias::new("set_up_at")])
        .values_panic([1.into(), chrono::Utc::now().into()])
        .to_owned();
    match db.execute(&insert).await {
        Ok(_) => Ok(true),
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Ok(false)
        }
        Err(error) => Err(error),
    }
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Users::find().count(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<entity::Model>, DbErr> {
    Users::find_by_id(id).one(db).await
}

/// Display names of the accounts among `ids` (missing ones are left out), in one query.
pub async fn display_names(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<std::collections::HashMap<i32, String>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(Users::find()
        .filter(entity::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.display_name))
        .collect())
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<entity::Model>, DbErr> {
    Users::find()
        .filter(entity::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn find_by_oidc_identity(
    db: &impl ConnectionTrait,
    identity: &str,
) -> Result<Option<entity::Model>, DbErr> {
    Users::find()
        .filter(entity::Column::OidcIdentity.eq(identity))
        .one(db)
        .await
}

pub async fn insert(db: &impl ConnectionTrait, user: NewUser<'_>) -> Result<entity::Model, DbErr> {
    entity::ActiveModel {
        email: Set(user.email.to_owned()),
        display_name: Set(user.display_name.to_owned()),
        password_hash: Set(user.password_hash.map(str::to_owned)),
        security_stamp: Set(user.security_stamp.to_owned()),
        oidc_identity: Set(user.oidc_identity.map(str::to_owned)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Stores a new password hash and security stamp together.
pub async fn set_password(
    db: &impl ConnectionTrait,
    id: i32,
    password_hash: &str,
    security_stamp: &str,
) -> Result<(), DbErr> {
    entity::ActiveModel {
        id: Set(id),
        password_hash: Set(Some(password_hash.to_owned())),
        security_stamp: Set(security_stamp.to_owned()),
        ..Default::default()
    }
    .update(db)
    .await
    .map(drop)
}

/// Links (or with `None` unlinks) a single sign-on identity, with a new security stamp.
pub async fn set_oidc_identity(
    db: &impl ConnectionTrait,
    id: i32,
    identity: Option<&str>,
    security_stamp: &str,
) -> Result<entity::Model, DbErr> {
    entity::ActiveModel {
        id: Set(id),
        oidc_identity: Set(identity.map(str::to_owned)),
        security_stamp: Set(security_stamp.to_owned()),
        ..Default::default()
    }
    .update(db)
    .await
}
