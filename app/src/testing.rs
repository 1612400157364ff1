//! Helpers for unit tests: a migrated database with a team and a member in it, and profiles and
//! advice from the real catalog.
use std::collections::HashMap;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{Database, DatabaseConnection};

use crate::{
    accounts::service::{set_up_first_owner, SignUp},
    auth::Member,
    questionnaire::{
        catalog::embedded,
        profile::{Budget, Client, Compliance, DataShape, Profile, TimeToMarket},
        rules::{advise, Advice, Facts},
    },
    teams::{domain::Role, service::my_teams},
};

/// An in-memory SQLite database, migrated, with its first owner in their team.
pub async fn database_with_member() -> (DatabaseConnection, Member) {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    Migrator::up(&db, None).await.unwrap();
    let owner = SignUp {
        email: "owner@example.com",
        display_name: "Owner",
        password: "a long test password",
    };
    let user = set_up_first_owner(&db, owner, "Team").await.unwrap();
    let team = my_teams(&db, user.id).await.unwrap().remove(0);
    (
        db,
        Member {
            user_id: user.id,
            team_id: team.id,
            role: Role::Owner,
        },
    )
}

/// A profile for rule and drafting tests: size, skills, (budget, data, deadline, expected users),
/// clients and compliance; no free-text experience.
pub fn profile(
    team_size: u32,
    skills: &[&str],
    (budget, data_shape, time_to_market, expected_users): (Budget, DataShape, TimeToMarket, u64),
    clients: Vec<Client>,
    compliance: Vec<Compliance>,
) -> Profile {
    Profile {
        team_size,
        skills: skills.iter().map(|s| (*s).to_owned()).collect(),
        experience: String::new(),
        expected_users,
        budget,
        data_shape,
        clients,
        compliance,
        time_to_market,
    }
}

/// What the real catalog advises on `question` for this profile and these answers.
pub fn advice(profile: &Profile, answers: &[(&str, &str)], question: &str) -> Advice {
    let answers: HashMap<String, String> = answers
        .iter()
        .map(|(q, a)| ((*q).to_owned(), (*a).to_owned()))
        .collect();
    let facts = Facts {
        profile: Some(profile),
        answers: &answers,
    };
    let (_, question) = embedded().question(question).expect("question exists");
    advise(question, &facts)
}
