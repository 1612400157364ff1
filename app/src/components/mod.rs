//! Small pieces shared by several pages.
mod form_messages;
mod not_found_page;

pub use form_messages::{FieldError, FormError};
pub use not_found_page::NotFoundPage;
