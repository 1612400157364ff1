use leptos::prelude::*;

use crate::planning::domain::{Presence, SessionState};

/// Who is here, live.
#[component]
pub fn PresenceList(state: RwSignal<SessionState>) -> impl IntoView {
    view! {
        <section class="card presence" aria-labelledby="presence-heading">
            <h2 id="presence-heading">"Who is here"</h2>
            <ul class="presence-list">
                <For
                    each=move || state.with(|s| s.participants.clone())
                    key=|p| (p.user_id, p.presence)
                    let:person
                >
                    <li class=format!("presence-{}", person.presence.as_str()) data-user=person.user_id>
                        <span class="name">{person.name.clone()}</span>
                        " "
                        <span class="pill">{match person.presence {
                            Presence::Joined => "here",
                            Presence::Idle => "idle",
                            Presence::Left => "left",
                        }}</span>
                        {(!person.votes).then(|| view! { " " <span class="hint">"watching"</span> })}
                    </li>
                </For>
            </ul>
        </section>
    }
}
