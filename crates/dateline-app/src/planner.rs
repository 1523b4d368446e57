//! Keeps the database's query planner informed: its statistics are
//! refreshed when a node starts (in the background, so the first page is
//! not kept waiting) and every hour after, as the archive grows (see
//! `Store::refresh_statistics`).

use crate::App;
use std::sync::Arc;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(3600);

pub fn spawn(state: Arc<App>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = state.store.refresh_statistics().await {
                tracing::warn!(error = %e, "could not refresh the query planner's statistics");
            }
        }
    })
}
