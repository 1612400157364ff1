use leptos::prelude::*;

use crate::decisions::{
    domain::{DiffKind, RevisionSummary},
    server_fns::{diff_adr_revisions, list_adr_revisions},
};

/// The ADR's revisions, and the differences between any two of them.
#[component]
pub fn History(
    project_id: i32,
    number: i32,
    revisions: Vec<RevisionSummary>,
    #[prop(into)] version: Signal<i32>,
) -> impl IntoView {
    // The page loads the first list with the ADR (no resource inside its `<Suspense>`, which can
    // stall server rendering); after each save the list is loaded again.
    let revisions = RwSignal::new(revisions);
    let reload = Action::new(move |_: &()| list_adr_revisions(project_id, number));
    Effect::new(move |previous: Option<i32>| {
        let now = version.get();
        if previous.is_some_and(|previous| previous != now) {
            reload.dispatch(());
        }
        now
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = reload.value().get() {
            revisions.set(list);
        }
    });
    let compare = Action::new(move |(from, to): &(i32, i32)| {
        diff_adr_revisions(project_id, number, *from, *to)
    });
    let from = RwSignal::new((version.get_untracked() - 1).max(1));
    let to = RwSignal::new(version.get_untracked());
    view! {
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            {move || view! { <RevisionList list=revisions.get()/> }}
            <div class="inline-form">
                <label for="diff-from">"Compare"</label>
                <input id="diff-from" type="number" min="1" max=move || version.get() prop:value=move || from.get()
                    on:input=move |ev| from.set(event_target_value(&ev).parse().unwrap_or(1))/>
                <label for="diff-to">"with"</label>
                <input id="diff-to" type="number" min="1" max=move || version.get() prop:value=move || to.get()
                    on:input=move |ev| to.set(event_target_value(&ev).parse().unwrap_or(1))/>
                <button type="button" class="secondary" on:click=move |_| { compare.dispatch((from.get(), to.get())); }>"Show changes"</button>
            </div>
            {move || compare.value().get().map(|result| match result {
                Ok(fields) if fields.is_empty() => view! { <p>"No differences."</p> }.into_any(),
                Ok(fields) => view! {
                    <div class="diff">
                        {fields.into_iter().map(|field| view! {
                            <h3>{field.field}</h3>
                            <pre>{field.lines.into_iter().map(|line| {
                                let (class, mark) = match line.kind {
                                    DiffKind::Same => ("same", "  "),
                                    DiffKind::Added => ("added", "+ "),
                                    DiffKind::Removed => ("removed", "- "),
                                };
                                view! { <span class=class>{format!("{mark}{}\n", line.text)}</span> }
                            }).collect_view()}</pre>
                        }).collect_view()}
                    </div>
                }.into_any(),
                Err(error) => view! { <p class="form-error">{error.to_string()}</p> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn RevisionList(list: Vec<RevisionSummary>) -> impl IntoView {
    view! {
        <ol class="revisions" reversed>
            {list.into_iter().map(|revision| view! {
                <li>
                    {format!("Version {} by {}, {} · changed: {}",
                        revision.version,
                        revision.author_name,
                        revision.created_at.get(..16).unwrap_or(&revision.created_at).replace('T', " "),
                        revision.changed_fields.join(", "))}
                </li>
            }).collect_view()}
        </ol>
    }
}
