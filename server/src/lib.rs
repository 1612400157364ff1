#![recursion_limit = "512"]
//! The Groundwork server: configuration, start-up, plain HTTP routes and the command line.
pub mod application;
pub mod config;
pub mod database;
pub mod exchange_cli;
mod http_layers;
pub mod oidc;
mod routes;
pub mod security;
pub mod seed;
pub mod sessions;
pub mod telemetry;

pub use application::Application;
pub use config::{Cli, Command, Config};
