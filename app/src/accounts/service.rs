//! Business rules for accounts: sign-up, checking a password, changing it, and the first owner
//! of a fresh install.
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, SqlErr, TransactionTrait};

use super::{
    domain::{check_new_password, parse_display_name, Email},
    entity, passwords,
    repository::{self, NewUser},
};
use crate::{
    error::AppError,
    teams::{self, domain::Role},
};

/// The one answer for an unknown e-mail and a wrong password alike.
pub fn wrong_credentials() -> AppError {
    AppError::validation(
        "password",
        "That e-mail and password do not match an account.",
    )
}

/// True until the first account exists: the app then asks for its first owner.
pub async fn setup_needed(db: &DatabaseConnection) -> Result<bool, AppError> {
    Ok(repository::count(db).await? == 0)
}

pub struct SignUp<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
}

pub async fn sign_up(
    db: &DatabaseConnection,
    input: SignUp<'_>,
) -> Result<entity::Model, AppError> {
    if setup_needed(db).await? {
        return Err(AppError::Conflict {
            message: "Groundwork is not set up yet: the first account is created at /setup.".into(),
        });
    }
    PasswordAccount::check(&input)?
        .hash()
        .await?
        .insert(db)
        .await
}

/// A new account with a password, checked (e-mail, name, password rules) before anything slow.
struct PasswordAccount {
    email: Email,
    display_name: String,
    password: String,
}

/// The same, with the password hashed: ready to insert.
struct HashedPasswordAccount {
    email: Email,
    display_name: String,
    hash: String,
}

impl PasswordAccount {
    fn check(input: &SignUp<'_>) -> Result<Self, AppError> {
        let email = Email::parse(input.email)?;
        let display_name = parse_display_name(input.display_name, &email)?;
        check_new_password(input.password, "password")?;
        Ok(Self {
            email,
            display_name,
            password: input.password.to_owned(),
        })
    }

    async fn hash(self) -> Result<HashedPasswordAccount, AppError> {
        Ok(HashedPasswordAccount {
            hash: passwords::hash(&self.password).await?,
            email: self.email,
            display_name: self.display_name,
        })
    }
}

impl HashedPasswordAccount {
    async fn insert(self, db: &impl ConnectionTrait) -> Result<entity::Model, AppError> {
        let stamp = passwords::random_token();
        repository::insert(
            db,
            NewUser {
                email: self.email.as_str(),
                display_name: &self.display_name,
                password_hash: Some(&self.hash),
                security_stamp: &stamp,
                oidc_identity: None,
            },
        )
        .await
        .map_err(duplicate_email_or_internal)
    }
}

/// Creates the first account of a fresh install as the owner of its first team. Refused once any
/// account exists, so that nobody can take over an install that is already set up.
pub async fn set_up_first_owner(
    db: &DatabaseConnection,
    input: SignUp<'_>,
    team_name: &str,
) -> Result<entity::Model, AppError> {
    // Checked before the slow hash, so that calls on a set-up install cost nothing; checked
    // again in the transaction, for two set-ups at once.
    if !setup_needed(db).await? {
        return Err(already_set_up());
    }
    let account = PasswordAccount::check(&input)?;
    let team_name = teams::domain::parse_team_name(team_name)?;
    let account = account.hash().await?;
    let transaction = db.begin().await?;
    if !repository::claim_installation(&transaction).await?
        || repository::count(&transaction).await? > 0
    {
        return Err(already_set_up());
    }
    let user = account.insert(&transaction).await?;
    teams::service::create_team_in(&transaction, user.id, &team_name, Role::Owner).await?;
    transaction
        .commit()
        .await
        .map_err(|error| match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => already_set_up(),
            _ => error.into(),
        })?;
    Ok(user)
}

