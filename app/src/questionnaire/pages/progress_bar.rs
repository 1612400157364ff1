use leptos::prelude::*;

use crate::questionnaire::views::Progress;

/// Topics done of total, and every topic with its state, each a link to jump to it.
#[component]
pub fn ProgressBar(
    progress: Progress,
    project_id: i32,
    #[prop(optional, into)] current: Option<String>,
) -> impl IntoView {
    let total = progress.topics.len();
    view! {
        <nav class="progress" aria-label="Questionnaire progress">
            <p class="progress-summary">
                <progress max=total value=progress.done></progress>
                <span>{format!("{} of {total} topics done", progress.done)}</span>
            </p>
            <ol class="topic-steps">
                {progress
                    .topics
                    .into_iter()
                    .map(|topic| {
                        let is_current = current.as_deref() == Some(topic.id.as_str());
                        view! {
                            <li class=topic.state.css_class()>
                                <a
                                    href=format!("/projects/{project_id}/topics/{}", topic.id)
                                    aria-current=is_current.then_some("step")
                                >
                                    {topic.title}
                                </a>
                                <span class="state">{topic.state.label()}</span>
                                {topic.flagged.then(|| view! { <span class="flag" title="Another answer asks for a review">"review"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
