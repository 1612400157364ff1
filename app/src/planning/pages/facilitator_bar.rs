use leptos::prelude::*;

use crate::{
    components::FormError,
    forms::submitted_value,
    planning::{
        domain::{SessionState, TIMEBOX_MAX_MINUTES},
        server_fns::{EndPlanningSession, MovePlanningSession},
    },
};

/// The facilitator's controls: bring everyone to a topic (with an optional timebox), end.
#[component]
pub fn FacilitatorBar(
    state: RwSignal<SessionState>,
    topics: Vec<(String, String)>,
) -> impl IntoView {
    let move_group = ServerAction::<MovePlanningSession>::new();
    let end = ServerAction::<EndPlanningSession>::new();
    let error = Signal::derive(move || move_group.value().get().and_then(Result::err));
    let end_error = Signal::derive(move || end.value().get().and_then(Result::err));
    let (project_id, session_id) = state.with_untracked(|s| (s.project_id, s.session_id));
    // The topic the group is on, as it moves; the facilitator's own pick until they send it.
    let current = Memo::new(move |_| {
        state
            .with(|s| s.current_topic_id.clone())
            .unwrap_or_default()
    });
    let initial = state.with_untracked(|s| s.current_topic_id.clone());
    let timebox = submitted_value("timebox_minutes").unwrap_or_default();
    view! {
        <section class="card facilitator" aria-labelledby="facilitator-heading">
            <h2 id="facilitator-heading">"You facilitate"</h2>
            <ActionForm action=move_group attr:class="inline-form">
                <FormError error/>
                <input type="hidden" name="project_id" value=project_id/>
                <input type="hidden" name="session_id" value=session_id/>
                <label for="move-topic">"Topic"</label>
                <select id="move-topic" name="topic_id" prop:value=move || current.get()>
                    {topics.into_iter().map(|(id, title)| {
                        let selected = initial.as_deref() == Some(id.as_str());
                        view! { <option value=id selected=selected>{title}</option> }
                    }).collect_view()}
                </select>
                <label for="move-timebox">"Timebox (minutes, optional)"</label>
                <input id="move-timebox" name="timebox_minutes" type="number" min="1" max=TIMEBOX_MAX_MINUTES value=timebox inputmode="numeric"/>
                <button type="submit" disabled=move || move_group.pending().get()>"Bring everyone here"</button>
            </ActionForm>
            <ActionForm action=end attr:class="inline-form">
                <FormError error=end_error/>
                <input type="hidden" name="project_id" value=project_id/>
                <input type="hidden" name="session_id" value=session_id/>
                <button type="submit" class="secondary" disabled=move || end.pending().get()>"End the session"</button>
            </ActionForm>
        </section>
    }
}
