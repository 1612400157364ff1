use leptos::prelude::*;

use crate::{components::FormError, decisions::server_fns::GenerateAdr};

/// On a topic page: turn the topic's answers into a proposed ADR, then open it.
#[component]
pub fn WriteDecisionCard(project_id: i32, topic_id: String) -> impl IntoView {
    let generate = ServerAction::<GenerateAdr>::new();
    let error = Signal::derive(move || generate.value().get().and_then(Result::err));
    view! {
        <section class="card" aria-labelledby="write-decision-heading">
            <h2 id="write-decision-heading">"Record the decision"</h2>
            <p class="hint">"Drafts an architecture decision record from this topic's answers, notes and risks. You can edit it before accepting it."</p>
            <ActionForm action=generate>
                <FormError error/>
                <crate::components::FieldError error field="topic_id"/>
                <input type="hidden" name="project_id" value=project_id/>
                <input type="hidden" name="topic_id" value=topic_id/>
                <button type="submit" disabled=move || generate.pending().get()>"Write the decision record"</button>
            </ActionForm>
        </section>
    }
}
