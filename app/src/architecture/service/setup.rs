//! What the document adds around the stack: the profile in one line, and the environment
//! variables and first-week steps of the chosen options.
use super::Inputs;
use crate::questionnaire::{
    catalog::Catalog,
    profile::Profile,
    profile_prose::{product_sentence, team_sentence},
};

/// (name, what it holds) of each environment variable.
pub type EnvVars = Vec<(String, String)>;
/// First-week steps by topic title.
pub type FirstWeek = Vec<(String, Vec<String>)>;

/// The environment variables (by name, first description kept) and first-week steps of every
/// chosen option, in catalog order.
pub fn setup_steps(catalog: &Catalog, inputs: &Inputs) -> (EnvVars, FirstWeek) {
    let mut env: EnvVars = Vec::new();
    let mut first_week: FirstWeek = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (topic, question) in catalog
        .topics
        .iter()
        .flat_map(|t| t.questions.iter().map(move |q| (t, q)))
    {
        let Some(option) = inputs
            .answers
            .get(&question.id)
            .and_then(|(value, _)| question.chosen(value).option())
        else {
            continue;
        };
        for variable in &option.env {
            let (name, about) = variable.split_once(": ").unwrap_or((variable, ""));
            if !env.iter().any(|(known, _)| known == name) {
                env.push((name.to_owned(), about.to_owned()));
            }
        }
        let steps: Vec<String> = option
            .first_week
            .iter()
            .filter(|step| !seen.contains(&step.as_str()))
            .cloned()
            .collect();
        seen.extend(option.first_week.iter().map(String::as_str));
        if steps.is_empty() {
            continue;
        }
        match first_week
            .iter_mut()
            .find(|(title, _)| *title == topic.title)
        {
            Some((_, known)) => known.extend(steps),
            None => first_week.push((topic.title.clone(), steps)),
        }
    }
    (env, first_week)
}

/// The profile in two sentences: who builds it, and for how many users, money and time.
pub fn profile_summary(catalog: &Catalog, profile: &Profile) -> String {
    format!(
        "{} {}",
        team_sentence(catalog, profile),
        product_sentence(profile)
    )
}
