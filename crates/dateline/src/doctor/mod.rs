//! `dateline doctor`: checks a node's configuration, database, storage,
//! search index, clock and disk, and says what to fix (after Ghost-CLI's
//! `ghost doctor`).
//!
//! Nothing here changes anything or takes a lock the server holds: the
//! database is opened read-only (SQLite) or only read (PostgreSQL), the
//! search index is looked at through its commit record, and the only write
//! is a probe file made and deleted in each directory the server writes
//! to. So it runs beside a serving node.

mod database;
mod machine;

pub use machine::classify_space;

use crate::config::Config;
use dateline_search::{Inspection, SearchIndex};
use dateline_store::{DatabaseUrl, Store};
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

impl Level {
    fn word(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Warn => "warn",
            Level::Fail => "FAIL",
        }
    }
}

/// One line of the report: what was checked, what was found, what to do.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub level: Level,
    /// `configuration`, `database`, `schema`, `storage`, `search index`,
    /// `clock` or `disk`.
    pub check: &'static str,
    pub what: String,
    /// What to do about it; None when nothing needs doing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// Every finding, in the order the checks ran.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub ok: bool,
    pub checks: Vec<Finding>,
}

impl Report {
    fn push(&mut self, level: Level, check: &'static str, what: String, fix: Option<String>) {
        self.checks.push(Finding {
            level,
            check,
            what,
            fix,
        });
        self.ok = !self.checks.iter().any(|f| f.level == Level::Fail);
    }

    fn good(&mut self, check: &'static str, what: String) {
        self.push(Level::Ok, check, what, None);
    }

    fn warn(&mut self, check: &'static str, what: String, fix: impl Into<String>) {
        self.push(Level::Warn, check, what, Some(fix.into()));
    }

    fn fail(&mut self, check: &'static str, what: String, fix: impl Into<String>) {
        self.push(Level::Fail, check, what, Some(fix.into()));
    }

    /// True when nothing failed (warnings allowed).
    pub fn passed(&self) -> bool {
        !self.checks.iter().any(|f| f.level == Level::Fail)
    }

    /// One line a finding: `ok   — check: what` or `FAIL — check: what — fix`.
    pub fn lines(&self) -> Vec<String> {
        self.checks
            .iter()
            .map(|f| {
                let mut line = format!("{:<4} — {}: {}", f.level.word(), f.check, f.what);
                if let Some(fix) = &f.fix {
                    line.push_str(" — ");
                    line.push_str(fix);
                }
                line
            })
            .collect()
    }

    /// Replaces the database URL, and its password, wherever a message
    /// quotes them (an error that repeats its URL must not print the
    /// password). A password that the redacted URL itself spells (a user
    /// named as their password, say) is left, or the URL would be garbled.
    fn redact(&mut self, url: Option<&DatabaseUrl>) {
        let Some(url) = url else { return };
        let shown = url.redacted();
        let password = password(url).filter(|p| !p.is_empty() && !shown.contains(p));
        let clean = |text: &str| {
            let text = text.replace(url.expose(), &shown);
            match password {
                Some(p) => text.replace(p, "***"),
                None => text,
            }
        };
        for f in &mut self.checks {
            f.what = clean(&f.what);
            if let Some(fix) = &mut f.fix {
                *fix = clean(fix);
            }
        }
    }
}

/// How the configuration was found, for its line of the report.
pub struct Source<'a> {
    /// The file read, or looked for.
    pub file: &'a Path,
}

/// The configuration failed to load: the report says why, and nothing
/// else can be checked.
pub fn unloadable(source: &Source<'_>, error: &anyhow::Error) -> Report {
    let mut report = Report::default();
    report.fail(
        "configuration",
        format!("{error:#}"),
        format!(
            "correct {} (or the flag or DATELINE_* variable named), then run `dateline doctor` again",
            source.file.display()
        ),
    );
    report
}

/// Runs every check; `timeout` bounds each wait on the database.
pub async fn run(config: &Config, source: &Source<'_>, timeout: Duration) -> Report {
    let mut report = Report::default();
    configuration(&mut report, config, source);
    let store = database::database(&mut report, config, timeout).await;
    machine::storage(&mut report, config);
    let counts = match &store {
        Some(store) => published_counts(store, timeout).await,
        None => None,
    };
    search_index(&mut report, config, counts);
    match &store {
        Some(store) => machine::clock(&mut report, store, timeout).await,
        None => report.warn(
            "clock",
            "not compared with the database's: the database did not answer".into(),
            "mend the database first",
        ),
    }
    machine::disk(&mut report, &config.data_dir);
    if let Some(store) = store {
        store.close().await;
    }
    report.redact(config.database_url.as_ref());
    report
}

/// The password in a database URL, if it carries one.
fn password(url: &DatabaseUrl) -> Option<&str> {
    let text = url.expose();
    let start = text.find("://")? + 3;
    let at = text.rfind('@')?;
    let userinfo = text.get(start..at)?;
    userinfo.split_once(':').map(|(_, password)| password)
}

