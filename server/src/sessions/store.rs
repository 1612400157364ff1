//! A tower-sessions store on our own database (PostgreSQL or SQLite), through sea-orm, so that
//! sessions need no extra service and survive restarts.
use async_trait::async_trait;
use sea_orm::{
    sea_query::OnConflict, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    SqlErr,
};
use tower_sessions::{
    session::{Id, Record},
    session_store::{self, ExpiredDeletion},
    SessionStore,
};

use super::entity::{self, Entity as Sessions};

#[derive(Clone, Debug)]
pub struct DatabaseSessionStore {
    db: DatabaseConnection,
}

impl DatabaseSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    fn row(record: &Record) -> session_store::Result<entity::ActiveModel> {
        let data = serde_json::to_string(&record.data)
            .map_err(|error| session_store::Error::Encode(error.to_string()))?;
        Ok(entity::ActiveModel {
            id: Set(record.id.to_string()),
            data: Set(data),
            expires_at: Set(to_chrono(record.expiry_date)),
        })
    }
}

fn to_chrono(time: time::OffsetDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(time.unix_timestamp(), time.nanosecond())
        .unwrap_or_else(chrono::Utc::now)
}

fn backend(error: DbErr) -> session_store::Error {
    tracing::error!(%error, "session store query failed");
    session_store::Error::Backend("session store unavailable".into())
}

#[async_trait]
impl SessionStore for DatabaseSessionStore {
    /// Inserts a new session; on the (astronomically unlikely) clash of ids, draws another.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            match Sessions::insert(Self::row(record)?).exec(&self.db).await {
                Ok(_) => return Ok(()),
                Err(error)
                    if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) =>
                {
                    record.id = Id::default();
                }
                Err(error) => return Err(backend(error)),
            }
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        Sessions::insert(Self::row(record)?)
            .on_conflict(
                OnConflict::column(entity::Column::Id)
                    .update_columns([entity::Column::Data, entity::Column::ExpiresAt])
                    .to_owned(),
            )
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(row) = Sessions::find_by_id(id.to_string())
            .filter(entity::Column::ExpiresAt.gt(chrono::Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data)
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp())
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        Sessions::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(backend)
    }
}

#[async_trait]
impl ExpiredDeletion for DatabaseSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        Sessions::delete_many()
            .filter(entity::Column::ExpiresAt.lte(chrono::Utc::now()))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(backend)
    }
}
