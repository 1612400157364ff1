//! The one error type of Groundwork. It crosses the wire to the browser, so it carries only what a
//! user may see; internal details are logged where they happen and never serialised.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The object does not exist, or belongs to another team (we do not say which).
    #[error("{what} was not found.")]
    NotFound { what: String },
    #[error("Please sign in.")]
    Unauthorized,
    #[error("You are not allowed to do that.")]
    Forbidden,
    /// Someone else changed the object first.
    #[error("{message}")]
    Conflict { message: String },
    /// One input field is wrong; `field` is the form field's name.
    #[error("{message}")]
    Validation { field: String, message: String },
    /// Too many attempts in a short time (sign-in, sign-up); try again after the given wait.
    #[error("Too many attempts. Please wait {retry_after_seconds} seconds and try again.")]
    TooManyRequests { retry_after_seconds: u64 },
    /// The request itself was malformed (missing or unparsable arguments).
    #[error("The request was not understood: {message}")]
    BadRequest { message: String },
    /// The database was too busy to take the change in time (SQLite's write lock, a PostgreSQL
    /// serialisation failure); nothing was changed, and trying again works.
    #[error("The server is busy. Nothing was changed; please try again in a moment.")]
    Busy,
    /// Something failed on our side; the details are in the server log.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The browser could not reach the server.
    #[error("Could not reach the server. Check your connection and try again.")]
    Unreachable,
}

impl AppError {
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound { what: what.into() }
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The message to show beside form field `field`, if this error is about that field.
    pub fn message_for_field(&self, field: &str) -> Option<String> {
        match self {
            Self::Validation { field: f, message } if f == field => Some(message.clone()),
            _ => None,
        }
    }

    /// Logs `context` (never shown to anyone) and answers with [`AppError::Internal`].
    #[cfg(feature = "ssr")]
    pub fn internal(context: impl std::fmt::Display) -> Self {
        tracing::error!(%context, "internal error");
        Self::Internal
    }

    /// True when the error concerns one field and is shown beside it rather than above the form.
    pub fn is_field_error(&self) -> bool {
        matches!(self, Self::Validation { .. })
    }

    /// The HTTP status this error answers with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::NotFound { .. } => 404,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::Conflict { .. } => 409,
            Self::Validation { .. } => 422,
            Self::BadRequest { .. } => 400,
            Self::TooManyRequests { .. } => 429,
            Self::Busy => 503,
            Self::Internal => 500,
            Self::Unreachable => 503,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::MissingArg(message) => {
                Self::BadRequest { message }
            }
            ServerFnErrorErr::Request(_) => Self::Unreachable,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                Self::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        if is_busy(&error) {
            tracing::warn!(%error, "database busy");
            return Self::Busy;
        }
        tracing::error!(%error, "database error");
        Self::Internal
    }
}

/// SQLite's "database is locked" (`SQLITE_BUSY`, also past the busy timeout), and PostgreSQL's
/// serialisation failure and deadlock: the transaction did nothing and may be tried again.
#[cfg(feature = "ssr")]
fn is_busy(error: &sea_orm::DbErr) -> bool {
    let text = error.to_string();
    text.contains("database is locked")
        || text.contains("could not serialize access")
        || text.contains("deadlock detected")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validation_error_names_its_field_only() {
        let error = AppError::validation("name", "Too long");
        assert_eq!(error.message_for_field("name").as_deref(), Some("Too long"));
        assert_eq!(error.message_for_field("description"), None);
        assert_eq!(error.status_code(), 422);
    }

    #[test]
    fn malformed_arguments_are_a_bad_request_not_an_internal_error() {
        let error =
            AppError::from_server_fn_error(ServerFnErrorErr::Args("id: invalid digit".into()));
        assert_eq!(error.status_code(), 400);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_locked_database_is_busy_not_an_internal_error() {
        let locked = sea_orm::DbErr::Custom(
            "error returned from database: (code: 5) database is locked".into(),
        );
        assert_eq!(AppError::from(locked), AppError::Busy);
        assert_eq!(AppError::Busy.status_code(), 503);
        let other = sea_orm::DbErr::Custom("no such table: users".into());
        assert_eq!(AppError::from(other), AppError::Internal);
    }

    #[test]
    fn internal_errors_say_nothing_about_their_cause() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "password authentication failed for user postgres".into(),
        ));
        assert!(!error.to_string().contains("postgres"));
        assert_eq!(error.status_code(), 500);
    }
}
