use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{
        domain::{Account, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS},
        server_fns::{
            single_sign_on_enabled, who_am_i, ChangePassword, ConfirmOrganisationLink, SignOut,
            UnlinkOrganisationAccount,
        },
    },
    components::{page_or_error, FieldError, FormError},
    error::AppError,
};

/// `/account`: who is signed in, the password, the organisation account, signing out.
#[component]
pub fn AccountPage() -> impl IntoView {
    // Read again after a save redirects here (`?changed=1`, `?linked=1`), which with JavaScript
    // is a navigation within the page: the headings then say what the account has now.
    let query = use_query_map();
    let account = Resource::new(
        move || query.with(|query| query.to_query_string()),
        |_| async {
            let account = who_am_i().await?.ok_or(AppError::Unauthorized)?;
            Ok((account, single_sign_on_enabled().await?))
        },
    );
    view! {
        <Title text="Your account · Groundwork"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(account.await, |(account, sso)| view! { <AccountDetails account sso/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(account: Account, sso: bool) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let query = use_query_map();
    let flag = move |name: &'static str| move || query.with(|query| query.get(name).is_some());
    let changed = flag("changed");
    let has_password = account.has_password;

    view! {
        <h1>"Your account"</h1>
        <p>{account.display_name} " · " {account.email}</p>
        <section class="card narrow" aria-labelledby="password-heading">
            <h2 id="password-heading">{if has_password { "Change password" } else { "Set a password" }}</h2>
            <Show when=changed>
                <p class="saved" role="status">"Password changed. You were signed out everywhere else."</p>
            </Show>
            {(!has_password).then(|| view! {
                <p class="hint">"You sign in through your organisation. To set a password as well, "
                    <a href="/auth/oidc/start?next=/account" rel="external">"confirm with your organisation"</a>
                    " first, then set it within 10 minutes."</p>
            })}
            <ActionForm action=change attr:class="stacked-form">
                <FormError error/>
                <Show when=move || has_password>
                    <label for="current-password">"Current password"</label>
                    <input id="current-password" name="current_password" type="password" required
                        autocomplete="current-password" aria-describedby="current_password-error"/>
                </Show>
                <FieldError error field="current_password"/>
                <label for="new-password">"New password"</label>
                <input id="new-password" name="new_password" type="password" required
                    minlength=PASSWORD_MIN_CHARS maxlength=PASSWORD_MAX_CHARS
                    autocomplete="new-password" aria-describedby="new_password-error"/>
                <FieldError error field="new_password"/>
                <button type="submit" disabled=move || change.pending().get()>
                    {if has_password { "Change password" } else { "Set password" }}
                </button>
            </ActionForm>
        </section>
        {(sso || account.has_organisation_account).then(|| view! {
            <OrganisationAccount linked=account.has_organisation_account has_password
                just_linked=flag("linked")() just_unlinked=flag("unlinked")()
                confirm_first=flag("confirm_link")()/>
        })}
        <ActionForm action=sign_out>
            <button type="submit" class="secondary">"Sign out"</button>
        </ActionForm>
    }
}

/// Linking the organisation account (single sign-on) to this account, or unlinking it.
#[component]
fn OrganisationAccount(
    linked: bool,
    has_password: bool,
    just_linked: bool,
    just_unlinked: bool,
    confirm_first: bool,
) -> impl IntoView {
    let unlink = ServerAction::<UnlinkOrganisationAccount>::new();
    let error = Signal::derive(move || unlink.value().get().and_then(Result::err));
    // Filled from the URL after a refused plain post; the form itself is a plain one, since it
    // ends at the provider's page, outside the app.
    let confirm = ServerAction::<ConfirmOrganisationLink>::new();
    let confirm_error = Signal::derive(move || confirm.value().get().and_then(Result::err));
    view! {
        <section class="card narrow" aria-labelledby="organisation-heading">
            <h2 id="organisation-heading">"Organisation account"</h2>
            {just_linked.then(|| view! {
                <p class="saved" role="status">"Organisation account linked. You were signed out everywhere else."</p>
            })}
            {just_unlinked.then(|| view! {
                <p class="saved" role="status">"Organisation account unlinked. You were signed out everywhere else."</p>
            })}
            {if linked {
                view! {
                    <p>"You can sign in with your organisation."</p>
                    {has_password.then(|| view! {
                        <ActionForm action=unlink>
                            <FormError error/>
                            <button type="submit" class="secondary">"Unlink my organisation account"</button>
                        </ActionForm>
                    })}
                }.into_any()
            } else {
                view! {
                    <p>"Sign in with your organisation as well as with your password. Confirm your password here, then sign in at your organisation's page; other sessions of this account then end."</p>
                    {confirm_first.then(|| view! {
                        <p class="form-error" role="alert">"Confirm your password first, then link."</p>
                    })}
                    <form method="post" action="/api/confirm_organisation_link" class="stacked-form">
                        <FormError error=confirm_error/>
                        <label for="link-password">"Current password"</label>
                        <input id="link-password" name="current_password" type="password" required
                            autocomplete="current-password" aria-describedby="current_password-error"/>
                        <FieldError error=confirm_error field="current_password"/>
                        <button type="submit">"Link my organisation account"</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
