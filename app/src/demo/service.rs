//! Making the demo project through the services the web app uses.
use sea_orm::DatabaseConnection;

use super::content::{DemoDecision, DEMO};
use crate::{
    auth::Member,
    decisions::{
        domain::AdrForm,
        service::{change_status, create_adr, generate_from_topic, get_adr, link_adrs, Origin},
    },
    error::AppError,
    projects::{domain::Project, service as projects},
    questionnaire::service::{save_answer, save_profile},
};

/// How many "(2)", "(3)", ... names are tried when the demo's name is taken in the team.
const MAX_COPIES: usize = 20;

/// Creates the demo project in `member`'s team (the caller has checked they may edit there).
/// If any step fails, the half-made project is removed again and the error returned.
pub async fn create_demo_project(
    db: &DatabaseConnection,
    member: &Member,
) -> Result<Project, AppError> {
    let project = create_with_free_name(db, member).await?;
    match fill(db, member, project.id).await {
        Ok(()) => Ok(project),
        Err(error) => {
            projects::discard_project(db, member.team_id, project.id).await?;
            Err(error)
        }
    }
}

async fn create_with_free_name(
    db: &DatabaseConnection,
    member: &Member,
) -> Result<Project, AppError> {
    for copy in 1..=MAX_COPIES {
        let name = match copy {
            1 => DEMO.name.clone(),
            n => format!("{} ({n})", DEMO.name),
        };
        match projects::create_project(db, member, &name, &DEMO.description).await {
            Err(error) if error.message_for_field("name").is_some() && copy < MAX_COPIES => {}
            other => return other,
        }
    }
    unreachable!("the last copy returns")
}

async fn fill(db: &DatabaseConnection, member: &Member, project_id: i32) -> Result<(), AppError> {
    save_profile(db, member, project_id, &DEMO.profile, 0).await?;
    for answer in &DEMO.answers {
        save_answer(
            db,
            member,
            project_id,
            &answer.question,
            &answer.value,
            &answer.note,
            0,
        )
        .await?;
    }
    let mut numbers = Vec::with_capacity(DEMO.decisions.len());
    for decision in &DEMO.decisions {
        let number = record(db, member, project_id, decision).await?;
        for link in &decision.links {
            let target = *numbers.get(link.to.wrapping_sub(1)).ok_or_else(|| {
                AppError::internal(format!("demo link to decision {} of the list", link.to))
            })?;
            link_adrs(db, member, project_id, number, &link.kind, target).await?;
        }
        numbers.push(number);
    }
    Ok(())
}

/// Writes one decision and moves it through its statuses; returns its number.
async fn record(
    db: &DatabaseConnection,
    member: &Member,
    project_id: i32,
    decision: &DemoDecision,
) -> Result<i32, AppError> {
    let summary = match &decision.topic {
        Some(topic) => generate_from_topic(db, member, project_id, topic)
            .await?
            .swap_remove(0),
        None => {
            let form = AdrForm {
                title: decision.title.clone(),
                context: decision.context.clone(),
                outcome: decision.outcome.clone(),
                ..AdrForm::default()
            };
            create_adr(db, member, project_id, &form, Origin::default()).await?
        }
    };
    let mut version = get_adr(db, member, project_id, summary.number)
        .await?
        .version;
    for status in &decision.statuses {
        version = change_status(db, member, project_id, summary.number, version, status)
            .await?
            .version;
    }
    Ok(summary.number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        decisions::domain::AdrStatus, decisions::service::log_page, testing::database_with_member,
    };

    #[tokio::test]
    async fn the_demo_has_every_status_links_answers_and_open_risks_and_can_be_made_twice() {
        let (db, member) = database_with_member().await;
        let demo = create_demo_project(&db, &member).await.unwrap();
        assert_eq!(demo.name, DEMO.name);
        let log = log_page(&db, &member, demo.id, &Default::default())
            .await
            .unwrap();
        let statuses: Vec<AdrStatus> = log.items.iter().map(|adr| adr.status).collect();
        for status in [
            AdrStatus::Accepted,
            AdrStatus::Superseded,
            AdrStatus::Rejected,
            AdrStatus::Proposed,
        ] {
            assert!(statuses.contains(&status), "{status:?} in {statuses:?}");
        }
        let superseded = log
            .items
            .iter()
            .find(|adr| adr.status == AdrStatus::Superseded)
            .unwrap();
        let superseded = get_adr(&db, &member, demo.id, superseded.number)
            .await
            .unwrap();
        assert!(
            !superseded.links.is_empty(),
            "the superseded one says by what"
        );
        let results = crate::questionnaire::service::results(&db, &member, demo.id)
            .await
            .unwrap();
        assert!(!results.risks_by_topic.is_empty(), "open risks to look at");

        let second = create_demo_project(&db, &member).await.unwrap();
        assert_eq!(second.name, format!("{} (2)", DEMO.name));
        let first_again = log_page(&db, &member, demo.id, &Default::default())
            .await
            .unwrap();
        assert_eq!(first_again.total, log.total, "the first demo is untouched");
    }
}
