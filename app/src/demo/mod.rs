//! The demo project: a realistic project a newcomer can look around in (profile, answered
//! topics, accepted, superseded and rejected decisions with links, open risks). Its content is
//! data (`catalog/demo.toml`); it is made through the same services, and so the same rules, as
//! the web app, in a team where the person is an editor. It is an ordinary project: deleting it
//! deletes it, and it touches no other.
#[cfg(feature = "ssr")]
mod content;
mod demo_card;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod service;

pub use demo_card::DemoCard;
