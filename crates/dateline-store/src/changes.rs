//! The change feed: the outbox table that derived state follows.

use crate::{Engine, Result, Store};
use time::OffsetDateTime;

/// Appends a change in the caller's transaction, so the change is visible to
/// followers exactly when the write it describes is.
///
/// Its time is the database's clock when the row is written, not the
/// caller's `_requested_at`: followers look back a few seconds on that same
/// clock, so neither a node whose clock is off nor a slow request can place
/// a change outside the window they read.
pub(crate) async fn record(
    tx: &mut sqlx::AnyConnection,
    entity: &str,
    entity_id: Option<i64>,
    _requested_at: OffsetDateTime,
) -> Result<()> {
    let sql = format!(
        "INSERT INTO changes (entity, entity_id, at) VALUES ($1, $2, {})",
        Engine::of(tx).unix_now_sql()
    );
    sqlx::query(&sql)
        .bind(entity)
        .bind(entity_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

impl Store {
    /// The id of the latest change: a follower that saw a smaller cursor knows
    /// its derived state is stale.
    pub async fn change_cursor(&self) -> Result<i64> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM changes")
            .fetch_one(&self.pool)
            .await?;
        Ok(id.unwrap_or(0))
    }
}

impl Store {
    /// Claims the CDN purge of those of `ids` no node has claimed yet; the
    /// ids this call won. One statement, so two nodes asking at once split
    /// the changes between them and none is purged twice.
    pub async fn claim_purges(&self, ids: &[i64], now: OffsetDateTime) -> Result<Vec<i64>> {
        let mut won = Vec::new();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "UPDATE changes SET purge_claimed_at = $1
                 WHERE purge_claimed_at IS NULL AND id IN ({}) RETURNING id",
                crate::discovery::placeholders(2, chunk.len())
            );
            let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(crate::unix(now));
            for id in chunk {
                q = q.bind(*id);
            }
            won.extend(q.fetch_all(&self.pool).await?);
        }
        Ok(won)
    }
}
