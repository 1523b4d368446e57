//! Related articles: the editors' pins first, then the index's
//! more-like-this list, computed when an article changes and kept in
//! memory so an article page reads it instead of querying the index.

use super::Discovery;
use dateline_search::RelatedOptions;
use dateline_store::{ArticleCard, Store};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Related articles an article page shows.
pub const SHOWN: usize = 5;
/// Computed lists hold more than are shown, so that pins and articles
/// unpublished since leave enough to fill the box.
const COMPUTED: usize = SHOWN * 2;
/// Most lists kept in memory (about 10 MB); past it they start over and
/// are computed again as pages ask for them.
const MAX_LISTS: usize = 100_000;

#[derive(Default)]
pub struct RelatedLists {
    lists: RwLock<HashMap<i64, Arc<Vec<i64>>>>,
}

impl RelatedLists {
    fn get(&self, id: i64) -> Option<Arc<Vec<i64>>> {
        self.lists.read().ok()?.get(&id).cloned()
    }

    fn set(&self, id: i64, list: Vec<i64>) -> Arc<Vec<i64>> {
        let list = Arc::new(list);
        if let Ok(mut lists) = self.lists.write() {
            if lists.len() >= MAX_LISTS {
                lists.clear();
            }
            lists.insert(id, list.clone());
        }
        list
    }

    pub fn clear(&self) {
        if let Ok(mut lists) = self.lists.write() {
            lists.clear();
        }
    }

    /// Forgets the lists of changed articles, and every list that names an
    /// article taken out of the index.
    pub fn changed(&self, changed: &[i64], removed: &[i64]) {
        if let Ok(mut lists) = self.lists.write() {
            for id in changed {
                lists.remove(id);
            }
            if !removed.is_empty() {
                lists.retain(|_, list| !list.iter().any(|id| removed.contains(id)));
            }
        }
    }

    /// Computes an article's list from the index and keeps it. A failure
    /// is logged and gives an empty list: a page never fails for it.
    pub async fn compute(&self, discovery: &Discovery, id: i64) -> Arc<Vec<i64>> {
        let index = discovery.index.clone();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let found = tokio::task::spawn_blocking(move || {
            index.related(id, RelatedOptions::new(COMPUTED, now))
        })
        .await;
        match found {
            Ok(Ok(list)) => self.set(id, list),
            Ok(Err(e)) => {
                tracing::warn!(article = id, error = %e, "related articles");
                Arc::new(Vec::new())
            }
            Err(e) => {
                tracing::warn!(article = id, error = %e, "related articles");
                Arc::new(Vec::new())
            }
        }
    }

    /// The computed list, from memory, or computed now if it is not there
    /// (after a restart, or once forgotten).
    pub async fn ids(&self, discovery: &Discovery, id: i64) -> Arc<Vec<i64>> {
        match self.get(id) {
            Some(list) => list,
            None => self.compute(discovery, id).await,
        }
    }
}

/// The related articles an article page shows: pinned ones first, then the
/// computed ones, published only, never the article itself, at most
/// [`SHOWN`].
pub async fn cards(store: &Store, discovery: &Discovery, article_id: i64) -> Vec<ArticleCard> {
    let pins = store.related_pins(article_id).await.unwrap_or_else(|e| {
        tracing::warn!(article = article_id, error = %e, "pinned related articles");
        Vec::new()
    });
    let computed = discovery.related.ids(discovery, article_id).await;
    let mut ids: Vec<i64> = Vec::with_capacity(pins.len() + computed.len());
    for id in pins.iter().chain(computed.iter()) {
        if *id != article_id && !ids.contains(id) {
            ids.push(*id);
        }
    }
    let mut cards = store.cards(&ids).await.unwrap_or_else(|e| {
        tracing::warn!(article = article_id, error = %e, "related article cards");
        Vec::new()
    });
    cards.truncate(SHOWN);
    cards
}
