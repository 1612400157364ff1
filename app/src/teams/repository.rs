use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use super::entity::{self, Entity as Teams};

pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<entity::Model>, DbErr> {
    Teams::find()
        .filter(entity::Column::Slug.eq(slug))
        .one(db)
        .await
}

pub async fn insert(
    db: &impl ConnectionTrait,
    name: &str,
    slug: &str,
) -> Result<entity::Model, DbErr> {
    entity::ActiveModel {
        name: Set(name.to_owned()),
        slug: Set(slug.to_owned()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}
