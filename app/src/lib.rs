//! Groundwork's pages, server functions, services and repositories. Compiled twice: for the
//! server (feature `ssr`) and as the WASM library that hydrates the pages (feature `hydrate`).
#![recursion_limit = "512"]

pub mod accounts;
pub mod app_shell;
pub mod architecture;
pub mod auth;
pub mod components;
pub mod decisions;
pub mod demo;
pub mod error;
pub mod exchange;
pub mod forms;
#[cfg(all(test, feature = "ssr"))]
mod parser_properties;
pub mod planning;
pub mod projects;
pub mod questionnaire;
#[cfg(feature = "ssr")]
pub mod state;
pub mod teams;
#[cfg(all(test, feature = "ssr"))]
mod testing;

pub use app_shell::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
