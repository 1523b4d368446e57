//! Counting readers, and the most-read lists.
//!
//! A view is one reader reading one article on one UTC day, whichever node
//! served them and however often they reload. No cookie: a reader is a
//! salted hash of their address (an IPv6 address by its /64, what one
//! household or phone is given) and nothing else, so one address sending
//! many user agents is still one reader; the salt is random, one a day,
//! shared by the nodes and deleted two days later, so no hash can be tied
//! to a person or followed from one day to the next. Known bots and
//! crawlers (the isbot list) are not readers.
//!
//! Both the server and the page's beacon report views: the server for every
//! article page it answers (from its cache or not), the beacon for pages a
//! CDN or the browser answered without asking us. They fold into one view.
//!
//! On the request path a view costs a keyed hash and a set lookup; new
//! ones wait in memory and [`spawn_flusher`] writes them every
//! [`FLUSH_EVERY`] in one transaction. A node killed outright loses at most
//! that much; a clean shutdown flushes.

use crate::App;
use dateline_core::Language;
use dateline_store::{ArticleCard, Store, View};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

/// How often waiting views are written.
pub const FLUSH_EVERY: Duration = Duration::from_secs(2);
/// Most views waiting to be written; beyond it (a flood) new ones are
/// dropped rather than memory grown.
const MAX_PENDING: usize = 100_000;
/// Most readers remembered in memory per day before the set starts over;
/// the database still refuses a second count.
const MAX_SEEN: usize = 1_000_000;
/// The longest user agent matched against the bot list.
const MAX_AGENT: usize = 512;
/// Most bot user agents remembered a day (beyond, they are matched again).
const MAX_BOT_AGENTS: usize = 10_000;

struct Pending {
    article_id: i64,
    address: IpAddr,
    at: i64,
}

struct Seen {
    day: i64,
    /// A fresh random key each day: yesterday's entries cannot be matched.
    keys: std::collections::hash_map::RandomState,
    readers: HashSet<u64>,
    /// User agents found on the bot list today.
    bots: HashSet<u64>,
}

#[derive(Default)]
pub struct ViewCounter {
    seen: Mutex<Option<Seen>>,
    pending: Mutex<Vec<Pending>>,
}

fn bots() -> &'static isbot::Bots {
    static BOTS: OnceLock<isbot::Bots> = OnceLock::new();
    BOTS.get_or_init(isbot::Bots::default)
}

/// Whether a user agent is a person's browser as far as anyone can tell:
/// none at all, or one on the list of bots and crawlers, is not.
pub fn is_reader(agent: Option<&str>) -> bool {
    match agent.map(str::trim) {
        None | Some("") => false,
        Some(a) => !bots().is_bot(a),
    }
}

impl ViewCounter {
    /// Notes that `address` with `agent` read `article_id` at `now` (Unix
    /// seconds). True when it is a new view (it will be written at the next
    /// flush); false for a bot or a reader already counted today.
    pub fn saw(&self, article_id: i64, address: IpAddr, agent: Option<&str>, now: i64) -> bool {
        let day = now.div_euclid(86_400);
        let address = reader_address(address);
        let agent = agent.unwrap_or("");
        let agent = agent
            .char_indices()
            .nth(MAX_AGENT)
            .map_or(agent, |(end, _)| &agent[..end]);
        let (reader, agent_key) = {
            let Ok(mut seen) = self.seen.lock() else {
                return false;
            };
            let seen = match &mut *seen {
                Some(s) if s.day == day && s.readers.len() < MAX_SEEN => s,
                slot => slot.insert(Seen {
                    day,
                    keys: std::collections::hash_map::RandomState::new(),
                    readers: HashSet::new(),
                    bots: HashSet::new(),
                }),
            };
            let reader = seen.keys.hash_one((article_id, address));
            let agent_key = seen.keys.hash_one(agent);
            if seen.readers.contains(&reader) || seen.bots.contains(&agent_key) {
                return false;
            }
            (reader, agent_key)
        };
        // Matched against the bot list once a day per agent; a bot does not
        // use up its address's view.
        let bot = !is_reader(Some(agent));
        {
            let Ok(mut seen) = self.seen.lock() else {
                return false;
            };
            let Some(seen) = seen.as_mut().filter(|s| s.day == day) else {
                return false;
            };
            if bot {
                if seen.bots.len() < MAX_BOT_AGENTS {
                    seen.bots.insert(agent_key);
                }
                return false;
            }
            if !seen.readers.insert(reader) {
                return false;
            }
        }
        let Ok(mut pending) = self.pending.lock() else {
            return false;
        };
        if pending.len() >= MAX_PENDING {
            return false;
        }
        pending.push(Pending {
            article_id,
            address,
            at: now,
        });
        true
    }

