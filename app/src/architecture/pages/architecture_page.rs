use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    architecture::{
        domain::{ArchitectureView, Source, Statement},
        server_fns::get_architecture,
    },
    components::{page_or_error, project_id_param},
    error::AppError,
    questionnaire::catalog::RiskLevel,
};

/// `/projects/:id/architecture`: the recommended architecture, with a link to download it as
/// `ARCHITECTURE.md`.
#[component]
pub fn ArchitecturePage() -> impl IntoView {
    let project_id = project_id_param();
    let data = Resource::new(
        move || project_id.get(),
        |id| async move {
            match id {
                Some(id) => get_architecture(id).await,
                None => Err(AppError::not_found("The project")),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the architecture…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(data.await, |view| view! { <Architecture view/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn SourceLink(source: Source) -> impl IntoView {
    view! { <a class="source" href=source.href>{source.label}</a> }
}

#[component]
fn StatementLine(label: &'static str, statement: Option<Statement>) -> impl IntoView {
    view! {
        <li>
            <strong>{label}": "</strong>
            {match statement {
                Some(s) => view! {
                    {s.text}
                    {(!s.note.is_empty()).then(|| format!(" ({})", s.note))}
                    " ("<SourceLink source=s.source/>")"
                }.into_any(),
                None => view! { <em>"not decided yet"</em> }.into_any(),
            }}
        </li>
    }
}

#[component]
fn Architecture(view: ArchitectureView) -> impl IntoView {
    let base = format!("/projects/{}", view.project_id);
    view! {
        <Title text=format!("Architecture · {} · Groundwork", view.project_name)/>
        <p class="breadcrumb"><a href=base.clone()>{view.project_name.clone()}</a></p>
        <h1>"Recommended architecture"</h1>
        <p>
            {format!("From {} accepted decisions, the answers and the profile. ", view.accepted_adrs)}
            <a class="button" href=format!("{base}/ARCHITECTURE.md") download>"Download ARCHITECTURE.md"</a>
        </p>
        {view.profile_summary.clone().map(|s| view! { <p class="description">{s}</p> })}
        <section class="card" aria-labelledby="stack-heading">
            <h2 id="stack-heading">"Stack"</h2>
            <table class="stack-table">
                <thead><tr><th scope="col">"Part"</th><th scope="col">"Choice"</th><th scope="col">"Source"</th></tr></thead>
                <tbody>
                    {view.stack.iter().cloned().map(|row| {
                        let (choice, source) = match row.choice {
                            Some(s) => {
                                let text = if s.note.is_empty() { s.text } else { format!("{} ({})", s.text, s.note) };
                                (view! { <span>{text}</span> }.into_any(), s.source)
                            }
                            None => (view! { <em>"not decided yet"</em> }.into_any(), row.source),
                        };
                        view! { <tr><th scope="row">{row.row}</th><td>{choice}</td><td><SourceLink source/></td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="card" aria-labelledby="shape-heading">
            <h2 id="shape-heading">"Shape"</h2>
            <ul class="shape-list">
                <StatementLine label="Style" statement=view.style.clone()/>
                <StatementLine label="Code boundaries" statement=view.boundaries.clone()/>
                <StatementLine label="Layers" statement=view.layering.clone()/>
                <li>
                    <strong>"Modules (bounded contexts): "</strong>
                    {if view.modules.is_empty() { "none named yet".to_owned() } else { view.modules.join(", ") }}
                    " ("<SourceLink source=view.modules_source.clone()/>")"
                </li>
            </ul>
            // Drawn by the server from escaped text; see architecture::diagram.
            <div class="diagram" inner_html=view.svg.clone()></div>
            <details>
                <summary>"Mermaid source"</summary>
                <pre><code>{view.mermaid.clone()}</code></pre>
            </details>
        </section>
        <section class="card" aria-labelledby="risks-heading">
            <h2 id="risks-heading">"Open findings"</h2>
            {if view.risks.is_empty() {
                view! { <p>"No open findings in the answers so far."</p> }.into_any()
            } else {
                view! {
                    <ol class="plan">
                        {view.risks.iter().cloned().map(|risk| view! {
                            <li>
                                <span class=format!("pill {}", risk.level.css_class())>{if risk.level == RiskLevel::High { "High" } else { "Medium" }}</span>
                                " "<strong>{risk.topic}</strong>": "{risk.reason}
                                " "<em>"Next step: "</em>{risk.improvement}
                                " ("<SourceLink source=risk.source/>")"
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="env-heading">
            <h2 id="env-heading">"Environment variables"</h2>
            {if view.env.is_empty() {
                view! { <p>"None named yet: they follow from the products chosen."</p> }.into_any()
            } else {
                view! {
                    <table class="env-table">
                        <thead><tr><th scope="col">"Variable"</th><th scope="col">"What it holds"</th></tr></thead>
                        <tbody>
                            {view.env.iter().cloned().map(|(name, about)| view! {
                                <tr><td><code>{name}</code></td><td>{about}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="first-week-heading">
            <h2 id="first-week-heading">"First week"</h2>
            {if view.first_week.is_empty() {
                view! { <p>"Choose the stack's products in the questionnaire to get the first week's steps."</p> }.into_any()
            } else {
                view.first_week.iter().cloned().map(|(topic, steps)| view! {
                    <h3>{topic}</h3>
                    <ul class="checklist">{steps.into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}</ul>
                }).collect_view().into_any()
            }}
        </section>
        <section class="card" aria-labelledby="scaling-heading">
            <h2 id="scaling-heading">"Scaling path"</h2>
            <ol>{view.scaling.iter().map(|step| view! { <li>{step.clone()}</li> }).collect_view()}</ol>
        </section>
    }
}
