//! The HTML document and the router.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};

use crate::{
    components::NotFoundPage,
    projects::{ProjectPage, ProjectsPage},
    questionnaire::pages::{ProfilePage, ResultsPage, TopicPage},
};

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser: the attribute proves the page hydrated.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <Stylesheet id="leptos" href="/pkg/groundwork.css"/>
        <Title text="Groundwork"/>
        <Router>
            <header class="site-header">
                <A href="/" attr:class="brand">"Groundwork"</A>
                <span class="tagline">"Architecture decisions, made together"</span>
            </header>
            <main data-hydrated=move || hydrated.get().to_string()>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=ProjectsPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id") view=ProjectPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/topics/:topic") view=TopicPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/results") view=ResultsPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
