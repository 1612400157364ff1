use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{
        domain::{Account, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS},
        server_fns::{who_am_i, ChangePassword, SignOut},
    },
    components::{page_or_error, FieldError, FormError},
    error::AppError,
};

/// `/account`: who is signed in, changing the password, signing out.
#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(
        || (),
        |_| async { who_am_i().await?.ok_or(AppError::Unauthorized) },
    );
    view! {
        <Title text="Your account · Groundwork"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(account.await, |account| view! { <AccountDetails account/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(account: Account) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let changed = use_query_map().with_untracked(|query| query.get("changed").is_some());

    view! {
        <h1>"Your account"</h1>
        <p>{account.display_name} " · " {account.email}</p>
        <section class="card narrow" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change password"</h2>
            <Show when=move || changed>
                <p class="saved" role="status">"Password changed. You were signed out everywhere else."</p>
            </Show>
            <ActionForm action=change attr:class="stacked-form">
                <FormError error/>
                <Show when=move || account.has_password>
                    <label for="current-password">"Current password"</label>
                    <input id="current-password" name="current_password" type="password" required
                        autocomplete="current-password" aria-describedby="current_password-error"/>
                    <FieldError error field="current_password"/>
                </Show>
                <label for="new-password">"New password"</label>
                <input id="new-password" name="new_password" type="password" required
                    minlength=PASSWORD_MIN_CHARS maxlength=PASSWORD_MAX_CHARS
                    autocomplete="new-password" aria-describedby="new_password-error"/>
                <FieldError error field="new_password"/>
                <button type="submit" disabled=move || change.pending().get()>"Change password"</button>
            </ActionForm>
        </section>
        <ActionForm action=sign_out>
            <button type="submit" class="secondary">"Sign out"</button>
        </ActionForm>
    }
}
