//! An uploaded archive waiting for its importer to confirm the preview. Kept in the database,
//! not in one process's memory, so that the confirmation may reach any replica. Rows older
//! than an hour are deleted whenever a new upload arrives.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PendingImports {
    Table,
    Id,
    /// 128 random bits, hex; the confirmation names it.
    Token,
    UserId,
    TeamId,
    ProjectId,
    /// The zip as uploaded (at most the upload limit).
    Archive,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PendingImports::Table)
                    .if_not_exists()
                    .col(pk_auto(PendingImports::Id))
                    .col(string_len_uniq(PendingImports::Token, 64))
                    .col(integer(PendingImports::UserId))
                    .col(integer(PendingImports::TeamId))
                    .col(integer(PendingImports::ProjectId))
                    .col(blob(PendingImports::Archive))
                    .col(timestamp_with_time_zone(PendingImports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pending_imports_project")
                            .from(PendingImports::Table, PendingImports::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PendingImports::Table).to_owned())
            .await
    }
}
