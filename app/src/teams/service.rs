//! Business rules for teams: creating them, their members and roles, and invitations.
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use sha2::{Digest, Sha256};

use super::{
    domain::{
        parse_team_name, CreatedInvitation, InvitationPreview, Role, TeamDetails, TeamMember,
        TeamSummary,
    },
    repository::{self, NewInvitation},
};
use crate::{accounts::passwords::random_token, auth::Member, error::AppError};

/// How long an invitation link stays valid.
pub const INVITATION_LIFETIME_DAYS: i64 = 7;

pub async fn create_team(
    db: &DatabaseConnection,
    user_id: i32,
    name: &str,
) -> Result<TeamSummary, AppError> {
    let name = parse_team_name(name)?;
    let transaction = db.begin().await?;
    let team = create_team_in(&transaction, user_id, &name, Role::Owner).await?;
    transaction.commit().await?;
    Ok(team)
}

/// Creates a team with `user_id` as its first member, inside the caller's transaction.
pub async fn create_team_in(
    db: &impl ConnectionTrait,
    user_id: i32,
    name: &str,
    role: Role,
) -> Result<TeamSummary, AppError> {
    let slug = format!("{}-{}", slugify(name), &random_token()[..8]);
    let team = repository::insert(db, name, &slug).await?;
    repository::insert_membership(db, team.id, user_id, role.as_str()).await?;
    Ok(TeamSummary {
        id: team.id,
        name: team.name,
        role,
    })
}

pub async fn my_teams(db: &DatabaseConnection, user_id: i32) -> Result<Vec<TeamSummary>, AppError> {
    let rows = repository::teams_of(db, user_id).await?;
    Ok(rows
        .into_iter()
        .map(|(member, team)| TeamSummary {
            id: team.id,
            name: team.name,
            role: role_of(&member.role),
        })
        .collect())
}

/// The display names of a team's members, by name.
pub async fn member_names(db: &DatabaseConnection, team_id: i32) -> Result<Vec<String>, AppError> {
    let members = repository::members(db, team_id).await?;
    Ok(members
        .into_iter()
        .map(|(_, user)| user.display_name)
        .collect())
}

/// (user id, display name) of a team's members.
pub async fn members_by_id(
    db: &DatabaseConnection,
    team_id: i32,
) -> Result<Vec<(i32, String)>, AppError> {
    Ok(members_with_roles(db, team_id)
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect())
}

/// (user id, display name, role) of a team's members, by display name.
pub async fn members_with_roles(
    db: &DatabaseConnection,
    team_id: i32,
) -> Result<Vec<(i32, String, Role)>, AppError> {
    let members = repository::members(db, team_id).await?;
    Ok(members
        .into_iter()
        .map(|(member, user)| (user.id, user.display_name, role_of(&member.role)))
        .collect())
}

/// The role of `user_id` in `team_id`, or `None` when they are not a member.
pub async fn role_in_team(
    db: &DatabaseConnection,
    team_id: i32,
    user_id: i32,
) -> Result<Option<Role>, AppError> {
    Ok(repository::membership(db, team_id, user_id)
        .await?
        .map(|member| role_of(&member.role)))
}

/// The team a project belongs to, if the project exists.
pub async fn team_of_project(
    db: &DatabaseConnection,
    project_id: i32,
) -> Result<Option<i32>, AppError> {
    Ok(repository::team_of_project(db, project_id).await?)
}

pub async fn team_details(
    db: &DatabaseConnection,
    member: &Member,
) -> Result<TeamDetails, AppError> {
    let team = repository::find(db, member.team_id)
        .await?
        .ok_or_else(team_not_found)?;
    let members = repository::members(db, member.team_id)
        .await?
        .into_iter()
        .map(|(membership, user)| TeamMember {
            user_id: user.id,
            display_name: user.display_name,
            email: user.email,
            role: role_of(&membership.role),
        })
        .collect();
    Ok(TeamDetails {
        id: team.id,
        name: team.name,
        my_role: member.role,
        my_user_id: member.user_id,
        members,
    })
}

