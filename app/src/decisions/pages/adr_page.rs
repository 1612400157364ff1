use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{adr_editor::AdrFields, history::History, project_id_param, status_badge::StatusBadge};
use crate::{
    components::{live_title, page_or_error, FieldError, FormError},
    decisions::{
        domain::{AdrForm, AdrStatus, AdrView, LinkKind, RevisionSummary},
        server_fns::{
            get_adr, list_adr_revisions, list_team_people, take_adr_draft, ChangeAdrStatus,
            LinkAdrs, UpdateAdr,
        },
    },
    error::AppError,
};

/// `/projects/:id/decisions/:number`: one ADR, its lifecycle, links, editing and history.
#[component]
pub fn AdrPage() -> impl IntoView {
    let project_id = project_id_param();
    let params = use_params_map();
    let number = Memo::new(move |_| {
        params
            .read()
            .get("number")
            .and_then(|n| n.parse::<i32>().ok())
    });
    let adr = Resource::new(
        move || (project_id.get(), number.get()),
        |(project, number)| async move {
            match (project, number) {
                (Some(project), Some(number)) => {
                    let adr = get_adr(project, number).await?;
                    let (draft, team) = if adr.can_edit {
                        let draft = take_adr_draft(project, number).await.ok().flatten();
                        (draft, list_team_people(project).await?)
                    } else {
                        (None, Vec::new())
                    };
                    let revisions = list_adr_revisions(project, number).await?;
                    Ok((adr, Editing { draft, team }, revisions))
                }
                _ => Err(AppError::not_found("The decision")),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the decision…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(adr.await, |(adr, editing, revisions)| view! { <AdrDetails adr editing revisions/> }.into_any())
            })}
        </Suspense>
    }
}

/// What editing needs beyond the ADR: what a failed plain form post left, and the team's members.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Editing {
    draft: Option<AdrForm>,
    team: Vec<String>,
}

