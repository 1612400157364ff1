//! The page's end of the event stream: an `EventSource` on
//! `/projects/:id/sessions/:session/events`, whose events fold into the session's state. The
//! browser reconnects by itself after a drop and sends the last event's id, so the server
//! replays exactly what was missed.
use leptos::prelude::*;

use crate::planning::domain::SessionState;

/// Whether the page currently receives events, for the status line (and the browser tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// The server renders only `Static`; the browser build moves it on.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum StreamStatus {
    /// Without JavaScript, or before hydration: the page shows the state as loaded.
    Static,
    Connecting,
    Live,
}

impl StreamStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Static => "static",
            Self::Connecting => "connecting",
            Self::Live => "live",
        }
    }
}

/// Opens the stream once the page runs in the browser; closes it when the page goes away.
pub fn follow_session(state: RwSignal<SessionState>, status: RwSignal<StreamStatus>) {
    #[cfg(feature = "hydrate")]
    browser::follow(state, status);
    #[cfg(not(feature = "hydrate"))]
    let _ = (state, status);
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::{
        prelude::*,
        wasm_bindgen::{closure::Closure, JsCast},
    };
    use web_sys::{EventSource, MessageEvent};

    use super::StreamStatus;
    use crate::planning::domain::{SessionEvent, SessionState};

    pub fn follow(state: RwSignal<SessionState>, status: RwSignal<StreamStatus>) {
        let source = StoredValue::new_local(None::<EventSource>);
        Effect::new(move |_| {
            let (project_id, session_id, seq, ended) =
                state.with_untracked(|s| (s.project_id, s.session_id, s.seq, s.ended));
            if ended || source.with_value(Option::is_some) {
                return;
            }
            let url = format!("/projects/{project_id}/sessions/{session_id}/events?after={seq}");
            let Ok(events) = EventSource::new(&url) else {
                return;
            };
            status.set(StreamStatus::Connecting);
            let on_message =
                Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
                    let Ok(seq) = message.last_event_id().parse::<i64>() else {
                        return;
                    };
                    let Some(data) = message.data().as_string() else {
                        return;
                    };
                    if let Ok(event) = serde_json::from_str::<SessionEvent>(&data) {
                        state.update(|s| {
                            s.apply(seq, &event);
                        });
                    }
                });
            events.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget();
            let on_open = Closure::<dyn FnMut()>::new(move || status.set(StreamStatus::Live));
            events.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            on_open.forget();
            let on_error =
                Closure::<dyn FnMut()>::new(move || status.set(StreamStatus::Connecting));
            events.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            on_error.forget();
            source.set_value(Some(events));
        });
        // Close once the session has ended; the page stays as it is.
        Effect::new(move |_| {
            if state.with(|s| s.ended) {
                close(source);
                status.set(StreamStatus::Static);
            }
        });
        let visibility = watch_visibility(state);
        on_cleanup(move || {
            close(source);
            // Showing the tab again after leaving the page must not rejoin the old session.
            if let Some(listener) = visibility.try_update_value(Option::take).flatten() {
                if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                    let _ = document.remove_event_listener_with_callback(
                        "visibilitychange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    fn close(source: StoredValue<Option<EventSource>, LocalStorage>) {
        if let Some(events) = source.try_update_value(Option::take).flatten() {
            events.close();
        }
    }

    type Listener = StoredValue<Option<Closure<dyn FnMut()>>, LocalStorage>;

    /// Idle while the tab is hidden, joined again when it is shown. Returns the listener, for
    /// removing it when the page goes away.
    fn watch_visibility(state: RwSignal<SessionState>) -> Listener {
        let listener = StoredValue::new_local(None);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return listener;
        };
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let idle = document.hidden();
            let (project_id, session_id) = state.with_untracked(|s| (s.project_id, s.session_id));
            leptos::task::spawn_local(async move {
                let _ =
                    crate::planning::server_fns::planning_presence(project_id, session_id, idle)
                        .await;
            });
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_change.as_ref().unchecked_ref(),
        );
        listener.set_value(Some(on_change));
        listener
    }
}
