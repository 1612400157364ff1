//! `groundwork seed-decisions`: fills a project's decision log with realistic ADRs drawn from the
//! questionnaire catalog, for benchmarks and demos. It acts as a named member of the project's
//! team, through the same authorisation rules as the web app.
use app::{
    accounts::service::find_by_email,
    auth::resolve_project_member,
    decisions::{
        domain::AdrForm,
        service::{create_adr, Origin},
    },
    questionnaire::catalog::embedded,
    teams::domain::Role,
};
use sea_orm::DatabaseConnection;

pub async fn seed_decisions(
    db: &DatabaseConnection,
    project_id: i32,
    acting_as: &str,
    count: usize,
) -> Result<(), String> {
    let user = find_by_email(db, acting_as)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no account with the e-mail {acting_as}"))?;
    let member = resolve_project_member(db, user.id, project_id, Role::Editor)
        .await
        .map_err(|e| format!("{acting_as} may not write decisions in project {project_id}: {e}"))?;
    for n in 0..count {
        let form = realistic_adr(n, &user.display_name);
        create_adr(
            db,
            &member,
            project_id,
            &form,
            Origin {
                topic_id: Some(&topic_id(n)),
                question_id: None,
            },
        )
        .await
        .map_err(|e| format!("decision {n}: {e}"))?;
    }
    Ok(())
}

fn topic_id(n: usize) -> String {
    let topics = &embedded().topics;
    topics[n % topics.len()].id.clone()
}

/// ADR number `n`: a topic of the catalog in turn, one of its options, its trade-offs as the
/// considered options, a few paragraphs of context, decided by `decision_maker`.
pub fn realistic_adr(n: usize, decision_maker: &str) -> AdrForm {
    let topics = &embedded().topics;
    let topic = &topics[n % topics.len()];
    let question = &topic.questions[(n / topics.len()) % topic.questions.len()];
    let fallback = app::questionnaire::catalog::ChoiceOption {
        id: "own".into(),
        label: "Our own approach".into(),
        good: "it fits exactly".into(),
        bad: "we maintain it".into(),
        fits: "nothing else fits".into(),
        ..Default::default()
    };
    let chosen = question
        .options
        .get(n % question.options.len().max(1))
        .unwrap_or(&fallback);
    let options: String = question
        .options
        .iter()
        .map(|o| {
            format!(
                "* **{}**. Good, because {}. Bad, because {}. Fits: {}.\n",
                o.label, o.good, o.bad, o.fits
            )
        })
        .collect();
    AdrForm {
        title: seed_title(&topic.title, &chosen.label, n + 1),
        decision_makers: decision_maker.to_owned(),
        consulted: "Platform team".into(),
        informed: "Everyone in engineering".into(),
        context: format!(
            "{}\n\n{}\n\nThe question we answer: *{}*",
            topic.summary, topic.guidance, question.text
        ),
        drivers: "* Time to market\n* A small team\n* Low running cost".into(),
        options,
        outcome: format!(
            "Chosen option: \"{}\", because {}",
            chosen.label,
            chosen.fits.trim_end_matches('.')
        ),
        consequences: format!(
            "* Good, because {}\n* Bad, because {}",
            chosen.good, chosen.bad
        ),
        confirmation: "Reviewed in the next architecture review.".into(),
        more_info: format!("Seeded decision {} for benchmarks.", n + 1),
        revisit_by: String::new(),
    }
}

/// `groundwork demo`: the demo project in `team` (or the first team where `acting_as` may edit),
/// made as that member. Returns the new project's id and name.
pub async fn seed_demo(
    db: &DatabaseConnection,
    acting_as: &str,
    team: Option<i32>,
) -> Result<(i32, String), String> {
    let member = editing_member(db, acting_as, team).await?;
    let project = app::demo::service::create_demo_project(db, &member)
        .await
        .map_err(|e| format!("the demo project could not be made: {e}"))?;
    Ok((project.id, project.name))
}

/// `acting_as` as an editor (or owner) of `team`, or of their first team where they may edit.
pub async fn editing_member(
    db: &DatabaseConnection,
    acting_as: &str,
    team: Option<i32>,
) -> Result<app::auth::Member, String> {
    let user = find_by_email(db, acting_as)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no account with the e-mail {acting_as}"))?;
    let team_id = match team {
        Some(team) => team,
        None => app::teams::service::my_teams(db, user.id)
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .find(|team| team.role >= Role::Editor)
            .map(|team| team.id)
            .ok_or_else(|| format!("{acting_as} may edit in no team"))?,
    };
    app::auth::resolve_team_member(db, user.id, team_id, Role::Editor)
        .await
        .map_err(|e| format!("{acting_as} may not create projects in team {team_id}: {e}"))
}

/// "Topic: option (decision n)", the option's label shortened so that the title stays within the
/// 120 characters a title may have (some catalog labels are long).
fn seed_title(topic: &str, option: &str, number: usize) -> String {
    const MAX: usize = 120;
    let suffix = format!(" (decision {number})");
    let room = MAX.saturating_sub(topic.chars().count() + 2 + suffix.chars().count());
    let mut label: String = option.chars().take(room).collect();
    if label.chars().count() < option.chars().count() {
        label.pop();
        label = format!("{}…", label.trim_end());
    }
    format!("{topic}: {label}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seeded_title_is_a_valid_title() {
        for n in 0..2000 {
            let form = realistic_adr(n, "Seeder");
            assert!(
                app::decisions::domain::parse_title(&form.title).is_ok(),
                "{n}: {:?} ({} characters)",
                form.title,
                form.title.chars().count()
            );
        }
    }
}