#[component]
fn AdrDetails(adr: AdrView, editing: Editing, revisions: Vec<RevisionSummary>) -> impl IntoView {
    let Editing { draft, team } = editing;
    let kept_draft = draft.is_some();
    let form = draft.unwrap_or_else(|| adr.form.clone());
    // The title reads an Arc-backed signal (see `components::live_title` for why).
    let title_source = ArcRwSignal::new(adr.clone());
    let current = RwSignal::from(title_source.clone());
    let update = ServerAction::<UpdateAdr>::new();
    let status = ServerAction::<ChangeAdrStatus>::new();
    let link = ServerAction::<LinkAdrs>::new();
    for action_value in [update.value(), status.value(), link.value()] {
        Effect::new(move |_| {
            if let Some(Ok(saved)) = action_value.get() {
                current.set(saved);
            }
        });
    }
    let update_error = Signal::derive(move || update.value().get().and_then(Result::err));
    let status_error = Signal::derive(move || status.value().get().and_then(Result::err));
    let link_error = Signal::derive(move || link.value().get().and_then(Result::err));
    let conflict = move || matches!(update_error.get(), Some(AppError::Conflict { .. }));
    let (project_id, number) = (adr.project_id, adr.summary.number);
    let log_path = format!("/projects/{project_id}/decisions");

    view! {
        <Title text=live_title(title_source, |adr| format!("{} {} · Groundwork", adr.summary.display_number, adr.summary.title))/>
        <p class="breadcrumb"><a href=log_path>"Decision log"</a></p>
        <h1>{move || format!("{} {}", current.read().summary.display_number, current.read().summary.title)}</h1>
        <p class="adr-meta">
            {move || view! { <StatusBadge status=current.read().summary.status/> }}
            {move || format!(" {} · Decision-makers: {}", dated(current.read().summary.status, &current.read().summary.decision_date),
                none_if_empty(&current.read().summary.decision_makers))}
            {move || current.read().summary.revisit_by.clone().map(|date| format!(" · Revisit by {date}"))}
            {move || current.read().summary.overdue.then(|| view! { " " <span class="flag">"Revisit overdue"</span> })}
        </p>
        <p class="adr-meta">{move || format!("Consulted: {} · Informed: {}",
            none_if_empty(&current.read().consulted), none_if_empty(&current.read().informed))}</p>
        {move || (!current.read().links.is_empty()).then(|| view! {
            <ul class="adr-links">
                {current.read().links.iter().map(|l| view! {
                    <li>{format!("{} ", l.phrase)}<a href=format!("/projects/{project_id}/decisions/{}", l.number)>{format!("{} {}", l.display_number, l.title)}</a></li>
                }).collect_view()}
            </ul>
        })}
        {move || current.read().sections.iter().filter(|s| !s.markdown.is_empty()).map(|section| view! {
            <section class="adr-section">
                <h2>{section.heading.clone()}</h2>
                <div class="markdown" inner_html=section.html.clone()></div>
            </section>
        }).collect_view()}
        {adr.can_edit.then(|| view! {
            <section class="card" aria-labelledby="status-heading">
                <h2 id="status-heading">"Status"</h2>
                <FormError error=status_error/>
                <FieldError error=status_error field="status"/>
                {move || {
                    let adr = current.get();
                    if adr.next_statuses.is_empty() {
                        return view! { <p class="hint">"This decision keeps its status."</p> }.into_any();
                    }
                    let version = adr.version;
                    adr.next_statuses.into_iter().map(move |next| view! {
                        <ActionForm action=status attr:class="inline-form">
                            <input type="hidden" name="project_id" value=project_id/>
                            <input type="hidden" name="number" value=number/>
                            <input type="hidden" name="version" value=version/>
                            <input type="hidden" name="status" value=next.as_str()/>
                            <button type="submit">{format!("Mark {}", next.as_str())}</button>
                        </ActionForm>
                    }).collect_view().into_any()
                }}
            </section>
            <section class="card" aria-labelledby="link-heading">
                <h2 id="link-heading">"Link to another decision"</h2>
                <ActionForm action=link attr:class="inline-form">
                    <FormError error=link_error/>
                    <input type="hidden" name="project_id" value=project_id/>
                    <input type="hidden" name="number" value=number/>
                    <label for="link-kind">"This decision"</label>
                    <select id="link-kind" name="kind">
                        {LinkKind::ALL.into_iter().map(|kind| view! { <option value=kind.as_str()>{kind.phrases().0.to_lowercase()}</option> }).collect_view()}
                    </select>
                    <label for="link-target">"ADR number"</label>
                    <input id="link-target" name="target" type="number" min="1" required aria-describedby="target-error"/>
                    <button type="submit">"Link"</button>
                    <FieldError error=link_error field="target"/>
                </ActionForm>
            </section>
            <details class="card" open=move || kept_draft || update_error.get().is_some()>
                <summary>"Edit"</summary>
                <ActionForm action=update attr:class="stacked-form wide">
                    <input type="hidden" name="project_id" value=project_id/>
                    <input type="hidden" name="number" value=number/>
                    <input type="hidden" name="version" value=move || current.read().version/>
                    <AdrFields project_id form=form.clone() team=team.clone() error=update_error/>
                    <button type="submit" disabled=move || update.pending().get()>"Save"</button>
                    <Show when=move || matches!(update.value().get(), Some(Ok(_)))>
                        <p class="saved" role="status">"Saved."</p>
                    </Show>
                </ActionForm>
                <Show when=conflict>
                    <TheirVersion project_id number current/>
                </Show>
            </details>
        })}
        <History project_id number revisions version=Signal::derive(move || current.read().version)/>
    }
}

/// After a conflict: the version someone else saved, beside the form that keeps what was typed.
#[component]
fn TheirVersion(project_id: i32, number: i32, current: RwSignal<AdrView>) -> impl IntoView {
    // Loaded by an action, not a resource: this only ever renders in the browser, after a save.
    let theirs = Action::new(move |_: &()| get_adr(project_id, number));
    theirs.dispatch(());
    Effect::new(move |_| {
        if let Some(Ok(adr)) = theirs.value().get() {
            current.update(|mine| mine.version = adr.version);
        }
    });
    view! {
        <section class="their-version" aria-labelledby="their-heading">
            <h3 id="their-heading">"The version saved by someone else"</h3>
            {move || theirs.value().get().and_then(Result::ok).map(|adr| view! {
                <p><strong>{adr.form.title.clone()}</strong></p>
                {adr.sections.into_iter().filter(|s| !s.markdown.is_empty()).map(|s| view! {
                    <h4>{s.heading}</h4><pre class="markdown-source">{s.markdown}</pre>
                }).collect_view()}
                <p class="hint">"Merge what you need into the form, then save again."</p>
            })}
        </section>
    }
}

fn none_if_empty(names: &[String]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// "Proposed on 2026-02-12" until accepted, then "Decided 2026-02-14"; or that the record states
/// no date (an imported file without one).
fn dated(status: AdrStatus, date: &str) -> String {
    match status {
        _ if date.is_empty() => "No date stated".to_owned(),
        AdrStatus::Proposed => format!("Proposed on {date}"),
        AdrStatus::Rejected => format!("Rejected; dated {date}"),
        _ => format!("Decided {date}"),
    }
}
