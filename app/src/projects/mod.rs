//! Projects: one product being planned. The first vertical slice through every layer.
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entity;
mod project_page;
mod projects_page;
#[cfg(feature = "ssr")]
mod repository;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;

pub use project_page::ProjectPage;
pub use projects_page::ProjectsPage;
