//! Business rules for single sign-on identities: signing in with one, and linking or unlinking
//! one from inside an account.
//!
//! An identity is never linked to an existing account because the e-mail matches: someone could
//! have signed up with a colleague's address before the colleague ever signed in, and the link
//! would hand them the colleague's organisation sign-in. Linking happens only from inside the
//! account, and linking or unlinking ends the account's other sessions.
use sea_orm::{DatabaseConnection, DbErr, SqlErr};

use super::{
    domain::{parse_display_name, Email},
    entity, passwords,
    repository::{self, NewUser},
    service::setup_needed,
};
use crate::error::AppError;

/// How recent a single sign-on must be for an account without a password to set one.
pub const REAUTHENTICATION_WINDOW_SECONDS: i64 = 600;
/// How long after confirming the password a link to an organisation account may be started.
pub const LINK_CONFIRMATION_WINDOW_SECONDS: i64 = 300;

/// What an OpenID provider says about the person signing in.
pub struct ExternalIdentity<'a> {
    /// `issuer|subject`: stable for the person at that provider.
    pub identity: &'a str,
    pub email: Option<&'a str>,
    /// Whether the provider says the person owns the e-mail address.
    pub email_verified: bool,
    pub name: Option<&'a str>,
}

/// The account for a single sign-on identity: the one linked to it, else a new account without
/// a password when the provider vouches for the e-mail. An account that already has the e-mail
/// is refused, with the way to link it.
pub async fn sign_in_with_identity(
    db: &DatabaseConnection,
    external: ExternalIdentity<'_>,
) -> Result<entity::Model, AppError> {
    if let Some(user) = repository::find_by_oidc_identity(db, external.identity).await? {
        return Ok(user);
    }
    if setup_needed(db).await? {
        return Err(AppError::Conflict {
            message: "Groundwork is not set up yet: the first owner signs up at /setup.".into(),
        });
    }
    let email =
        Email::parse(external.email.unwrap_or_default()).map_err(|_| AppError::Conflict {
            message: "Your organisation's sign-in did not share a valid e-mail address.".into(),
        })?;
    if repository::find_by_email(db, email.as_str())
        .await?
        .is_some()
    {
        return Err(AppError::Conflict {
            message: "An account with this e-mail already exists. Sign in with its password, \
                      then link your organisation account from your account page."
                .into(),
        });
    }
    if !external.email_verified {
        // Else whoever first claims an address at a lax provider would own it here.
        return Err(AppError::Conflict {
            message: "Your organisation's sign-in did not confirm this e-mail address, so no \
                      account was made. Ask your administrator, or sign up with a password."
                .into(),
        });
    }
    let display_name = parse_display_name(external.name.unwrap_or_default(), &email)
        .unwrap_or_else(|_| email.local_part().to_owned());
    let stamp = passwords::random_token();
    repository::insert(
        db,
        NewUser {
            email: email.as_str(),
            display_name: &display_name,
            password_hash: None,
            security_stamp: &stamp,
            oidc_identity: Some(external.identity),
        },
    )
    .await
    .map_err(|error| identity_taken_or_internal(error, "email"))
}

