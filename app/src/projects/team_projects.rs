use leptos::prelude::*;

use super::{
    domain::{Project, DESCRIPTION_MAX_CHARS, NAME_MAX_CHARS},
    server_fns::{list_projects, CreateProject},
};
use crate::{
    components::{FieldError, FormError},
    forms::submitted_value,
};

/// A team's projects, and for editors a form to start a new one.
#[component]
pub fn TeamProjects(team_id: i32, can_create: bool) -> impl IntoView {
    let create = ServerAction::<CreateProject>::new();
    let projects = Resource::new(
        move || create.version().get(),
        move |_| list_projects(team_id),
    );
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let form = NodeRef::<leptos::html::Form>::new();
    // With JavaScript the page stays put, so empty the form once the project exists.
    Effect::new(move |_| {
        if matches!(create.value().get(), Some(Ok(_))) {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });

    view! {
        <h2>"Projects"</h2>
        <Transition fallback=|| view! { <p class="loading">"Loading projects…"</p> }>
            {move || Suspend::new(async move {
                match projects.await {
                    Ok(projects) => view! { <ProjectList projects/> }.into_any(),
                    Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        <Show when=move || can_create>
        <section class="card" aria-labelledby="new-project-heading">
            <h2 id="new-project-heading">"Start a project"</h2>
            <ActionForm action=create node_ref=form attr:class="stacked-form">
                <FormError error/>
                <input type="hidden" name="team_id" value=team_id/>
                <label for="new-project-name">"Name"</label>
                <input
                    id="new-project-name"
                    name="name"
                    required
                    maxlength=NAME_MAX_CHARS
                    autocomplete="off"
                    value=submitted_value("name")
                    aria-invalid=move || error.get().and_then(|e| e.message_for_field("name")).is_some().to_string()
                    aria-describedby="name-error"
                />
                <FieldError error field="name"/>
                <label for="new-project-description">"One-line description " <span class="hint">"(optional)"</span></label>
                <input
                    id="new-project-description"
                    name="description"
                    maxlength=DESCRIPTION_MAX_CHARS
                    autocomplete="off"
                    value=submitted_value("description")
                    aria-describedby="description-error"
                />
                <FieldError error field="description"/>
                <button type="submit" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Creating…" } else { "Create project" }}
                </button>
            </ActionForm>
        </section>
        </Show>
    }
}

#[component]
fn ProjectList(projects: Vec<Project>) -> impl IntoView {
    if projects.is_empty() {
        return view! { <p class="empty">"No projects yet."</p> }.into_any();
    }
    view! {
        <ul class="project-list">
            {projects
                .into_iter()
                .map(|project| {
                    view! {
                        <li>
                            <a href=format!("/projects/{}", project.id)>{project.name}</a>
                            <p class="description">{project.description}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
