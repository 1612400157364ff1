use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    facilitator_bar::FacilitatorBar,
    live_stream::{follow_session, StreamStatus},
    presence_list::PresenceList,
    session_id_param,
    vote_card::{VoteCard, VoteContext},
};
use crate::{
    components::{page_or_error, project_id_param},
    error::AppError,
    planning::{server_fns::get_planning_session, time_text::timebox_end, views::SessionPageView},
    questionnaire::{catalog::QuestionKind, server_fns::get_topic, views::TopicView},
};

/// `/projects/:id/sessions/:session`: the live session. Without JavaScript it shows the state as
/// loaded and takes votes as form posts; with it, everyone's changes appear as they happen.
#[component]
pub fn SessionPage() -> impl IntoView {
    let project_id = project_id_param();
    let session_id = session_id_param();
    let query = use_query_map();
    let page = Resource::new(
        move || (project_id.get(), session_id.get()),
        move |ids| async move {
            // The first topic comes with the page; later ones as the viewer moves (not a new
            // page load, so the stream stays open).
            let topic = query.with_untracked(|q| q.get("topic")).unwrap_or_default();
            match ids {
                (Some(project), Some(session)) => {
                    get_planning_session(project, session, topic).await
                }
                _ => Err(AppError::not_found("The planning session")),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the session…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(page.await, |view| view! { <LiveSession view/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn LiveSession(view: SessionPageView) -> impl IntoView {
    let state = RwSignal::new(view.state.clone());
    let status = RwSignal::new(StreamStatus::Static);
    follow_session(state, status);
    let project_id = view.state.project_id;
    let session_id = view.state.session_id;
    let base = format!("/projects/{project_id}/sessions/{session_id}");
    let topics = StoredValue::new(view.topics.clone());
    let title_of = move |id: &str| {
        topics.with_value(|t| {
            t.iter()
                .find(|(tid, _)| tid == id)
                .map_or_else(|| id.to_owned(), |(_, title)| title.clone())
        })
    };
    // Following the group unless the URL names a topic to look at.
    let query = use_query_map();
    let browsing = Memo::new(move |_| query.read().get("topic").filter(|t| !t.is_empty()));
    let viewed = Memo::new(move |_| {
        browsing
            .get()
            .or_else(|| state.with(|s| s.current_topic_id.clone()))
    });
    let (shown_topic, topic_error) = follow_viewed_topic(project_id, viewed, view.topic.clone());
    let context = VoteContext {
        state,
        project_id,
        session_id,
        my_user_id: view.my_user_id,
        i_vote: view.i_vote,
        i_facilitate: view.i_facilitate,
    };
    let group_line = move || {
        state.with(|s| match &s.current_topic_id {
            Some(topic) => {
                let timebox = s.timebox_minutes.map(|minutes| {
                    match s
                        .topic_started_at
                        .as_deref()
                        .and_then(|t| timebox_end(t, minutes))
                    {
                        Some(until) => format!(" · timebox {minutes} min, until {until}"),
                        None => format!(" · timebox {minutes} min"),
                    }
                });
                format!(
                    "The group is on “{}”{}",
                    title_of(topic),
                    timebox.unwrap_or_default()
                )
            }
            None => "The facilitator has not brought the group to a topic yet.".to_owned(),
        })
    };
    let base_for_back = base.clone();
    view! {
        <Title text=format!("Planning session · {} · Groundwork", view.project_name)/>
        <p class="breadcrumb"><a href=format!("/projects/{project_id}")>{view.project_name.clone()}</a></p>
        <h1>"Planning session"</h1>
        <p class="session-status" data-stream=move || status.get().as_str()>
            {move || format!("Facilitated by {}. ", state.with(|s| s.facilitator.clone()))}
            {move || match status.get() {
                StreamStatus::Live => "Live: changes appear as they happen.",
                StreamStatus::Connecting => "Reconnecting…",
                StreamStatus::Static => "Reload the page to see others’ changes.",
            }}
            " " <a href=format!("{base}/summary")>"Summary"</a>
        </p>
        <Show when=move || state.with(|s| s.ended)>
            <p class="notice" role="status">"This session has ended. "
                <a href=format!("/projects/{project_id}/sessions/{session_id}/summary")>"Read its summary"</a>"."</p>
        </Show>
        <PresenceList state/>
        {view.i_facilitate.then(|| {
            let topics = view.topics.clone();
            view! {
                <Show when=move || !state.with(|s| s.ended)>
                    <FacilitatorBar state topics=topics.clone()/>
                </Show>
            }
        })}
        <p class="group-topic" role="status" aria-live="polite">{group_line}</p>
        {move || browsing.get().map(|topic| view! {
            <p class="browsing">{format!("You are looking at “{}” on your own. ", title_of(&topic))}
                <a href=base_for_back.clone() class="button">"Back to the group"</a></p>
        })}
        <nav class="session-topics" aria-label="Topics">
            <ul>
                {view.topics.iter().map(|(id, title)| {
                    let href = format!("/projects/{project_id}/sessions/{session_id}?topic={id}");
                    let id = id.clone();
                    let current = move || (viewed.get().as_deref() == Some(id.as_str())).then_some("page");
                    view! { <li><a href=href aria-current=current>{title.clone()}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        {move || shown_topic.get().map(|topic| view! { <SessionTopic topic context/> })}
        {move || topic_error.get().map(|error| view! { <p class="form-error" role="alert">{error.to_string()}</p> })}
    }
}

/// The topic on screen, loaded again whenever the one looked at changes (the facilitator moves
/// the group, or the viewer browses). In the browser only: the server renders the page's own.
fn follow_viewed_topic(
    project_id: i32,
    viewed: Memo<Option<String>>,
    first: Option<TopicView>,
) -> (RwSignal<Option<TopicView>>, RwSignal<Option<AppError>>) {
    let shown = RwSignal::new(first);
    let error = RwSignal::new(None);
    Effect::new(move |_| {
        let wanted = viewed.get();
        let on_screen = shown.with_untracked(|t| t.as_ref().map(|t| t.topic.id.clone()));
        if wanted == on_screen {
            return;
        }
        leptos::task::spawn_local(async move {
            let loaded = match wanted.clone() {
                Some(topic) => get_topic(project_id, topic).await.map(Some),
                None => Ok(None),
            };
            // A later move may have overtaken this one.
            if viewed.get_untracked() != wanted {
                return;
            }
            match loaded {
                Ok(topic) => {
                    shown.set(topic);
                    error.set(None);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    });
    (shown, error)
}

/// The questions of one topic, each with its votes.
#[component]
fn SessionTopic(topic: TopicView, context: VoteContext) -> impl IntoView {
    view! {
        <h2>{topic.topic.title.clone()}</h2>
        {topic.questions.into_iter()
            .filter(|q| q.question.kind == QuestionKind::Choice)
            .map(|question| view! { <VoteCard question context/> })
            .collect_view()}
    }
}
