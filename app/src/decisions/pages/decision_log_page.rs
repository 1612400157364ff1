use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use super::{project_id_param, status_badge::StatusBadge};
use crate::{
    components::page_or_error,
    decisions::{
        domain::{AdrLogPage, AdrStatus, AdrSummary},
        server_fns::list_adrs,
    },
    error::AppError,
};

/// `/projects/:id/decisions`: the log, filtered by status and topic, searched, sorted, in pages
/// of 50; as a table or as a timeline. The filter form is a plain GET form.
#[component]
pub fn DecisionLogPage() -> impl IntoView {
    let project_id = project_id_param();
    let query = use_query_map();
    let get = move |key: &str| query.read().get(key).unwrap_or_default();
    let log = Resource::new(
        move || {
            (
                project_id.get(),
                get("status"),
                get("topic"),
                get("q"),
                get("sort"),
                get("page"),
            )
        },
        |(project, status, topic, q, sort, page)| async move {
            let Some(project) = project else {
                return Err(AppError::not_found("The project"));
            };
            list_adrs(project, status, topic, q, sort, page.parse().unwrap_or(1)).await
        },
    );
    let timeline = move || get("view") == "timeline";

    view! {
        <Title text="Decision log · Groundwork"/>
        <p class="breadcrumb"><a href=move || format!("/projects/{}", project_id.get().unwrap_or_default())>"Project"</a></p>
        <h1>"Decision log"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading decisions…"</p> }>
            {move || Suspend::new(async move {
                page_or_error(log.await, move |log| view! { <LogBody log timeline=timeline()/> }.into_any())
            })}
        </Transition>
    }
}

#[component]
fn Filters(topics: Vec<(String, String)>) -> impl IntoView {
    let query = use_query_map();
    let current = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    let status = current("status");
    let topic = current("topic");
    let sort = current("sort");
    view! {
        <Form method="GET" action="" attr:class="filters" attr:role="search">
            <label for="log-q">"Search"</label>
            <input id="log-q" name="q" type="search" value=current("q") maxlength="200"/>
            <label for="log-status">"Status"</label>
            <select id="log-status" name="status">
                <option value="">"Any"</option>
                {AdrStatus::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=status == s.as_str()>{s.label()}</option>
                }).collect_view()}
            </select>
            <label for="log-topic">"Topic"</label>
            <select id="log-topic" name="topic">
                <option value="">"Any"</option>
                {topics.into_iter().map(|(id, title)| {
                    let selected = topic == id;
                    view! { <option value=id selected=selected>{title}</option> }
                }).collect_view()}
            </select>
            <label for="log-sort">"Sort"</label>
            <select id="log-sort" name="sort">
                <option value="number" selected=sort.is_empty() || sort == "number">"Number"</option>
                <option value="-number" selected=sort == "-number">"Newest first"</option>
                <option value="title" selected=sort == "title">"Title"</option>
                <option value="updated" selected=sort == "updated">"Last changed"</option>
            </select>
            <button type="submit">"Apply"</button>
        </Form>
    }
}

#[component]
fn LogBody(log: AdrLogPage, timeline: bool) -> impl IntoView {
    let query = use_query_map();
    let link_with = move |key: &'static str, value: String| {
        let mut pairs: Vec<(String, String)> = query
            .read_untracked()
            .clone()
            .into_iter()
            .filter(|(k, _)| k != key)
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        pairs.push((key.to_owned(), value));
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::forms::url_encode(v)))
            .collect();
        format!("?{}", query.join("&"))
    };
    let (page, pages, total) = (log.page, log.pages, log.total);
    view! {
        <Filters topics=log.topics.clone()/>
        <p class="log-tools">
            {format!("{total} decision{}", if total == 1 { "" } else { "s" })}
            " · "
            {if timeline {
                view! { <a href=link_with("view", "table".into())>"Show as table"</a> }.into_any()
            } else {
                view! { <a href=link_with("view", "timeline".into())>"Show as timeline"</a> }.into_any()
            }}
            {log.can_edit.then(|| view! { " · " <a href="decisions/new">"Write a decision"</a> })}
        </p>
        {if log.items.is_empty() {
            view! { <p class="empty">"No decisions match."</p> }.into_any()
        } else if timeline {
            view! { <Timeline items=log.items/> }.into_any()
        } else {
            view! { <LogTable items=log.items topics=log.topics/> }.into_any()
        }}
        <nav class="pagination" aria-label="Pages">
            {(page > 1).then(|| view! { <a href=link_with("page", (page - 1).to_string()) rel="prev">"Previous"</a> })}
            <span>{format!("Page {page} of {pages}")}</span>
            {(page < pages).then(|| view! { <a href=link_with("page", (page + 1).to_string()) rel="next">"Next"</a> })}
        </nav>
    }
}

#[component]
fn LogTable(items: Vec<AdrSummary>, topics: Vec<(String, String)>) -> impl IntoView {
    // The topic's title, not its id; an id the catalog no longer has is shown as it is.
    let topic_title = move |id: Option<&String>| {
        id.map(|id| {
            topics
                .iter()
                .find(|(known, _)| known == id)
                .map_or_else(|| id.clone(), |(_, title)| title.clone())
        })
        .unwrap_or_default()
    };
    view! {
        <table class="adr-log">
            <thead><tr>
                <th scope="col">"Number"</th><th scope="col">"Title"</th><th scope="col">"Status"</th>
                <th scope="col">"Topic"</th><th scope="col">"Date"</th><th scope="col">"Decision-makers"</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|adr| view! {
                    <tr>
                        <td>{adr.display_number.clone()}</td>
                        <td><a href=format!("decisions/{}", adr.number)>{adr.title.clone()}</a>
                            {adr.overdue.then(|| view! { " " <span class="flag">"Revisit overdue"</span> })}</td>
                        <td><StatusBadge status=adr.status/></td>
                        <td>{topic_title(adr.topic_id.as_ref())}</td>
                        <td>{adr.decision_date.clone()}</td>
                        <td>{adr.decision_makers.join(", ")}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Timeline(items: Vec<AdrSummary>) -> impl IntoView {
    let mut items = items;
    items.sort_by(|a, b| {
        b.decision_date
            .cmp(&a.decision_date)
            .then(b.number.cmp(&a.number))
    });
    view! {
        <ol class="timeline">
            {items.into_iter().map(|adr| view! {
                <li>
                    {if adr.decision_date.is_empty() {
                        view! { <span class="no-date">"no date"</span> }.into_any()
                    } else {
                        view! { <time datetime=adr.decision_date.clone()>{adr.decision_date.clone()}</time> }.into_any()
                    }}
                    <a href=format!("decisions/{}", adr.number)>{format!("{} {}", adr.display_number, adr.title)}</a>
                    " " <StatusBadge status=adr.status/>
                </li>
            }).collect_view()}
        </ol>
    }
}
