//! The questionnaire catalog: versioned data in `app/catalog/`, embedded at build time.
#[cfg(feature = "ssr")]
mod load;
mod model;
pub mod template;
#[cfg(feature = "ssr")]
mod validate;
pub mod wording;

#[cfg(feature = "ssr")]
pub use load::{checked, embedded, load, CatalogError};
pub use model::*;
#[cfg(feature = "ssr")]
pub use validate::validate;
