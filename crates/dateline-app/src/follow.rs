//! Follows the store's change feed: brings the search index and related
//! lists up to date with changed articles, then says readers' pages are
//! stale ([`App::pages_stale`]).
//!
//! Polling the outbox catches writes by any process on the database (a
//! `dateline import` beside the server, another node), which an in-process
//! signal could not. Each poll also looks a few seconds back, because on
//! PostgreSQL a transaction that drew its change id first may commit last;
//! ids already applied are skipped. Changes are stamped, and the window is
//! measured, on the database's clock, so the nodes' clocks do not matter.

use crate::discovery::index;
use crate::App;
use dateline_store::Change;
use std::collections::HashSet;
use std::sync::Arc;

/// How far back each poll looks for changes committed out of id order.
const LOOK_BACK_SECONDS: i64 = 5;
/// Most changes read per poll; a larger backlog is read over several.
const BATCH: i64 = 5_000;

pub fn spawn(state: Arc<App>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut follower = Follower::new(&state).await;
        let mut tick = tokio::time::interval(state.config.follow_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = follower.poll(&state).await {
                tracing::warn!(error = %e, "could not follow the change feed");
            }
        }
    })
}

struct Follower {
    /// The highest change id seen.
    cursor: i64,
    /// Ids seen in the look-back window, so none is applied twice.
    recent: HashSet<i64>,
    /// Where the index stands; None until it has caught up with the feed
    /// from the cursor its last commit recorded (at start, and after a
    /// rebuild, which records the cursor it started from).
    index_cursor: Option<i64>,
}

impl Follower {
    async fn new(state: &App) -> Follower {
        Follower {
            cursor: state.store.change_cursor().await.unwrap_or(0),
            recent: HashSet::new(),
            // Set by the first poll's catch-up, from the index's own record.
            index_cursor: None,
        }
    }

    async fn poll(&mut self, state: &App) -> Result<(), index::IndexError> {
        if state.discovery.is_ready() && self.index_cursor.is_none() {
            self.catch_up(state).await?;
        }
        let changes = state
            .store
            .changes_after(self.cursor, Some(LOOK_BACK_SECONDS), BATCH)
            .await?;
        let fresh: Vec<&Change> = changes
            .iter()
            .filter(|c| !self.recent.contains(&c.id))
            .collect();
        if fresh.is_empty() {
            return Ok(());
        }
        let top = changes.iter().map(|c| c.id).max().unwrap_or(self.cursor);
        if self.index_cursor.is_some() {
            index::apply(
                &state.store,
                &state.discovery,
                &articles(fresh.iter().copied()),
                top.max(self.cursor),
            )
            .await?;
            self.index_cursor = Some(top.max(self.cursor));
        }
        if fresh.iter().any(|c| c.entity == "setting") {
            // Before the cache is cleared: the pages rendered next read them.
            state.reload_site().await;
        }
        tracing::debug!(
            changes = fresh.len(),
            "change feed moved; readers' pages are stale"
        );
        state.pages_stale();
        self.cursor = self.cursor.max(top);
        self.recent = changes.iter().map(|c| c.id).collect();
        Ok(())
    }

    /// After a rebuild: applies every change since the cursor the rebuild
    /// started from.
    async fn catch_up(&mut self, state: &App) -> Result<(), index::IndexError> {
        let mut from = state.discovery.index_cursor();
        loop {
            let changes = state.store.changes_after(from, None, BATCH).await?;
            let Some(last) = changes.last().map(|c| c.id) else {
                break;
            };
            index::apply(
                &state.store,
                &state.discovery,
                &articles(changes.iter()),
                last,
            )
            .await?;
            from = last;
        }
        self.index_cursor = Some(from);
        state.reload_site().await;
        state.pages_stale();
        Ok(())
    }
}

/// The distinct articles a batch of changes touched.
fn articles<'a>(changes: impl Iterator<Item = &'a Change>) -> Vec<i64> {
    let mut ids: Vec<i64> = changes
        .filter(|c| c.entity == "article")
        .filter_map(|c| c.entity_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
