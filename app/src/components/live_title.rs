//! A page title that follows what the page shows (a renamed project, a re-titled ADR).
//!
//! On the server, leptos_meta calls a `<Title>`'s text closure after the page has rendered and
//! outside the request's sandboxed reactive arena. A closure that reads an arena-backed signal
//! (`RwSignal`, `Memo`, `Signal`) then looks it up in whichever arena the worker thread last
//! served: under concurrent requests another request's, so it panics as "disposed" (or reads
//! another page's value). An Arc-backed signal lives outside every arena, so it is safe there.
use leptos::prelude::*;
use leptos::text_prop::TextProp;

/// The title text for `<Title text=...>`: `format` applied to `source`'s current value.
/// Keep `RwSignal::from(source.clone())` for the rest of the page.
pub fn live_title<T: Send + Sync + 'static>(
    source: ArcRwSignal<T>,
    format: impl Fn(&T) -> String + Send + Sync + 'static,
) -> TextProp {
    TextProp::from(move || source.with(|value| format(value)))
}