    /// Views waiting to be written.
    pub fn pending(&self) -> usize {
        self.pending.lock().map(|p| p.len()).unwrap_or(0)
    }

    /// Writes the waiting views in one transaction. On failure they are
    /// put back for the next flush.
    pub async fn flush(&self, store: &Store) -> dateline_store::Result<usize> {
        let batch: Vec<Pending> = match self.pending.lock() {
            Ok(mut p) => std::mem::take(&mut *p),
            Err(_) => return Ok(0),
        };
        if batch.is_empty() {
            return Ok(0);
        }
        let mut views = Vec::with_capacity(batch.len());
        for p in &batch {
            let when = time::OffsetDateTime::from_unix_timestamp(p.at)
                .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            let visitor = store
                .address_hash(&format!("{}\n{}", p.address, p.article_id), when)
                .await?;
            views.push(View {
                article_id: p.article_id,
                visitor,
                at: p.at,
            });
        }
        let mut counted = 0;
        let mut result = Ok(());
        // In transactions of a bounded size (and of bounded SQL lists).
        for chunk in views.chunks(1_000) {
            match store.record_views(chunk).await {
                Ok(written) => counted += written.counted,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        match result {
            Ok(()) => Ok(counted),
            Err(e) => {
                if let Ok(mut pending) = self.pending.lock() {
                    let mut batch = batch;
                    batch.truncate(MAX_PENDING.saturating_sub(pending.len()));
                    pending.extend(batch);
                }
                Err(e)
            }
        }
    }
}

/// The part of an address that names one reader: all of an IPv4 address,
/// the /64 prefix of an IPv6 one (providers give each subscriber a /64 or
/// more, so the rest is theirs to vary).
fn reader_address(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

/// Writes the views waiting now (at shutdown: those of the last seconds).
pub async fn flush_now(app: &App) {
    if let Err(e) = app.discovery.views.flush(&app.store).await {
        tracing::warn!(error = %e, "could not write the last view counts");
    }
}

/// Writes waiting views every [`FLUSH_EVERY`], and once an hour forgets
/// who was counted before yesterday and counts older than a month.
pub fn spawn_flusher(state: Arc<App>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(FLUSH_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut pruned: Option<Instant> = None;
        loop {
            tick.tick().await;
            match state.discovery.views.flush(&state.store).await {
                // New counts: the lists are read afresh when next shown.
                Ok(n) if n > 0 => state.discovery.most_viewed.clear(),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not write view counts"),
            }
            if pruned.is_none_or(|at| at.elapsed() > Duration::from_secs(3600)) {
                let now = time::OffsetDateTime::now_utc().unix_timestamp();
                let day = now.div_euclid(86_400);
                let hour = now.div_euclid(3600);
                if let Err(e) = state.store.prune_views(day - 1, hour - 31 * 24).await {
                    tracing::warn!(error = %e, "could not prune view counts");
                }
                pruned = Some(Instant::now());
            }
        }
    })
}

/// The periods the most-read lists cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Window {
    Day,
    Week,
    Month,
}

impl Window {
    pub const ALL: [Window; 3] = [Window::Day, Window::Week, Window::Month];

    pub fn seconds(self) -> i64 {
        match self {
            Window::Day => 86_400,
            Window::Week => 7 * 86_400,
            Window::Month => 30 * 86_400,
        }
    }

