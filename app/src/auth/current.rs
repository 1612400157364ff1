use super::Member;
use crate::{error::AppError, state::app_state};

/// Resolves the member making the current request.
///
/// Until sign-in exists everyone is a member of the default team; this is the one place that
/// changes when accounts arrive.
pub async fn current_member() -> Result<Member, AppError> {
    let state = app_state()?;
    Ok(Member {
        team_id: state.default_team_id,
    })
}
