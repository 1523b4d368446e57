//! The scheduler: publishes scheduled articles when their time comes.
//!
//! Every node runs it; each article is still published exactly once,
//! because the store claims it with a conditional update in the same
//! transaction that publishes it (see `Store::publish_due`). It keeps no
//! state of its own, so a restart loses nothing: an article that came due
//! while no node ran is published at the next start.

use crate::App;
use std::sync::Arc;
use std::time::Duration;

/// How often due articles are looked for: embargoes are to the minute, so
/// an article goes out within this long after its minute begins.
pub const INTERVAL: Duration = Duration::from_secs(5);

pub fn spawn(state: Arc<App>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut checked = time::OffsetDateTime::now_utc().unix_timestamp();
        loop {
            tick.tick().await;
            // A breaking-news line that ended since the last tick leaves
            // this node's cached pages, and the cache servers' (each node
            // sends that purge: no change is written when a line ends).
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            match state.store.breaking_ended(checked, now).await {
                Ok(true) => {
                    state.pages_stale();
                    crate::cdn::purge_everything(&state).await;
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "could not read the breaking-news lines"),
            }
            checked = now;
            match state
                .store
                .publish_due(time::OffsetDateTime::now_utc())
                .await
            {
                Ok(ids) if !ids.is_empty() => {
                    ran("ok");
                    metrics::counter!(crate::metrics::SCHEDULER_PUBLISHED)
                        .increment(ids.len() as u64);
                    tracing::info!(?ids, "published scheduled articles");
                    for id in ids {
                        if let Ok(a) = state.store.article_input(id).await {
                            let topics = crate::announce::topics(
                                &state.config.base_url,
                                a.language,
                                &a.section,
                            );
                            crate::announce::feeds_changed(&state, topics).await;
                        }
                    }
                }
                Ok(_) => ran("ok"),
                Err(e) => {
                    ran("failed");
                    tracing::warn!(error = %e, "the scheduler could not run");
                }
            }
        }
    })
}

/// Counts one run of the scheduler by its outcome (`ok`, `failed`).
fn ran(outcome: &'static str) {
    metrics::counter!(crate::metrics::SCHEDULER_RUNS, "outcome" => outcome).increment(1);
}
