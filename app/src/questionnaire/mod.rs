//! The guided questionnaire: the catalog of topics, the project profile, answers, and the rules
//! that turn them into recommendations and risks.
pub mod catalog;
#[cfg(feature = "ssr")]
pub mod entity;
pub mod pages;
pub mod profile;
#[cfg(feature = "ssr")]
pub mod profile_prose;
#[cfg(feature = "ssr")]
mod repository;
pub mod rules;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