fn configuration(report: &mut Report, config: &Config, source: &Source<'_>) {
    let check = "configuration";
    if source.file.exists() {
        report.good(
            check,
            format!(
                "{} read; flags and DATELINE_* variables applied over it",
                source.file.display()
            ),
        );
    } else {
        report.good(
            check,
            format!(
                "no {} (none is needed): flags, DATELINE_* variables and defaults",
                source.file.display()
            ),
        );
    }
    match config.trusted_proxies() {
        Ok(nets) if nets.is_empty() => report.good(
            check,
            "no trusted proxies: X-Forwarded-For and X-Forwarded-Proto are ignored".into(),
        ),
        Ok(nets) => report.good(
            check,
            format!(
                "trusted proxies: {}",
                nets.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Err(e) => report.fail(
            check,
            e.to_string(),
            "give trusted_proxies as addresses or CIDR ranges",
        ),
    }
    let base = config.base_url();
    let https = base.starts_with("https://");
    if !(https || base.starts_with("http://")) || base.len() <= "https://".len() {
        report.fail(
            check,
            format!("base_url {base:?} is not an http:// or https:// origin"),
            "set base_url to the site's public origin, e.g. https://news.example.org",
        );
    } else if config.base_url.is_none() && !config.listen.ip().is_loopback() {
        report.warn(
            check,
            format!("no base_url: canonical links, feeds and sitemaps will name {base}"),
            "set base_url (--base-url) to the site's public origin",
        );
    }
    if config.hsts.is_some() && !https {
        report.warn(
            check,
            "hsts is set but the base URL is not https, so it is never sent".into(),
            "set base_url to the https:// origin, or leave hsts unset",
        );
    }
    if let Some(theme) = &config.theme_dir {
        if !theme.is_dir() {
            report.fail(
                check,
                format!("theme_dir {} is not a directory", theme.display()),
                "point theme_dir at the folder of templates, or leave it unset",
            );
        }
    }
    if config.connections_per_address == 0 || config.connections_per_address > 4096 {
        report.warn(
            check,
            format!(
                "connections_per_address = {} is outside 1–4096 (the server uses {})",
                config.connections_per_address,
                config.connections_per_address.clamp(1, 4096)
            ),
            "set it between 1 and 4096",
        );
    }
    if config.cache_mib == 0 {
        report.warn(
            check,
            "cache_mib = 0: every page is rendered afresh".into(),
            "give the page cache some memory (128 by default)",
        );
    }
    if tracing_subscriber::EnvFilter::try_new(&config.log).is_err() {
        report.warn(
            check,
            format!(
                "log filter {:?} cannot be read (the server logs at info)",
                config.log
            ),
            "use a filter such as `info` or `info,access=off`",
        );
    }
}

/// The published articles and the change feed's cursor, as the database has them.
async fn published_counts(store: &Store, timeout: Duration) -> Option<(i64, i64)> {
    let read = async {
        Some((
            store.published_total().await.ok()?,
            store.change_cursor().await.ok()?,
        ))
    };
    tokio::time::timeout(timeout, read).await.ok().flatten()
}

fn search_index(report: &mut Report, config: &Config, database: Option<(i64, i64)>) {
    let check = "search index";
    let dir = crate::index::dir(config);
    let shown = dir.display();
    let rebuild = "restart `dateline serve` (it rebuilds the index at start), \
                   or stop it and run `dateline reindex`";
    match SearchIndex::inspect(&dir) {
        Inspection::Missing => report.warn(
            check,
            format!("there is no index in {shown} yet"),
            "`dateline serve` builds it at start (or run `dateline reindex` first)",
        ),
        Inspection::OtherVersion { reason } => report.warn(
            check,
            format!("the index in {shown} cannot be used as it is ({reason})"),
            rebuild,
        ),
        Inspection::Damaged { reason } => report.fail(
            check,
            format!("the index in {shown} is damaged ({reason})"),
            rebuild,
        ),
        Inspection::Unfinished { articles, .. } => report.warn(
            check,
            format!(
                "the index in {shown} is being rebuilt, or a rebuild stopped ({articles} article(s) in{})",
                match database {
                    Some((published, _)) => format!(" of {published}"),
                    None => String::new(),
                }
            ),
            "wait for the running server to finish; if none runs, start one or run `dateline reindex`",
        ),
        Inspection::Whole { cursor, articles } => match database {
            None => report.warn(
                check,
                format!("the index in {shown} is whole ({articles} article(s)); not compared with the database"),
                "mend the database first",
            ),
            Some((published, _)) if published == articles as i64 => report.good(
                check,
                format!("the index in {shown} is whole: {articles} article(s), as many as the database publishes"),
            ),
            Some((published, latest)) if cursor < latest => report.warn(
                check,
                format!(
                    "the index holds {articles} article(s), the database publishes {published}; \
                     the index has followed the changes to {cursor} of {latest}"
                ),
                "a running server catches up within seconds (a stopped one at its start); \
                 if this stays, restart it",
            ),
            Some((published, _)) => report.fail(
                check,
                format!(
                    "the index in {shown} holds {articles} article(s) but the database publishes {published}"
                ),
                rebuild,
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::machine::{classify_skew, GIB, MIB};
    use super::*;

    #[test]
    fn space_is_judged_by_share_and_by_size() {
        assert_eq!(classify_space(500 * GIB, 1000 * GIB), Level::Ok);
        assert_eq!(classify_space(50 * GIB, 1000 * GIB), Level::Warn, "5 %");
        assert_eq!(classify_space(10 * GIB, 1000 * GIB), Level::Fail, "1 %");
        assert_eq!(
            classify_space(900 * MIB, 2 * GIB),
            Level::Warn,
            "under 1 GiB"
        );
        assert_eq!(
            classify_space(200 * MIB, 400 * MIB),
            Level::Fail,
            "under 256 MiB"
        );
    }

    #[test]
    fn skew_warns_past_two_seconds_and_fails_past_thirty() {
        assert_eq!(classify_skew(1_500).0, Level::Ok);
        assert_eq!(classify_skew(-2_500).0, Level::Warn);
        assert_eq!(classify_skew(31_000).0, Level::Fail);
    }

    #[test]
    fn the_password_is_found_for_redaction() {
        let url = DatabaseUrl::new("postgres://news:s3cret@db:5432/news");
        assert_eq!(password(&url), Some("s3cret"));
        assert_eq!(password(&DatabaseUrl::new("postgres://db/news")), None);
    }
}
