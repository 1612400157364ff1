use leptos::prelude::*;

use crate::questionnaire::server_fns::questionnaire_progress;

/// On the project page: how far the questionnaire is, and where to continue.
#[component]
pub fn QuestionnaireCard(project_id: i32) -> impl IntoView {
    let progress = Resource::new(|| (), move |_| questionnaire_progress(project_id));
    let base = format!("/projects/{project_id}");
    view! {
        <section class="card" aria-labelledby="questionnaire-heading">
            <h2 id="questionnaire-heading">"Architecture questionnaire"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading progress…"</p> }>
                {
                    let base = base.clone();
                    move || {
                        let base = base.clone();
                        Suspend::new(async move {
                            progress.await.ok().map(|progress| {
                                let total = progress.topics.len();
                                let resume = progress.resume_topic.clone();
                                view! {
                                    <p>
                                        <progress max=total value=progress.done></progress>
                                        {format!(" {} of {total} topics done", progress.done)}
                                    </p>
                                    <p class="actions">
                                        <a class="button secondary" href=format!("{base}/profile")>"Project profile"</a>
                                        {match resume {
                                            Some(topic) => view! { <a class="button" href=format!("{base}/topics/{topic}")>"Continue the questionnaire"</a> }.into_any(),
                                            None => view! { <span>"All topics done."</span> }.into_any(),
                                        }}
                                        <a class="button secondary" href=format!("{base}/results")>"Results"</a>
                                    </p>
                                }
                            })
                        })
                    }
                }
            </Suspense>
        </section>
    }
}
