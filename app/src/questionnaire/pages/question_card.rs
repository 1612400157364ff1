use leptos::prelude::*;

use super::AnswersSaved;
use crate::{
    components::{textarea_text, FieldError, FormError},
    forms::submitted_value,
    questionnaire::{
        catalog::QuestionKind,
        rules::Advice,
        server_fns::SaveAnswer,
        views::{QuestionView, NOTE_MAX_CHARS},
    },
};

/// One question: the recommendation before answering, the options with their trade-offs, a note,
/// and once answered, the risk the answer carries.
#[component]
pub fn QuestionCard(project_id: i32, view: QuestionView) -> impl IntoView {
    let save = ServerAction::<SaveAnswer>::new();
    let question = view.question.clone();
    let qid = question.id.clone();
    // The answer and advice as last saved: derived, so the version the forms send is never stale.
    let current = {
        let initial = view.clone();
        Memo::new(
            move |previous: Option<&QuestionView>| match save.value().get() {
                Some(Ok(saved)) => saved,
                _ => previous.cloned().unwrap_or_else(|| initial.clone()),
            },
        )
    };
    let answers_saved = use_context::<AnswersSaved>();
    let note_input = NodeRef::<leptos::html::Textarea>::new();
    let question_id = StoredValue::new(qid.clone());
    // With JavaScript a choice is saved the moment it is made. One card saves one thing at a time:
    // a choice made while a save is in flight waits for it, then goes with the new version.
    let waiting_choice = StoredValue::new(None::<String>);
    let save_choice = move |value: String| {
        let version = current.with_untracked(|c| c.answer.as_ref().map_or(0, |a| a.version));
        let note = note_input
            .get_untracked()
            .map(|note| note.value())
            .unwrap_or_default();
        save.dispatch(SaveAnswer {
            project_id,
            question_id: question_id.get_value(),
            version,
            value,
            note,
        });
    };
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            if let Some(AnswersSaved(count)) = answers_saved {
                count.update(|n| *n += 1);
            }
            if let Some(value) = waiting_choice.try_update_value(Option::take).flatten() {
                save_choice(value);
            }
        }
        Some(Err(_)) => waiting_choice.set_value(None),
        None => {}
    });
    let on_choice = move |event: leptos::ev::Event| {
        let input: leptos::web_sys::HtmlInputElement = event_target(&event);
        if input.type_() != "radio" {
            return;
        }
        if save.pending().get_untracked() {
            waiting_choice.set_value(Some(input.value()));
        } else {
            save_choice(input.value());
        }
    };
    // Without JavaScript every card on the page sees the failed save in the URL: show it only in
    // the card that sent it.
    let sent_here = submitted_value("question").as_deref() == Some(qid.as_str());
    let error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(Result::err)
            .filter(|_| sent_here || save.version().get() > 0)
    });
    let typed_value = submitted_value(&format!("value.{qid}")).filter(|_| sent_here);
    let chosen = typed_value
        .or_else(|| view.answer.as_ref().map(|a| a.value.clone()))
        .unwrap_or_default();
    let note = submitted_value(&format!("note.{qid}"))
        .filter(|_| sent_here)
        .or_else(|| view.answer.as_ref().map(|a| a.note.clone()))
        .unwrap_or_default();
    let recommended = view
        .advice
        .recommendation
        .as_ref()
        .map(|r| r.option.clone());
    let note_id = format!("note-{qid}");
    let card_id = format!("question-{qid}");

    view! {
        <article class="card question" id=card_id>
            <ActionForm action=save>
                <input type="hidden" name="project_id" value=project_id/>
                <input type="hidden" name="question_id" value=qid.clone()/>
                <input type="hidden" name="version" value=move || current.read().answer.as_ref().map_or(0, |a| a.version)/>
                <fieldset on:change=on_choice>
                    <legend>{question.text.clone()}</legend>
                    {view.advice.recommendation.clone().map(|r| view! {
                        <p class="recommendation">
                            <strong>"Recommended: "</strong>
                            {question.option(&r.option).map(|o| o.label.clone())}
                            " — " {r.reason}
                        </p>
                    })}
                    {match question.kind {
                        QuestionKind::Choice => question
                            .options
                            .iter()
                            .map(|option| {
                                let is_recommended = recommended.as_deref() == Some(option.id.as_str());
                                view! {
                                    <label class="option">
                                        <input type="radio" name="value" value=option.id.clone() checked=chosen == option.id/>
                                        <span class="option-label">{option.label.clone()}</span>
                                        {is_recommended.then(|| view! { <span class="badge">"recommended"</span> })}
                                        <span class="tradeoffs">
                                            <span><b>"Good: "</b>{option.good.clone()}</span>
                                            <span><b>"Bad: "</b>{option.bad.clone()}</span>
                                            <span><b>"Fits: "</b>{option.fits.clone()}</span>
                                        </span>
                                    </label>
                                }
                            })
                            .collect_view()
                            .into_any(),
                        QuestionKind::Text => view! { <textarea name="value" rows="3">{textarea_text(&chosen)}</textarea> }.into_any(),
                    }}
                </fieldset>
                <FieldError error field="value"/>
                <label for=note_id.clone()>"Note " <span class="hint">"(optional: why, who, open points)"</span></label>
                <textarea id=note_id node_ref=note_input name="note" rows="2" maxlength=NOTE_MAX_CHARS>{textarea_text(&note)}</textarea>
                <FieldError error field="note"/>
                <FormError error/>
                <button type="submit" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Saving…" } else { "Save answer" }}
                </button>
            </ActionForm>
            {move || {
                let view = current.get();
                view.answer.map(|_| view! { <RiskPanel advice=view.advice/> })
            }}
        </article>
    }
}

#[component]
fn RiskPanel(advice: Advice) -> impl IntoView {
    let level = advice.level();
    view! {
        <div class=format!("risk-panel {}", level.css_class()) role="status">
            <p class="risk-level">{level.label()}</p>
            {if advice.risks.is_empty() {
                view! { <p>"This answer raises no risk for your profile."</p> }.into_any()
            } else {
                advice
                    .risks
                    .into_iter()
                    .map(|risk| view! {
                        <p class="risk-reason">{risk.reason}</p>
                        <p class="risk-improvement"><b>"Improve: "</b>{risk.improvement}</p>
                    })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}
