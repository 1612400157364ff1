//! The tables of live planning sessions (migration 10). Every row reaches its team through its
//! session, whose `team_id` every query checks.
pub mod attendance;
pub mod connection;
pub mod event;
pub mod record;
pub mod session;
pub mod vote;
