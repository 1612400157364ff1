//! The questionnaire catalog: versioned data in `app/catalog/`, embedded at build time.
#[cfg(feature = "ssr")]
mod load;
mod model;
#[cfg(feature = "ssr")]
mod validate;

#[cfg(feature = "ssr")]
pub use load::{embedded, load, CatalogError};
pub use model::*;
#[cfg(feature = "ssr")]
pub use validate::validate;
