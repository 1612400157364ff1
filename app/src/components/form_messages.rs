use leptos::prelude::*;

use crate::error::AppError;

/// The message under an input when the last submission was refused because of that field.
/// Its id is `<field>-error`, for the input's `aria-describedby`.
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl IntoView {
    let message = move || error.get().and_then(|error| error.message_for_field(field));
    view! {
        <Show when=move || message().is_some()>
            <p class="field-error" id=format!("{field}-error") role="alert">
                {message}
            </p>
        </Show>
    }
}

/// The message above a form when the last submission failed for a reason other than one field.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || {
        error
            .get()
            .filter(|error| !error.is_field_error())
            .map(|error| error.to_string())
    };
    view! {
        <Show when=move || message().is_some()>
            <p class="form-error" role="alert">
                {message}
            </p>
        </Show>
    }
}
