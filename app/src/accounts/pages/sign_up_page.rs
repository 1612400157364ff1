use leptos::prelude::*;
use leptos_meta::Title;

use super::next_path;
use crate::{
    accounts::{
        domain::{DISPLAY_NAME_MAX_CHARS, EMAIL_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS},
        server_fns::SignUp,
    },
    components::{FieldError, FormError},
    forms::{submitted_value, url_encode},
};

/// `/sign-up`: a new account. Invitation links send people here with `next` set.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let sign_up = ServerAction::<SignUp>::new();
    let error = Signal::derive(move || sign_up.value().get().and_then(Result::err));
    let next = next_path();
    let sign_in_link = format!("/sign-in?next={}", url_encode(&next));

    view! {
        <Title text="Create an account · Groundwork"/>
        <section class="card narrow" aria-labelledby="sign-up-heading">
            <h1 id="sign-up-heading">"Create an account"</h1>
            <ActionForm action=sign_up attr:class="stacked-form">
                <FormError error/>
                <input type="hidden" name="next" value=next/>
                <label for="sign-up-email">"E-mail"</label>
                <input id="sign-up-email" name="email" type="email" required autocomplete="username"
                    maxlength=EMAIL_MAX_CHARS value=submitted_value("email")
                    aria-describedby="email-error"/>
                <FieldError error field="email"/>
                <label for="sign-up-name">"Your name " <span class="hint">"(as your team sees it)"</span></label>
                <input id="sign-up-name" name="display_name" autocomplete="name"
                    maxlength=DISPLAY_NAME_MAX_CHARS value=submitted_value("display_name")
                    aria-describedby="display_name-error"/>
                <FieldError error field="display_name"/>
                <label for="sign-up-password">"Password " <span class="hint">{format!("(at least {PASSWORD_MIN_CHARS} characters; a passphrase is best)")}</span></label>
                <input id="sign-up-password" name="password" type="password" required
                    minlength=PASSWORD_MIN_CHARS maxlength=PASSWORD_MAX_CHARS
                    autocomplete="new-password" aria-describedby="password-error"/>
                <FieldError error field="password"/>
                <button type="submit" disabled=move || sign_up.pending().get()>
                    {move || if sign_up.pending().get() { "Creating…" } else { "Create account" }}
                </button>
            </ActionForm>
            <p>"Already have an account? " <a href=sign_in_link>"Sign in"</a></p>
        </section>
    }
}
