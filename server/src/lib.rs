#![recursion_limit = "512"]
//! The Groundwork server: configuration, start-up, plain HTTP routes and the command line.
pub mod application;
pub mod backup;
pub mod config;
pub mod database;
pub mod exchange_cli;
mod http_layers;
mod live;
pub mod oidc;
pub mod precompress;
mod routes;
pub mod security;
pub mod seed;
pub mod sessions;
pub mod site_files;
pub mod telemetry;

/// mimalloc for the server, its examples and tests: glibc's allocator spent a fifth of an
/// export's time in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub use application::Application;
pub use config::{Cli, Command, Config};
