//! The real catalog's product questions over six realistic teams: what it recommends, why, and
//! the findings a reviewer would raise.
use super::*;
use crate::{
    questionnaire::profile::{Budget, Client, Compliance, DataShape, Profile, TimeToMarket},
    testing::{advice, profile},
};

/// Four people who know TypeScript, React and PostgreSQL: a marketplace on web and mobile.
fn typescript_product_team() -> Profile {
    use Client::*;
    profile(
        4,
        &["typescript", "react", "postgresql"],
        (
            Budget::Modest,
            DataShape::Relational,
            TimeToMarket::Months,
            20_000,
        ),
        vec![Web, Mobile],
        vec![],
    )
}

/// Two Django developers with a month and no money.
fn django_pair_on_a_deadline() -> Profile {
    profile(
        2,
        &["python", "django"],
        (
            Budget::Bootstrapped,
            DataShape::Relational,
            TimeToMarket::Weeks,
            500,
        ),
        vec![Client::Web],
        vec![],
    )
}

/// Eight Java developers on AWS building a patient portal.
fn clinic_on_aws() -> Profile {
    profile(
        8,
        &["java", "spring", "aws"],
        (
            Budget::Funded,
            DataShape::Relational,
            TimeToMarket::Quarters,
            50_000,
        ),
        vec![Client::Web, Client::Mobile],
        vec![Compliance::Hipaa, Compliance::Gdpr],
    )
}

/// Three Go developers collecting readings from devices.
fn iot_team_in_go() -> Profile {
    profile(
        3,
        &["go", "docker", "gcp"],
        (
            Budget::Modest,
            DataShape::Document,
            TimeToMarket::Months,
            100_000,
        ),
        vec![Client::Iot, Client::ThirdPartyApi],
        vec![],
    )
}

/// A Rails agency team of five with a one-month deadline.
fn rails_agency() -> Profile {
    profile(
        5,
        &["ruby", "rails", "postgresql"],
        (
            Budget::Modest,
            DataShape::Relational,
            TimeToMarket::Weeks,
            5_000,
        ),
        vec![Client::Web],
        vec![],
    )
}

/// Twelve .NET developers on Azure with SOC 2 and partners calling the API.
fn dotnet_enterprise_team() -> Profile {
    profile(
        12,
        &["csharp", "aspnet", "azure", "angular"],
        (
            Budget::Funded,
            DataShape::Mixed,
            TimeToMarket::Quarters,
            500_000,
        ),
        vec![Client::Web, Client::ThirdPartyApi],
        vec![Compliance::Soc2],
    )
}

