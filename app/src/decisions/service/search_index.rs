//! Keeps the search index current: ADRs whose `search_text` an older way of indexing wrote (or
//! that were stored before the search had versions) are indexed again, in batches, when the
//! server starts. On an install with nothing outdated this is one indexed query.
use sea_orm::{DatabaseConnection, DbErr};

use crate::decisions::{
    repository::{self, search_index},
    search,
};

const BATCH: u64 = 200;

/// Indexes every outdated ADR again; returns how many.
pub async fn reindex_outdated(db: &DatabaseConnection) -> Result<u64, DbErr> {
    let mut done = 0;
    let mut after_id = 0;
    loop {
        let batch = search_index::outdated(db, search::INDEX_VERSION, after_id, BATCH).await?;
        let Some(last) = batch.last() else {
            return Ok(done);
        };
        after_id = last.id;
        let txn = repository::begin_write(db).await?;
        for source in &batch {
            let text = search::indexed_text(source.texts());
            search_index::store(&txn, source.id, search::INDEX_VERSION, text).await?;
        }
        txn.commit().await?;
        done += batch.len() as u64;
    }
}
