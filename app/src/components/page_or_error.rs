use leptos::prelude::*;

use super::NotFoundPage;
use crate::error::AppError;

/// What a page shows once its data has loaded: the page itself, the not-found page (with a 404),
/// or the error's message.
pub fn page_or_error<T>(result: Result<T, AppError>, page: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(data) => page(data),
        Err(AppError::NotFound { what }) => view! { <NotFoundPage what/> }.into_any(),
        Err(error) => {
            view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any()
        }
    }
}
