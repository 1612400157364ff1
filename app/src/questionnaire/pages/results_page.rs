use leptos::prelude::*;
use leptos_meta::Title;

use super::{progress_bar::ProgressBar, project_id_param};
use crate::{
    components::page_or_error,
    error::AppError,
    questionnaire::{server_fns::get_results, views::ResultsView},
};

/// `/projects/:id/results`: the risk summary, the improvement plan, and choices against
/// recommendations.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let project_id = project_id_param();
    let results = Resource::new(
        move || project_id.get(),
        |id| async move {
            match id {
                Some(id) => get_results(id).await,
                None => Err(AppError::not_found("The project")),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the results…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(results.await, |view| view! { <Results view/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Results(view: ResultsView) -> impl IntoView {
    let project = view.project.clone();
    let base = format!("/projects/{}", project.id);
    let high: usize = view.risks_by_topic.iter().map(|t| t.high).sum();
    let medium: usize = view.risks_by_topic.iter().map(|t| t.medium).sum();
    let open: Vec<_> = view
        .progress
        .topics
        .iter()
        .filter(|t| !t.state.is_done())
        .cloned()
        .collect();
    view! {
        <Title text=format!("Results · {} · Groundwork", project.name)/>
        <p class="breadcrumb"><a href=base.clone()>{project.name.clone()}</a></p>
        <h1>"Results"</h1>
        <p class="risk-totals">
            <span class="pill risk-high">{format!("{high} high")}</span>
            <span class="pill risk-medium">{format!("{medium} medium")}</span>
            {format!(" risks across {} of {} topics done.", view.progress.done, view.progress.topics.len())}
        </p>
        <section class="card" aria-labelledby="risk-summary">
            <h2 id="risk-summary">"Risks by topic"</h2>
            {if view.risks_by_topic.is_empty() {
                view! { <p>"No risks found in the answers so far."</p> }.into_any()
            } else {
                view! {
                    <table class="risk-table">
                        <thead><tr><th scope="col">"Topic"</th><th scope="col">"High"</th><th scope="col">"Medium"</th></tr></thead>
                        <tbody>
                            {view.risks_by_topic.iter().map(|t| view! {
                                <tr>
                                    <th scope="row"><a href=format!("{base}/topics/{}", t.topic_id)>{t.title.clone()}</a></th>
                                    <td>{t.high}</td>
                                    <td>{t.medium}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="plan">
            <h2 id="plan">"Improvement plan"</h2>
            {view.plan.is_empty().then(|| view! { <p>"Nothing to improve in the answers so far."</p> })}
            <ol class="plan">
                {view.plan.iter().map(|item| view! {
                    <li class=item.level.css_class()>
                        <span class="pill">{item.level.label()}</span>
                        " " <a href=format!("{base}/topics/{}", item.topic_id)>{item.topic_title.clone()}</a>
                        <p>{item.reason.clone()}</p>
                        <p><b>"Improve: "</b>{item.improvement.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <section class="card" aria-labelledby="choices">
            <h2 id="choices">"Your choices and our recommendations"</h2>
            <table class="choices-table">
                <thead><tr><th scope="col">"Question"</th><th scope="col">"Recommended"</th><th scope="col">"Chosen"</th></tr></thead>
                <tbody>
                    {view.choices.iter().map(|row| view! {
                        <tr class=if row.follows_recommendation { "follows" } else { "differs" }>
                            <th scope="row"><a href=format!("{base}/topics/{}", row.topic_id)>{row.question.clone()}</a></th>
                            <td title=row.recommended_reason.clone().unwrap_or_default()>{row.recommended.clone().unwrap_or_default()}</td>
                            <td>{row.chosen.clone().unwrap_or_else(|| "not answered".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="card" aria-labelledby="open-topics">
            <h2 id="open-topics">"Topics still open"</h2>
            {if open.is_empty() {
                view! { <p>"None: every topic is answered, skipped or set aside."</p> }.into_any()
            } else {
                view! { <ul>{open.into_iter().map(|t| view! { <li><a href=format!("{base}/topics/{}", t.id)>{t.title}</a> " (" {t.state.label()} ")"</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <ProgressBar progress=view.progress project_id=project.id/>
    }
}
