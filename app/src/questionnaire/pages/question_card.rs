use leptos::prelude::*;

use super::AnswersSaved;
use crate::{
    components::{FieldError, FormError},
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
    let current = RwSignal::new(view.clone());
    let answers_saved = use_context::<AnswersSaved>();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            current.set(saved);
            if let Some(AnswersSaved(count)) = answers_saved {
                count.update(|n| *n += 1);
            }
        }
    });
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
                <fieldset>
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
                        QuestionKind::Text => view! { <textarea name="value" rows="3">{chosen.clone()}</textarea> }.into_any(),
                    }}
                </fieldset>
                <FieldError error field="value"/>
                <label for=note_id.clone()>"Note " <span class="hint">"(optional: why, who, open points)"</span></label>
                <textarea id=note_id name="note" rows="2" maxlength=NOTE_MAX_CHARS>{note}</textarea>
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
