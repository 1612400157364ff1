//! The project profile as sentences for an ADR's context and drivers.
use crate::questionnaire::{
    catalog::{wording::joined, Catalog},
    profile::{Budget, Client, Compliance, DataShape, Profile, TimeToMarket},
};

/// "20,000"
pub fn with_separators(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The labels of the team's skills, then its own words.
pub fn skill_names(catalog: &Catalog, profile: &Profile) -> Vec<String> {
    profile
        .skills
        .iter()
        .map(|id| {
            catalog
                .skills
                .iter()
                .find(|skill| skill.id == *id)
                .map_or_else(|| id.clone(), |skill| skill.label.clone())
        })
        .collect()
}

/// Who builds the product and what it knows: "The team has 4 people, who know TypeScript and
/// React well."
pub fn team_sentence(catalog: &Catalog, profile: &Profile) -> String {
    let people = match profile.team_size {
        1 => "one person".to_owned(),
        n => format!("{n} people"),
    };
    let skills = skill_names(catalog, profile);
    let mut sentence = if skills.is_empty() {
        format!("The team has {people}.")
    } else {
        let who = if profile.team_size == 1 {
            "who knows"
        } else {
            "who know"
        };
        format!("The team has {people}, {who} {} well.", joined(&skills))
    };
    let own_words = profile.experience.trim().trim_end_matches('.');
    if !own_words.is_empty() {
        sentence.push_str(&format!(" In its own words: “{own_words}”."));
    }
    sentence
}

/// Load, budget and deadline in one sentence.
pub fn product_sentence(profile: &Profile) -> String {
    let budget = match profile.budget {
        Budget::Bootstrapped => "the budget is bootstrapped, so every bill counts",
        Budget::Modest => "the budget is modest, so some paid services are fine",
        Budget::Funded => "the product is funded, so spending to save time is fine",
    };
    format!(
        "About {} users are expected in the first year, {budget}, and the first release is due {}.",
        with_separators(profile.expected_users),
        deadline(profile.time_to_market)
    )
}

pub fn deadline(time_to_market: TimeToMarket) -> &'static str {
    match time_to_market {
        TimeToMarket::Weeks => "within a month",
        TimeToMarket::Months => "in one to three months",
        TimeToMarket::Quarters => "in more than three months",
    }
}

/// Data, clients and compliance, one sentence each (none for what the profile leaves empty).
pub fn shape_sentences(profile: &Profile) -> Vec<String> {
    let mut sentences = vec![match profile.data_shape {
        DataShape::Relational => "The data is relational: records with clear relationships.",
        DataShape::Document => "The data is mostly loosely structured documents.",
        DataShape::Mixed => "The data is a mix of relational records and loose documents.",
    }
    .to_owned()];
    let clients: Vec<String> = profile
        .clients
        .iter()
        .map(|client| {
            match client {
                Client::Web => "a web app",
                Client::Mobile => "mobile apps",
                Client::Iot => "IoT devices",
                Client::ThirdPartyApi => "third-party API consumers",
            }
            .to_owned()
        })
        .collect();
    if !clients.is_empty() {
        sentences.push(format!("The backend serves {}.", joined(&clients)));
    }
    let regimes: Vec<String> = profile
        .compliance
        .iter()
        .map(|regime| {
            match regime {
                Compliance::Gdpr => "GDPR",
                Compliance::Hipaa => "HIPAA",
                Compliance::PciDss => "PCI DSS",
                Compliance::Soc2 => "SOC 2",
            }
            .to_owned()
        })
        .collect();
    if !regimes.is_empty() {
        sentences.push(format!("The product must meet {}.", joined(&regimes)));
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(with_separators(0), "0");
        assert_eq!(with_separators(999), "999");
        assert_eq!(with_separators(20_000), "20,000");
        assert_eq!(with_separators(1_234_567), "1,234,567");
    }
}
