//! The bridge to axum-login: how a session's user id becomes a user on each request.
use axum_login::{AuthUser, AuthnBackend};
use sea_orm::DatabaseConnection;

use super::{domain::Account, repository, service};
use crate::error::AppError;

/// What a session knows of its user, read from the user's row on each request. The security
/// stamp is the session's proof: when the password changes, the stamp changes, and every
/// session made with the old one is dropped. The account is what pages show of the user (the
/// header's name), so that they need not read the same row again.
#[derive(Clone)]
pub struct SessionUser {
    pub id: i32,
    security_stamp: Vec<u8>,
    pub account: Account,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl From<&super::entity::Model> for SessionUser {
    fn from(row: &super::entity::Model) -> Self {
        Self {
            id: row.id,
            security_stamp: row.security_stamp.as_bytes().to_vec(),
            account: Account::from(row),
        }
    }
}

impl AuthUser for SessionUser {
    type Id = i32;

    fn id(&self) -> i32 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.security_stamp
    }
}

/// E-mail and password as typed.
pub struct PasswordCredentials {
    pub email: String,
    pub password: String,
}

#[derive(Clone)]
pub struct AccountsBackend {
    db: DatabaseConnection,
}

impl AccountsBackend {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl AuthnBackend for AccountsBackend {
    type User = SessionUser;
    type Credentials = PasswordCredentials;
    type Error = AppError;

    async fn authenticate(
        &self,
        credentials: PasswordCredentials,
    ) -> Result<Option<SessionUser>, AppError> {
        match service::check_password(&self.db, &credentials.email, &credentials.password).await {
            Ok(user) => Ok(Some(SessionUser::from(&user))),
            Err(AppError::Validation { .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }

    async fn get_user(&self, id: &i32) -> Result<Option<SessionUser>, AppError> {
        Ok(repository::find(&self.db, *id)
            .await?
            .as_ref()
            .map(SessionUser::from))
    }
}

pub type AuthSession = axum_login::AuthSession<AccountsBackend>;

/// The session key holding when the user signed in (Unix seconds), for the absolute timeout.
pub const SIGNED_IN_AT_KEY: &str = "groundwork.signed_in_at";

/// The session key holding when the session last signed in through single sign-on (Unix
/// seconds): an account without a password may set one only shortly after.
pub const SSO_SIGNED_IN_AT_KEY: &str = "groundwork.sso_signed_in_at";

/// The session key holding when the signed-in person last confirmed their password to link an
/// organisation account (Unix seconds); `/auth/oidc/start?link=1` takes it, once.
pub const LINK_CONFIRMED_AT_KEY: &str = "groundwork.link_confirmed_at";