/// The account with this e-mail and password, or the same error whichever of the two is wrong.
pub async fn check_password(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
) -> Result<entity::Model, AppError> {
    let user = match Email::parse(email) {
        Ok(email) => repository::find_by_email(db, email.as_str()).await?,
        Err(_) => None,
    };
    let stored = user.as_ref().and_then(|user| user.password_hash.as_deref());
    if passwords::verify(password, stored).await? {
        user.ok_or_else(wrong_credentials)
    } else {
        Err(wrong_credentials())
    }
}

/// Checks the signed-in account's own password again, before something that must not be done
/// from a stolen session alone (linking an organisation account).
pub async fn confirm_password(
    db: &DatabaseConnection,
    user_id: i32,
    password: &str,
) -> Result<(), AppError> {
    let user = repository::find(db, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    verify_current_password(&user, password).await
}

/// Refuses, at the `current_password` field, a password that is not `user`'s.
async fn verify_current_password(user: &entity::Model, password: &str) -> Result<(), AppError> {
    if passwords::verify(password, user.password_hash.as_deref()).await? {
        Ok(())
    } else {
        Err(AppError::validation(
            "current_password",
            "That is not your current password.",
        ))
    }
}

/// How the person changing a password proved it is them, beyond being signed in.
pub struct PasswordChange<'a> {
    pub current_password: &'a str,
    pub new_password: &'a str,
    /// Whether this session signed in through single sign-on within the last few minutes: an
    /// account without a password needs that before it sets one.
    pub recent_single_sign_on: bool,
}

/// Replaces the password and the security stamp, which ends every session of the account.
/// An account with a password names it; one without must have just signed in through single
/// sign-on, so that a stolen session cannot give itself a password that outlives it.
pub async fn change_password(
    db: &DatabaseConnection,
    user_id: i32,
    change: PasswordChange<'_>,
) -> Result<entity::Model, AppError> {
    let PasswordChange {
        current_password,
        new_password,
        recent_single_sign_on,
    } = change;
    let user = repository::find(db, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if user.password_hash.is_none() && !recent_single_sign_on {
        return Err(AppError::validation(
            "current_password",
            "Confirm it is you: sign in with your organisation again, then set the password \
             within 10 minutes.",
        ));
    }
    if user.password_hash.is_some() {
        verify_current_password(&user, current_password).await?;
    }
    check_new_password(new_password, "new_password")?;
    let hash = passwords::hash(new_password).await?;
    let stamp = passwords::random_token();
    repository::set_password(db, user.id, &hash, &stamp).await?;
    repository::find(db, user.id)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// The account with this e-mail (typed in any case), if any.
pub async fn find_by_email(
    db: &DatabaseConnection,
    email: &str,
) -> Result<Option<entity::Model>, AppError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(None);
    };
    Ok(repository::find_by_email(db, email.as_str()).await?)
}

/// Display names of the accounts among `ids` (accounts that no longer exist are left out).
pub async fn display_names(
    db: &DatabaseConnection,
    ids: &[i32],
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    Ok(repository::display_names(db, ids).await?)
}

pub async fn find_account(
    db: &DatabaseConnection,
    user_id: i32,
) -> Result<Option<entity::Model>, AppError> {
    Ok(repository::find(db, user_id).await?)
}

fn already_set_up() -> AppError {
    AppError::Conflict {
        message: "Groundwork is already set up. Sign in, or ask an owner for an invitation.".into(),
    }
}

