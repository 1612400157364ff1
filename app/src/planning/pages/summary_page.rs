use leptos::prelude::*;
use leptos_meta::Title;

use super::session_id_param;
use crate::{
    components::{page_or_error, project_id_param},
    error::AppError,
    planning::{
        server_fns::get_session_summary,
        time_text::{date_and_clock, duration},
        views::{QuestionOutcome, SessionSummary},
    },
};

/// `/projects/:id/sessions/:session/summary`: attendance, the decisions recorded, open questions,
/// split votes and the time per topic; downloadable as markdown.
#[component]
pub fn SessionSummaryPage() -> impl IntoView {
    let project_id = project_id_param();
    let session_id = session_id_param();
    let summary = Resource::new(
        move || (project_id.get(), session_id.get()),
        |ids| async move {
            match ids {
                (Some(project), Some(session)) => get_session_summary(project, session).await,
                _ => Err(AppError::not_found("The planning session")),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the summary…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(summary.await, |summary| view! { <Summary summary/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Summary(summary: SessionSummary) -> impl IntoView {
    let base = format!(
        "/projects/{}/sessions/{}",
        summary.project_id, summary.session_id
    );
    let split: Vec<QuestionOutcome> = summary
        .decisions
        .iter()
        .chain(&summary.open_questions)
        .filter(|q| q.split)
        .cloned()
        .collect();
    view! {
        <Title text=format!("Session summary · {} · Groundwork", summary.project_name)/>
        <p class="breadcrumb"><a href=format!("/projects/{}", summary.project_id)>{summary.project_name.clone()}</a>
            " › " <a href=base.clone()>"Planning session"</a></p>
        <h1>"Session summary"</h1>
        <p>{format!("Facilitated by {}, started {}", summary.facilitator, date_and_clock(&summary.started_at))}
            {match &summary.ended_at { Some(t) => format!(", ended {}.", date_and_clock(t)), None => ", still running.".into() }}</p>
        <p><a class="button" href=format!("{base}/summary.md") rel="external" download>"Download as markdown"</a></p>
        <section class="card" aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">"Attendance"</h2>
            <ul>{summary.attendance.iter().map(|a| view! {
                <li>{format!("{}: joined {}{}", a.name, date_and_clock(&a.joined_at),
                    a.left_at.as_deref().map(|l| format!(", left {}", date_and_clock(l))).unwrap_or_default())}</li>
            }).collect_view()}</ul>
        </section>
        <section class="card" aria-labelledby="decisions-heading">
            <h2 id="decisions-heading">"Decisions recorded"</h2>
            {if summary.decisions.is_empty() { view! { <p>"None yet."</p> }.into_any() } else {
                summary.decisions.iter().cloned().map(|q| view! { <Outcome outcome=q/> }).collect_view().into_any() }}
        </section>
        <section class="card" aria-labelledby="open-heading">
            <h2 id="open-heading">"Open questions"</h2>
            {if summary.open_questions.is_empty() { view! { <p>"None: every question voted on was recorded."</p> }.into_any() } else {
                summary.open_questions.iter().cloned().map(|q| view! { <Outcome outcome=q/> }).collect_view().into_any() }}
        </section>
        <section class="card" aria-labelledby="split-heading">
            <h2 id="split-heading">"Split votes"</h2>
            {if split.is_empty() { view! { <p>"None."</p> }.into_any() } else {
                view! { <ul>{split.iter().map(|q| view! { <li>{format!("{}: {}", q.topic, q.question)}</li> }).collect_view()}</ul> }.into_any() }}
        </section>
        <section class="card" aria-labelledby="time-heading">
            <h2 id="time-heading">"Time per topic"</h2>
            <table><thead><tr><th scope="col">"Topic"</th><th scope="col">"Time"</th></tr></thead>
            <tbody>{summary.topics.iter().map(|t| view! {
                <tr><td>{t.title.clone()}</td><td>{duration(t.seconds)}</td></tr>
            }).collect_view()}</tbody></table>
        </section>
    }
}

#[component]
fn Outcome(outcome: QuestionOutcome) -> impl IntoView {
    let votes: Vec<String> = outcome
        .tally
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    view! {
        <article class="outcome">
            <h3>{format!("{}: {}", outcome.topic, outcome.question)}</h3>
            {outcome.answer.clone().map(|a| view! { <p>"Recorded: " <strong>{a}</strong></p> })}
            {(!votes.is_empty()).then(|| view! {
                <p>{format!("Votes: {}", votes.join(", "))}
                    {outcome.split.then(|| view! { " " <span class="pill risk-medium">"split vote"</span> })}</p>
            })}
            {(!outcome.decision_makers.is_empty()).then(|| view! {
                <p>{format!("Decided by {}", outcome.decision_makers.join(", "))}</p>
            })}
            {(!outcome.dissent.is_empty()).then(|| view! {
                <ul class="dissent">{outcome.dissent.iter().map(|d| view! {
                    <li>{format!("{} voted for {}", d.name, d.choice)}
                        {(!d.comment.is_empty()).then(|| view! { ": " <q>{d.comment.clone()}</q> })}</li>
                }).collect_view()}</ul>
            })}
        </article>
    }
}
