//! The recommended architecture: a page and an `ARCHITECTURE.md` synthesised from the accepted
//! ADRs, the answers, the profile and the open risks, with a diagram and the scaling path. What
//! fills it (which answers, which scaling steps) is data: `catalog/architecture.toml`.
#[cfg(feature = "ssr")]
pub mod diagram;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod outline;
mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::ArchitecturePage;