    pub fn parse(text: &str) -> Option<Window> {
        match text {
            "day" | "24h" => Some(Window::Day),
            "week" | "7d" => Some(Window::Week),
            "month" | "30d" => Some(Window::Month),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    #[serde(flatten)]
    pub card: ArticleCard,
    pub views: i64,
}

/// How long a most-read list is reused before it is read again (new
/// counts make it sooner); pages that show one live no longer in the page
/// cache.
pub const MOST_VIEWED_FOR: Duration = Duration::from_secs(60);
/// Articles a most-read list shows.
pub const MOST_VIEWED_SHOWN: i64 = 5;

type ListKey = (Language, Option<String>, Window);
/// A list and when it was read.
type Kept = (Instant, Arc<Vec<Ranked>>);

/// Most-read lists, read from the database at most once a minute each.
#[derive(Default)]
pub struct MostViewed {
    lists: RwLock<HashMap<ListKey, Kept>>,
}

impl MostViewed {
    pub async fn list(
        &self,
        store: &Store,
        language: Language,
        section: Option<&str>,
        window: Window,
    ) -> Arc<Vec<Ranked>> {
        let key = (language, section.map(str::to_string), window);
        if let Some((at, list)) = self.lists.read().ok().and_then(|l| l.get(&key).cloned()) {
            if at.elapsed() < MOST_VIEWED_FOR {
                return list;
            }
        }
        let since = time::OffsetDateTime::now_utc().unix_timestamp() - window.seconds();
        let list: Arc<Vec<Ranked>> = match store
            .most_viewed(language, section, since, MOST_VIEWED_SHOWN)
            .await
        {
            Ok(rows) => Arc::new(
                rows.into_iter()
                    .map(|(card, views)| Ranked { card, views })
                    .collect(),
            ),
            Err(e) => {
                tracing::warn!(error = %e, "most-read list");
                return Arc::new(Vec::new());
            }
        };
        if let Ok(mut lists) = self.lists.write() {
            lists.insert(key, (Instant::now(), list.clone()));
        }
        list
    }

    /// Forgets every list, so the next page reads them afresh.
    pub fn clear(&self) {
        if let Ok(mut lists) = self.lists.write() {
            lists.clear();
        }
    }
}

/// The three lists a page shows, for its template.
#[derive(Debug, Serialize)]
pub struct MostViewedBox {
    pub window: Window,
    pub articles: Arc<Vec<Ranked>>,
}

/// The three lists a page shows; none at all when nothing has been read
/// in the last month (a new site shows no empty box).
pub async fn boxes(state: &App, language: Language, section: Option<&str>) -> Vec<MostViewedBox> {
    let mut out = Vec::with_capacity(3);
    for window in Window::ALL {
        let articles = state
            .discovery
            .most_viewed
            .list(&state.store, language, section, window)
            .await;
        out.push(MostViewedBox { window, articles });
    }
    if out.iter().all(|b| b.articles.is_empty()) {
        out.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    #[test]
    fn bots_and_crawlers_are_not_readers() {
        assert!(is_reader(Some(FIREFOX)));
        for bot in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "curl/8.5.0",
            "python-requests/2.31.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
            "",
        ] {
            assert!(!is_reader(Some(bot)), "{bot}");
        }
        assert!(!is_reader(None));
    }

    #[test]
    fn one_view_per_reader_article_and_day() {
        let counter = ViewCounter::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let day = 20_000 * 86_400;
        assert!(counter.saw(1, a, Some(FIREFOX), day));
        assert!(!counter.saw(1, a, Some(FIREFOX), day + 60), "a reload");
        assert!(
            counter.saw(2, a, Some(FIREFOX), day + 60),
            "another article"
        );
        assert!(counter.saw(1, b, Some(FIREFOX), day + 60), "another reader");
        assert!(
            counter.saw(1, a, Some(FIREFOX), day + 86_400),
            "the next day"
        );
        assert!(!counter.saw(1, a, Some("Googlebot/2.1"), day));
        assert_eq!(counter.pending(), 4);
    }

    #[test]
    fn one_address_is_one_reader_whatever_its_agents() {
        let counter = ViewCounter::default();
        let day = 20_000 * 86_400;
        let a: IpAddr = "192.0.2.7".parse().unwrap();
        let counted = (0..300)
            .filter(|i| counter.saw(1, a, Some(&format!("{FIREFOX} r{i}")), day))
            .count();
        assert_eq!(counted, 1, "300 user agents from one address");
        // A bot first does not use up the address's view.
        let b: IpAddr = "192.0.2.8".parse().unwrap();
        assert!(!counter.saw(1, b, Some("Googlebot/2.1"), day));
        assert!(counter.saw(1, b, Some(FIREFOX), day));
        // One IPv6 subscriber's /64 is one reader; another /64 is another.
        let v6 = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(counter.saw(1, v6("2001:db8:1:2::1"), Some(FIREFOX), day));
        assert!(!counter.saw(1, v6("2001:db8:1:2:ffff::9"), Some(FIREFOX), day));
        assert!(counter.saw(1, v6("2001:db8:1:3::1"), Some(FIREFOX), day));
    }
}
