use leptos::prelude::*;

use crate::{
    components::{textarea_text, FieldError, FormError},
    decisions::{
        domain::{AdrForm, SECTIONS, TITLE_MAX_CHARS},
        server_fns::preview_markdown,
    },
    error::AppError,
};

/// The fields of an ADR form (inside the caller's `<ActionForm>`), named `adr[...]`. Each
/// section has a preview rendered by the server exactly as saving would render it.
#[component]
pub fn AdrFields(
    project_id: i32,
    form: AdrForm,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <FormError error/>
        <label for="adr-title">"Title"</label>
        <input id="adr-title" name="adr[title]" required maxlength=TITLE_MAX_CHARS value=form.title.clone()
            aria-describedby="title-error"/>
        <FieldError error field="title"/>
        <People name="decision_makers" label="Decision-makers" value=form.decision_makers.clone() error/>
        <People name="consulted" label="Consulted" value=form.consulted.clone() error/>
        <People name="informed" label="Informed" value=form.informed.clone() error/>
        {SECTIONS.into_iter().map(|(field, heading)| {
            let value = form.section(field).to_owned();
            view! { <Section project_id field heading value error/> }
        }).collect_view()}
        <label for="adr-revisit">"Revisit by " <span class="hint">"(optional)"</span></label>
        <input id="adr-revisit" name="adr[revisit_by]" type="date" value=form.revisit_by.clone()
            aria-describedby="revisit_by-error"/>
        <FieldError error field="revisit_by"/>
    }
}

#[component]
fn People(
    name: &'static str,
    label: &'static str,
    value: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("adr-{name}");
    view! {
        <label for=id.clone()>{label} " " <span class="hint">"(one per line)"</span></label>
        <textarea id=id name=format!("adr[{name}]") rows="2" aria-describedby=format!("{name}-error")>{textarea_text(&value)}</textarea>
        <FieldError error field=name/>
    }
}

#[component]
fn Section(
    project_id: i32,
    field: &'static str,
    heading: &'static str,
    value: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("adr-{field}");
    let text = NodeRef::<leptos::html::Textarea>::new();
    let preview =
        Action::new(move |markdown: &String| preview_markdown(project_id, markdown.clone()));
    let show_preview = move |_| {
        if let Some(text) = text.get() {
            preview.dispatch(text.value());
        }
    };
    view! {
        <label for=id.clone()>{heading} " " <span class="hint">"(markdown)"</span></label>
        <textarea id=id node_ref=text name=format!("adr[{field}]") rows="6" aria-describedby=format!("{field}-error")>{textarea_text(&value)}</textarea>
        <FieldError error field/>
        <button type="button" class="secondary small" on:click=show_preview>"Preview"</button>
        {move || preview.value().get().map(|rendered| match rendered {
            Ok(html) => view! { <div class="markdown preview" inner_html=html></div> }.into_any(),
            Err(error) => view! { <p class="field-error">{error.to_string()}</p> }.into_any(),
        })}
    }
}
