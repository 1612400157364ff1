use leptos::prelude::*;

use crate::decisions::domain::AdrStatus;

/// A status as text on a coloured badge (the colour repeats the text; it never replaces it).
#[component]
pub fn StatusBadge(status: AdrStatus) -> impl IntoView {
    view! { <span class=format!("status status-{}", status.as_str())>{status.label()}</span> }
}
