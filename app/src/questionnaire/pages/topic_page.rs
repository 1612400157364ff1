use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{
    progress_bar::ProgressBar, project_id_param, question_card::QuestionCard, AnswersSaved,
};
use crate::{
    components::{page_or_error, FieldError, FormError},
    decisions::WriteDecisionCard,
    error::AppError,
    forms::submitted_value,
    questionnaire::{
        server_fns::{get_topic, questionnaire_progress, MarkTopic},
        views::{TopicState, TopicView, REASON_MAX_CHARS},
    },
};

/// `/projects/:id/topics/:topic`: one step of the guided questionnaire.
#[component]
pub fn TopicPage() -> impl IntoView {
    let project_id = project_id_param();
    let params = use_params_map();
    let topic_id = Memo::new(move |_| params.read().get("topic").unwrap_or_default());
    let marked = RwSignal::new(0u32);
    provide_context(TopicMarked(marked));
    let topic = Resource::new(
        move || (project_id.get(), topic_id.get(), marked.get()),
        |(id, topic, _)| async move {
            match id {
                Some(id) => get_topic(id, topic).await,
                None => Err(AppError::not_found("The project")),
            }
        },
    );
    provide_context(AnswersSaved(RwSignal::new(0)));
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the topic…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(topic.await, |view| view! { <TopicStep view/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn TopicStep(view: TopicView) -> impl IntoView {
    let project = view.project.clone();
    let project_id = project.id;
    let topic_id = view.topic.id.clone();
    let state = view
        .progress
        .topics
        .iter()
        .find(|t| t.id == topic_id)
        .map(|t| t.state.clone());
    let base = format!("/projects/{project_id}");
    let can_edit = project.my_role >= crate::teams::domain::Role::Editor;
    view! {
        <Title text=format!("{} · {} · Groundwork", view.topic.title, project.name)/>
        <p class="breadcrumb">
            <a href=base.clone()>{project.name.clone()}</a> " · " <a href=format!("{base}/profile")>"Profile"</a>
            " · " <a href=format!("{base}/results")>"Results"</a>
            " · " <a href=format!("{base}/decisions")>"Decision log"</a>
        </p>
        <div class="wizard">
            <LiveProgress initial=view.progress.clone() project_id current=topic_id.clone()/>
            <section class="wizard-step">
                <h1>{view.topic.title.clone()}</h1>
                {(!view.has_profile).then(|| view! {
                    <p class="notice">"Fill in the " <a href=format!("{base}/profile")>"project profile"</a> " first: the recommendations depend on it."</p>
                })}
                {(!view.review_reasons.is_empty()).then(|| view! {
                    <div class="notice review" role="note">
                        <p><strong>"Review this topic: other answers affect it."</strong></p>
                        <ul>{view.review_reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                    </div>
                })}
                {state.clone().map(|s| view! { <p class=format!("topic-state {}", s.css_class())>{s.label()}</p> })}
                <div class="guidance" inner_html=view.topic.guidance_html.clone()></div>
                {view.questions.into_iter().map(|q| view! { <QuestionCard project_id view=q/> }).collect_view()}
                <TopicNavigation project_id topic_id=topic_id.clone() previous=view.previous next=view.next state/>
                {can_edit.then(|| view! { <WriteDecisionCard project_id topic_id/> })}
            </section>
        </div>
    }
}

/// Bumped when the topic is skipped, set aside or reopened, to reload the step.
#[derive(Clone, Copy)]
struct TopicMarked(RwSignal<u32>);

/// The progress bar, refreshed after every saved answer.
#[component]
fn LiveProgress(
    initial: crate::questionnaire::views::Progress,
    project_id: i32,
    current: String,
) -> impl IntoView {
    let saved = use_context::<AnswersSaved>().map(|AnswersSaved(count)| count);
    let progress = RwSignal::new(initial);
    Effect::new(move |previous: Option<u32>| {
        let now = saved.map_or(0, |count| count.get());
        if previous.is_some_and(|previous| previous != now) {
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = questionnaire_progress(project_id).await {
                    progress.set(fresh);
                }
            });
        }
        now
    });
    view! { {move || view! { <ProgressBar progress=progress.get() project_id current=current.clone()/> }} }
}

#[component]
fn TopicNavigation(
    project_id: i32,
    topic_id: String,
    previous: Option<String>,
    next: Option<String>,
    state: Option<TopicState>,
) -> impl IntoView {
    let mark = ServerAction::<MarkTopic>::new();
    let error = Signal::derive(move || mark.value().get().and_then(Result::err));
    if let Some(TopicMarked(marked)) = use_context::<TopicMarked>() {
        Effect::new(move |_| {
            if matches!(mark.value().get(), Some(Ok(()))) {
                marked.update(|n| *n += 1);
            }
        });
    }
    let base = format!("/projects/{project_id}");
    let marked = matches!(
        state,
        Some(TopicState::Skipped | TopicState::NotApplicable { .. })
    );
    let target = MarkTarget {
        project_id,
        topic_id,
    };
    view! {
        <nav class="step-navigation" aria-label="Topic navigation">
            {previous.map(|p| view! { <a class="button secondary" href=format!("{base}/topics/{p}")>"← Back"</a> })}
            {match next {
                Some(n) => view! { <a class="button" href=format!("{base}/topics/{n}")>"Next topic →"</a> }.into_any(),
                None => view! { <a class="button" href=format!("{base}/results")>"See the results →"</a> }.into_any(),
            }}
        </nav>
        <section class="card mark-topic" aria-label="Skip or set aside this topic">
            <FormError error/>
            <MarkForm action=mark target=target.clone() mark="skipped">
                <button type="submit" class="secondary">"Skip for now"</button>
            </MarkForm>
            <MarkForm action=mark target=target.clone() mark="not_applicable">
                <label for="na-reason">"Not applicable, because"</label>
                <input id="na-reason" name="reason" maxlength=REASON_MAX_CHARS value=submitted_value("reason")/>
                <button type="submit" class="secondary">"Mark not applicable"</button>
                <FieldError error field="reason"/>
            </MarkForm>
            {marked.then(|| view! {
                <MarkForm action=mark target mark="reopen">
                    <button type="submit" class="secondary">"Reopen this topic"</button>
                </MarkForm>
            })}
        </section>
    }
}

/// Which topic of which project a mark form is about.
#[derive(Clone)]
struct MarkTarget {
    project_id: i32,
    topic_id: String,
}

/// A form that marks the topic skipped, not applicable or reopened.
#[component]
fn MarkForm(
    action: ServerAction<MarkTopic>,
    target: MarkTarget,
    mark: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="project_id" value=target.project_id/>
            <input type="hidden" name="topic_id" value=target.topic_id/>
            <input type="hidden" name="mark" value=mark/>
            {children()}
        </ActionForm>
    }
}
