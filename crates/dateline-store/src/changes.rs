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
