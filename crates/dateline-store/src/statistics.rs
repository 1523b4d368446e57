//! The query planner's statistics.
//!
//! SQLite plans without statistics until `ANALYZE` has run, and then
//! guesses that an equality on any indexed column picks out a few rows:
//! "published" looks as selective as an id, and a list of cards by id
//! walked every published article (10–25 ms a render at 100,000 articles
//! instead of 0.1 ms). `PRAGMA optimize` gathers the statistics where they
//! are missing or out of date; `analysis_limit` makes it sample each index
//! rather than read it whole, so it takes a fraction of a second at any
//! size. PostgreSQL's autovacuum keeps its own statistics.

use crate::{Engine, Result, Store};

/// Rows sampled per index: what SQLite's documentation suggests.
const ANALYSIS_LIMIT: u32 = 400;

impl Store {
    /// Brings the planner's statistics up to date where they are missing
    /// or the tables have grown since; cheap when nothing is needed. Every
    /// table is considered (not only those this connection has queried),
    /// so it is meant for a start and then for every hour or so.
    pub async fn refresh_statistics(&self) -> Result<()> {
        if self.engine == Engine::Sqlite {
            sqlx::query(&format!(
                "PRAGMA analysis_limit = {ANALYSIS_LIMIT}; PRAGMA optimize = 0x10002"
            ))
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }
}
