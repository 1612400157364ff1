//! The decision log: architecture decision records generated from answered topics or written
//! from scratch, edited in markdown, moved through their lifecycle, linked, versioned, searched.
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod markdown;
mod pages;
#[cfg(feature = "ssr")]
mod repository;
#[cfg(feature = "ssr")]
pub mod search;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::{AdrPage, DecisionLogPage, NewAdrPage, WriteDecisionCard};
