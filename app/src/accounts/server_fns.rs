//! The account endpoints: set-up of a fresh install, sign-up, sign-in, sign-out, password.
//! Passwords are never echoed back into a URL, even when a plain form post fails.
use leptos::prelude::*;

use super::domain::Account;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    accounts::{next_path, rate_limit::AttemptFor, service, session, single_sign_on},
    auth::{client_address, current_user_id, request_parts},
    forms::keep_form_input_on_error,
    state::app_state,
};

/// True until the first account exists.
#[server(endpoint = "setup_needed")]
pub async fn setup_needed() -> Result<bool, AppError> {
    service::setup_needed(&app_state()?.db).await
}

/// Whether the sign-in page offers single sign-on.
#[server(endpoint = "single_sign_on_enabled")]
pub async fn single_sign_on_enabled() -> Result<bool, AppError> {
    Ok(app_state()?.security.single_sign_on)
}

/// The signed-in account, or `None`.
#[server(endpoint = "who_am_i")]
pub async fn who_am_i() -> Result<Option<Account>, AppError> {
    Ok(crate::auth::current_user().await?.map(|user| user.account))
}

/// Creates the first owner and their team on a fresh install, and signs them in.
#[server(endpoint = "set_up")]
pub async fn set_up(
    email: String,
    #[server(default)] display_name: String,
    password: String,
    team_name: String,
) -> Result<(), AppError> {
    let result = async {
        let state = app_state()?;
        count_attempt(AttemptFor::Email(&email))?;
        let input = service::SignUp {
            email: &email,
            display_name: &display_name,
            password: &password,
        };
        let user = service::set_up_first_owner(&state.db, input, &team_name).await?;
        session::sign_in(&user).await?;
        leptos_axum::redirect("/");
        Ok(())
    }
    .await;
    keep_form_input_on_error::<SetUp, _>(
        result,
        &[
            ("email", &email),
            ("display_name", &display_name),
            ("team_name", &team_name),
        ],
    )
}

#[server(endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    #[server(default)] display_name: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    let result = async {
        count_attempt(AttemptFor::Email(&email))?;
        let input = service::SignUp {
            email: &email,
            display_name: &display_name,
            password: &password,
        };
        let user = service::sign_up(&app_state()?.db, input).await?;
        session::sign_in(&user).await?;
        leptos_axum::redirect(&next_path::safe_next_path(&next));
        Ok(())
    }
    .await;
    keep_form_input_on_error::<SignUp, _>(
        result,
        &[("email", &email), ("display_name", &display_name)],
    )
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    let result = async {
        count_attempt(AttemptFor::Email(&email))?;
        let user = service::check_password(&app_state()?.db, &email, &password).await?;
        session::sign_in(&user).await?;
        leptos_axum::redirect(&next_path::safe_next_path(&next));
        Ok(())
    }
    .await;
    keep_form_input_on_error::<SignIn, _>(result, &[("email", &email)])
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    session::sign_out().await?;
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// Changes (or, for an account that signs in through single sign-on only, sets) the password.
/// Every other session of the account ends; this one continues under a new id.
#[server(endpoint = "change_password")]
pub async fn change_password(
    #[server(default)] current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let result = async {
        let user_id = current_user_id().await?;
        count_attempt(AttemptFor::User(user_id))?;
        let change = service::PasswordChange {
            current_password: &current_password,
            new_password: &new_password,
            recent_single_sign_on: session::signed_in_through_sso_recently().await?,
        };
        let user = service::change_password(&app_state()?.db, user_id, change).await?;
        session::sign_in(&user).await?;
        leptos_axum::redirect("/account?changed=1");
        Ok(())
    }
    .await;
    keep_form_input_on_error::<ChangePassword, _>(result, &[])
}

/// Confirms the signed-in person's password, then sends them to their organisation's sign-in to
/// link that account (`/auth/oidc/start?link=1` accepts only a confirmation made just before).
#[server(endpoint = "confirm_organisation_link")]
pub async fn confirm_organisation_link(current_password: String) -> Result<(), AppError> {
    let result = async {
        let user_id = current_user_id().await?;
        count_attempt(AttemptFor::User(user_id))?;
        service::confirm_password(&app_state()?.db, user_id, &current_password).await?;
        session::mark_link_confirmed().await?;
        leptos_axum::redirect("/auth/oidc/start?link=1");
        Ok(())
    }
    .await;
    keep_form_input_on_error::<ConfirmOrganisationLink, _>(result, &[])
}

/// Unlinks the organisation account (single sign-on) from the signed-in account, which must
/// have a password. Every other session of the account ends.
#[server(endpoint = "unlink_organisation_account")]
pub async fn unlink_organisation_account() -> Result<(), AppError> {
    let result = async {
        let user_id = current_user_id().await?;
        let user = single_sign_on::unlink_identity(&app_state()?.db, user_id).await?;
        session::sign_in(&user).await?;
        leptos_axum::redirect("/account?unlinked=1");
        Ok(())
    }
    .await;
    keep_form_input_on_error::<UnlinkOrganisationAccount, _>(result, &[])
}

/// Counts an attempt that costs a password hash against the limits for the account and the
/// client.
#[cfg(feature = "ssr")]
fn count_attempt(account: AttemptFor<'_>) -> Result<(), AppError> {
    let state = app_state()?;
    let parts = request_parts()?;
    let address = client_address(&parts, state.security.trusted_proxy_header.as_deref());
    state.security.attempt_limits.check(account, address)
}
