//! Accounts: sign-up, sign-in, sessions and passwords.
#[cfg(feature = "ssr")]
pub mod backend;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
mod hashing_pool;
#[cfg(feature = "ssr")]
pub mod next_path;
mod pages;
#[cfg(feature = "ssr")]
pub mod passwords;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
mod repository;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod single_sign_on;

pub use pages::{AccountPage, SetupPage, SignInPage, SignUpPage};
