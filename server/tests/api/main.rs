//! API tests: the real app on a free port with a fresh database, once on SQLite and once on
//! PostgreSQL. One binary, so it links once.
mod accounts;
mod anonymous_writes;
mod authorization;
mod backup;
mod cli;
mod compression;
mod concurrent_pages;
mod decision_log_page;
mod decisions;
mod exchange;
mod exchange_golden;
mod hardening;
mod helpers;
mod live_helpers;
mod operations;
mod planning_sessions;
mod projects;
mod questionnaire;
mod reader_tools;
mod restore;
mod search;
mod slow_clients;
mod stack_decisions;
