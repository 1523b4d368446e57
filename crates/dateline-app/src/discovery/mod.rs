//! Discovery: the search index, related articles and the most-read lists,
//! each derived from the database and kept current by following its
//! change feed.
//!
//! - [`index`]: building the index from the store and applying changes.
//! - [`related`]: related lists, computed when an article changes and kept
//!   in memory, with the editors' pins first.
//! - [`views`]: counting readers without cookies, in memory, written in
//!   batches; and the most-read lists.

pub mod index;
pub mod related;
pub mod views;

use dateline_search::SearchIndex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub struct Discovery {
    pub index: Arc<SearchIndex>,
    /// False while the index is being rebuilt: searches answer from what it
    /// holds so far, and `/readyz` says so.
    ready: AtomicBool,
    pub related: related::RelatedLists,
    pub views: views::ViewCounter,
    pub most_viewed: views::MostViewed,
}

impl Discovery {
    /// `ready` is false when the index must be rebuilt before it is whole.
    pub fn new(index: SearchIndex, ready: bool) -> Discovery {
        Discovery {
            index: Arc::new(index),
            ready: AtomicBool::new(ready),
            related: related::RelatedLists::default(),
            views: views::ViewCounter::default(),
            most_viewed: views::MostViewed::default(),
        }
    }

    /// An index in memory, which starts empty and so is rebuilt at start.
    pub fn in_memory() -> Result<Discovery, dateline_search::SearchError> {
        Ok(Discovery::new(SearchIndex::in_memory()?, false))
    }

    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::SeqCst)
    }

    /// The index itself, when nothing else holds it any more (the command
    /// line's rebuild, to wait for its merges).
    pub fn into_index(self) -> Option<dateline_search::SearchIndex> {
        Arc::try_unwrap(self.index).ok()
    }

    /// The change-feed cursor the index's last commit reflects.
    pub fn index_cursor(&self) -> i64 {
        self.index.cursor().unwrap_or(0)
    }

    pub(crate) fn set_ready(&self) {
        self.ready.store(true, Ordering::SeqCst);
    }
}
