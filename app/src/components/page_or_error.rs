use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

use super::NotFoundPage;
use crate::{error::AppError, forms::url_encode};

/// What a page shows once its data has loaded: the page itself, the sign-in page for someone not
/// signed in (coming back here afterwards), the not-found page (with a 404), a refusal (with a
/// 403) for a role that may not do this, or the error.
pub fn page_or_error<T>(result: Result<T, AppError>, page: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(data) => page(data),
        Err(AppError::Unauthorized) => view! { <SignInRedirect/> }.into_any(),
        Err(AppError::NotFound { what }) => view! { <NotFoundPage what/> }.into_any(),
        Err(AppError::Forbidden) => {
            #[cfg(feature = "ssr")]
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::FORBIDDEN);
            }
            view! { <p class="form-error" role="alert">{AppError::Forbidden.to_string()}</p> }
                .into_any()
        }
        Err(error) => {
            view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any()
        }
    }
}

/// Sends the visitor to the sign-in page, which brings them back here afterwards.
#[component]
pub fn SignInRedirect() -> impl IntoView {
    let location = use_location();
    let here = location.pathname.get_untracked();
    view! { <Redirect path=format!("/sign-in?next={}", url_encode(&here))/> }
}
