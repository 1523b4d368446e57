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
use dateline_core::surrogate;
use dateline_store::Change;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
            let began = state.following.clock();
            match follower.poll(&state).await {
                Ok(caught_up) => {
                    if caught_up {
                        state.following.feed.store(began, Ordering::Relaxed);
                        if follower.index_cursor.is_some() {
                            state.following.index.store(began, Ordering::Relaxed);
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not follow the change feed"),
            }
        }
    })
}

/// How far behind the change feed this node is, for the metrics: when it
/// last knew it had applied every change (to its pages and settings), and
/// when its search index last did. Each is the start of the poll that
/// found nothing more to read, so a change written before it is applied.
pub struct Following {
    start: Instant,
    /// Milliseconds after `start`.
    feed: AtomicU64,
    index: AtomicU64,
}

impl Default for Following {
    fn default() -> Following {
        Following {
            start: Instant::now(),
            feed: AtomicU64::new(0),
            index: AtomicU64::new(0),
        }
    }
}

impl Following {
    fn clock(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn since(&self, at: &AtomicU64) -> Duration {
        Duration::from_millis(self.clock().saturating_sub(at.load(Ordering::Relaxed)))
    }

    /// Time since this node last knew it was up to date with the feed: about
    /// the poll interval when all is well; it grows while the database is
    /// unreachable or a backlog is being read.
    pub fn feed_lag(&self) -> Duration {
        self.since(&self.feed)
    }

    /// Time since the search index last reflected every change this node
    /// had read: it grows during a rebuild.
    pub fn index_lag(&self) -> Duration {
        self.since(&self.index)
    }
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

    /// Applies what the feed holds; true when it read all there was (not a
    /// full batch, with more waiting).
    async fn poll(&mut self, state: &App) -> Result<bool, index::IndexError> {
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
        let caught_up = changes.len() < usize::try_from(BATCH).unwrap_or(usize::MAX);
        if fresh.is_empty() {
            return Ok(caught_up);
        }
        let top = changes.iter().map(|c| c.id).max().unwrap_or(self.cursor);
        let mut alike = Vec::new();
        if self.index_cursor.is_some() {
            alike = index::apply(
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
        let stale = stale_pages(state, &fresh, &alike).await;
        tracing::debug!(
            changes = fresh.len(),
            ?stale,
            "change feed moved; readers' pages are stale"
        );
        let widened = state.stale(&stale);
        crate::cdn::purge(state, &fresh, &stale, widened, &alike).await;
        self.cursor = self.cursor.max(top);
        self.recent = changes.iter().map(|c| c.id).collect();
        Ok(caught_up)
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

/// The pages a batch of changes made stale: for articles, the pages that
/// show them and the lists they are in now (whole, since one may have left
/// a list and shifted its later pages), and the pages of the `alike`
/// articles, whose related stories may now include them; for comments,
/// the article's own pages and the lists counting them. Anything else, or
/// an article that is gone, or a failed read, makes every page stale.
pub(crate) async fn stale_pages(state: &App, changes: &[&Change], alike: &[i64]) -> crate::Stale {
    // Each article touched, and how: `Some(true)` the article itself
    // changed, `Some(false)` only a comment under it, `None` it is only
    // like one that changed.
    let mut touched = std::collections::BTreeMap::<i64, Option<bool>>::new();
    for change in changes {
        match (change.entity.as_str(), change.entity_id) {
            ("article", Some(id)) => {
                touched.insert(id, Some(true));
            }
            ("comment", Some(id)) => {
                touched.entry(id).or_insert(Some(false));
            }
            _ => return crate::Stale::All,
        }
    }
    let changed = touched.len();
    for id in alike {
        touched.entry(*id).or_insert(None);
    }
    let ids: Vec<i64> = touched.keys().copied().collect();
    let places = match state.store.article_places(&ids).await {
        // An alike article may have gone meanwhile: only those changed
        // must all be found.
        Ok(places)
            if places
                .iter()
                .filter(|p| touched.get(&p.id).is_some_and(Option::is_some))
                .count()
                == changed =>
        {
            places
        }
        Ok(_) => return crate::Stale::All,
        Err(e) => {
            tracing::warn!(error = %e, "could not read which pages changed; all are stale");
            return crate::Stale::All;
        }
    };
    let mut keys = std::collections::BTreeSet::new();
    for place in &places {
        match touched.get(&place.id).copied().flatten() {
            Some(true) => keys.extend(surrogate::of_article(
                &place.paths,
                place.language,
                &place.section_slug,
                &place.tags,
                &place.authors,
            )),
            Some(false) => keys.extend(surrogate::of_comments(&place.paths)),
            None => keys.extend(place.paths.iter().map(|p| surrogate::own(p))),
        }
    }
    crate::Stale::Keys {
        keys: keys.into_iter().collect(),
        whole_lists: touched.values().any(|&how| how == Some(true)),
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
