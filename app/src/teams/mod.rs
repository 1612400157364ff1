//! Teams: the tenants. Every row in the database belongs to exactly one team; people belong to
//! teams through memberships with a role.
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod invitation_entity;
#[cfg(feature = "ssr")]
pub mod membership_entity;
mod pages;
#[cfg(feature = "ssr")]
mod repository;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::{InvitationPage, TeamPage, TeamsPage};
