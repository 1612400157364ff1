//! Teams: the tenants. Every row in the database belongs to exactly one team.
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
mod repository;
#[cfg(feature = "ssr")]
pub mod service;
