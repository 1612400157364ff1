//! sea-orm entities of the questionnaire tables. Every row carries its team.
pub mod answer;
pub mod profile_row;
pub mod topic_mark;
