use leptos::prelude::*;

use crate::questionnaire::views::Progress;

/// On the project page: how far the questionnaire is, and where to continue. The page loads the
/// progress with the project (no resource of its own inside the page's `<Suspense>`, which can
/// stall server rendering).
#[component]
pub fn QuestionnaireCard(project_id: i32, progress: Progress) -> impl IntoView {
    let base = format!("/projects/{project_id}");
    let total = progress.topics.len();
    view! {
        <section class="card" aria-labelledby="questionnaire-heading">
            <h2 id="questionnaire-heading">"Architecture questionnaire"</h2>
            <p>
                <progress max=total value=progress.done></progress>
                {format!(" {} of {total} topics done", progress.done)}
            </p>
            <p class="actions">
                <a class="button secondary" href=format!("{base}/profile")>"Project profile"</a>
                {match progress.resume_topic {
                    Some(topic) => view! { <a class="button" href=format!("{base}/topics/{topic}")>"Continue the questionnaire"</a> }.into_any(),
                    None => view! { <span>"All topics done."</span> }.into_any(),
                }}
                <a class="button secondary" href=format!("{base}/results")>"Results"</a>
            </p>
        </section>
    }
}
