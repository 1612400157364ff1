use leptos::prelude::*;

use super::server_fns::CreateDemoProject;
use crate::components::FormError;

/// For a team with no project yet: one click makes the demo project, and opens it.
#[component]
pub fn DemoCard(team_id: i32) -> impl IntoView {
    let load = ServerAction::<CreateDemoProject>::new();
    let error = Signal::derive(move || load.value().get().and_then(Result::err));
    view! {
        <section class="card" aria-labelledby="demo-heading">
            <h2 id="demo-heading">"New here?"</h2>
            <p>"Load a sample project to look around first: a team profile, answered topics, accepted, superseded and rejected decisions with their links, and open risks. It is an ordinary project: delete it when you are done."</p>
            <ActionForm action=load>
                <FormError error/>
                <input type="hidden" name="team_id" value=team_id/>
                <button type="submit" class="secondary" disabled=move || load.pending().get()>
                    {move || if load.pending().get() { "Loading the demo…" } else { "Load a demo project" }}
                </button>
            </ActionForm>
        </section>
    }
}
