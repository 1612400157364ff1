//! Teams, members and roles as the pages see them.
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const TEAM_NAME_MAX_CHARS: usize = 80;

/// What a member may do in a team. Ordered: each role may do everything the one before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads everything in the team.
    Viewer,
    /// Also answers the questionnaire and edits projects and decisions.
    Editor,
    /// Also manages members and deletes.
    Owner,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Editor, Role::Owner];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Owner => "owner",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Viewer => "Viewer",
            Role::Editor => "Editor",
            Role::Owner => "Owner",
        }
    }

    pub fn parse(raw: &str, field: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == raw)
            .ok_or_else(|| AppError::validation(field, "Choose owner, editor or viewer."))
    }
}

/// A team as listed for one of its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub id: i32,
    pub name: String,
    /// The role of the member looking at the list.
    pub role: Role,
}

/// One member of a team, as the members page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub user_id: i32,
    pub display_name: String,
    pub email: String,
    pub role: Role,
}

/// A team with its members, for the team page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDetails {
    pub id: i32,
    pub name: String,
    pub my_role: Role,
    pub my_user_id: i32,
    pub members: Vec<TeamMember>,
}

/// A freshly created invitation: the link is shown once and never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    pub path: String,
    pub role: Role,
    pub expires_at: String,
}

/// What the person following an invitation link is shown before accepting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub team_name: String,
    pub role: Role,
}

/// A team's name: trimmed, 1 to 80 characters, one line.
pub fn parse_team_name(raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::validation("name", "Give the team a name."));
    }
    if name.chars().count() > TEAM_NAME_MAX_CHARS {
        return Err(AppError::validation(
            "name",
            format!("Keep the name to {TEAM_NAME_MAX_CHARS} characters or fewer."),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::validation(
            "name",
            "The name must be a single line of text.",
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_what_they_allow() {
        assert!(Role::Viewer < Role::Editor && Role::Editor < Role::Owner);
    }

    #[test]
    fn an_unknown_role_is_refused_at_its_field() {
        let error = Role::parse("admin", "role").unwrap_err();
        assert!(error.message_for_field("role").is_some());
        assert_eq!(Role::parse("editor", "role").unwrap(), Role::Editor);
    }

    #[test]
    fn team_names_are_trimmed_and_bounded() {
        assert_eq!(parse_team_name("  Payments ").unwrap(), "Payments");
        assert!(parse_team_name(" ").is_err());
        assert!(parse_team_name(&"x".repeat(81)).is_err());
        assert!(parse_team_name("a\nb").is_err());
    }
}
