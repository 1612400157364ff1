//! Helpers for unit tests that need a migrated database with a team and a member in it.
use migrations::{Migrator, MigratorTrait};
use sea_orm::{Database, DatabaseConnection};

use crate::{
    accounts::service::{set_up_first_owner, SignUp},
    auth::Member,
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
