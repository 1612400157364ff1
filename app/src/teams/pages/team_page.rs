use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::members::Members;
use crate::{
    components::page_or_error,
    error::AppError,
    projects::{domain::Project, server_fns::list_projects, TeamProjects},
    teams::{
        domain::{Role, TeamDetails},
        server_fns::get_team,
    },
};

/// `/teams/:team_id`: the team's projects, and its members.
#[component]
pub fn TeamPage() -> impl IntoView {
    let params = use_params_map();
    let team = Resource::new(
        move || params.read().get("team_id"),
        |id| async move {
            match id.and_then(|id| id.parse::<i32>().ok()) {
                Some(id) => {
                    let team = get_team(id).await?;
                    let projects = list_projects(id).await?;
                    Ok((team, projects))
                }
                None => Err(AppError::not_found("The team")),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the team…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(team.await, |(team, projects)| view! { <TeamDetailsView team projects/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn TeamDetailsView(team: TeamDetails, projects: Vec<Project>) -> impl IntoView {
    let can_create = team.my_role >= Role::Editor;
    view! {
        <Title text=format!("{} · Groundwork", team.name)/>
        <p class="breadcrumb"><a href="/">"Your teams"</a></p>
        <h1>{team.name.clone()}</h1>
        <p class="description">{format!("You are {} of this team.", article(team.my_role))}</p>
        <TeamProjects team_id=team.id can_create projects/>
        <Members team/>
    }
}

fn article(role: Role) -> String {
    match role {
        Role::Owner => "an owner".into(),
        Role::Editor => "an editor".into(),
        Role::Viewer => "a viewer".into(),
    }
}
