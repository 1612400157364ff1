//! Live planning sessions. The tables hold the session's state (who attends, the votes, the
//! answers recorded); `session_events` is the ordered feed of changes that streams replay from,
//! so a client that reconnects to any replica resumes where it stopped. `last_seq` on the session
//! numbers its events without gaps: taking the next number locks the session's row.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PlanningSessions {
    Table,
    Id,
    TeamId,
    ProjectId,
    FacilitatorId,
    StartedAt,
    EndedAt,
    /// The topic the facilitator brought everyone to; empty before the first.
    CurrentTopicId,
    TopicStartedAt,
    /// The optional timebox of the current topic, in minutes.
    TimeboxMinutes,
    /// The number of the session's latest event.
    LastSeq,
}

#[derive(DeriveIden, Clone, Copy)]
enum SessionEvents {
    Table,
    Id,
    SessionId,
    Seq,
    /// The event as JSON (`planning::domain::SessionEvent`).
    Payload,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SessionVotes {
    Table,
    Id,
    SessionId,
    QuestionId,
    UserId,
    Value,
    Comment,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SessionRecords {
    Table,
    Id,
    SessionId,
    QuestionId,
    Value,
    RecordedBy,
    RecordedAt,
    /// Names, one per line: the people present, or those who voted, as the facilitator chose.
    DecisionMakers,
}

#[derive(DeriveIden, Clone, Copy)]
enum SessionAttendance {
    Table,
    Id,
    SessionId,
    UserId,
    /// joined, idle or left.
    Status,
    JoinedAt,
    LeftAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SessionConnections {
    Table,
    Id,
    SessionId,
    UserId,
    /// Refreshed while the stream is open; a row not seen for a minute belongs to a replica that
    /// stopped.
    SeenAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Projects {
    Table,
    Id,
}

fn cascade_to_session<T: IntoIden + Copy + 'static>(
    table: T,
    column: T,
    name: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(PlanningSessions::Table, PlanningSessions::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlanningSessions::Table)
                    .if_not_exists()
                    .col(pk_auto(PlanningSessions::Id))
                    .col(integer(PlanningSessions::TeamId))
                    .col(integer(PlanningSessions::ProjectId))
                    .col(integer(PlanningSessions::FacilitatorId))
                    .col(timestamp_with_time_zone(PlanningSessions::StartedAt))
                    .col(timestamp_with_time_zone_null(PlanningSessions::EndedAt))
                    .col(string_null(PlanningSessions::CurrentTopicId))
                    .col(timestamp_with_time_zone_null(
                        PlanningSessions::TopicStartedAt,
                    ))
                    .col(integer_null(PlanningSessions::TimeboxMinutes))
                    .col(big_integer(PlanningSessions::LastSeq).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_planning_sessions_project")
                            .from(PlanningSessions::Table, PlanningSessions::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_planning_sessions_project")
                    .table(PlanningSessions::Table)
                    .col(PlanningSessions::TeamId)
                    .col(PlanningSessions::ProjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionEvents::Table)
                    .if_not_exists()
                    .col(pk_auto(SessionEvents::Id))
                    .col(integer(SessionEvents::SessionId))
                    .col(big_integer(SessionEvents::Seq))
                    .col(text(SessionEvents::Payload))
                    .col(timestamp_with_time_zone(SessionEvents::CreatedAt))
                    .foreign_key(&mut cascade_to_session(
                        SessionEvents::Table,
                        SessionEvents::SessionId,
                        "fk_session_events_session",
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_session_events_seq",
            SessionEvents::Table,
            &[SessionEvents::SessionId, SessionEvents::Seq],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionVotes::Table)
                    .if_not_exists()
                    .col(pk_auto(SessionVotes::Id))
                    .col(integer(SessionVotes::SessionId))
                    .col(string(SessionVotes::QuestionId))
                    .col(integer(SessionVotes::UserId))
                    .col(string(SessionVotes::Value))
                    .col(text(SessionVotes::Comment))
                    .col(timestamp_with_time_zone(SessionVotes::UpdatedAt))
                    .foreign_key(&mut cascade_to_session(
                        SessionVotes::Table,
                        SessionVotes::SessionId,
                        "fk_session_votes_session",
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_session_votes_voter",
            SessionVotes::Table,
            &[
                SessionVotes::SessionId,
                SessionVotes::QuestionId,
                SessionVotes::UserId,
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionRecords::Table)
                    .if_not_exists()
                    .col(pk_auto(SessionRecords::Id))
                    .col(integer(SessionRecords::SessionId))
                    .col(string(SessionRecords::QuestionId))
                    .col(string(SessionRecords::Value))
                    .col(integer(SessionRecords::RecordedBy))
                    .col(timestamp_with_time_zone(SessionRecords::RecordedAt))
                    .col(text(SessionRecords::DecisionMakers))
                    .foreign_key(&mut cascade_to_session(
                        SessionRecords::Table,
                        SessionRecords::SessionId,
                        "fk_session_records_session",
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_session_records_question",
            SessionRecords::Table,
            &[SessionRecords::SessionId, SessionRecords::QuestionId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionAttendance::Table)
                    .if_not_exists()
                    .col(pk_auto(SessionAttendance::Id))
                    .col(integer(SessionAttendance::SessionId))
                    .col(integer(SessionAttendance::UserId))
                    .col(string_len(SessionAttendance::Status, 16))
                    .col(timestamp_with_time_zone(SessionAttendance::JoinedAt))
                    .col(timestamp_with_time_zone_null(SessionAttendance::LeftAt))
                    .foreign_key(&mut cascade_to_session(
                        SessionAttendance::Table,
                        SessionAttendance::SessionId,
                        "fk_session_attendance_session",
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_session_attendance_user",
            SessionAttendance::Table,
            &[SessionAttendance::SessionId, SessionAttendance::UserId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionConnections::Table)
                    .if_not_exists()
                    .col(pk_auto(SessionConnections::Id))
                    .col(integer(SessionConnections::SessionId))
                    .col(integer(SessionConnections::UserId))
                    .col(timestamp_with_time_zone(SessionConnections::SeenAt))
                    .foreign_key(&mut cascade_to_session(
                        SessionConnections::Table,
                        SessionConnections::SessionId,
                        "fk_session_connections_session",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_connections_user")
                    .table(SessionConnections::Table)
                    .col(SessionConnections::UserId)
                    .col(SessionConnections::SessionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SessionConnections::Table.into_iden(),
            SessionAttendance::Table.into_iden(),
            SessionRecords::Table.into_iden(),
            SessionVotes::Table.into_iden(),
            SessionEvents::Table.into_iden(),
            PlanningSessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn unique<T: IntoIden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: &[T],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for column in columns {
        index.col(*column);
    }
    manager.create_index(index.to_owned()).await
}
