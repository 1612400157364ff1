//! Account input rules, shared by the browser and the server so both say the same thing.
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const EMAIL_MAX_CHARS: usize = 254;
pub const DISPLAY_NAME_MAX_CHARS: usize = 80;
pub const PASSWORD_MIN_CHARS: usize = 8;
/// Long passphrases are welcome; the limit only keeps a request from hashing megabytes.
pub const PASSWORD_MAX_CHARS: usize = 1024;

/// The signed-in person, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub has_password: bool,
    /// Whether an organisation account (single sign-on) is linked.
    pub has_organisation_account: bool,
}

/// An e-mail address, trimmed and lower-cased. Checked for shape only: one `@`, a local part, a
/// domain with a dot, no spaces or control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let too_long = || {
            AppError::validation(
                "email",
                format!("An e-mail address has at most {EMAIL_MAX_CHARS} characters."),
            )
        };
        let trimmed = raw.trim();
        // Bounded before anything copies it: a form field can be megabytes long.
        if trimmed.len() > EMAIL_MAX_CHARS * 4 {
            return Err(too_long());
        }
        let email = trimmed.to_lowercase();
        if email.chars().count() > EMAIL_MAX_CHARS {
            return Err(too_long());
        }
        let invalid =
            || AppError::validation("email", "Enter an e-mail address like ada@example.com.");
        if email.is_empty() {
            return Err(AppError::validation("email", "Enter your e-mail address."));
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let well_formed = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
        if well_formed {
            Ok(Self(email))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`, as a default display name.
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or(&self.0)
    }
}

/// A display name: trimmed, one line, up to 80 characters; empty means "use the e-mail's".
pub fn parse_display_name(raw: &str, email: &Email) -> Result<String, AppError> {
    let name = raw.trim();
    if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
        return Err(AppError::validation(
            "display_name",
            format!("Keep the name to {DISPLAY_NAME_MAX_CHARS} characters or fewer."),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::validation(
            "display_name",
            "The name must be a single line of text.",
        ));
    }
    Ok(if name.is_empty() {
        email.local_part().to_owned()
    } else {
        name.to_owned()
    })
}

/// A new password: at least 8 characters, at most 1024, not one of the most common passwords.
/// Nothing is trimmed or truncated: what is typed is what is hashed.
pub fn check_new_password(password: &str, field: &str) -> Result<(), AppError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        return Err(AppError::validation(
            field,
            format!("Use at least {PASSWORD_MIN_CHARS} characters."),
        ));
    }
    if length > PASSWORD_MAX_CHARS {
        return Err(AppError::validation(
            field,
            format!("Use at most {PASSWORD_MAX_CHARS} characters."),
        ));
    }
    if is_common_password(password) {
        return Err(AppError::validation(
            field,
            "This password is one of the most common ones; choose another.",
        ));
    }
    Ok(())
}

/// Passwords of 8 characters or more found at the top of public breach lists.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

fn is_common_password(password: &str) -> bool {
    let folded = password.to_lowercase();
    COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .any(|common| !common.is_empty() && common == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        let email = Email::parse("  Ada@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "ada@example.com");
        assert_eq!(email.local_part(), "ada");
    }

    #[test]
    fn malformed_emails_are_refused_at_the_email_field() {
        for raw in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "ada@@example.com",
            "ada@example..com",
            "ada@.example.com",
        ] {
            let error = Email::parse(raw).unwrap_err();
            assert!(
                error.message_for_field("email").is_some(),
                "{raw:?} was accepted"
            );
        }
        let too_long = format!("{}@example.com", "a".repeat(250));
        assert!(Email::parse(&too_long).is_err());
    }

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert!(check_new_password("seven77", "password").is_err());
        assert!(check_new_password("password", "password").is_err());
        assert!(check_new_password("Password1", "password").is_err());
        assert!(check_new_password("12345678", "password").is_err());
        assert!(check_new_password("correct horse battery", "password").is_ok());
    }

    #[test]
    fn long_passwords_are_accepted_whole() {
        assert!(check_new_password(&"k".repeat(200), "password").is_ok());
        assert!(check_new_password(&"k".repeat(1025), "password").is_err());
    }

    #[test]
    fn an_empty_display_name_falls_back_to_the_email() {
        let email = Email::parse("grace@example.com").unwrap();
        assert_eq!(parse_display_name("  ", &email).unwrap(), "grace");
        assert_eq!(parse_display_name(" Grace H ", &email).unwrap(), "Grace H");
        assert!(parse_display_name(&"g".repeat(81), &email).is_err());
    }
}
