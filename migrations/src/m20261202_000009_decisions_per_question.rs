//! Who gave each answer (the generated ADR names them as decision-makers), and which question's
//! decision an ADR records (a topic can hold several decisions).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Answers {
    Table,
    /// The user who last saved the answer; empty for answers saved before this column.
    AnsweredBy,
}

#[derive(DeriveIden)]
enum Adrs {
    Table,
    /// The catalog question whose `adr_title` the ADR was generated from; empty otherwise.
    QuestionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Answers::Table)
                    .add_column(integer_null(Answers::AnsweredBy))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Adrs::Table)
                    .add_column(string_null(Adrs::QuestionId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Adrs::Table)
                    .drop_column(Adrs::QuestionId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Answers::Table)
                    .drop_column(Answers::AnsweredBy)
                    .to_owned(),
            )
            .await
    }
}
