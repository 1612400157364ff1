//! Findings that follow from the catalog's data rather than from one rule: an answer against the
//! recommendation, and a product the team does not know.
use super::{Facts, Recommendation, Risk};
use crate::questionnaire::{
    catalog::{
        wording::{as_sentence, capitalised},
        ChoiceOption, Chosen, Learning, Question, RiskLevel,
    },
    profile::TimeToMarket,
};

/// Choosing something other than the recommendation is worth a reviewer's question.
pub fn against_recommendation(
    question: &Question,
    chosen: Chosen,
    recommendation: Option<&Recommendation>,
    improvement: &str,
) -> Option<Risk> {
    let recommendation = recommendation?;
    let recommended = question.option(&recommendation.option)?;
    if chosen.option().is_some_and(|o| o.id == recommended.id) || matches!(chosen, Chosen::Text(_))
    {
        return None;
    }
    let name = chosen.name();
    let other = recommended.short_name();
    let improvement = if improvement.trim().is_empty() {
        format!(
            "Write down in the decision record why “{name}” serves the team better than “{other}”, and check that reason after the first release."
        )
    } else {
        as_sentence(improvement)
    };
    Some(Risk {
        level: RiskLevel::Medium,
        reason: format!(
            "The team chose “{name}” against the recommendation of “{other}”, made because {}.",
            recommendation.reason.trim().trim_end_matches('.')
        ),
        improvement,
        flags: Vec::new(),
    })
}

/// A product whose skills the profile does not list while it knows another option of the same
/// question, or the one specialised option (GraphQL among API styles): a learning curve, and
/// under a deadline of a month, a risk to the launch. Only for profiles that list skills.
pub fn new_to_the_team(question: &Question, chosen: Chosen, facts: &Facts) -> Option<Risk> {
    let option = chosen.option()?;
    let profile = facts.profile?;
    let in_a_hurry = profile.time_to_market == TimeToMarket::Weeks;
    if option.skills.is_empty()
        || (question.learning == Learning::Gentle && !in_a_hurry)
        || profile.skills.is_empty()
        || option
            .skills
            .iter()
            .any(|skill| profile.skills.contains(skill))
    {
        return None;
    }
    let knows = |other: &&ChoiceOption| other.skills.iter().any(|s| profile.skills.contains(s));
    let others = || question.options.iter().filter(|o| o.id != option.id);
    let knows_another = others().any(|o| knows(&o));
    let the_specialised_one = others().all(|o| o.skills.is_empty());
    if !knows_another && !the_specialised_one {
        return None;
    }
    let name = capitalised(option.short_name());
    Some(if in_a_hurry {
        Risk {
            level: RiskLevel::High,
            reason: format!(
                "{name} is new to the team (it is not among the skills in the profile), and the first release is due within a month."
            ),
            improvement: format!(
                "Ship the first release with what the team already knows, and try {name} on a small part after launch."
            ),
            flags: Vec::new(),
        }
    } else {
        Risk {
            level: RiskLevel::Medium,
            reason: format!(
                "{name} is new to the team (it is not among the skills in the profile), so the team will learn it while building."
            ),
            improvement: format!(
                "Time-box a spike with {name} in the first week, and pair the team with someone who has run it before."
            ),
            flags: Vec::new(),
        }
    })
}
