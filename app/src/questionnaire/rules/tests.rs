//! Table-driven tests of the rules in the real catalog, over realistic profiles.
use std::collections::HashMap;

use super::*;

/// A realistic profile, built by a function so each table row gets a fresh one.
type ProfileMaker = fn() -> Profile;
use crate::{
    questionnaire::{
        catalog::embedded,
        profile::{Budget, Client, Compliance, DataShape, Profile, TimeToMarket},
    },
    testing::advice,
};

fn startup_of_three() -> Profile {
    Profile {
        team_size: 3,
        skills: vec![],
        experience: "TypeScript".into(),
        expected_users: 2_000,
        budget: Budget::Bootstrapped,
        data_shape: DataShape::Relational,
        clients: vec![Client::Web],
        compliance: vec![],
        time_to_market: TimeToMarket::Months,
    }
}

fn scale_up_of_forty() -> Profile {
    Profile {
        team_size: 40,
        expected_users: 2_000_000,
        budget: Budget::Funded,
        clients: vec![Client::Web, Client::Mobile, Client::ThirdPartyApi],
        compliance: vec![Compliance::Soc2],
        time_to_market: TimeToMarket::Quarters,
        ..startup_of_three()
    }
}

fn clinic_app() -> Profile {
    Profile {
        team_size: 6,
        expected_users: 50_000,
        budget: Budget::Modest,
        clients: vec![Client::Web, Client::Mobile],
        compliance: vec![Compliance::Hipaa, Compliance::Gdpr],
        time_to_market: TimeToMarket::Weeks,
        ..startup_of_three()
    }
}

#[test]
fn recommendations_follow_the_profile() {
    let table: &[(ProfileMaker, &str, &str)] = &[
        (startup_of_three, "architecture.style", "modular-monolith"),
        (scale_up_of_forty, "architecture.style", "microservices"),
        (startup_of_three, "core.priority", "cost"),
        (clinic_app, "core.priority", "speed"),
        (startup_of_three, "api.style", "rest"),
        (scale_up_of_forty, "api.style", "graphql"),
        (clinic_app, "api.gateway", "bff"),
        (startup_of_three, "api.gateway", "none"),
        (startup_of_three, "auth.provider", "hosted"),
        (clinic_app, "auth.provider", "library"),
        (clinic_app, "hosting.platform", "own-servers"),
        (startup_of_three, "database.engine", "postgresql"),
        (scale_up_of_forty, "cicd.infrastructure", "iac"),
    ];
    for (profile, question, expected) in table {
        let recommended = advice(&profile(), &[], question)
            .recommendation
            .expect("every question recommends");
        assert_eq!(recommended.option, *expected, "{question}");
        assert!(!recommended.reason.is_empty());
    }
}

#[test]
fn answers_get_the_risk_level_their_context_deserves() {
    let table: &[(ProfileMaker, &str, &str, RiskLevel)] = &[
        (
            startup_of_three,
            "architecture.style",
            "microservices",
            RiskLevel::High,
        ),
        (
            scale_up_of_forty,
            "architecture.style",
            "microservices",
            RiskLevel::Medium,
        ),
        (
            startup_of_three,
            "architecture.style",
            "modular-monolith",
            RiskLevel::None,
        ),
        (startup_of_three, "auth.provider", "custom", RiskLevel::High),
        (startup_of_three, "auth.provider", "hosted", RiskLevel::None),
        (startup_of_three, "api.style", "graphql", RiskLevel::Medium),
        (scale_up_of_forty, "api.style", "graphql", RiskLevel::None),
        (
            startup_of_three,
            "testing.critical-paths",
            "none",
            RiskLevel::High,
        ),
        (
            startup_of_three,
            "testing.critical-paths",
            "critical-paths",
            RiskLevel::None,
        ),
        (
            clinic_app,
            "testing.critical-paths",
            "full-coverage",
            RiskLevel::Medium,
        ),
        (
            startup_of_three,
            "hosting.platform",
            "kubernetes",
            RiskLevel::High,
        ),
        (clinic_app, "pitfalls.security", "partly", RiskLevel::High),
        (
            startup_of_three,
            "pitfalls.security",
            "partly",
            RiskLevel::Medium,
        ),
    ];
    for (profile, question, answer, expected) in table {
        let level = advice(&profile(), &[(question, answer)], question).level();
        assert_eq!(level, *expected, "{question} = {answer}");
    }
}

#[test]
fn an_unanswered_question_has_no_risk_yet() {
    assert!(advice(&startup_of_three(), &[], "architecture.style")
        .risks
        .is_empty());
}

#[test]
fn every_risk_comes_with_a_reason_and_an_improvement_step() {
    let risks = advice(
        &startup_of_three(),
        &[("architecture.style", "microservices")],
        "architecture.style",
    )
    .risks;
    assert!(risks[0].reason.contains("overengineering"));
    assert!(!risks[0].improvement.is_empty());
}

#[test]
fn choosing_serverless_flags_cicd_monitoring_and_hosting_for_review() {
    let answers: HashMap<String, String> =
        [("runtime.model".to_owned(), "serverless".to_owned())].into();
    let profile = startup_of_three();
    let flags = review_flags(
        embedded(),
        &Facts {
            profile: Some(&profile),
            answers: &answers,
        },
    );
    let flagged: Vec<&str> = flags.keys().map(String::as_str).collect();
    assert_eq!(flagged, ["cicd", "hosting", "monitoring"]);
}

#[test]
fn an_answer_elsewhere_can_change_a_recommendation() {
    let profile = scale_up_of_forty();
    assert_eq!(
        advice(&profile, &[], "hosting.containers")
            .recommendation
            .unwrap()
            .option,
        "yes"
    );
    let serverless = advice(
        &profile,
        &[("runtime.model", "serverless")],
        "hosting.containers",
    );
    assert_eq!(serverless.recommendation.unwrap().option, "no");
}

#[test]
fn without_a_profile_only_unconditional_rules_apply() {
    let answers = HashMap::new();
    let facts = Facts {
        profile: None,
        answers: &answers,
    };
    let (_, question) = embedded().question("architecture.style").unwrap();
    assert_eq!(
        advise(question, &facts).recommendation.unwrap().option,
        "modular-monolith"
    );
}

#[test]
fn conditions_parse_each_kind_of_fact() {
    assert_eq!(
        Condition::parse("answer == x").unwrap().fact,
        Fact::ThisAnswer
    );
    assert_eq!(
        Condition::parse("answer.api.style != rest").unwrap().fact,
        Fact::Answer("api.style".into())
    );
    assert_eq!(
        Condition::parse("profile.clients.count >= 2").unwrap().fact,
        Fact::ProfileCount("clients".into())
    );
    assert!(Condition::parse("profile.team_size is 3").is_err());
}
