use leptos::prelude::*;
use leptos_meta::Title;

use super::{adr_editor::AdrFields, project_id_param};
use crate::{
    components::page_or_error,
    decisions::server_fns::{list_team_people, take_adr_draft, CreateAdr},
};

/// `/projects/:id/decisions/new`: an ADR written from scratch.
#[component]
pub fn NewAdrPage() -> impl IntoView {
    let project_id = project_id_param().get_untracked().unwrap_or_default();
    let create = ServerAction::<CreateAdr>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    // What a failed plain form post left behind, put back into the form.
    let draft = Resource::new(|| (), move |_| take_adr_draft(project_id, 0));
    let team = Resource::new(|| (), move |_| list_team_people(project_id));
    view! {
        <Title text="New decision · Groundwork"/>
        <p class="breadcrumb"><a href=format!("/projects/{project_id}/decisions")>"Decision log"</a></p>
        <h1>"Write a decision"</h1>
        <ActionForm action=create attr:class="stacked-form wide">
            <input type="hidden" name="project_id" value=project_id/>
            <Suspense>
                {move || Suspend::new(async move {
                    let team = team.await.unwrap_or_default();
                    page_or_error(draft.await, move |draft| {
                        view! { <AdrFields project_id form=draft.unwrap_or_default() team error/> }.into_any()
                    })
                })}
            </Suspense>
            <button type="submit" disabled=move || create.pending().get()>"Create decision"</button>
        </ActionForm>
    }
}
