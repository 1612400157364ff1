//! Who is asking, and in which team. Every page, server function and route gets this from the
//! functions here, so that the rules live in one place:
//! - nobody signed in: 401;
//! - signed in but not a member of the object's team: 404, as if the object did not exist;
//! - a member whose role is too low for the action: 403.
use serde::{Deserialize, Serialize};

use crate::teams::domain::Role;

/// The person behind a request, as a member of one team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: i32,
    pub team_id: i32,
    pub role: Role,
}

#[cfg(feature = "ssr")]
mod current;
#[cfg(feature = "ssr")]
mod resolve;
#[cfg(feature = "ssr")]
pub use current::{
    client_address, current_user, current_user_id, member_for_project, member_of_team,
    provide_memberships_of_this_request, request_parts,
};
#[cfg(feature = "ssr")]
pub use resolve::{resolve_project_member, resolve_team_member};
