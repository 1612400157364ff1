//! `planning_sessions`: one row per session, locked to number its events.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "planning_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub team_id: i32,
    pub project_id: i32,
    pub facilitator_id: i32,
    pub started_at: ChronoDateTimeUtc,
    pub ended_at: Option<ChronoDateTimeUtc>,
    pub current_topic_id: Option<String>,
    pub topic_started_at: Option<ChronoDateTimeUtc>,
    pub timebox_minutes: Option<i32>,
    pub last_seq: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
