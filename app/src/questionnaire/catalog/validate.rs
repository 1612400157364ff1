//! Checks a catalog for everything a typo could break. Returns one message per problem, each
//! naming the file (or `catalog.toml`), the question or option, and the field.
mod conditions;
mod texts;

use std::collections::HashSet;

use conditions::check_conditions;
use texts::{check_clause, check_sentence, check_title_template};

use super::{Catalog, ChoiceOption, Question, QuestionKind, Topic};

pub fn validate(catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    check_header(catalog, &mut problems);
    let topic_ids: HashSet<&str> = catalog.topics.iter().map(|t| t.id.as_str()).collect();
    if topic_ids.len() != catalog.topics.len() {
        problems.push("topics: topic ids are not unique".to_owned());
    }
    let mut question_ids = HashSet::new();
    for topic in &catalog.topics {
        let mut found = Vec::new();
        if topic.guidance.trim().is_empty() {
            found.push("field `guidance`: the topic has no guidance".to_owned());
        }
        if !(1..=5).contains(&topic.questions.len()) {
            found.push("field `questions`: a topic has 1 to 5 questions".to_owned());
        }
        for question in &topic.questions {
            if !question_ids.insert(question.id.as_str()) {
                found.push(format!("question {}: the id is used twice", question.id));
            }
            let mut about_question = Vec::new();
            check_question(catalog, topic, question, &topic_ids, &mut about_question);
            found.extend(
                about_question
                    .into_iter()
                    .map(|problem| format!("question {}, {problem}", question.id)),
            );
        }
        let file = if topic.source.is_empty() {
            format!("topic {}", topic.id)
        } else {
            format!("topics/{}", topic.source)
        };
        problems.extend(
            found
                .into_iter()
                .map(|problem| format!("{file}: {problem}")),
        );
    }
    problems
}

/// The skills and the moved questions in `catalog.toml`.
fn check_header(catalog: &Catalog, problems: &mut Vec<String>) {
    let mut skill_ids = HashSet::new();
    for skill in &catalog.skills {
        if !skill_ids.insert(skill.id.as_str()) {
            problems.push(format!(
                "catalog.toml: skill {}: the id is used twice",
                skill.id
            ));
        }
        if skill.label.trim().is_empty() || skill.group.trim().is_empty() {
            problems.push(format!(
                "catalog.toml: skill {}: fields `label` and `group` must not be empty",
                skill.id
            ));
        }
    }
    for moved in &catalog.moved {
        if catalog.question(&moved.to).is_none() {
            problems.push(format!(
                "catalog.toml: moved {}: field `to` names no question ({})",
                moved.from, moved.to
            ));
        }
        if catalog.question(&moved.from).is_some() {
            problems.push(format!(
                "catalog.toml: moved {}: field `from` is still a question",
                moved.from
            ));
        }
    }
}

fn check_question(
    catalog: &Catalog,
    topic: &Topic,
    question: &Question,
    topic_ids: &HashSet<&str>,
    problems: &mut Vec<String>,
) {
    let option_ids: HashSet<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
    match question.kind {
        QuestionKind::Choice if question.options.len() < 2 => {
            problems.push("field `options`: a choice needs at least two options".into())
        }
        QuestionKind::Text if !question.options.is_empty() || question.allow_other => problems
            .push("field `options`: a text question has no options and no `allow_other`".into()),
        _ => {}
    }
    if option_ids.len() != question.options.len() {
        problems.push("field `options`: option ids are not unique".into());
    }
    check_decision(catalog, topic, question, problems);
    for option in &question.options {
        check_option(catalog, question, option, problems);
    }
    if question.kind == QuestionKind::Choice {
        match question.recommend.last() {
            None => problems.push("field `recommend`: no recommendation rules".into()),
            Some(last) if !last.when.is_empty() => problems
                .push("field `recommend`: the last rule must be the default (no `when`)".into()),
            _ => {}
        }
    }
    for (index, rule) in question.recommend.iter().enumerate() {
        let place = format!("recommend rule {}", index + 1);
        if !option_ids.contains(rule.option.as_str()) {
            problems.push(format!(
                "{place}, field `option`: unknown option {}",
                rule.option
            ));
        }
        check_clause(&format!("{place}, field `reason`"), &rule.reason, problems);
        check_conditions(catalog, question, &place, &rule.when, problems);
    }
    for (index, rule) in question.risks.iter().enumerate() {
        let place = format!("risk rule {}", index + 1);
        check_conditions(catalog, question, &place, &rule.when, problems);
        check_sentence(&format!("{place}, field `reason`"), &rule.reason, problems);
        check_sentence(
            &format!("{place}, field `improvement`"),
            &rule.improvement,
            problems,
        );
        for flag in &rule.flags {
            if !topic_ids.contains(flag.as_str()) {
                problems.push(format!("{place}, field `flags`: unknown topic {flag}"));
            }
        }
    }
}

