//! The team pages: the list of one's teams, a team with its projects and members, and the page
//! an invitation link opens.
mod invitation_page;
mod members;
mod team_page;
mod teams_page;

pub use invitation_page::InvitationPage;
pub use team_page::TeamPage;
pub use teams_page::TeamsPage;
