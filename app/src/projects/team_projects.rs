use leptos::prelude::*;

use super::{
    domain::{Project, DESCRIPTION_MAX_CHARS, NAME_MAX_CHARS},
    server_fns::CreateProject,
};
use crate::{
    components::{FieldError, FormError},
    demo::DemoCard,
    forms::submitted_value,
};

/// A team's projects, and for editors a form to start a new one. The page loads the projects
/// with the team (no resource of its own inside the page's `<Suspense>`, which can stall server
/// rendering); a project created here joins the list.
#[component]
pub fn TeamProjects(team_id: i32, can_create: bool, projects: Vec<Project>) -> impl IntoView {
    let create = ServerAction::<CreateProject>::new();
    let projects = RwSignal::new(projects);
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let form = NodeRef::<leptos::html::Form>::new();
    // With JavaScript the page stays put, so empty the form once the project exists.
    Effect::new(move |_| {
        if let Some(Ok(created)) = create.value().get() {
            projects.update(|list| {
                list.retain(|project| project.id != created.id);
                list.push(created);
                list.sort_by_key(|project| project.name.to_lowercase());
            });
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });

    view! {
        <h2>"Projects"</h2>
        {move || view! { <ProjectList projects=projects.get()/> }}
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
        <Show when=move || can_create && projects.read().is_empty()>
            <DemoCard team_id/>
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
