//! Small pieces shared by several pages.
mod form_messages;
mod live_title;
mod not_found_page;
mod page_or_error;
mod project_id_param;
mod textarea_text;

pub use form_messages::{FieldError, FormError};
pub use live_title::live_title;
pub use not_found_page::NotFoundPage;
pub use page_or_error::{page_or_error, SignInRedirect};
pub use project_id_param::project_id_param;
pub use textarea_text::textarea_text;
