//! The project profile: the facts about the team and product that drive the recommendations.
use serde::{Deserialize, Serialize};

use super::catalog::Skill;
use crate::error::AppError;

/// Declares a closed set of choices with stable ids (used in forms, storage and rules).
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $id:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|choice| choice.id() == id)
            }
        }
    };
}

choices!(
    /// How much money the MVP may spend.
    Budget {
        Bootstrapped => "bootstrapped", "Bootstrapped: every bill counts";
        Modest => "modest", "Modest: some paid services are fine";
        Funded => "funded", "Funded: spend to save time";
    }
);
choices!(
    /// The shape of the product's main data.
    DataShape {
        Relational => "relational", "Relational: records with clear relationships";
        Document => "document", "Documents: loosely structured records";
        Mixed => "mixed", "Mixed";
    }
);
choices!(
    /// When the first release must be in users' hands.
    TimeToMarket {
        Weeks => "weeks", "Within a month";
        Months => "months", "In one to three months";
        Quarters => "quarters", "In more than three months";
    }
);
choices!(
    /// The kinds of client that will use the backend.
    Client {
        Web => "web", "Web";
        Mobile => "mobile", "Mobile apps";
        Iot => "iot", "IoT devices";
        ThirdPartyApi => "third_party_api", "Third-party API consumers";
    }
);
choices!(
    /// Compliance regimes the product must meet.
    Compliance {
        Gdpr => "gdpr", "GDPR (personal data of people in the EU)";
        Hipaa => "hipaa", "HIPAA (health data)";
        PciDss => "pci_dss", "PCI DSS (payment cards)";
        Soc2 => "soc2", "SOC 2";
    }
);

pub const TEAM_SIZE_MAX: u32 = 500;
pub const EXPERIENCE_MAX_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub team_size: u32,
    /// Ids of the catalog's skills the team knows well (empty in profiles saved before skills
    /// were asked for).
    #[serde(default)]
    pub skills: Vec<String>,
    /// Other languages, frameworks and platforms the team knows well, in its own words.
    pub experience: String,
    /// Users expected in the first year.
    pub expected_users: u64,
    pub budget: Budget,
    pub data_shape: DataShape,
    pub clients: Vec<Client>,
    pub compliance: Vec<Compliance>,
    pub time_to_market: TimeToMarket,
}

/// The profile form as posted: every field a string, check boxes present only when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    pub team_size: String,
    /// Ids of the ticked skills.
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub experience: String,
    #[serde(default)]
    pub expected_users: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub data_shape: String,
    #[serde(default)]
    pub time_to_market: String,
    /// Ids of the ticked clients.
    #[serde(default)]
    pub clients: Vec<String>,
    /// Ids of the ticked compliance regimes.
    #[serde(default)]
    pub compliance: Vec<String>,
}

impl Profile {
    /// Validates the form against the catalog's skills; the error names the first wrong field.
    pub fn parse(form: &ProfileForm, known_skills: &[Skill]) -> Result<Self, AppError> {
        let team_size = form
            .team_size
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|size| (1..=TEAM_SIZE_MAX).contains(size))
            .ok_or_else(|| {
                AppError::validation(
                    "team_size",
                    format!("Enter a whole number of people from 1 to {TEAM_SIZE_MAX}."),
                )
            })?;
        let experience = form.experience.trim().to_owned();
        if experience.chars().count() > EXPERIENCE_MAX_CHARS {
            return Err(AppError::validation(
                "experience",
                format!("Keep this to {EXPERIENCE_MAX_CHARS} characters or fewer."),
            ));
        }
        let expected_users = form
            .expected_users
            .trim()
            .replace([',', '_', ' '], "")
            .parse::<u64>()
            .ok()
            .filter(|users| *users <= 10_000_000_000)
            .ok_or_else(|| {
                AppError::validation(
                    "expected_users",
                    "Enter the number of users you expect, such as 5000.",
                )
            })?;
        let mut skills: Vec<String> = Vec::new();
        for id in &form.skills {
            let id = id.trim();
            if !known_skills.iter().any(|skill| skill.id == id) {
                return Err(AppError::validation(
                    "skills",
                    format!("“{id}” is not one of the skills listed."),
                ));
            }
            if !skills.iter().any(|known| known == id) {
                skills.push(id.to_owned());
            }
        }
        Ok(Self {
            team_size,
            skills,
            experience,
            expected_users,
            budget: one_of(&form.budget, "budget", Budget::from_id)?,
            data_shape: one_of(&form.data_shape, "data_shape", DataShape::from_id)?,
            time_to_market: one_of(
                &form.time_to_market,
                "time_to_market",
                TimeToMarket::from_id,
            )?,
            clients: all_of(&form.clients, "clients", Client::from_id)?,
            compliance: all_of(&form.compliance, "compliance", Compliance::from_id)?,
        })
    }

    /// The form that would post this profile (to fill the form for editing).
    pub fn to_form(&self) -> ProfileForm {
        ProfileForm {
            team_size: self.team_size.to_string(),
            skills: self.skills.clone(),
            experience: self.experience.clone(),
            expected_users: self.expected_users.to_string(),
            budget: self.budget.id().to_owned(),
            data_shape: self.data_shape.id().to_owned(),
            time_to_market: self.time_to_market.id().to_owned(),
            clients: self.clients.iter().map(|c| c.id().to_owned()).collect(),
            compliance: self.compliance.iter().map(|c| c.id().to_owned()).collect(),
        }
    }
}