pub async fn invite(
    db: &DatabaseConnection,
    member: &Member,
    role: &str,
) -> Result<CreatedInvitation, AppError> {
    let role = Role::parse(role, "role")?;
    let token = random_token();
    let expires_at = Utc::now() + Duration::days(INVITATION_LIFETIME_DAYS);
    let transaction = db.begin().await?;
    lock_team_as(&transaction, member, Role::Owner).await?;
    repository::insert_invitation(
        &transaction,
        NewInvitation {
            team_id: member.team_id,
            role: role.as_str(),
            token_hash: &token_hash(&token),
            created_by: member.user_id,
            expires_at,
        },
    )
    .await?;
    transaction.commit().await?;
    Ok(CreatedInvitation {
        path: format!("/invitations/{token}"),
        role,
        expires_at: expires_at.to_rfc3339(),
    })
}

pub async fn preview_invitation(
    db: &DatabaseConnection,
    token: &str,
) -> Result<InvitationPreview, AppError> {
    let invitation = usable_invitation(db, token).await?;
    let team = repository::find(db, invitation.team_id)
        .await?
        .ok_or_else(invitation_not_found)?;
    Ok(InvitationPreview {
        team_name: team.name,
        role: role_of(&invitation.role),
    })
}

/// Adds the signed-in user to the invitation's team. The link works once: the claim and the new
/// membership commit together, and a second use (even at the same moment) is refused.
pub async fn accept_invitation(
    db: &DatabaseConnection,
    user_id: i32,
    token: &str,
) -> Result<TeamSummary, AppError> {
    let transaction = db.begin().await?;
    // The claim comes first: see `repository::claim_invitation`. When it claims nothing, the
    // invitation says why (unknown, used or expired).
    if !repository::claim_invitation(&transaction, &token_hash(token), user_id).await? {
        usable_invitation(&transaction, token).await?;
        return Err(invitation_used());
    }
    let invitation = repository::find_invitation(&transaction, &token_hash(token))
        .await?
        .ok_or_else(invitation_not_found)?;
    let role = role_of(&invitation.role);
    if repository::membership(&transaction, invitation.team_id, user_id)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict {
            message: "You are already a member of this team.".into(),
        });
    }
    repository::insert_membership(&transaction, invitation.team_id, user_id, role.as_str()).await?;
    let team = repository::find(&transaction, invitation.team_id)
        .await?
        .ok_or_else(invitation_not_found)?;
    transaction.commit().await?;
    Ok(TeamSummary {
        id: team.id,
        name: team.name,
        role,
    })
}

/// Gives a member another role. A team always keeps at least one owner.
pub async fn change_role(
    db: &DatabaseConnection,
    member: &Member,
    user_id: i32,
    role: &str,
) -> Result<(), AppError> {
    let role = Role::parse(role, "role")?;
    let transaction = db.begin().await?;
    lock_team_as(&transaction, member, Role::Owner).await?;
    let current = repository::membership(&transaction, member.team_id, user_id)
        .await?
        .ok_or_else(member_not_found)?;
    if role != Role::Owner {
        keep_an_owner(&transaction, member.team_id, &current, "role").await?;
    }
    repository::set_role(&transaction, member.team_id, user_id, role.as_str()).await?;
    transaction.commit().await?;
    Ok(())
}

/// Removes a member; they lose access with their very next request.
pub async fn remove_member(
    db: &DatabaseConnection,
    member: &Member,
    user_id: i32,
) -> Result<(), AppError> {
    let transaction = db.begin().await?;
    lock_team_as(&transaction, member, Role::Owner).await?;
    let current = repository::membership(&transaction, member.team_id, user_id)
        .await?
        .ok_or_else(member_not_found)?;
    keep_an_owner(&transaction, member.team_id, &current, "user_id").await?;
    repository::delete_membership(&transaction, member.team_id, user_id).await?;
    transaction.commit().await?;
    Ok(())
}

