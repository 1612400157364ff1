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
/// Decision-makers are chosen from `team` (the team's members).
#[component]
pub fn AdrFields(
    project_id: i32,
    form: AdrForm,
    team: Vec<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <FormError error/>
        <label for="adr-title">"Title"</label>
        <input id="adr-title" name="adr[title]" required maxlength=TITLE_MAX_CHARS value=form.title.clone()
            aria-describedby="title-error"/>
        <FieldError error field="title"/>
        <People name="decision_makers" label="Decision-makers" value=form.decision_makers.clone() team error/>
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

/// A list of names, one per line. With `team`, the names must be the team's members: they are
/// listed under the field, and each button adds its name.
#[component]
fn People(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] team: Option<Vec<String>>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("adr-{name}");
    let text = NodeRef::<leptos::html::Textarea>::new();
    let described_by = if team.is_some() {
        format!("{name}-error {name}-team")
    } else {
        format!("{name}-error")
    };
    let choices = team.map(|team| {
        let add = move |person: String| {
            if let Some(text) = text.get() {
                let current = text.value();
                // The same comparison as the server's: case does not make another person.
                let wanted = person.to_lowercase();
                let listed = current.lines().any(|line| line.trim().to_lowercase() == wanted);
                if !listed {
                    let separator = if current.trim().is_empty() { "" } else { "\n" };
                    text.set_value(&format!("{}{separator}{person}", current.trim_end()));
                }
            }
        };
        view! {
            <p class="hint people-choices" id=format!("{name}-team")>
                "Members of the team: "
                {team.into_iter().map(|person| {
                    let label = person.clone();
                    view! {
                        <button type="button" class="secondary small" on:click=move |_| add(person.clone())>
                            {label}
                        </button>
                    }
                }).collect_view()}
            </p>
        }
    });
    view! {
        <label for=id.clone()>{label} " " <span class="hint">"(one per line)"</span></label>
        <textarea id=id node_ref=text name=format!("adr[{name}]") rows="2" aria-describedby=described_by>{textarea_text(&value)}</textarea>
        {choices}
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