fn one_of<T>(raw: &str, field: &str, from_id: fn(&str) -> Option<T>) -> Result<T, AppError> {
    from_id(raw.trim()).ok_or_else(|| AppError::validation(field, "Choose one of the options."))
}

fn all_of<T: PartialEq>(
    raw: &[String],
    field: &str,
    from_id: fn(&str) -> Option<T>,
) -> Result<Vec<T>, AppError> {
    let mut chosen = Vec::new();
    for id in raw {
        let choice = from_id(id.trim()).ok_or_else(|| {
            AppError::validation(field, format!("“{id}” is not one of the options."))
        })?;
        if !chosen.contains(&choice) {
            chosen.push(choice);
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProfileForm {
        ProfileForm {
            team_size: "3".into(),
            skills: vec!["typescript".into(), "react".into(), "typescript".into()],
            experience: "Tailwind".into(),
            expected_users: "5,000".into(),
            budget: "bootstrapped".into(),
            data_shape: "relational".into(),
            time_to_market: "months".into(),
            clients: vec!["web".into(), "mobile".into(), "web".into()],
            compliance: vec![],
        }
    }

    #[test]
    fn a_complete_form_parses_and_round_trips() {
        let profile = Profile::parse(&form(), skills()).unwrap();
        assert_eq!(profile.expected_users, 5000);
        assert_eq!(profile.clients, vec![Client::Web, Client::Mobile]);
        assert_eq!(profile.skills, ["typescript", "react"]);
        assert_eq!(
            Profile::parse(&profile.to_form(), skills()).unwrap(),
            profile
        );
    }

    fn skills() -> &'static [Skill] {
        &crate::questionnaire::catalog::embedded().skills
    }

    #[test]
    fn a_profile_saved_before_skills_keeps_its_free_text() {
        let stored = r#"{"team_size":4,"experience":"TypeScript and React","expected_users":100,
            "budget":"Modest","data_shape":"Mixed","clients":["Web"],"compliance":[],
            "time_to_market":"Months"}"#;
        let profile: Profile = serde_json::from_str(stored).unwrap();
        assert!(profile.skills.is_empty());
        assert_eq!(profile.experience, "TypeScript and React");
    }

    #[test]
    fn each_bad_field_is_named() {
        type Spoil = fn(&mut ProfileForm);
        let cases: [(&str, Spoil); 6] = [
            ("skills", |f| f.skills = vec!["cobol".into()]),
            ("team_size", |f| f.team_size = "0".into()),
            ("expected_users", |f| f.expected_users = "lots".into()),
            ("budget", |f| f.budget = "infinite".into()),
            ("clients", |f| f.clients = vec!["fax".into()]),
            ("experience", |f| f.experience = "x".repeat(301)),
        ];
        for (field, spoil) in cases {
            let mut bad = form();
            spoil(&mut bad);
            let error = Profile::parse(&bad, skills()).unwrap_err();
            assert!(
                error.message_for_field(field).is_some(),
                "{field}: {error:?}"
            );
        }
    }
}
