//! The export's SQLite row reader against sea-orm's: same rows, same order, same scope; the
//! log's summary columns against whole rows.
use chrono::{NaiveDate, Utc};
use sea_orm::{DatabaseBackend, DbErr, Set, Statement};

use super::{
    all_in_project, for_each_markdown, for_each_markdown_through_sea_orm, insert, log_page,
    sqlite_rows, LogQuery, LogSort, SummaryRow,
};
use crate::{
    decisions::entity::adr, projects::service::create_project, testing::database_with_member,
};

/// An ADR row whose markdown columns all differ, built from `marker`.
fn adr_row(team_id: i32, project_id: i32, number: i32, marker: &str) -> adr::ActiveModel {
    let section = |name: &str| format!("{name} of {marker}\n\n- one\n- two\n");
    adr::ActiveModel {
        team_id: Set(team_id),
        project_id: Set(project_id),
        number: Set(number),
        title: Set(format!("Decision {marker}")),
        status: Set("accepted".into()),
        decision_date: Set(NaiveDate::from_ymd_opt(2026, 2, number as u32)),
        decision_makers: Set(format!(r#"["{marker}"]"#)),
        consulted: Set("[]".into()),
        informed: Set(r#"["Zoë", "李"]"#.into()),
        context_md: Set(section("Context")),
        context_html: Set("<p>not read</p>".into()),
        drivers_md: Set(String::new()),
        drivers_html: Set(String::new()),
        options_md: Set(section("Options")),
        options_html: Set(String::new()),
        outcome_md: Set(section("Outcome")),
        outcome_html: Set(String::new()),
        consequences_md: Set(section("Consequences")),
        consequences_html: Set(String::new()),
        confirmation_md: Set(section("Confirmation")),
        confirmation_html: Set(String::new()),
        more_info_md: Set(section("More information")),
        more_info_html: Set(String::new()),
        search_text: Set(String::new()),
        search_version: Set(0),
        markdown_extras: Set(format!("extra {marker}")),
        version: Set(1),
        created_by: Set(1),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_reader_reads_what_sea_orm_reads_in_number_order_within_the_project() {
    let (db, member) = database_with_member().await;
    let project = create_project(&db, &member, "Shop", "").await.unwrap().id;
    let other = create_project(&db, &member, "Other", "").await.unwrap().id;
    // Stored out of order, with non-ASCII text, an embedded NUL and a long section.
    let markers = [(3, "ünïcödé 🚀"), (1, "plain"), (2, "nul\0inside")];
    for (number, marker) in markers {
        insert(&db, adr_row(member.team_id, project, number, marker))
            .await
            .unwrap();
    }
    let mut long = adr_row(member.team_id, project, 4, "long");
    long.context_md = Set("x".repeat(200_000));
    insert(&db, long).await.unwrap();
    insert(&db, adr_row(member.team_id, other, 1, "elsewhere"))
        .await
        .unwrap();

    let mut direct = Vec::new();
    for_each_markdown(&db, member.team_id, project, |row| direct.push(row))
        .await
        .unwrap();
    let mut through_sea_orm = Vec::new();
    for_each_markdown_through_sea_orm(
        &db,
        DatabaseBackend::Sqlite,
        member.team_id,
        project,
        |row| through_sea_orm.push(row),
    )
    .await
    .unwrap();

    assert_eq!(direct, through_sea_orm);
    let numbers: Vec<i32> = direct.iter().map(|row| row.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(direct[1].title, "Decision nul\0inside");
    assert_eq!(
        direct[2].outcome_md,
        "Outcome of ünïcödé 🚀\n\n- one\n- two\n"
    );
    assert_eq!(direct[2].decision_date, NaiveDate::from_ymd_opt(2026, 2, 3));
    assert_eq!(direct[3].context_md.len(), 200_000);
    assert_eq!(direct[0].informed, r#"["Zoë", "李"]"#);
}

#[tokio::test]
async fn another_teams_rows_are_not_read() {
    let (db, member) = database_with_member().await;
    let project = create_project(&db, &member, "Shop", "").await.unwrap().id;
    insert(&db, adr_row(member.team_id, project, 1, "ours"))
        .await
        .unwrap();
    let mut rows = 0;
    for_each_markdown(&db, member.team_id + 1, project, |_| rows += 1)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn a_failed_statement_is_an_error_and_the_connection_stays_usable() {
    let (db, member) = database_with_member().await;
    let pool = db.get_sqlite_connection_pool();
    let broken = Statement::from_string(DatabaseBackend::Sqlite, "SELECT * FROM no_such_table");
    let error = sqlite_rows::for_each_row(pool, &broken, |_| Ok(()))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no such table"), "{error}");

    // An error from the caller stops the read and comes back as it was.
    let project = create_project(&db, &member, "Shop", "").await.unwrap().id;
    for number in 1..=3 {
        insert(&db, adr_row(member.team_id, project, number, "row"))
            .await
            .unwrap();
    }
    let statement = Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        "SELECT number FROM adrs WHERE project_id = ? ORDER BY number",
        [project.into()],
    );
    let mut seen = Vec::new();
    let stopped = sqlite_rows::for_each_row(pool, &statement, |row| {
        seen.push(row.int(0)?);
        Err(DbErr::Custom("enough".into()))
    })
    .await
    .unwrap_err();
    assert_eq!(
        (seen, stopped.to_string()),
        (vec![1], "Custom Error: enough".to_owned())
    );

    // NULL is not a text, as with sea-orm.
    let null = Statement::from_string(DatabaseBackend::Sqlite, "SELECT NULL");
    let error = sqlite_rows::for_each_row(pool, &null, |row| row.text(0).map(drop))
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("column 0 has no text"),
        "{error}"
    );

    // Every pooled connection still answers, locks released and statements finalised.
    let mut all = Vec::new();
    sqlite_rows::for_each_row(pool, &statement, |row| {
        all.push(row.int(0)?);
        Ok(())
    })
    .await
    .unwrap();
    assert_eq!(all, [1, 2, 3]);
}

#[tokio::test]
async fn the_number_counter_stops_at_its_highest_and_never_overflows() {
    use super::{raise_number_counter, take_next_number, NextNumber};
    use crate::decisions::domain::MAX_ADR_NUMBER;
    let (db, member) = database_with_member().await;
    let project = create_project(&db, &member, "Shop", "").await.unwrap().id;
    let take = || take_next_number(&db, member.team_id, project, MAX_ADR_NUMBER);
    assert_eq!(take().await.unwrap(), NextNumber::Taken(1));
    raise_number_counter(&db, member.team_id, project, MAX_ADR_NUMBER - 1)
        .await
        .unwrap();
    assert_eq!(take().await.unwrap(), NextNumber::Taken(MAX_ADR_NUMBER));
    assert_eq!(take().await.unwrap(), NextNumber::Exhausted);
    assert_eq!(
        take_next_number(&db, member.team_id + 1, project, MAX_ADR_NUMBER)
            .await
            .unwrap(),
        NextNumber::NoSuchProject
    );
}

#[tokio::test]
async fn the_log_reads_the_same_summary_columns_as_whole_rows_hold() {
    let (db, member) = database_with_member().await;
    let project = create_project(&db, &member, "Shop", "").await.unwrap().id;
    for (number, marker) in [(2, "two"), (1, "one"), (3, "three")] {
        let mut row = adr_row(member.team_id, project, number, marker);
        row.topic_id = Set(Some("database".into()));
        row.revisit_by = Set(NaiveDate::from_ymd_opt(2027, 1, number as u32));
        insert(&db, row).await.unwrap();
    }
    let query = LogQuery {
        status: None,
        topic: None,
        search: None,
        sort: LogSort::NumberDescending,
        page: 1,
        per_page: 2,
    };
    let (lines, total) = log_page(&db, member.team_id, project, &query)
        .await
        .unwrap();
    let whole = all_in_project(&db, member.team_id, project).await.unwrap();
    let expected: Vec<SummaryRow> = whole.iter().rev().take(2).map(SummaryRow::from).collect();
    assert_eq!(total, 3);
    assert_eq!(lines, expected);
    assert_eq!(lines[0].decision_makers, r#"["three"]"#);
    assert_eq!(lines[1].revisit_by, NaiveDate::from_ymd_opt(2027, 1, 2));
}
