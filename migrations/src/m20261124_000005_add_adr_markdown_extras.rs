//! What imported ADR files held that Groundwork has no field for (unknown front-matter keys,
//! sections, status words), kept so that exporting them again reproduces them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Adrs {
    Table,
    /// JSON (`exchange::document::MarkdownExtras`), or empty text when there is nothing.
    MarkdownExtras,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Adrs::Table)
                    .add_column(text(Adrs::MarkdownExtras).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Adrs::Table)
                    .drop_column(Adrs::MarkdownExtras)
                    .to_owned(),
            )
            .await
    }
}
