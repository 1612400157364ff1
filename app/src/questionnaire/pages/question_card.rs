use leptos::prelude::*;

use super::AnswersSaved;
use crate::{
    components::{textarea_text, FieldError, FormError},
    forms::submitted_value,
    questionnaire::{
        catalog::{wording::as_sentence, ChoiceOption, QuestionKind, OTHER_ID, OTHER_PREFIX},
        rules::Advice,
        server_fns::SaveAnswer,
        views::{QuestionView, NOTE_MAX_CHARS, OTHER_MAX_CHARS},
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
    let other_input = NodeRef::<leptos::html::Input>::new();
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
        let other = other_input
            .get_untracked()
            .map(|other| other.value())
            .unwrap_or_default();
        save.dispatch(SaveAnswer {
            project_id,
            question_id: question_id.get_value(),
            version,
            value,
            note,
            other,
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
        let value = match input.type_().as_str() {
            "radio" => input.value(),
            // Typing a name next to "Other" chooses it.
            "text" if input.name() == "other" => OTHER_ID.to_owned(),
            _ => return,
        };
        let other_typed = other_input
            .get_untracked()
            .is_some_and(|other| !other.value().trim().is_empty());
        if value == OTHER_ID && !other_typed {
            if let Some(other) = other_input.get_untracked() {
                let _ = other.focus();
            }
            return;
        }
        if save.pending().get_untracked() {
            waiting_choice.set_value(Some(value));
        } else {
            save_choice(value);
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
    let stored = typed_value
        .or_else(|| view.answer.as_ref().map(|a| a.value.clone()))
        .unwrap_or_default();
    let (chosen, other_text) = match stored.strip_prefix(OTHER_PREFIX) {
        Some(text) => (OTHER_ID.to_owned(), text.to_owned()),
        None => (stored.clone(), String::new()),
    };
    let other_text = submitted_value(&format!("other.{qid}"))
        .filter(|_| sent_here)
        .unwrap_or(other_text);
    let changed_since = view.answer.as_ref().and_then(|a| a.changed_since.clone());
    let recommended = view
        .advice
        .recommendation
        .as_ref()
        .map(|r| r.option.clone());
    // Options earlier answers rule out go last, folded away (unless one is the answer).
    let choices = |fit: bool| -> Vec<_> {
        question
            .options
            .iter()
            .filter_map(|option| {
                let unfit = view
                    .advice
                    .unfit
                    .iter()
                    .find(|u| u.option == option.id)
                    .map(|u| as_sentence(&u.reason));
                let shown = option.id == chosen || unfit.is_none();
                (shown == fit).then(|| {
                    view! {
                        <OptionChoice
                            option=option.clone()
                            checked=chosen == option.id
                            recommended=recommended.as_deref() == Some(option.id.as_str())
                            unfit
                        />
                    }
                })
            })
            .collect()
    };
    let (fitting, unfitting) = (choices(true), choices(false));
    let other_label = format!("Other choice for: {}", question.text);
    let note = submitted_value(&format!("note.{qid}"))
        .filter(|_| sent_here)
        .or_else(|| view.answer.as_ref().map(|a| a.note.clone()))
        .unwrap_or_default();
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
                            " — " {as_sentence(&r.reason)}
                        </p>
                    })}
                    {match question.kind {
                        QuestionKind::Choice => view! {
                            {fitting}
                            {question.allow_other.then(|| view! {
                                <label class="option option-other">
                                    <input type="radio" name="value" value=OTHER_ID checked=chosen == OTHER_ID/>
                                    <span class="option-label">"Other: "</span>
                                    <input type="text" name="other" node_ref=other_input maxlength=OTHER_MAX_CHARS
                                        value=other_text.clone() aria-label=other_label.clone()
                                        placeholder="name it"/>
                                </label>
                            })}
                            {(!unfitting.is_empty()).then(|| view! {
                                <details class="unfit-options">
                                    <summary>{format!("{} more that do not fit your earlier answers", unfitting.len())}</summary>
                                    {unfitting}
                                </details>
                            })}
                        }
                        .into_any(),
                        QuestionKind::Text => view! { <textarea name="value" rows="3">{textarea_text(&chosen)}</textarea> }.into_any(),
                    }}
                </fieldset>
                <FieldError error field="value"/>
                <FieldError error field="other"/>
                {changed_since.map(|version| view! {
                    <p class="hint changed-question">{format!(
                        "This answer was given under catalog {version}; the question has changed since. Check that it still holds, and save it again."
                    )}</p>
                })}
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

/// One option with its trade-offs; `unfit` says why earlier answers rule it out.
#[component]
fn OptionChoice(
    option: ChoiceOption,
    checked: bool,
    recommended: bool,
    unfit: Option<String>,
) -> impl IntoView {
    view! {
        <label class="option" class:option-unfit=unfit.is_some()>
            <input type="radio" name="value" value=option.id.clone() checked=checked/>
            <span class="option-label">{option.label.clone()}</span>
            {recommended.then(|| view! { <span class="badge">"recommended"</span> })}
            <span class="tradeoffs">
                {unfit.clone().map(|reason| view! { <span class="unfit-reason"><b>"Does not fit your answers: "</b>{reason}</span> })}
                <span><b>"Good: "</b>{as_sentence(&option.good)}</span>
                <span><b>"Bad: "</b>{as_sentence(&option.bad)}</span>
                <span><b>"Fits: "</b>{as_sentence(&option.fits)}</span>
            </span>
        </label>
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
