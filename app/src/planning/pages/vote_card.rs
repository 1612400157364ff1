use leptos::prelude::*;

use crate::{
    components::{FieldError, FormError},
    forms::submitted_value,
    planning::{
        domain::{SessionState, COMMENT_MAX_CHARS},
        server_fns::{CastSessionVote, RecordSessionAnswer},
    },
    questionnaire::{
        catalog::{Question, OTHER_ID, OTHER_PREFIX},
        views::{QuestionView, OTHER_MAX_CHARS},
    },
};

/// What every card of the session page shares.
#[derive(Clone, Copy)]
pub struct VoteContext {
    pub state: RwSignal<SessionState>,
    pub project_id: i32,
    pub session_id: i32,
    pub my_user_id: i32,
    pub i_vote: bool,
    pub i_facilitate: bool,
}

/// One question in the session: the recommendation, the tally and the spread of opinion beside
/// it, the vote form, and for the facilitator the form that records the team's answer.
#[component]
pub fn VoteCard(question: QuestionView, context: VoteContext) -> impl IntoView {
    let VoteContext { state, .. } = context;
    let q = StoredValue::new(question.question.clone());
    let qid = question.question.id.clone();
    let id_for = qid.clone();
    let label = move |value: &str| q.with_value(|q: &Question| q.chosen(value).label());
    let recommendation = question.advice.recommendation.clone().map(|r| {
        let name = label(&r.option);
        view! { <p class="recommendation">"Groundwork recommends " <strong>{name}</strong> ": " {r.reason}</p> }
    });
    let tally = {
        let qid = qid.clone();
        Memo::new(move |_| state.with(|s| s.tally(&qid)))
    };
    let recorded = {
        let qid = qid.clone();
        Memo::new(move |_| state.with(|s| s.recorded_answer(&qid).cloned()))
    };
    let votes = {
        let qid = qid.clone();
        move || {
            state.with(|s| {
                s.votes_on(&qid)
                    .map(|v| {
                        (
                            s.name_of(v.user_id).to_owned(),
                            label(&v.value),
                            v.comment.clone(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    // Memos: the forms below are built again only when voting opens or closes, so an event
    // from someone else never resets what this person is choosing or typing.
    let open = Memo::new(move |_| recorded.with(Option::is_none) && !state.with(|s| s.ended));
    let leader = Memo::new(move |_| tally.with(|t| t.leader().map(str::to_owned)));
    view! {
        <section class="card vote-card" id=format!("question-{id_for}") data-question=id_for.clone()>
            <h3>{question.question.text.clone()}</h3>
            {recommendation}
            <div class="tally" aria-live="polite">
                {move || {
                    let t = tally.get();
                    if t.total == 0 {
                        return view! { <p class="hint">"No votes yet."</p> }.into_any();
                    }
                    view! {
                        <p class="tally-total">{format!("{} vote{}", t.total, if t.total == 1 { "" } else { "s" })}</p>
                        <ul class="tally-list">
                            {t.counts.iter().map(|(value, count)| view! {
                                <li><span class="tally-option">{label(value)}</span>
                                    <meter min="0" max=t.total value=*count></meter>
                                    <span class="tally-count">{*count}</span></li>
                            }).collect_view()}
                        </ul>
                        {t.is_split().then(|| view! {
                            <p class="split-flag" role="status">"Split vote: no option holds a majority. Talk it through before recording."</p>
                        })}
                    }.into_any()
                }}
                <ul class="vote-list">
                    {move || votes().into_iter().map(|(name, choice, comment)| view! {
                        <li><strong>{name}</strong>": "{choice}
                            {(!comment.is_empty()).then(|| view! { " — " <q>{comment.clone()}</q> })}</li>
                    }).collect_view()}
                </ul>
            </div>
            {move || recorded.get().map(|r| view! {
                <p class="recorded" role="status">"Recorded: " <strong>{label(&r.value)}</strong>
                    {format!(" (by {}). Votes on this question are closed.", r.recorded_by)}</p>
            })}
            {move || (open.get() && context.i_vote).then(|| view! { <VoteForm question=q.get_value() context/> })}
            {move || (open.get() && context.i_facilitate).then(|| view! { <RecordForm question=q.get_value() context leader/> })}
        </section>
    }
}

#[component]
fn VoteForm(question: Question, context: VoteContext) -> impl IntoView {
    let vote = ServerAction::<CastSessionVote>::new();
    // Without JavaScript every card sees a failed post in the URL: show it in the card that sent it.
    let sent_here = submitted_value("question").as_deref() == Some(question.id.as_str());
    let error = Signal::derive(move || {
        vote.value()
            .get()
            .and_then(Result::err)
            .filter(|_| sent_here || vote.version().get() > 0)
    });
    let voted = {
        let qid = question.id.clone();
        Memo::new(move |_| {
            context
                .state
                .with(|s| s.votes_on(&qid).any(|v| v.user_id == context.my_user_id))
        })
    };
    let mine = context.state.with_untracked(|s| {
        s.votes_on(&question.id)
            .find(|v| v.user_id == context.my_user_id)
            .map(|v| (v.value.clone(), v.comment.clone()))
    });
    let (my_value, my_comment) = mine.unwrap_or_default();
    let comment = submitted_value("comment")
        .filter(|_| sent_here)
        .unwrap_or(my_comment);
    let (chosen, other_text) = match my_value.strip_prefix(OTHER_PREFIX) {
        Some(text) => (OTHER_ID.to_owned(), text.to_owned()),
        None => (my_value.clone(), String::new()),
    };
    let qid = question.id.clone();
    view! {
        <ActionForm action=vote attr:class="vote-form">
            <FormError error/>
            <input type="hidden" name="project_id" value=context.project_id/>
            <input type="hidden" name="session_id" value=context.session_id/>
            <input type="hidden" name="question_id" value=qid.clone()/>
            <fieldset>
                <legend>"Your vote"</legend>
                {question.options.iter().map(|option| {
                    let id = format!("vote-{}-{}", qid, option.id);
                    let label_for = id.clone();
                    view! {
                        <label for=label_for class="option">
                            <input type="radio" id=id name="value" value=option.id.clone() required checked=chosen == option.id/>
                            " " {option.label.clone()}
                        </label>
                    }
                }).collect_view()}
                {question.allow_other.then(|| view! {
                    <label class="option"><input type="radio" name="value" value=OTHER_ID checked=chosen == OTHER_ID/>" Other: "
                        <input type="text" name="other" maxlength=OTHER_MAX_CHARS value=other_text aria-label="The other choice"/></label>
                })}
                <FieldError error field="value"/>
                <FieldError error field="other"/>
            </fieldset>
            <label for=format!("comment-{qid}")>"Comment (optional)"</label>
            <input id=format!("comment-{qid}") name="comment" maxlength=COMMENT_MAX_CHARS value=comment autocomplete="off"/>
            <FieldError error field="comment"/>
            <button type="submit" disabled=move || vote.pending().get()>
                {move || if voted.get() { "Change my vote" } else { "Vote" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn RecordForm(
    question: Question,
    context: VoteContext,
    leader: Memo<Option<String>>,
) -> impl IntoView {
    let record = ServerAction::<RecordSessionAnswer>::new();
    let sent_here = submitted_value("question").as_deref() == Some(question.id.as_str());
    let error = Signal::derive(move || {
        record
            .value()
            .get()
            .and_then(Result::err)
            .filter(|_| sent_here || record.version().get() > 0)
    });
    // The leading option is preselected, and follows the votes until the facilitator picks one.
    let picked = RwSignal::new(None::<String>);
    let first = question
        .options
        .first()
        .map(|o| o.id.clone())
        .unwrap_or_default();
    let shown = move || {
        picked
            .get()
            .or_else(|| leader.get())
            .unwrap_or_else(|| first.clone())
    };
    let initial = leader.get_untracked();
    let qid = question.id.clone();
    let select_id = format!("record-{qid}");
    view! {
        <ActionForm action=record attr:class="record-form">
            <FormError error/>
            <input type="hidden" name="project_id" value=context.project_id/>
            <input type="hidden" name="session_id" value=context.session_id/>
            <input type="hidden" name="question_id" value=qid.clone()/>
            <label for=select_id.clone()>"The team’s answer"</label>
            <select id=select_id name="value" prop:value=shown on:change=move |ev| picked.set(Some(event_target_value(&ev)))>
                {question.options.iter().map(|option| view! {
                    <option value=option.id.clone() selected=initial.as_deref() == Some(option.id.as_str())>{option.label.clone()}</option>
                }).collect_view()}
            </select>
            <FieldError error field="value"/>
            <fieldset class="inline">
                <legend>"Decision-makers in the ADR"</legend>
                <label><input type="radio" name="decision_makers" value="present" checked/>" everyone present"</label>
                <label><input type="radio" name="decision_makers" value="voters"/>" those who voted"</label>
            </fieldset>
            <button type="submit" disabled=move || record.pending().get()>"Record the team’s answer"</button>
        </ActionForm>
    }
}