fn duplicate_email_or_internal(error: DbErr) -> AppError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::validation(
            "email",
            "An account with this e-mail already exists. Sign in instead.",
        ),
        _ => error.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::database_with_member;

    const PASSWORD: &str = "another long password";

    fn input(email: &str) -> SignUp<'_> {
        SignUp {
            email,
            display_name: "",
            password: PASSWORD,
        }
    }

    #[tokio::test]
    async fn an_unknown_email_and_a_wrong_password_get_the_same_answer() {
        let (db, _) = database_with_member().await;
        sign_up(&db, input("ada@example.com")).await.unwrap();
        let unknown = check_password(&db, "nobody@example.com", PASSWORD)
            .await
            .unwrap_err();
        let wrong = check_password(&db, "ada@example.com", "not the password")
            .await
            .unwrap_err();
        let malformed = check_password(&db, "not an email", PASSWORD)
            .await
            .unwrap_err();
        assert_eq!(unknown, wrong);
        assert_eq!(unknown, malformed);
        let user = check_password(&db, " ADA@example.com ", PASSWORD)
            .await
            .unwrap();
        assert_eq!(user.email, "ada@example.com");
    }

    #[tokio::test]
    async fn an_email_signs_up_once_whatever_its_case() {
        let (db, _) = database_with_member().await;
        sign_up(&db, input("ada@example.com")).await.unwrap();
        let error = sign_up(&db, input("Ada@Example.com")).await.unwrap_err();
        assert!(error.message_for_field("email").is_some());
    }

    #[tokio::test]
    async fn a_new_password_replaces_the_old_one_and_the_security_stamp() {
        let (db, owner) = database_with_member().await;
        let before = find_account(&db, owner.user_id).await.unwrap().unwrap();
        let change = |current_password, new_password| PasswordChange {
            current_password,
            new_password,
            recent_single_sign_on: false,
        };
        let wrong = change_password(
            &db,
            owner.user_id,
            change("not it", "a brand new passphrase"),
        )
        .await
        .unwrap_err();
        assert!(wrong.message_for_field("current_password").is_some());
        let weak = change_password(
            &db,
            owner.user_id,
            change("a long test password", "password1"),
        )
        .await
        .unwrap_err();
        assert!(weak.message_for_field("new_password").is_some());
        let after = change_password(
            &db,
            owner.user_id,
            change("a long test password", "a brand new passphrase"),
        )
        .await
        .unwrap();
        assert_ne!(before.security_stamp, after.security_stamp);
        assert!(
            check_password(&db, "owner@example.com", "a long test password")
                .await
                .is_err()
        );
        assert!(
            check_password(&db, "owner@example.com", "a brand new passphrase")
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn only_a_fresh_install_takes_a_first_owner() {
        let (db, _) = database_with_member().await;
        let error = set_up_first_owner(&db, input("intruder@example.com"), "Mine")
            .await
            .unwrap_err();
        assert!(matches!(error, AppError::Conflict { .. }));
        assert!(check_password(&db, "intruder@example.com", PASSWORD)
            .await
            .is_err());
        // Refused before the input is even checked (and before any hashing).
        let weak = SignUp {
            email: "intruder@example.com",
            display_name: "",
            password: "x",
        };
        let error = set_up_first_owner(&db, weak, "Mine").await.unwrap_err();
        assert!(matches!(error, AppError::Conflict { .. }), "{error:?}");
    }

    #[tokio::test]
    async fn an_account_without_a_password_sets_one_only_right_after_single_sign_on() {
        use crate::accounts::single_sign_on::{sign_in_with_identity, ExternalIdentity};
        let (db, _) = database_with_member().await;
        let sso_only = sign_in_with_identity(
            &db,
            ExternalIdentity {
                identity: "http://idp|bob",
                email: Some("bob@example.com"),
                email_verified: true,
                name: None,
            },
        )
        .await
        .unwrap();
        let change = |recent_single_sign_on| PasswordChange {
            current_password: "",
            new_password: "a brand new passphrase",
            recent_single_sign_on,
        };
        let refused = change_password(&db, sso_only.id, change(false))
            .await
            .unwrap_err();
        assert!(refused.message_for_field("current_password").is_some());
        let changed = change_password(&db, sso_only.id, change(true))
            .await
            .unwrap();
        assert!(changed.password_hash.is_some());
        assert_ne!(changed.security_stamp, sso_only.security_stamp);
    }

    #[tokio::test]
    async fn nobody_signs_up_before_the_first_owner_exists() {
        use migrations::{Migrator, MigratorTrait};
        let db = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        assert!(setup_needed(&db).await.unwrap());
        assert!(matches!(
            sign_up(&db, input("early@example.com")).await,
            Err(AppError::Conflict { .. })
        ));
    }
}
