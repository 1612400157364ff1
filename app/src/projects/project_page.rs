use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{
    domain::{Project, DESCRIPTION_MAX_CHARS, NAME_MAX_CHARS},
    server_fns::{get_project, DeleteProject, UpdateProject},
};
use crate::{
    components::{live_title, page_or_error, FieldError, FormError},
    error::AppError,
    forms::submitted_value,
    planning::{domain::SessionListing, pages::SessionsCard, server_fns::list_planning_sessions},
    questionnaire::{
        pages::QuestionnaireCard, server_fns::questionnaire_progress, views::Progress,
    },
    teams::domain::Role,
};

/// `/projects/:id`: one project, renamed or deleted here.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let params = use_params_map();
    let project = Resource::new(
        move || params.read().get("id"),
        |id| async move {
            match id.and_then(|id| id.parse::<i32>().ok()) {
                Some(id) => {
                    let project = get_project(id).await?;
                    let progress = questionnaire_progress(id).await?;
                    let sessions = list_planning_sessions(id).await?;
                    Ok((project, progress, sessions))
                }
                None => Err(AppError::not_found("The project")),
            }
        },
    );

    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the project…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(project.await, |(project, progress, sessions)| view! { <ProjectDetails project progress sessions/> }.into_any())
            })}
        </Suspense>
    }
}

/// The project's heading and its forms. The forms are never re-rendered after a save, so what the
/// user typed stays put when the server refuses it.
#[component]
fn ProjectDetails(
    project: Project,
    progress: Progress,
    sessions: Vec<SessionListing>,
) -> impl IntoView {
    let update = ServerAction::<UpdateProject>::new();
    let delete = ServerAction::<DeleteProject>::new();
    let title_source = ArcRwSignal::new(project.clone());
    let current = RwSignal::from(title_source.clone());
    Effect::new(move |_| {
        if let Some(Ok(saved)) = update.value().get() {
            current.set(saved);
        }
    });
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(_)));
    let name = submitted_value("name").unwrap_or_else(|| project.name.clone());
    let description = submitted_value("description").unwrap_or_else(|| project.description.clone());
    let can_edit = project.my_role >= Role::Editor;
    let can_delete = project.my_role == Role::Owner;

    view! {
        <Title text=live_title(title_source, |project| format!("{} · Groundwork", project.name))/>
        <p class="breadcrumb"><a href=format!("/teams/{}", project.team_id)>"Projects"</a></p>
        <h1>{move || current.read().name.clone()}</h1>
        <p class="description">{move || current.read().description.clone()}</p>
        <QuestionnaireCard project_id=project.id progress/>
        <SessionsCard project_id=project.id can_start=can_edit sessions/>
        <p class="card"><a href=format!("/projects/{}/decisions", project.id)>"Decision log"</a>
            " — the architecture decision records of this project."</p>
        <p class="card"><a href=format!("/projects/{}/architecture", project.id)>"Recommended architecture"</a>
            " — the stack, shape, diagram, open risks and scaling path, from the decisions and answers."</p>
        <p class="card"><a href=format!("/projects/{}/exchange", project.id)>"Export and import"</a>
            " — the decisions as MADR, adr-tools or log4brains files, a JSON backup, and importing existing ADRs."</p>
        {(!can_edit).then(|| view! {
            <p class="hint">"You can read this project. Ask an owner of the team if you need to edit it."</p>
        })}
        {can_edit.then(|| view! {
        <section class="card" aria-labelledby="rename-heading">
            <h2 id="rename-heading">"Rename"</h2>
            <ActionForm action=update attr:class="stacked-form">
                <FormError error/>
                <input type="hidden" name="id" value=project.id/>
                <label for="project-name">"Name"</label>
                <input
                    id="project-name"
                    name="name"
                    required
                    maxlength=NAME_MAX_CHARS
                    autocomplete="off"
                    value=name
                    aria-invalid=move || error.get().and_then(|e| e.message_for_field("name")).is_some().to_string()
                    aria-describedby="name-error"
                />
                <FieldError error field="name"/>
                <label for="project-description">"One-line description"</label>
                <input
                    id="project-description"
                    name="description"
                    maxlength=DESCRIPTION_MAX_CHARS
                    autocomplete="off"
                    value=description
                    aria-describedby="description-error"
                />
                <FieldError error field="description"/>
                <button type="submit" disabled=move || update.pending().get()>
                    {move || if update.pending().get() { "Saving…" } else { "Save" }}
                </button>
                <Show when=saved>
                    <p class="saved" role="status">"Saved."</p>
                </Show>
            </ActionForm>
        </section>
        })}
        {can_delete.then(|| view! {
        <details class="danger-zone">
            <summary>"Delete this project"</summary>
            <ActionForm action=delete>
                <FormError error=delete_error/>
                <input type="hidden" name="id" value=project.id/>
                <p>"Deleting removes the project for the whole team. It cannot be undone."</p>
                <button type="submit" class="danger" disabled=move || delete.pending().get()>
                    "Delete project"
                </button>
            </ActionForm>
        </details>
        })}
    }
}
