//! Projects: one product being planned. The first vertical slice through every layer.
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entity;
mod project_page;
#[cfg(feature = "ssr")]
mod repository;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
pub mod team_projects;

pub use project_page::ProjectPage;
pub use team_projects::TeamProjects;
