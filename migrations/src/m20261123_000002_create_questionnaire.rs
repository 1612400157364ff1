use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProjectProfiles {
    Table,
    ProjectId,
    TeamId,
    /// The profile as JSON.
    Data,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Answers {
    Table,
    Id,
    TeamId,
    ProjectId,
    TopicId,
    QuestionId,
    /// The chosen option id, or the free text.
    Value,
    Note,
    CatalogVersion,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TopicMarks {
    Table,
    Id,
    TeamId,
    ProjectId,
    TopicId,
    /// `skipped` or `not_applicable`.
    Mark,
    Reason,
    UpdatedAt,
}

fn project_fk(
    table: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
    name: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(Projects::Table, Projects::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProjectProfiles::Table)
                    .if_not_exists()
                    .col(integer(ProjectProfiles::ProjectId).primary_key())
                    .col(integer(ProjectProfiles::TeamId))
                    .col(text(ProjectProfiles::Data))
                    .col(integer(ProjectProfiles::Version))
                    .col(timestamp_with_time_zone(ProjectProfiles::UpdatedAt))
                    .foreign_key(&mut project_fk(
                        ProjectProfiles::Table,
                        ProjectProfiles::ProjectId,
                        "fk_profiles_project",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Answers::Table)
                    .if_not_exists()
                    .col(pk_auto(Answers::Id))
                    .col(integer(Answers::TeamId))
                    .col(integer(Answers::ProjectId))
                    .col(string_len(Answers::TopicId, 64))
                    .col(string_len(Answers::QuestionId, 64))
                    .col(text(Answers::Value))
                    .col(text(Answers::Note))
                    .col(string_len(Answers::CatalogVersion, 32))
                    .col(integer(Answers::Version))
                    .col(timestamp_with_time_zone(Answers::UpdatedAt))
                    .foreign_key(&mut project_fk(
                        Answers::Table,
                        Answers::ProjectId,
                        "fk_answers_project",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_answers_project_question")
                    .table(Answers::Table)
                    .col(Answers::ProjectId)
                    .col(Answers::QuestionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TopicMarks::Table)
                    .if_not_exists()
                    .col(pk_auto(TopicMarks::Id))
                    .col(integer(TopicMarks::TeamId))
                    .col(integer(TopicMarks::ProjectId))
                    .col(string_len(TopicMarks::TopicId, 64))
                    .col(string_len(TopicMarks::Mark, 16))
                    .col(text(TopicMarks::Reason))
                    .col(timestamp_with_time_zone(TopicMarks::UpdatedAt))
                    .foreign_key(&mut project_fk(
                        TopicMarks::Table,
                        TopicMarks::ProjectId,
                        "fk_topic_marks_project",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_topic_marks_project_topic")
                    .table(TopicMarks::Table)
                    .col(TopicMarks::ProjectId)
                    .col(TopicMarks::TopicId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TopicMarks::Table.into_iden(),
            Answers::Table.into_iden(),
            ProjectProfiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
