//! Live planning sessions: several members deciding together, topic by topic, with votes,
//! comments and a facilitator who records the team's answers. State lives in the database; the
//! events of each change reach every open page through `live` (and, across replicas, through
//! PostgreSQL's LISTEN/NOTIFY).
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repository;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
pub mod time_text;
pub mod views;
