//! The schema of Groundwork, as sea-orm migrations that run on PostgreSQL and SQLite alike.
//! Never edit a migration that has landed: add a new one.
pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_teams_and_projects;
mod m20261123_000002_create_questionnaire;
mod m20261124_000003_create_accounts;
mod m20261124_000004_create_decisions;
mod m20261124_000005_add_adr_markdown_extras;
mod m20261201_000006_create_installation;
mod m20261201_000007_optional_decision_dates;
mod m20261201_000008_create_pending_imports;
mod m20261202_000009_decisions_per_question;
mod m20261203_000010_create_planning_sessions;
mod m20261204_000011_full_text_search;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_teams_and_projects::Migration),
            Box::new(m20261123_000002_create_questionnaire::Migration),
            Box::new(m20261124_000003_create_accounts::Migration),
            Box::new(m20261124_000004_create_decisions::Migration),
            Box::new(m20261124_000005_add_adr_markdown_extras::Migration),
            Box::new(m20261201_000006_create_installation::Migration),
            Box::new(m20261201_000007_optional_decision_dates::Migration),
            Box::new(m20261201_000008_create_pending_imports::Migration),
            Box::new(m20261202_000009_decisions_per_question::Migration),
            Box::new(m20261203_000010_create_planning_sessions::Migration),
            Box::new(m20261204_000011_full_text_search::Migration),
        ]
    }
}
