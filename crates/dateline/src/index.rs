//! The search index on disk: where it lives, opening it, and showing a
//! rebuild's progress on the console.

use crate::config::Config;
use dateline_search::{Opened, SearchIndex};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The index lives in the data directory: it is this node's own copy,
/// derived from the database (each node of a PostgreSQL site has one).
pub fn dir(config: &Config) -> PathBuf {
    config.data_dir.join("index")
}

/// Opens the index, or makes an empty one that must be rebuilt.
pub fn open(config: &Config) -> anyhow::Result<(SearchIndex, Opened)> {
    let dir = dir(config);
    SearchIndex::open(&dir).map_err(|e| {
        let text = e.to_string();
        if text.contains("LockBusy") || text.contains("lock") {
            anyhow::anyhow!(
                "the search index in {} is in use by another process (a running `dateline serve` on this data directory?): {e}",
                dir.display()
            )
        } else {
            anyhow::anyhow!("cannot open the search index in {}: {e}", dir.display())
        }
    })
}

/// A rebuild's progress: a bar on a terminal, and a log line at every
/// tenth for logs and pipes.
pub fn progress() -> Arc<dyn Fn(u64, u64) + Send + Sync> {
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template(
            "indexing {bar:40} {pos}/{len} articles ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    let logged = Mutex::new(0u64);
    Arc::new(move |done, total| {
        bar.set_length(total);
        bar.set_position(done);
        if let Ok(mut last) = logged.lock() {
            let tenth = (done * 10).checked_div(total).unwrap_or(10);
            if tenth > *last || done == 0 {
                tracing::info!(done, total, "rebuilding the search index");
                *last = tenth;
            }
        }
        if done >= total {
            bar.finish_and_clear();
        }
    })
}
