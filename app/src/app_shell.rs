//! The HTML document and the router.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};

use crate::{
    accounts::{server_fns::who_am_i, AccountPage, SetupPage, SignInPage, SignUpPage},
    architecture::ArchitecturePage,
    components::NotFoundPage,
    decisions::{AdrPage, DecisionLogPage, NewAdrPage},
    exchange::ExchangePage,
    planning::pages::{SessionPage, SessionSummaryPage},
    projects::ProjectPage,
    questionnaire::pages::{ProfilePage, ResultsPage, TopicPage},
    teams::{InvitationPage, TeamPage, TeamsPage},
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
                // Content-hashed names in a release build (see server/src/site_files.rs).
                <HashedStylesheet options=options.clone() id="leptos"/>
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
        <Title text="Groundwork"/>
        <Router>
            <header class="site-header">
                <A href="/" attr:class="brand">"Groundwork"</A>
                <span class="tagline">"Architecture decisions, made together"</span>
                <SignedInAs/>
            </header>
            <main data-hydrated=move || hydrated.get().to_string()>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=TeamsPage ssr=SsrMode::Async/>
                    <Route path=path!("/setup") view=SetupPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-up") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/teams/:team_id") view=TeamPage ssr=SsrMode::Async/>
                    <Route path=path!("/invitations/:token") view=InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id") view=ProjectPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/topics/:topic") view=TopicPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/results") view=ResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/sessions/:session") view=SessionPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/sessions/:session/summary") view=SessionSummaryPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/decisions") view=DecisionLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/exchange") view=ExchangePage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/architecture") view=ArchitecturePage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/decisions/new") view=NewAdrPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id/decisions/:number") view=AdrPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}

/// The signed-in person's name, linking to their account; refreshed on every navigation so that
/// it follows sign-in and sign-out.
#[component]
fn SignedInAs() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let account = Resource::new(move || location.pathname.get(), |_| who_am_i());
    view! {
        <nav class="account-nav" aria-label="Account">
            <Transition>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(Some(account)) => view! { <A href="/account">{account.display_name}</A> }.into_any(),
                        _ => view! { <A href="/sign-in">"Sign in"</A> }.into_any(),
                    }
                })}
            </Transition>
        </nav>
    }
}
