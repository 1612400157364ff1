use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::next_path;
use crate::{
    accounts::{
        domain::EMAIL_MAX_CHARS,
        server_fns::{setup_needed, single_sign_on_enabled, SignIn},
    },
    components::{FieldError, FormError},
    forms::{submitted_value, url_encode},
};

/// `/sign-in`. On a fresh install it sends the visitor to `/setup` instead.
#[component]
pub fn SignInPage() -> impl IntoView {
    let needs_setup = Resource::new(|| (), |_| setup_needed());
    let sso = Resource::new(|| (), |_| single_sign_on_enabled());
    let sign_in = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    let next = next_path();
    let sign_up_link = format!("/sign-up?next={}", url_encode(&next));
    let sso_link = format!("/auth/oidc/start?next={}", url_encode(&next));

    view! {
        <Title text="Sign in · Groundwork"/>
        <Suspense>
            {move || Suspend::new(async move {
                matches!(needs_setup.await, Ok(true)).then(|| view! { <Redirect path="/setup"/> })
            })}
        </Suspense>
        <section class="card narrow" aria-labelledby="sign-in-heading">
            <h1 id="sign-in-heading">"Sign in"</h1>
            <ActionForm action=sign_in attr:class="stacked-form">
                <FormError error/>
                <input type="hidden" name="next" value=next/>
                <label for="sign-in-email">"E-mail"</label>
                <input id="sign-in-email" name="email" type="email" required autocomplete="username"
                    maxlength=EMAIL_MAX_CHARS value=submitted_value("email")
                    aria-describedby="email-error"/>
                <FieldError error field="email"/>
                <label for="sign-in-password">"Password"</label>
                <input id="sign-in-password" name="password" type="password" required
                    autocomplete="current-password" aria-describedby="password-error"/>
                <FieldError error field="password"/>
                <button type="submit" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p>"New here? " <a href=sign_up_link>"Create an account"</a></p>
            <Suspense>
                {move || {
                    let sso_link = sso_link.clone();
                    Suspend::new(async move {
                        matches!(sso.await, Ok(true)).then(|| view! {
                            <p class="sso"><a class="button secondary" href=sso_link rel="external">"Sign in with your organisation"</a></p>
                        })
                    })
                }}
            </Suspense>
        </section>
    }
}
