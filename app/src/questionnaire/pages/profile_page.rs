use leptos::prelude::*;
use leptos_meta::Title;

use super::project_id_param;
use crate::{
    components::{page_or_error, FieldError, FormError},
    error::AppError,
    forms::submitted_value,
    questionnaire::{
        catalog::Skill,
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
                page_or_error(profile.await, |view| view! { <ProfileEditor view/> }.into_any())
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
        skills: submitted_value("skills")
            .map_or(saved.skills, |c| c.split(',').map(str::to_owned).collect()),
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
            <SkillChoices skills=view.skills chosen=form.skills error/>
            <label for="experience">"Other languages, frameworks or platforms the team knows well"</label>
            <input id="experience" name="profile[experience]" maxlength="300" value=form.experience placeholder="e.g. Tailwind, Redis, some Elixir"/>
            <FieldError error field="experience"/>
            <label for="expected_users">"Users expected in the first year"</label>
            <input id="expected_users" name="profile[expected_users]" inputmode="numeric" required value=form.expected_users/>
            <FieldError error field="expected_users"/>
            <ChoiceGroup legend="Budget" name="budget" choices=choices(Budget::ALL, Budget::id, Budget::label) chosen=vec![form.budget] error/>
            <ChoiceGroup legend="Shape of the data" name="data_shape" choices=choices(DataShape::ALL, DataShape::id, DataShape::label) chosen=vec![form.data_shape] error/>
            <ChoiceGroup legend="First release due" name="time_to_market" choices=choices(TimeToMarket::ALL, TimeToMarket::id, TimeToMarket::label) chosen=vec![form.time_to_market] error/>
            <ChoiceGroup legend="Clients" name="clients" choices=choices(Client::ALL, Client::id, Client::label) chosen=form.clients several=true error/>
            <ChoiceGroup legend="Compliance needs" name="compliance" choices=choices(Compliance::ALL, Compliance::id, Compliance::label) chosen=form.compliance several=true error/>
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save profile and continue" }}
            </button>
        </ActionForm>
    }
}

fn choices<T: Copy>(
    all: &[T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|c| (id(*c).to_owned(), label(*c).to_owned()))
        .collect()
}

/// The catalog's skills as check boxes, one group per heading ("Languages", "Platforms").
#[component]
fn SkillChoices(
    skills: Vec<Skill>,
    chosen: Vec<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for skill in skills {
        let entry = (skill.id, skill.label);
        match groups.iter_mut().find(|(group, _)| *group == skill.group) {
            Some((_, members)) => members.push(entry),
            None => groups.push((skill.group, vec![entry])),
        }
    }
    view! {
        <fieldset class="skills">
            <legend>"What the team knows well " <span class="hint">"(tick all that apply: recommendations start from these)"</span></legend>
            {groups
                .into_iter()
                .map(|(group, members)| view! {
                    <div class="skill-group">
                        <p class="skill-group-name">{group}</p>
                        {members
                            .into_iter()
                            .map(|(id, label)| {
                                let checked = chosen.contains(&id);
                                view! {
                                    <label class="choice">
                                        <input type="checkbox" name="profile[skills][]" value=id checked=checked/>
                                        {label}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                })
                .collect_view()}
            <FieldError error field="skills"/>
        </fieldset>
    }
}

/// Radio buttons (`profile[<name>]`, one answer) or check boxes (`profile[<name>][]`, several)
/// for one profile field.
#[component]
fn ChoiceGroup(
    legend: &'static str,
    name: &'static str,
    choices: Vec<(String, String)>,
    chosen: Vec<String>,
    #[prop(optional)] several: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let (input_type, input_name) = if several {
        ("checkbox", format!("profile[{name}][]"))
    } else {
        ("radio", format!("profile[{name}]"))
    };
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {choices
                .into_iter()
                .map(|(id, label)| {
                    let checked = chosen.contains(&id);
                    view! {
                    <label class="choice">
                        <input
                            type=input_type
                            name=input_name.clone()
                            value=id
                            checked=checked
                            required=!several
                        />
                        {label}
                    </label>
                    }
                })
                .collect_view()}
            <FieldError error field=name/>
        </fieldset>
    }
}
