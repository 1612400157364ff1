use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{page_or_error, FieldError, FormError},
    forms::submitted_value,
    teams::{
        domain::{TeamSummary, TEAM_NAME_MAX_CHARS},
        server_fns::{list_my_teams, CreateTeam},
    },
};

/// `/`: the teams of the signed-in person, and a form to start another.
#[component]
pub fn TeamsPage() -> impl IntoView {
    let create = ServerAction::<CreateTeam>::new();
    let teams = Resource::new(move || create.version().get(), |_| list_my_teams());
    let error = Signal::derive(move || create.value().get().and_then(Result::err));

    view! {
        <Title text="Your teams · Groundwork"/>
        <h1>"Your teams"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading teams…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(teams.await, |teams| view! { <TeamList teams/> }.into_any())
            })}
        </Transition>
        <section class="card" aria-labelledby="new-team-heading">
            <h2 id="new-team-heading">"Start a team"</h2>
            <ActionForm action=create attr:class="stacked-form">
                <FormError error/>
                <label for="new-team-name">"Team name"</label>
                <input id="new-team-name" name="name" required maxlength=TEAM_NAME_MAX_CHARS
                    autocomplete="off" value=submitted_value("name") aria-describedby="name-error"/>
                <FieldError error field="name"/>
                <button type="submit" disabled=move || create.pending().get()>"Create team"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TeamList(teams: Vec<TeamSummary>) -> impl IntoView {
    if teams.is_empty() {
        return view! {
            <p class="empty">"You are not in a team yet. Start one below, or open an invitation link from a colleague."</p>
        }
        .into_any();
    }
    view! {
        <ul class="project-list">
            {teams
                .into_iter()
                .map(|team| view! {
                    <li>
                        <a href=format!("/teams/{}", team.id)>{team.name}</a>
                        <p class="description">{format!("You are {}", team.role.label().to_lowercase())}</p>
                    </li>
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
