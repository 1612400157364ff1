//! The guided questionnaire: the catalog of topics, the project profile, answers, and the rules
//! that turn them into recommendations and risks.
pub mod catalog;
pub mod profile;
pub mod rules;
