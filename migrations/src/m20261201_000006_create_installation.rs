//! One row that the first set-up of an install writes, in the same transaction as the first
//! owner. Its fixed primary key lets only one set-up commit, even when two run at the same
//! moment on PostgreSQL (where counting the users in each would let both through).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Installation {
    Table,
    /// Always 1.
    Id,
    SetUpAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Installation::Table)
                    .if_not_exists()
                    .col(integer(Installation::Id).primary_key())
                    .col(timestamp_with_time_zone(Installation::SetUpAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Installation::Table).to_owned())
            .await
    }
}
