use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    components::FormError,
    teams::{
        domain::{Role, TeamDetails, TeamMember},
        server_fns::{ChangeMemberRole, InviteMember, RemoveMember},
    },
};

/// The members of a team; owners also change roles, remove members and invite people here.
#[component]
pub fn Members(team: TeamDetails) -> impl IntoView {
    let is_owner = team.my_role == Role::Owner;
    let change = ServerAction::<ChangeMemberRole>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let change_error = Signal::derive(move || change.value().get().and_then(Result::err));
    let remove_error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let team_id = team.id;
    let me = team.my_user_id;

    view! {
        <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">"Members"</h2>
            <FormError error=change_error/>
            <FormError error=remove_error/>
            <ul class="member-list">
                {team
                    .members
                    .into_iter()
                    .map(|member| {
                        let is_me = member.user_id == me;
                        view! { <MemberRow member team_id is_owner is_me change remove/> }
                    })
                    .collect_view()}
            </ul>
        </section>
        <Show when=move || is_owner>
            <Invite team_id/>
        </Show>
    }
}

#[component]
fn MemberRow(
    member: TeamMember,
    team_id: i32,
    is_owner: bool,
    is_me: bool,
    change: ServerAction<ChangeMemberRole>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let label = format!(
        "{}{}",
        member.display_name,
        if is_me { " (you)" } else { "" }
    );
    let role_field = format!("role-{}", member.user_id);
    view! {
        <li class="member">
            <span class="member-name">{label}</span>
            <span class="member-email">{member.email}</span>
            {if is_owner {
                view! {
                    <ActionForm action=change attr:class="inline-form">
                        <input type="hidden" name="team_id" value=team_id/>
                        <input type="hidden" name="user_id" value=member.user_id/>
                        <label class="visually-hidden" for=role_field.clone()>"Role"</label>
                        <select id=role_field name="role">
                            {Role::ALL.into_iter().rev().map(|role| view! {
                                <option value=role.as_str() selected=role == member.role>{role.label()}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit" class="secondary">"Change role"</button>
                    </ActionForm>
                    <ActionForm action=remove attr:class="inline-form">
                        <input type="hidden" name="team_id" value=team_id/>
                        <input type="hidden" name="user_id" value=member.user_id/>
                        <button type="submit" class="danger">"Remove"</button>
                    </ActionForm>
                }
                .into_any()
            } else {
                view! { <span class="member-role">{member.role.label()}</span> }.into_any()
            }}
        </li>
    }
}

/// A form that makes an invitation link. The link is shown once, here; it is never stored.
#[component]
fn Invite(team_id: i32) -> impl IntoView {
    let invite = ServerAction::<InviteMember>::new();
    let error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let created = move || invite.value().get().and_then(Result::ok);
    view! {
        <section class="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite someone"</h2>
            <p class="hint">"Invitation links work once and expire after 7 days."</p>
            <ActionForm action=invite attr:class="inline-form">
                <FormError error/>
                <input type="hidden" name="team_id" value=team_id/>
                <label for="invite-role">"Role"</label>
                <select id="invite-role" name="role">
                    <option value="editor" selected>"Editor"</option>
                    <option value="viewer">"Viewer"</option>
                    <option value="owner">"Owner"</option>
                </select>
                <button type="submit" disabled=move || invite.pending().get()>"Create invitation link"</button>
            </ActionForm>
            <InvitationLink created=Signal::derive(created)/>
        </section>
    }
}

/// The link just created: from the action with JavaScript, from the URL without.
#[component]
fn InvitationLink(
    created: Signal<Option<crate::teams::domain::CreatedInvitation>>,
) -> impl IntoView {
    let from_url = use_query_map().with_untracked(|query| query.get("invitation"));
    let path = Signal::derive(move || {
        created
            .get()
            .map(|invitation| invitation.path)
            .or_else(|| from_url.clone())
    });
    view! {
        <Show when=move || path.get().is_some()>
            <p role="status">"Send this link to the person you invite:"</p>
            <input class="invitation-link" readonly aria-label="Invitation link" value=move || {
                let path = path.get().unwrap_or_default();
                format!("{}{}", origin(), path)
            }/>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
fn origin() -> String {
    leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default()
}

#[cfg(not(feature = "hydrate"))]
fn origin() -> String {
    String::new()
}
