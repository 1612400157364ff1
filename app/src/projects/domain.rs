//! Project input rules, shared by the browser and the server so both say the same thing.
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const NAME_MAX_CHARS: usize = 80;
pub const DESCRIPTION_MAX_CHARS: usize = 200;

/// A project's name: trimmed, 1 to 80 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectName(String);

impl ProjectName {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(AppError::validation("name", "Give the project a name."));
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(AppError::validation(
                "name",
                format!("Keep the name to {NAME_MAX_CHARS} characters or fewer."),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(AppError::validation(
                "name",
                "The name must be a single line of text.",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form compared for uniqueness: two names that differ only in case collide.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// A project's one-line description: trimmed, up to 200 characters, may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectDescription(String);

impl ProjectDescription {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let description = raw.trim();
        if description.chars().count() > DESCRIPTION_MAX_CHARS {
            return Err(AppError::validation(
                "description",
                format!("Keep the description to {DESCRIPTION_MAX_CHARS} characters or fewer."),
            ));
        }
        if description.chars().any(char::is_control) {
            return Err(AppError::validation(
                "description",
                "The description must be a single line of text.",
            ));
        }
        Ok(Self(description.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the browser gets to know about a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: i32,
    pub team_id: i32,
    /// The role of the member looking at the project, so pages offer only what they may do.
    pub my_role: crate::teams::domain::Role,
    pub name: String,
    pub description: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed() {
        assert_eq!(
            ProjectName::parse("  Checkout  ").unwrap().as_str(),
            "Checkout"
        );
    }

    #[test]
    fn an_empty_or_blank_name_is_refused_at_the_name_field() {
        for raw in ["", "   ", "\t"] {
            let error = ProjectName::parse(raw).unwrap_err();
            assert!(
                error.message_for_field("name").is_some(),
                "{raw:?} was accepted"
            );
        }
    }

    #[test]
    fn a_name_of_eighty_characters_is_accepted_and_eighty_one_refused() {
        assert!(ProjectName::parse(&"é".repeat(80)).is_ok());
        assert!(ProjectName::parse(&"é".repeat(81)).is_err());
    }

    #[test]
    fn a_name_with_a_line_break_is_refused() {
        assert!(ProjectName::parse("two\nlines").is_err());
    }

    #[test]
    fn names_differing_only_in_case_share_a_key() {
        let a = ProjectName::parse("Billing").unwrap();
        let b = ProjectName::parse("BILLING").unwrap();
        assert_eq!(a.key(), b.key());
    }

    #[test]
    fn a_description_may_be_empty_but_not_too_long() {
        assert_eq!(ProjectDescription::parse("  ").unwrap().as_str(), "");
        let error = ProjectDescription::parse(&"x".repeat(201)).unwrap_err();
        assert!(error.message_for_field("description").is_some());
    }
}
