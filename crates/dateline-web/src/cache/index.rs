//! Which kept pages carry which surrogate key, so that a change purges
//! exactly the pages it makes stale (see `dateline_core::surrogate`).
//!
//! A purge is numbered. A render records the number when it begins, and
//! its page is not kept if one of its keys was purged since: the page may
//! have been rendered from what the change replaced. The index is only
//! touched under the page cache's index lock, which inserts, purges and
//! clears all take.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// Most keys whose last purge is remembered; past it the memory is let go
/// and every render begun before is refused, as after a clear.
const MOST_REMEMBERED: usize = 100_000;

#[derive(Default)]
pub(super) struct Index {
    /// Surrogate key → the cache keys of the kept pages carrying it.
    pages: HashMap<String, HashSet<String>>,
    /// Surrogate key → the number of the purge that last named it.
    purged: HashMap<String, u64>,
    purges: u64,
    /// Renders begun before this purge number are not kept.
    floor: u64,
}

impl Index {
    pub(super) fn purges(&self) -> u64 {
        self.purges
    }

    /// After the whole cache was cleared.
    pub(super) fn clear(&mut self) {
        self.pages.clear();
        self.purged.clear();
        self.purges += 1;
        self.floor = self.purges;
    }

    pub(super) fn add(&mut self, key: &str, surrogates: &[String]) {
        for surrogate in surrogates {
            self.pages
                .entry(surrogate.clone())
                .or_default()
                .insert(key.to_string());
        }
    }

    /// A page gone from the cache (evicted, expired, replaced, purged).
    pub(super) fn forget(&mut self, key: &str, surrogates: &[String]) {
        for surrogate in surrogates {
            if let Some(keys) = self.pages.get_mut(surrogate) {
                keys.remove(key);
                if keys.is_empty() {
                    self.pages.remove(surrogate);
                }
            }
        }
    }

    /// Marks `surrogates` purged now; the cache keys of the pages carrying
    /// them.
    pub(super) fn purge(&mut self, surrogates: &[String]) -> HashSet<String> {
        self.purges += 1;
        if self.purged.len() + surrogates.len() > MOST_REMEMBERED {
            self.purged.clear();
            self.floor = self.purges;
        }
        let mut gone = HashSet::new();
        for surrogate in surrogates {
            self.purged.insert(surrogate.clone(), self.purges);
            if let Some(keys) = self.pages.get(surrogate) {
                gone.extend(keys.iter().cloned());
            }
        }
        gone
    }

    /// Whether a render begun at purge number `started`, whose page carries
    /// `surrogates`, may have read what a purge since replaced.
    pub(super) fn purged_since(&self, started: u64, surrogates: &[String]) -> bool {
        started < self.floor
            || surrogates
                .iter()
                .any(|s| self.purged.get(s).is_some_and(|&at| at > started))
    }

    /// Surrogate keys known, for the tests.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.pages.len()
    }
}

/// A page gone from the cache: its cache key and its surrogate keys.
type Gone = (String, Vec<String>);

/// Pages the cache evicted, with their keys, until the index forgets them.
#[derive(Clone, Default)]
pub(super) struct Evicted(Arc<Mutex<Vec<Gone>>>);

impl Evicted {
    pub(super) fn push(&self, key: String, surrogates: Vec<String>) {
        if let Ok(mut evicted) = self.0.lock() {
            evicted.push((key, surrogates));
        }
    }

    pub(super) fn take(&self) -> Vec<Gone> {
        self.0
            .lock()
            .map(|mut evicted| std::mem::take(&mut *evicted))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_purge_finds_the_pages_of_its_keys_and_refuses_older_renders() {
        let mut index = Index::default();
        let started = index.purges();
        index.add("/en/", &keys(&["all", "l.en", "a1", "a2"]));
        index.add("/en/world/", &keys(&["all", "s.en.world", "a2"]));
        index.add("/en/sport/", &keys(&["all", "s.en.sport", "a3"]));
        let gone = index.purge(&keys(&["a2"]));
        assert_eq!(
            gone,
            HashSet::from(["/en/".to_string(), "/en/world/".to_string()])
        );
        assert!(index.purged_since(started, &keys(&["all", "a2"])));
        assert!(!index.purged_since(started, &keys(&["all", "a3"])));
        assert!(!index.purged_since(index.purges(), &keys(&["a2"])));
        index.forget("/en/", &keys(&["all", "l.en", "a1", "a2"]));
        index.forget("/en/world/", &keys(&["all", "s.en.world", "a2"]));
        index.forget("/en/sport/", &keys(&["all", "s.en.sport", "a3"]));
        assert_eq!(index.len(), 0, "nothing is held for pages gone");
    }
}