/// Links `identity` to the signed-in account `user_id`, with a new security stamp (the
/// account's other sessions end). Refused when another account already has that identity, or
/// this account has another one (it is unlinked first, so a link never silently replaces one).
/// The caller has made the person confirm their password just before (see
/// [`LINK_CONFIRMATION_WINDOW_SECONDS`]).
pub async fn link_identity(
    db: &DatabaseConnection,
    user_id: i32,
    identity: &str,
) -> Result<entity::Model, AppError> {
    match repository::find_by_oidc_identity(db, identity).await? {
        Some(owner) if owner.id == user_id => return Ok(owner),
        Some(_) => return Err(identity_in_use()),
        None => {}
    }
    let user = repository::find(db, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if user.oidc_identity.is_some() {
        return Err(AppError::Conflict {
            message: "Another organisation account is linked already: unlink it first.".into(),
        });
    }
    repository::set_oidc_identity(db, user_id, Some(identity), &passwords::random_token())
        .await
        .map_err(|error| identity_taken_or_internal(error, "identity"))
}

/// Unlinks the organisation account from `user_id`, with a new security stamp. Refused for an
/// account without a password, which would then have no way to sign in.
pub async fn unlink_identity(
    db: &DatabaseConnection,
    user_id: i32,
) -> Result<entity::Model, AppError> {
    let user = repository::find(db, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if user.oidc_identity.is_none() {
        return Err(AppError::Conflict {
            message: "No organisation account is linked to this account.".into(),
        });
    }
    if user.password_hash.is_none() {
        return Err(AppError::Conflict {
            message: "Set a password first: without it you could not sign in any more.".into(),
        });
    }
    Ok(repository::set_oidc_identity(db, user_id, None, &passwords::random_token()).await?)
}

/// Whether a single sign-on at `signed_in_at` (Unix seconds) is recent enough, at `now`, for an
/// account without a password to set one.
pub fn reauthenticated_recently(signed_in_at: Option<i64>, now: i64) -> bool {
    signed_in_at.is_some_and(|at| (0..=REAUTHENTICATION_WINDOW_SECONDS).contains(&(now - at)))
}

fn identity_in_use() -> AppError {
    AppError::Conflict {
        message: "That organisation account is already linked to another Groundwork account."
            .into(),
    }
}

fn identity_taken_or_internal(error: DbErr, taken: &str) -> AppError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) if taken == "identity" => identity_in_use(),
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict {
            message: "An account with this e-mail already exists.".into(),
        },
        _ => error.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{accounts::service, testing::database_with_member};

    fn external<'a>(identity: &'a str, email: &'a str) -> ExternalIdentity<'a> {
        ExternalIdentity {
            identity,
            email: Some(email),
            email_verified: true,
            name: None,
        }
    }

    #[tokio::test]
    async fn an_sso_sign_in_never_takes_over_an_account_with_the_same_email() {
        let (db, owner) = database_with_member().await;
        let before = service::find_account(&db, owner.user_id)
            .await
            .unwrap()
            .unwrap();
        let error = sign_in_with_identity(&db, external("http://idp|victim", "OWNER@example.com"))
            .await
            .unwrap_err();
        assert!(matches!(error, AppError::Conflict { .. }), "{error:?}");
        let after = service::find_account(&db, owner.user_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.oidc_identity, None);
        assert_eq!(after.security_stamp, before.security_stamp);
    }

    #[tokio::test]
    async fn a_linked_identity_signs_in_to_its_account_and_a_new_one_gets_an_account() {
        let (db, owner) = database_with_member().await;
        let before = service::find_account(&db, owner.user_id)
            .await
            .unwrap()
            .unwrap();
        let linked = link_identity(&db, owner.user_id, "http://idp|alice")
            .await
            .unwrap();
        assert_ne!(linked.security_stamp, before.security_stamp);
        let signed_in = sign_in_with_identity(&db, external("http://idp|alice", "x@example.com"))
            .await
            .unwrap();
        assert_eq!(signed_in.id, owner.user_id);

        let unverified = ExternalIdentity {
            email_verified: false,
            ..external("http://idp|bob", "bob@example.com")
        };
        assert!(matches!(
            sign_in_with_identity(&db, unverified).await,
            Err(AppError::Conflict { .. })
        ));
        let newcomer = sign_in_with_identity(&db, external("http://idp|bob", "bob@example.com"))
            .await
            .unwrap();
        assert_eq!(
            (newcomer.display_name.as_str(), newcomer.password_hash),
            ("bob", None)
        );
        let taken = link_identity(&db, owner.user_id, "http://idp|bob")
            .await
            .unwrap_err();
        assert!(matches!(taken, AppError::Conflict { .. }));
        let replaced = link_identity(&db, owner.user_id, "http://idp|mallory")
            .await
            .unwrap_err();
        assert!(
            matches!(replaced, AppError::Conflict { .. }),
            "never replaces a link"
        );
        let still = service::find_account(&db, owner.user_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(still.oidc_identity.as_deref(), Some("http://idp|alice"));
    }

    #[tokio::test]
    async fn unlinking_rotates_the_stamp_and_needs_a_password() {
        let (db, owner) = database_with_member().await;
        let linked = link_identity(&db, owner.user_id, "http://idp|alice")
            .await
            .unwrap();
        let unlinked = unlink_identity(&db, owner.user_id).await.unwrap();
        assert_eq!(unlinked.oidc_identity, None);
        assert_ne!(unlinked.security_stamp, linked.security_stamp);
        assert!(matches!(
            unlink_identity(&db, owner.user_id).await,
            Err(AppError::Conflict { .. })
        ));

        let sso_only = sign_in_with_identity(&db, external("http://idp|bob", "bob@example.com"))
            .await
            .unwrap();
        assert!(matches!(
            unlink_identity(&db, sso_only.id).await,
            Err(AppError::Conflict { .. })
        ));
    }

    #[test]
    fn only_a_recent_sso_sign_in_counts_as_reauthentication() {
        let now = 1_000_000;
        assert!(reauthenticated_recently(Some(now - 5), now));
        assert!(reauthenticated_recently(
            Some(now - REAUTHENTICATION_WINDOW_SECONDS),
            now
        ));
        assert!(!reauthenticated_recently(
            Some(now - REAUTHENTICATION_WINDOW_SECONDS - 1),
            now
        ));
        assert!(!reauthenticated_recently(None, now));
        assert!(!reauthenticated_recently(Some(now + 60), now));
    }
}
