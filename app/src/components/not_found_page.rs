use leptos::prelude::*;
use leptos_meta::Title;

/// The page for an unknown address, or an object this team cannot see. Answers 404.
#[component]
pub fn NotFoundPage(#[prop(optional, into)] what: Option<String>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let message = what.map_or_else(
        || "There is no page at this address.".to_owned(),
        |what| format!("{what} was not found. It may have been deleted."),
    );
    view! {
        <Title text="Not found · Groundwork"/>
        <section class="not-found">
            <h1>"Not found"</h1>
            <p>{message}</p>
            <p>
                <a href="/">"Back to the projects"</a>
            </p>
        </section>
    }
}
