use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::{
    accounts::{
        domain::{DISPLAY_NAME_MAX_CHARS, EMAIL_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS},
        server_fns::{setup_needed, SetUp},
    },
    components::{FieldError, FormError},
    forms::submitted_value,
    teams::domain::TEAM_NAME_MAX_CHARS,
};

/// `/setup`: the first run of a fresh install asks for its first owner. There is no default
/// password; once an account exists this page only points to sign-in.
#[component]
pub fn SetupPage() -> impl IntoView {
    let needs_setup = Resource::new(|| (), |_| setup_needed());
    let set_up = ServerAction::<SetUp>::new();
    let error = Signal::derive(move || set_up.value().get().and_then(Result::err));

    view! {
        <Title text="Set up Groundwork"/>
        <Suspense>
            {move || Suspend::new(async move {
                matches!(needs_setup.await, Ok(false)).then(|| view! { <Redirect path="/sign-in"/> })
            })}
        </Suspense>
        <section class="card narrow" aria-labelledby="setup-heading">
            <h1 id="setup-heading">"Welcome to Groundwork"</h1>
            <p>"This install has no accounts yet. Create the first one: it will own the first team and can invite everyone else."</p>
            <ActionForm action=set_up attr:class="stacked-form">
                <FormError error/>
                <label for="setup-email">"Your e-mail"</label>
                <input id="setup-email" name="email" type="email" required autocomplete="username"
                    maxlength=EMAIL_MAX_CHARS value=submitted_value("email") aria-describedby="email-error"/>
                <FieldError error field="email"/>
                <label for="setup-name">"Your name"</label>
                <input id="setup-name" name="display_name" autocomplete="name"
                    maxlength=DISPLAY_NAME_MAX_CHARS value=submitted_value("display_name")
                    aria-describedby="display_name-error"/>
                <FieldError error field="display_name"/>
                <label for="setup-password">"Password " <span class="hint">{format!("(at least {PASSWORD_MIN_CHARS} characters)")}</span></label>
                <input id="setup-password" name="password" type="password" required
                    minlength=PASSWORD_MIN_CHARS maxlength=PASSWORD_MAX_CHARS
                    autocomplete="new-password" aria-describedby="password-error"/>
                <FieldError error field="password"/>
                <label for="setup-team">"Your team's name"</label>
                <input id="setup-team" name="team_name" required maxlength=TEAM_NAME_MAX_CHARS
                    value=submitted_value("team_name") aria-describedby="team_name-error"/>
                <FieldError error field="team_name"/>
                <button type="submit" disabled=move || set_up.pending().get()>
                    {move || if set_up.pending().get() { "Setting up…" } else { "Create owner account" }}
                </button>
            </ActionForm>
        </section>
    }
}
