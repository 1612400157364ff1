//! The decision log: ADRs (numbered per project), typed links between them, and every revision.
use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    /// The number of the project's newest ADR; the next one takes this plus one.
    LastAdrNumber,
}

#[derive(DeriveIden)]
enum Adrs {
    Table,
    Id,
    TeamId,
    ProjectId,
    /// ADR-0001 is 1; unique per project, assigned by the server inside the insert transaction.
    Number,
    Title,
    Status,
    /// The questionnaire topic the ADR was generated from, if any.
    TopicId,
    DecisionDate,
    RevisitBy,
    /// JSON arrays of names.
    DecisionMakers,
    Consulted,
    Informed,
    /// Each section as markdown, and as sanitised HTML rendered on save.
    ContextMd,
    ContextHtml,
    DriversMd,
    DriversHtml,
    OptionsMd,
    OptionsHtml,
    OutcomeMd,
    OutcomeHtml,
    ConsequencesMd,
    ConsequencesHtml,
    ConfirmationMd,
    ConfirmationHtml,
    MoreInfoMd,
    MoreInfoHtml,
    /// Lower-cased title and sections, for search.
    SearchText,
    /// Bumped by every change; a save names the version it started from.
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AdrLinks {
    Table,
    Id,
    TeamId,
    ProjectId,
    FromAdrId,
    ToAdrId,
    /// `supersedes`, `amends` or `relates_to`, read from `from` to `to`.
    Kind,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AdrRevisions {
    Table,
    Id,
    TeamId,
    AdrId,
    Version,
    AuthorId,
    AuthorName,
    /// JSON array of the fields this revision changed.
    ChangedFields,
    /// JSON of the ADR's editable fields after the change.
    Snapshot,
    CreatedAt,
}

fn cascade(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .add_column(integer(Projects::LastAdrNumber).default(0))
                    .to_owned(),
            )
            .await?;
        let mut adrs = Table::create();
        adrs.table(Adrs::Table)
            .if_not_exists()
            .col(pk_auto(Adrs::Id))
            .col(integer(Adrs::TeamId))
            .col(integer(Adrs::ProjectId))
            .col(integer(Adrs::Number))
            .col(string_len(Adrs::Title, 120))
            .col(string_len(Adrs::Status, 16))
            .col(string_len_null(Adrs::TopicId, 64))
            .col(date(Adrs::DecisionDate))
            .col(date_null(Adrs::RevisitBy))
            .col(text(Adrs::DecisionMakers))
            .col(text(Adrs::Consulted))
            .col(text(Adrs::Informed));
        for column in [
            Adrs::ContextMd,
            Adrs::ContextHtml,
            Adrs::DriversMd,
            Adrs::DriversHtml,
            Adrs::OptionsMd,
            Adrs::OptionsHtml,
            Adrs::OutcomeMd,
            Adrs::OutcomeHtml,
            Adrs::ConsequencesMd,
            Adrs::ConsequencesHtml,
            Adrs::ConfirmationMd,
            Adrs::ConfirmationHtml,
            Adrs::MoreInfoMd,
            Adrs::MoreInfoHtml,
            Adrs::SearchText,
        ] {
            adrs.col(text(column));
        }
        adrs.col(integer(Adrs::Version))
            .col(integer(Adrs::CreatedBy))
            .col(timestamp_with_time_zone(Adrs::CreatedAt))
            .col(timestamp_with_time_zone(Adrs::UpdatedAt))
            .foreign_key(&mut cascade(
                "fk_adrs_team",
                (Adrs::Table, Adrs::TeamId),
                (Teams::Table, Teams::Id),
            ))
            .foreign_key(&mut cascade(
                "fk_adrs_project",
                (Adrs::Table, Adrs::ProjectId),
                (Projects::Table, Projects::Id),
            ));
        manager.create_table(adrs.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_adrs_project_number")
                    .table(Adrs::Table)
                    .col(Adrs::ProjectId)
                    .col(Adrs::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_adrs_project_status")
                    .table(Adrs::Table)
                    .col(Adrs::ProjectId)
                    .col(Adrs::Status)
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE INDEX IF NOT EXISTS ix_adrs_search ON adrs \
                     USING GIN (to_tsvector('english', search_text))",
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(AdrLinks::Table)
                    .if_not_exists()
                    .col(pk_auto(AdrLinks::Id))
                    .col(integer(AdrLinks::TeamId))
                    .col(integer(AdrLinks::ProjectId))
                    .col(integer(AdrLinks::FromAdrId))
                    .col(integer(AdrLinks::ToAdrId))
                    .col(string_len(AdrLinks::Kind, 16))
                    .col(timestamp_with_time_zone(AdrLinks::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_adr_links_from",
                        (AdrLinks::Table, AdrLinks::FromAdrId),
                        (Adrs::Table, Adrs::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_adr_links_to",
                        (AdrLinks::Table, AdrLinks::ToAdrId),
                        (Adrs::Table, Adrs::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_adr_links_from_to_kind")
                    .table(AdrLinks::Table)
                    .col(AdrLinks::FromAdrId)
                    .col(AdrLinks::ToAdrId)
                    .col(AdrLinks::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AdrRevisions::Table)
                    .if_not_exists()
                    .col(pk_auto(AdrRevisions::Id))
                    .col(integer(AdrRevisions::TeamId))
                    .col(integer(AdrRevisions::AdrId))
                    .col(integer(AdrRevisions::Version))
                    .col(integer_null(AdrRevisions::AuthorId))
                    .col(string_len(AdrRevisions::AuthorName, 80))
                    .col(text(AdrRevisions::ChangedFields))
                    .col(text(AdrRevisions::Snapshot))
                    .col(timestamp_with_time_zone(AdrRevisions::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_adr_revisions_adr",
                        (AdrRevisions::Table, AdrRevisions::AdrId),
                        (Adrs::Table, Adrs::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_adr_revisions_adr_version")
                    .table(AdrRevisions::Table)
                    .col(AdrRevisions::AdrId)
                    .col(AdrRevisions::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AdrRevisions::Table.into_iden(),
            AdrLinks::Table.into_iden(),
            Adrs::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .drop_column(Projects::LastAdrNumber)
                    .to_owned(),
            )
            .await
    }
}
