//! The account pages: set-up, sign-in, sign-up and the account itself.
mod account_page;
mod setup_page;
mod sign_in_page;
mod sign_up_page;

pub use account_page::AccountPage;
pub use setup_page::SetupPage;
pub use sign_in_page::SignInPage;
pub use sign_up_page::SignUpPage;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where to go after signing in, from the `next` query parameter (checked again on the server).
fn next_path() -> String {
    use_query_map()
        .with_untracked(|query| query.get("next"))
        .unwrap_or_else(|| "/".to_owned())
}
