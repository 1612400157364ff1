//! The team endpoints. Each one: who is asking (and their role in the team), then the service.
use leptos::prelude::*;

use super::domain::{CreatedInvitation, InvitationPreview, TeamDetails, TeamSummary};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    auth::{current_user_id, member_of_team},
    forms::keep_form_input_on_error,
    state::app_state,
    teams::{domain::Role, service},
};

#[server(endpoint = "list_my_teams")]
pub async fn list_my_teams() -> Result<Vec<TeamSummary>, AppError> {
    let user_id = current_user_id().await?;
    service::my_teams(&app_state()?.db, user_id).await
}

#[server(endpoint = "create_team")]
pub async fn create_team(name: String) -> Result<TeamSummary, AppError> {
    let result = async {
        let user_id = current_user_id().await?;
        let team = service::create_team(&app_state()?.db, user_id, &name).await?;
        Ok(team)
    }
    .await;
    keep_form_input_on_error::<CreateTeam, _>(result, &[("name", &name)])
}

#[server(endpoint = "get_team")]
pub async fn get_team(team_id: i32) -> Result<TeamDetails, AppError> {
    let member = member_of_team(team_id, Role::Viewer).await?;
    service::team_details(&app_state()?.db, &member).await
}

#[server(endpoint = "invite_member")]
pub async fn invite_member(team_id: i32, role: String) -> Result<CreatedInvitation, AppError> {
    let member = member_of_team(team_id, Role::Owner).await?;
    let invitation = service::invite(&app_state()?.db, &member, &role).await?;
    // Without JavaScript the team page shows the link from its URL.
    leptos_axum::redirect(&format!("/teams/{team_id}?invitation={}", invitation.path));
    Ok(invitation)
}

#[server(endpoint = "change_member_role")]
pub async fn change_member_role(team_id: i32, user_id: i32, role: String) -> Result<(), AppError> {
    let result = async {
        let member = member_of_team(team_id, Role::Owner).await?;
        service::change_role(&app_state()?.db, &member, user_id, &role).await
    }
    .await;
    keep_form_input_on_error::<ChangeMemberRole, _>(result, &[])
}

#[server(endpoint = "remove_member")]
pub async fn remove_member(team_id: i32, user_id: i32) -> Result<(), AppError> {
    let result = async {
        let member = member_of_team(team_id, Role::Owner).await?;
        let state = app_state()?;
        service::remove_member(&state.db, &member, user_id).await?;
        // Their open planning-session streams close now, on every replica.
        crate::planning::service::membership_ended(&state.db, &state.live, team_id, user_id).await
    }
    .await;
    keep_form_input_on_error::<RemoveMember, _>(result, &[])
}

/// What an invitation link offers; anyone signed in may look before accepting.
#[server(endpoint = "get_invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationPreview, AppError> {
    current_user_id().await?;
    service::preview_invitation(&app_state()?.db, &token).await
}

#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String) -> Result<TeamSummary, AppError> {
    let user_id = current_user_id().await?;
    let team = service::accept_invitation(&app_state()?.db, user_id, &token).await?;
    leptos_axum::redirect(&format!("/teams/{}", team.id));
    Ok(team)
}
