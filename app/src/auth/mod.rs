//! Who is asking, and in which team. Every server function and route gets this from
//! [`current_member`], so that accounts plug in here and nowhere else.
use serde::{Deserialize, Serialize};

/// The person behind a request, as a member of one team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub team_id: i32,
}

#[cfg(feature = "ssr")]
mod current;
#[cfg(feature = "ssr")]
pub use current::current_member;