/// Which ADR the question goes into: its own (`adr_title`) or another's (`part_of`).
fn check_decision(
    catalog: &Catalog,
    topic: &Topic,
    question: &Question,
    problems: &mut Vec<String>,
) {
    match (question.adr_title.is_empty(), question.part_of.is_empty()) {
        (true, true) => problems.push("fields `adr_title`, `part_of`: give one of them".into()),
        (false, false) => problems.push("fields `adr_title`, `part_of`: give only one".into()),
        (false, true) => {
            check_title_template("field `adr_title`", catalog, &question.adr_title, problems)
        }
        (true, false) => {
            let owner = topic.questions.iter().find(|q| q.id == question.part_of);
            if owner.is_none_or(|q| q.adr_title.is_empty()) {
                problems.push(format!(
                    "field `part_of`: {} is no question of this topic with an `adr_title`",
                    question.part_of
                ));
            }
        }
    }
}

fn check_option(
    catalog: &Catalog,
    question: &Question,
    option: &ChoiceOption,
    problems: &mut Vec<String>,
) {
    let place = format!("option {}", option.id);
    if option.label.trim().is_empty() {
        problems.push(format!("{place}, field `label`: must not be empty"));
    }
    for (field, text) in [
        ("good", &option.good),
        ("bad", &option.bad),
        ("fits", &option.fits),
    ] {
        check_clause(&format!("{place}, field `{field}`"), text, problems);
    }
    check_conditions(catalog, question, &place, &option.requires, problems);
    if !option.requires.is_empty() {
        check_clause(&format!("{place}, field `unfit`"), &option.unfit, problems);
    }
    for skill in &option.skills {
        if !catalog.skills.iter().any(|known| known.id == *skill) {
            problems.push(format!("{place}, field `skills`: unknown skill {skill}"));
        }
    }
    for variable in &option.env {
        let name = variable.split_once(": ").map_or("", |(name, _)| name);
        let good_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if !good_name {
            problems.push(format!(
                "{place}, field `env`: write `NAME: what it holds`, not “{variable}”"
            ));
        }
    }
    if !option.adr_title.is_empty() {
        check_title_template(
            &format!("{place}, field `adr_title`"),
            catalog,
            &option.adr_title,
            problems,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::catalog::embedded;

    fn with_condition(condition: &str) -> Vec<String> {
        let mut catalog = embedded().clone();
        catalog.topics[2].questions[0].risks[0].when = vec![condition.to_owned()];
        validate(&catalog)
    }

    #[test]
    fn the_embedded_catalog_has_no_problems() {
        assert_eq!(validate(embedded()), Vec::<String>::new());
    }

    #[test]
    fn typos_in_rules_are_caught() {
        for bad in [
            "answer == microservice",
            "profile.team_sizes < 3",
            "profile.budget == billionaire",
            "profile.clients == web",
            "profile.clients has fax",
            "answer.no.such.question == x",
            "profile.team_size < many",
            "team_size < 3",
            "profile.team_size <",
        ] {
            assert!(!with_condition(bad).is_empty(), "accepted: {bad}");
        }
    }

    #[test]
    fn a_question_without_a_default_recommendation_is_caught() {
        let mut catalog = embedded().clone();
        catalog.topics[0].questions[0].recommend.pop();
        assert!(validate(&catalog).iter().any(|p| p.contains("default")));
    }

    #[test]
    fn duplicate_question_ids_and_single_option_choices_are_caught() {
        let mut catalog = embedded().clone();
        let copy = catalog.topics[0].questions[0].clone();
        catalog.topics[1].questions.push(copy);
        catalog.topics[3].questions[0].options.truncate(1);
        let problems = validate(&catalog);
        assert!(
            problems.iter().any(|p| p.contains("used twice")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("at least two options")),
            "{problems:?}"
        );
    }

    #[test]
    fn unknown_review_flags_are_caught() {
        let mut catalog = embedded().clone();
        catalog.topics[2].questions[0].risks[0]
            .flags
            .push("astrology".into());
        assert!(validate(&catalog).iter().any(|p| p.contains("astrology")));
    }
}
