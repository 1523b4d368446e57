//! The change feed: the outbox table that derived state follows.

use crate::{unix, Result, Store};
use time::OffsetDateTime;

/// Appends a change in the caller's transaction, so the change is visible to
/// followers exactly when the write it describes is.
pub(crate) async fn record(
    tx: &mut sqlx::AnyConnection,
    entity: &str,
    entity_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<()> {
    sqlx::query("INSERT INTO changes (entity, entity_id, at) VALUES ($1, $2, $3)")
        .bind(entity)
        .bind(entity_id)
        .bind(unix(now))
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