type Maker = fn() -> Profile;
/// (team, earlier answers, question, expected option, a word the reason must name)
type RecommendationRow = (
    Maker,
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn products_are_recommended_from_skills_first_and_the_reason_names_them() {
    // (team, earlier answers, question, expected option, a word the reason must name)
    let table: &[RecommendationRow] = &[
        (
            typescript_product_team,
            &[],
            "backend.language",
            "typescript",
            "TypeScript",
        ),
        (
            typescript_product_team,
            &[("backend.language", "typescript")],
            "backend.framework",
            "nestjs",
            "NestJS",
        ),
        (
            typescript_product_team,
            &[],
            "frontend.library",
            "react",
            "React",
        ),
        (
            typescript_product_team,
            &[],
            "database.product",
            "postgresql",
            "PostgreSQL",
        ),
        (
            typescript_product_team,
            &[("backend.language", "typescript")],
            "monitoring.logging",
            "pino",
            "TypeScript",
        ),
        (
            typescript_product_team,
            &[("backend.language", "typescript")],
            "testing.unit",
            "jest-supertest",
            "TypeScript",
        ),
        (
            django_pair_on_a_deadline,
            &[],
            "backend.language",
            "python",
            "Python",
        ),
        (
            django_pair_on_a_deadline,
            &[("backend.language", "python")],
            "backend.framework",
            "django",
            "Django",
        ),
        (
            django_pair_on_a_deadline,
            &[("backend.language", "python")],
            "testing.unit",
            "pytest",
            "Python",
        ),
        (clinic_on_aws, &[], "backend.language", "java", "Java"),
        (
            clinic_on_aws,
            &[("backend.language", "java")],
            "backend.framework",
            "spring-boot",
            "Spring",
        ),
        (
            clinic_on_aws,
            &[("database.product", "postgresql")],
            "database.hosting",
            "aws-rds",
            "health",
        ),
        (
            clinic_on_aws,
            &[],
            "auth.identity-provider",
            "cognito",
            "health",
        ),
        (iot_team_in_go, &[], "backend.language", "go", "Go"),
        (clinic_on_aws, &[], "hosting.platform", "paas", "AWS"),
        (clinic_on_aws, &[], "auth.provider", "hosted", "Cognito"),
        (
            django_pair_on_a_deadline,
            &[],
            "runtime.model",
            "containers",
            "Django",
        ),
        (
            django_pair_on_a_deadline,
            &[],
            "auth.provider",
            "library",
            "Django",
        ),
        (
            django_pair_on_a_deadline,
            &[],
            "frontend.approach",
            "server-rendered",
            "Django",
        ),
        (
            django_pair_on_a_deadline,
            &[],
            "database.access",
            "framework-orm",
            "Django",
        ),
        (
            django_pair_on_a_deadline,
            &[("testing.critical-paths", "none")],
            "testing.unit",
            "none",
            "no automated tests",
        ),
        (iot_team_in_go, &[], "runtime.model", "containers", "IoT"),
        (
            iot_team_in_go,
            &[("runtime.model", "containers")],
            "hosting.backend",
            "cloud-run",
            "Google",
        ),
        (
            rails_agency,
            &[("backend.language", "ruby")],
            "backend.framework",
            "rails",
            "Rails",
        ),
        (
            dotnet_enterprise_team,
            &[],
            "backend.language",
            "csharp",
            "C#",
        ),
        (
            dotnet_enterprise_team,
            &[],
            "frontend.library",
            "angular",
            "Angular",
        ),
        (
            dotnet_enterprise_team,
            &[],
            "api.style",
            "rest",
            "third parties",
        ),
    ];
    for (profile, answers, question, expected, named) in table {
        let recommendation = advice(&profile(), answers, question)
            .recommendation
            .unwrap_or_else(|| panic!("{question} recommends"));
        assert_eq!(
            recommendation.option, *expected,
            "{question}: {}",
            recommendation.reason
        );
        assert!(
            recommendation.reason.contains(named),
            "{question}: the reason names {named}: {}",
            recommendation.reason
        );
    }
}

/// (team, answers, question, expected level, words the finding must contain)
type FindingRow = (
    Maker,
    &'static [(&'static str, &'static str)],
    &'static str,
    RiskLevel,
    &'static str,
);

#[test]
fn reviewers_findings_are_raised() {
    let table: &[FindingRow] = &[
        // Serverless with long-lived device connections.
        (
            iot_team_in_go,
            &[("runtime.model", "serverless")],
            "runtime.model",
            RiskLevel::Medium,
            "connection",
        ),
        // Microservices without CI/CD, or without monitoring.
        (
            dotnet_enterprise_team,
            &[
                ("architecture.style", "microservices"),
                ("cicd.pipeline", "none"),
            ],
            "architecture.style",
            RiskLevel::High,
            "pipeline",
        ),
        (
            dotnet_enterprise_team,
            &[
                ("architecture.style", "microservices"),
                ("monitoring.setup", "none"),
            ],
            "architecture.style",
            RiskLevel::High,
            "monitor",
        ),
        // A document database for relational data.
        (
            typescript_product_team,
            &[("database.product", "mongodb")],
            "database.product",
            RiskLevel::Medium,
            "relational",
        ),
        // Health data on a host that may not sign a business associate agreement.
        (
            clinic_on_aws,
            &[
                ("runtime.model", "containers"),
                ("hosting.backend", "railway"),
            ],
            "hosting.backend",
            RiskLevel::Medium,
            "business associate agreement",
        ),
        // A global store from the start in a small app.
        (
            django_pair_on_a_deadline,
            &[("frontend.state", "global-store")],
            "frontend.state",
            RiskLevel::Medium,
            "store",
        ),
        // GraphQL in a team new to it.
        (
            typescript_product_team,
            &[("api.style", "graphql")],
            "api.style",
            RiskLevel::Medium,
            "GraphQL is new to the team",
        ),
        // No tests on sign-up, login or payments.
        (
            rails_agency,
            &[("testing.critical-paths", "none")],
            "testing.critical-paths",
            RiskLevel::High,
            "sign-up",
        ),
        // A framework new to the team under a one-month deadline.
        (
            django_pair_on_a_deadline,
            &[
                ("backend.language", "typescript"),
                ("backend.framework", "nestjs"),
            ],
            "backend.framework",
            RiskLevel::High,
            "NestJS is new to the team",
        ),
        // Choosing against the recommendation.
        (
            typescript_product_team,
            &[("frontend.library", "vue")],
            "frontend.library",
            RiskLevel::Medium,
            "against the recommendation of “React”",
        ),
    ];
    for (profile, answers, question, level, words) in table {
        let advice = advice(&profile(), answers, question);
        let finding = advice
            .risks
            .iter()
            .find(|risk| risk.reason.contains(words))
            .unwrap_or_else(|| {
                panic!(
                    "{question}: no finding with “{words}” in {:#?}",
                    advice.risks
                )
            });
        assert!(finding.level >= *level, "{question}: {finding:?}");
        assert!(finding.improvement.ends_with('.'), "{finding:?}");
    }
}

#[test]
fn options_that_do_not_fit_earlier_answers_are_marked() {
    let profile = typescript_product_team();
    let unfit = |answers: &[(&str, &str)], question: &str| -> Vec<String> {
        advice(&profile, answers, question)
            .unfit
            .into_iter()
            .map(|u| u.option)
            .collect()
    };
    let logging = unfit(&[("backend.language", "python")], "monitoring.logging");
    assert!(
        logging.contains(&"pino".to_owned()) && !logging.contains(&"python-logging".to_owned()),
        "{logging:?}"
    );
    let hosts = unfit(&[("runtime.model", "containers")], "hosting.backend");
    assert!(
        hosts.contains(&"aws-lambda".to_owned()) && !hosts.contains(&"render".to_owned()),
        "{hosts:?}"
    );
    let serverless = unfit(&[("runtime.model", "serverless")], "hosting.backend");
    assert!(
        serverless.contains(&"render".to_owned()) && !serverless.contains(&"aws-lambda".to_owned())
    );
    assert!(
        unfit(&[], "hosting.backend").is_empty(),
        "nothing is ruled out before it is answered"
    );
    // "Other" counts as an answer: the frameworks of the listed languages no longer fit.
    let frameworks = unfit(
        &[("backend.language", "other:Crystal")],
        "backend.framework",
    );
    assert!(frameworks.contains(&"nestjs".to_owned()));
    let recommended = advice(&profile, &[("backend.language", "python")], "testing.unit")
        .recommendation
        .unwrap();
    assert_eq!(
        recommended.option, "pytest",
        "a recommendation never names an option that does not fit"
    );
}
