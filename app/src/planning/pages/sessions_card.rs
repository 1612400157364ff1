use leptos::prelude::*;

use crate::{
    components::FormError,
    planning::{domain::SessionListing, server_fns::StartPlanningSession},
};

/// On the project page: the running session to join, earlier ones, and (for editors) a start.
#[component]
pub fn SessionsCard(
    project_id: i32,
    can_start: bool,
    sessions: Vec<SessionListing>,
) -> impl IntoView {
    let start = ServerAction::<StartPlanningSession>::new();
    let error = Signal::derive(move || start.value().get().and_then(Result::err));
    view! {
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Planning sessions"</h2>
            <p>"Decide together: everyone follows the facilitator through the topics, votes and comments, and the team’s answers become ADRs naming who decided."</p>
            <ul class="session-list">
                {sessions.into_iter().map(|s| {
                    let href = format!("/projects/{project_id}/sessions/{}", s.id);
                    let day = s.started_at.get(..10).unwrap_or_default().to_owned();
                    if s.running {
                        view! { <li><a href=href class="button">"Join the running session"</a>
                            {format!(" facilitated by {}", s.facilitator)}</li> }.into_any()
                    } else {
                        view! { <li><a href=format!("{href}/summary")>{format!("Session of {day}")}</a>
                            {format!(", facilitated by {}", s.facilitator)}</li> }.into_any()
                    }
                }).collect_view()}
            </ul>
            {can_start.then(|| view! {
                <ActionForm action=start>
                    <FormError error/>
                    <input type="hidden" name="project_id" value=project_id/>
                    <button type="submit" disabled=move || start.pending().get()>"Start a planning session"</button>
                </ActionForm>
            })}
        </section>
    }
}
