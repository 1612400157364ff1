use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    components::{page_or_error, FormError},
    teams::{
        domain::InvitationPreview,
        server_fns::{get_invitation, AcceptInvitation},
    },
};

/// `/invitations/:token`: what the link offers, and a button to join. Someone not signed in is
/// sent to sign in (or create an account) and brought back here.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invitation = Resource::new(token, get_invitation);
    view! {
        <Title text="Invitation · Groundwork"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading the invitation…"</p> }>
            {move || Suspend::new(async move {
                let token = token();
                page_or_error(invitation.await, move |invitation| view! { <Offer invitation token/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Offer(invitation: InvitationPreview, token: String) -> impl IntoView {
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    view! {
        <section class="card narrow" aria-labelledby="invitation-heading">
            <h1 id="invitation-heading">{format!("Join {}", invitation.team_name)}</h1>
            <p>{format!("You are invited as {}.", invitation.role.label().to_lowercase())}</p>
            <ActionForm action=accept>
                <FormError error/>
                <input type="hidden" name="token" value=token/>
                <button type="submit" disabled=move || accept.pending().get()>"Join the team"</button>
            </ActionForm>
        </section>
    }
}
