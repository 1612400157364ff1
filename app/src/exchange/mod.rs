//! Export and import of the decision log as markdown files that adr-tools, MADR and log4brains
//! read, a JSON backup of a whole project, and the recommended architecture document.
#[cfg(feature = "ssr")]
pub mod archive;
#[cfg(feature = "ssr")]
pub mod backup_format;
#[cfg(feature = "ssr")]
pub mod blocks;
#[cfg(feature = "ssr")]
pub mod dates;
#[cfg(feature = "ssr")]
pub mod document;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod folder;
#[cfg(feature = "ssr")]
pub mod front_matter;
#[cfg(feature = "ssr")]
pub mod header;
#[cfg(feature = "ssr")]
pub mod link_lists;
#[cfg(feature = "ssr")]
pub mod links;
mod pages;
#[cfg(feature = "ssr")]
pub mod parse;
#[cfg(feature = "ssr")]
pub mod pending;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod titles;
#[cfg(feature = "ssr")]
pub mod write;

pub use pages::ExchangePage;
