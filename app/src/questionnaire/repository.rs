//! sea-orm queries for profiles, answers and topic marks. Every query is scoped by team.
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, Set,
};

use super::entity::{answer, profile_row, topic_mark};

pub async fn find_profile(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
) -> Result<Option<profile_row::Model>, DbErr> {
    profile_row::Entity::find_by_id(project_id)
        .filter(profile_row::Column::TeamId.eq(team_id))
        .one(db)
        .await
}

pub async fn insert_profile(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    data: String,
) -> Result<(), DbErr> {
    profile_row::ActiveModel {
        project_id: Set(project_id),
        team_id: Set(team_id),
        data: Set(data),
        version: Set(1),
        updated_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Writes the profile only if it is still at `expected_version`; false when someone else saved first.
pub async fn update_profile_if_version(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    data: String,
    expected_version: i32,
) -> Result<bool, DbErr> {
    let result = profile_row::Entity::update_many()
        .col_expr(profile_row::Column::Data, Expr::value(data))
        .col_expr(
            profile_row::Column::Version,
            Expr::value(expected_version + 1),
        )
        .col_expr(
            profile_row::Column::UpdatedAt,
            Expr::value(chrono::Utc::now()),
        )
        .filter(profile_row::Column::ProjectId.eq(project_id))
        .filter(profile_row::Column::TeamId.eq(team_id))
        .filter(profile_row::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn list_answers(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
) -> Result<Vec<answer::Model>, DbErr> {
    answer::Entity::find()
        .filter(answer::Column::TeamId.eq(team_id))
        .filter(answer::Column::ProjectId.eq(project_id))
        .all(db)
        .await
}

pub async fn find_answer(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    question_id: &str,
) -> Result<Option<answer::Model>, DbErr> {
    answer::Entity::find()
        .filter(answer::Column::TeamId.eq(team_id))
        .filter(answer::Column::ProjectId.eq(project_id))
        .filter(answer::Column::QuestionId.eq(question_id))
        .one(db)
        .await
}

/// The fields of an answer as saved.
pub struct AnswerFields<'a> {
    pub topic_id: &'a str,
    pub question_id: &'a str,
    pub value: &'a str,
    pub note: &'a str,
    pub catalog_version: &'a str,
    /// The user saving it.
    pub answered_by: Option<i32>,
}

pub async fn insert_answer(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    fields: AnswerFields<'_>,
) -> Result<answer::Model, DbErr> {
    answer::ActiveModel {
        team_id: Set(team_id),
        project_id: Set(project_id),
        topic_id: Set(fields.topic_id.to_owned()),
        question_id: Set(fields.question_id.to_owned()),
        value: Set(fields.value.to_owned()),
        note: Set(fields.note.to_owned()),
        catalog_version: Set(fields.catalog_version.to_owned()),
        answered_by: Set(fields.answered_by),
        version: Set(1),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Writes the answer only if it is still at `expected_version`; false when someone else saved first.
pub async fn update_answer_if_version(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    fields: AnswerFields<'_>,
    expected_version: i32,
) -> Result<bool, DbErr> {
    let result = answer::Entity::update_many()
        .col_expr(answer::Column::Value, Expr::value(fields.value))
        .col_expr(answer::Column::Note, Expr::value(fields.note))
        .col_expr(
            answer::Column::CatalogVersion,
            Expr::value(fields.catalog_version),
        )
        .col_expr(answer::Column::AnsweredBy, Expr::value(fields.answered_by))
        .col_expr(answer::Column::Version, Expr::value(expected_version + 1))
        .col_expr(answer::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(answer::Column::TeamId.eq(team_id))
        .filter(answer::Column::ProjectId.eq(project_id))
        .filter(answer::Column::QuestionId.eq(fields.question_id))
        .filter(answer::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn list_marks(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
) -> Result<Vec<topic_mark::Model>, DbErr> {
    topic_mark::Entity::find()
        .filter(topic_mark::Column::TeamId.eq(team_id))
        .filter(topic_mark::Column::ProjectId.eq(project_id))
        .all(db)
        .await
}

pub async fn clear_mark(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    topic_id: &str,
) -> Result<(), DbErr> {
    topic_mark::Entity::delete_many()
        .filter(topic_mark::Column::TeamId.eq(team_id))
        .filter(topic_mark::Column::ProjectId.eq(project_id))
        .filter(topic_mark::Column::TopicId.eq(topic_id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn insert_mark(
    db: &impl ConnectionTrait,
    team_id: i32,
    project_id: i32,
    topic_id: &str,
    mark: &str,
    reason: &str,
) -> Result<(), DbErr> {
    topic_mark::ActiveModel {
        team_id: Set(team_id),
        project_id: Set(project_id),
        topic_id: Set(topic_id.to_owned()),
        mark: Set(mark.to_owned()),
        reason: Set(reason.to_owned()),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}