/// Locks the team for the rest of `transaction` (role changes, removals and deletions queue
/// here), then checks that `member` still has at least `needs` now that nobody else can change
/// it: someone demoted or removed a moment ago cannot finish an action their old role allowed.
pub async fn lock_team_as(
    transaction: &impl ConnectionTrait,
    member: &Member,
    needs: Role,
) -> Result<(), AppError> {
    repository::lock_team(transaction, member.team_id).await?;
    let now = repository::membership(transaction, member.team_id, member.user_id).await?;
    match now.map(|membership| role_of(&membership.role)) {
        Some(role) if role >= needs => Ok(()),
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::not_found("The team")),
    }
}

/// Refuses (at `field`) to take `current` out of the owners if it is the team's last owner.
async fn keep_an_owner(
    db: &impl ConnectionTrait,
    team_id: i32,
    current: &super::membership_entity::Model,
    field: &str,
) -> Result<(), AppError> {
    if role_of(&current.role) == Role::Owner && repository::count_owners(db, team_id).await? <= 1 {
        return Err(AppError::validation(
            field,
            "A team needs at least one owner: make someone else an owner first.",
        ));
    }
    Ok(())
}

async fn usable_invitation(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<super::invitation_entity::Model, AppError> {
    let invitation = repository::find_invitation(db, &token_hash(token))
        .await?
        .ok_or_else(invitation_not_found)?;
    if invitation.used_at.is_some() {
        return Err(invitation_used());
    }
    if invitation.expires_at < Utc::now() {
        return Err(AppError::Conflict {
            message: "This invitation has expired. Ask the team's owner for a new link.".into(),
        });
    }
    Ok(invitation)
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Roles are written by this module only; anything else in the column reads as the least role.
fn role_of(stored: &str) -> Role {
    Role::parse(stored, "role").unwrap_or(Role::Viewer)
}

fn slugify(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug.chars().take(60).collect();
    if slug.is_empty() {
        "team".to_owned()
    } else {
        slug
    }
}

fn team_not_found() -> AppError {
    AppError::not_found("The team")
}

fn member_not_found() -> AppError {
    AppError::not_found("The member")
}

fn invitation_not_found() -> AppError {
    AppError::not_found("The invitation")
}

fn invitation_used() -> AppError {
    AppError::Conflict {
        message: "This invitation has already been used. Ask the team's owner for a new link."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        accounts::service::{sign_up, SignUp},
        testing::database_with_member,
    };

    async fn second_user(db: &DatabaseConnection, email: &str) -> i32 {
        let input = SignUp {
            email,
            display_name: "",
            password: "another long password",
        };
        sign_up(db, input).await.unwrap().id
    }

    fn token_of(invitation: &CreatedInvitation) -> &str {
        invitation.path.rsplit('/').next().unwrap()
    }

    #[tokio::test]
    async fn an_owner_demoted_after_being_checked_cannot_finish_an_owner_action() {
        let (db, owner) = database_with_member().await;
        let invitation = invite(&db, &owner, "owner").await.unwrap();
        let second = second_user(&db, "second@example.com").await;
        accept_invitation(&db, second, token_of(&invitation))
            .await
            .unwrap();
        // The first owner was checked as an owner; then the second demotes them.
        let second_owner = Member {
            user_id: second,
            team_id: owner.team_id,
            role: Role::Owner,
        };
        change_role(&db, &second_owner, owner.user_id, "editor")
            .await
            .unwrap();
        let stale = change_role(&db, &owner, second, "viewer").await;
        assert_eq!(stale, Err(AppError::Forbidden));
        let stale = remove_member(&db, &owner, second).await;
        assert_eq!(stale, Err(AppError::Forbidden));
        let stale = invite(&db, &owner, "owner").await.map(|_| ());
        assert_eq!(stale, Err(AppError::Forbidden));
        assert_eq!(
            role_in_team(&db, owner.team_id, second).await.unwrap(),
            Some(Role::Owner)
        );
    }

    #[tokio::test]
    async fn an_invitation_adds_its_role_once() {
        let (db, owner) = database_with_member().await;
        let invitation = invite(&db, &owner, "viewer").await.unwrap();
        let guest = second_user(&db, "guest@example.com").await;
        let joined = accept_invitation(&db, guest, token_of(&invitation))
            .await
            .unwrap();
        assert_eq!((joined.id, joined.role), (owner.team_id, Role::Viewer));
        assert_eq!(
            role_in_team(&db, owner.team_id, guest).await.unwrap(),
            Some(Role::Viewer)
        );

        let late = second_user(&db, "late@example.com").await;
        let error = accept_invitation(&db, late, token_of(&invitation))
            .await
            .unwrap_err();
        assert!(error.to_string().contains("already been used"), "{error}");
        assert_eq!(role_in_team(&db, owner.team_id, late).await.unwrap(), None);
    }

    #[tokio::test]
    async fn an_expired_or_unknown_invitation_adds_nobody() {
        use sea_orm::{ActiveModelTrait, Set};
        let (db, owner) = database_with_member().await;
        let invitation = invite(&db, &owner, "editor").await.unwrap();
        let row = repository::find_invitation(&db, &token_hash(token_of(&invitation)))
            .await
            .unwrap()
            .unwrap();
        let mut expired: super::super::invitation_entity::ActiveModel = row.into();
        expired.expires_at = Set(Utc::now() - Duration::minutes(1));
        expired.update(&db).await.unwrap();
        let guest = second_user(&db, "guest@example.com").await;
        let error = accept_invitation(&db, guest, token_of(&invitation))
            .await
            .unwrap_err();
        assert!(error.to_string().contains("expired"), "{error}");
        let error = accept_invitation(&db, guest, "no-such-token")
            .await
            .unwrap_err();
        assert!(matches!(error, AppError::NotFound { .. }));
        assert_eq!(role_in_team(&db, owner.team_id, guest).await.unwrap(), None);
    }

    #[tokio::test]
    async fn the_last_owner_can_be_neither_demoted_nor_removed() {
        let (db, owner) = database_with_member().await;
        let error = change_role(&db, &owner, owner.user_id, "editor")
            .await
            .unwrap_err();
        assert!(error.message_for_field("role").is_some());
        let error = remove_member(&db, &owner, owner.user_id).await.unwrap_err();
        assert!(error.message_for_field("user_id").is_some());
        assert_eq!(
            role_in_team(&db, owner.team_id, owner.user_id)
                .await
                .unwrap(),
            Some(Role::Owner)
        );

        // With a second owner, the first may step down.
        let invitation = invite(&db, &owner, "owner").await.unwrap();
        let other = second_user(&db, "co-owner@example.com").await;
        accept_invitation(&db, other, token_of(&invitation))
            .await
            .unwrap();
        change_role(&db, &owner, owner.user_id, "viewer")
            .await
            .unwrap();
        assert_eq!(
            role_in_team(&db, owner.team_id, owner.user_id)
                .await
                .unwrap(),
            Some(Role::Viewer)
        );
    }

    #[tokio::test]
    async fn an_unknown_role_changes_nothing() {
        let (db, owner) = database_with_member().await;
        let error = invite(&db, &owner, "admin").await.unwrap_err();
        assert!(error.message_for_field("role").is_some());
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_dashes() {
        assert_eq!(slugify("  Payments & Billing!"), "payments-billing");
        assert_eq!(slugify("ÄÖÜ"), "team");
    }

    #[test]
    fn token_hashes_are_hex_sha256() {
        assert_eq!(token_hash("abc").len(), 64);
        assert_ne!(token_hash("abc"), token_hash("abd"));
    }
}
