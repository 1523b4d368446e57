//! Follows the store's change feed and clears the page cache when it moves.
//!
//! Polling the outbox (one indexed `MAX(id)` per interval) catches writes by
//! any process on the database, a `dateline import` beside the server
//! included, which an in-process signal could not.

use crate::AppState;
use std::sync::Arc;

pub fn spawn(state: Arc<AppState>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut seen = state.store.change_cursor().await.unwrap_or(0);
        let mut tick = tokio::time::interval(state.config.follow_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match state.store.change_cursor().await {
                Ok(cursor) if cursor != seen => {
                    tracing::debug!(
                        from = seen,
                        to = cursor,
                        "change feed moved; clearing page cache"
                    );
                    state.cache.clear();
                    seen = cursor;
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not read the change feed"),
            }
        }
    })
}
