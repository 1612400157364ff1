use leptos::prelude::*;
use leptos_meta::Title;

use super::project_id_param;
use crate::{
    components::{FieldError, FormError, NotFoundPage},
    error::AppError,
    forms::submitted_value,
    questionnaire::{
        profile::{Budget, Client, Compliance, DataShape, ProfileForm, TimeToMarket},
        server_fns::{get_profile, SaveProfile},
        views::ProfileView,
    },
};

/// `/projects/:id/profile`: the facts about the team and product that drive the recommendations.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let project_id = project_id_param();
    let profile = Resource::new(
        move || project_id.get(),
        |id| async move {
            match id {
                Some(id) => get_profile(id).await,
                None => Err(AppError::not_found("The project")),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the profile…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(view) => view! { <ProfileEditor view/> }.into_any(),
                    Err(AppError::NotFound { what }) => view! { <NotFoundPage what/> }.into_any(),
                    Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileEditor(view: ProfileView) -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = view
        .profile
        .as_ref()
        .map(|p| p.to_form())
        .unwrap_or_default();
    let typed =
        |field: &str, saved: &str| submitted_value(field).unwrap_or_else(|| saved.to_owned());
    let form = ProfileForm {
        team_size: typed("team_size", &saved.team_size),
        experience: typed("experience", &saved.experience),
        expected_users: typed("expected_users", &saved.expected_users),
        budget: typed("budget", &saved.budget),
        data_shape: typed("data_shape", &saved.data_shape),
        time_to_market: typed("time_to_market", &saved.time_to_market),
        clients: submitted_value("clients")
            .map_or(saved.clients, |c| c.split(',').map(str::to_owned).collect()),
        compliance: submitted_value("compliance").map_or(saved.compliance, |c| {
            c.split(',').map(str::to_owned).collect()
        }),
    };
    let project = view.project;
    view! {
        <Title text=format!("Profile · {} · Groundwork", project.name)/>
        <p class="breadcrumb"><a href=format!("/projects/{}", project.id)>{project.name.clone()}</a></p>
        <h1>"Project profile"</h1>
        <p class="lead">"Answer these first: every recommendation in the questionnaire depends on them. You can change them later."</p>
        <ActionForm action=save attr:class="stacked-form card profile-form">
            <FormError error/>
            <input type="hidden" name="project_id" value=project.id/>
            <input type="hidden" name="version" value=view.version/>
            <label for="team_size">"How many people build the product?"</label>
            <input id="team_size" name="profile[team_size]" type="number" min="1" max="500" required value=form.team_size/>
            <FieldError error field="team_size"/>
            <label for="experience">"Languages and frameworks the team knows well"</label>
            <input id="experience" name="profile[experience]" maxlength="300" value=form.experience placeholder="e.g. TypeScript and React, some Python"/>
            <FieldError error field="experience"/>
            <label for="expected_users">"Users expected in the first year"</label>
            <input id="expected_users" name="profile[expected_users]" inputmode="numeric" required value=form.expected_users/>
            <FieldError error field="expected_users"/>
            <Choice legend="Budget" name="budget" choices=Budget::ALL.iter().map(|c| (c.id(), c.label())).collect() chosen=form.budget error/>
            <Choice legend="Shape of the data" name="data_shape" choices=DataShape::ALL.iter().map(|c| (c.id(), c.label())).collect() chosen=form.data_shape error/>
            <Choice legend="First release due" name="time_to_market" choices=TimeToMarket::ALL.iter().map(|c| (c.id(), c.label())).collect() chosen=form.time_to_market error/>
            <Checks legend="Clients" name="clients" choices=Client::ALL.iter().map(|c| (c.id(), c.label())).collect() chosen=form.clients error/>
            <Checks legend="Compliance needs" name="compliance" choices=Compliance::ALL.iter().map(|c| (c.id(), c.label())).collect() chosen=form.compliance error/>
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save profile and continue" }}
            </button>
        </ActionForm>
    }
}

/// Radio buttons for one profile field, named `profile[<name>]`.
#[component]
fn Choice(
    legend: &'static str,
    name: &'static str,
    choices: Vec<(&'static str, &'static str)>,
    chosen: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {choices
                .into_iter()
                .map(|(id, label)| view! {
                    <label class="choice">
                        <input type="radio" name=format!("profile[{name}]") value=id checked=chosen == id required/>
                        {label}
                    </label>
                })
                .collect_view()}
            <FieldError error field=name/>
        </fieldset>
    }
}

/// Check boxes for a list field of the profile, named `profile[<name>][]`.
#[component]
fn Checks(
    legend: &'static str,
    name: &'static str,
    choices: Vec<(&'static str, &'static str)>,
    chosen: Vec<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {choices
                .into_iter()
                .map(|(id, label)| view! {
                    <label class="choice">
                        <input type="checkbox" name=format!("profile[{name}][]") value=id checked=chosen.iter().any(|c| c == id)/>
                        {label}
                    </label>
                })
                .collect_view()}
            <FieldError error field=name/>
        </fieldset>
    }
}
