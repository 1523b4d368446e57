//! This machine's checks: the directories the server writes to, the
//! clock against the database's, and the free disk space.

use super::{Level, Report};
use crate::config::Config;
use dateline_store::Store;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub(super) fn storage(report: &mut Report, config: &Config) {
    let check = "storage";
    let data = &config.data_dir;
    if !data.is_dir() {
        return report.fail(
            check,
            format!("the data directory {} does not exist", data.display()),
            "create it for the account that runs dateline (`dateline serve` makes it at start), \
             or point --data-dir at the site's data",
        );
    }
    let mut dirs = vec![(data.clone(), "data directory")];
    for (name, what) in [
        ("index", "search index directory"),
        ("media", "media directory"),
    ] {
        let dir = data.join(name);
        if dir.is_dir() {
            dirs.push((dir, what));
        }
    }
    for (dir, what) in dirs {
        match probe_write(&dir) {
            Ok(()) => report.good(
                check,
                format!(
                    "the {what} {} is writable (write, fsync, delete)",
                    dir.display()
                ),
            ),
            Err(e) => report.fail(
                check,
                format!("cannot write in the {what} {}: {e}", dir.display()),
                format!(
                    "give the account that runs dateline write access to {} \
                     (e.g. chown -R that user on it), and check the disk is not mounted read-only",
                    dir.display()
                ),
            ),
        }
    }
}

/// Makes, fills, syncs and deletes a file of its own in `dir`.
fn probe_write(dir: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let name = format!(".dateline-doctor-{}", std::process::id());
    let path: PathBuf = dir.join(name);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    let written = file
        .write_all(b"dateline doctor probe\n")
        .and_then(|()| file.sync_all());
    drop(file);
    let removed = std::fs::remove_file(&path);
    written?;
    removed
}

/// Skew past which the clock check warns, and past which it fails.
const SKEW_WARN: Duration = Duration::from_secs(2);
const SKEW_FAIL: Duration = Duration::from_secs(30);

pub(super) async fn clock(report: &mut Report, store: &Store, timeout: Duration) {
    let check = "clock";
    if store.engine() == dateline_store::Engine::Sqlite {
        return report.good(
            check,
            "SQLite reads this machine's clock: nothing to compare".into(),
        );
    }
    let before = now_ms();
    let server = match tokio::time::timeout(timeout, store.server_clock_ms()).await {
        Ok(Ok(ms)) => ms,
        _ => {
            return report.warn(
                check,
                "the database server's clock could not be read".into(),
                "run `dateline doctor` again",
            )
        }
    };
    let after = now_ms();
    let here = before + (after - before) / 2;
    let skew_ms = server - here;
    let (level, limit) = classify_skew(skew_ms);
    let what = format!(
        "this machine's clock is {:.1} s {} the database server's (± {:.1} s)",
        skew_ms.unsigned_abs() as f64 / 1000.0,
        if skew_ms > 0 { "behind" } else { "ahead of" },
        (after - before) as f64 / 2000.0
    );
    let fix = format!(
        "keep both clocks on NTP (systemd-timesyncd or chrony): schedules, sessions and the change feed \
         use the database's clock, pages and logs this one's (over {limit} s is too far)"
    );
    match level {
        Level::Ok => report.good(check, what),
        Level::Warn => report.warn(check, what, fix),
        Level::Fail => report.fail(check, what, fix),
    }
}

fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// A skew's verdict, and the limit it was judged by (seconds).
pub(super) fn classify_skew(skew_ms: i64) -> (Level, u64) {
    let skew = Duration::from_millis(skew_ms.unsigned_abs());
    if skew > SKEW_FAIL {
        (Level::Fail, SKEW_FAIL.as_secs())
    } else if skew > SKEW_WARN {
        (Level::Warn, SKEW_WARN.as_secs())
    } else {
        (Level::Ok, SKEW_WARN.as_secs())
    }
}

pub(super) const MIB: u64 = 1024 * 1024;
pub(super) const GIB: u64 = 1024 * MIB;

/// Free space's verdict: fails under 2 % or 256 MiB, warns under 10 % or 1 GiB.
pub fn classify_space(available: u64, total: u64) -> Level {
    let percent = (available as f64 * 100.0) / (total.max(1) as f64);
    if available < 256 * MIB || percent < 2.0 {
        Level::Fail
    } else if available < GIB || percent < 10.0 {
        Level::Warn
    } else {
        Level::Ok
    }
}

pub(super) fn disk(report: &mut Report, data: &Path) {
    let check = "disk";
    // The data directory, or the nearest folder above it that exists.
    let Some(at) = data
        .ancestors()
        .find(|p| p.is_dir())
        .or(Some(Path::new(".")))
    else {
        return;
    };
    let stats = match fs4::statvfs(at) {
        Ok(stats) => stats,
        Err(e) => {
            return report.warn(
                check,
                format!("cannot read the free space of {}: {e}", at.display()),
                "check the file system by hand (df -h)",
            )
        }
    };
    let available = stats.available_space();
    let total = stats.total_space();
    let what = format!(
        "{} free of {} ({:.1} %) where {} lives",
        human(available),
        human(total),
        (available as f64 * 100.0) / (total.max(1) as f64),
        at.display()
    );
    let fix = "free space there (old backups, logs) or grow the volume: SQLite, the search index \
               and uploads need room to write";
    match classify_space(available, total) {
        Level::Ok => report.good(check, what),
        Level::Warn => report.warn(check, what, fix),
        Level::Fail => report.fail(check, what, fix),
    }
}

fn human(bytes: u64) -> String {
    if bytes >= GIB {
        format!("{:.1} GiB", bytes as f64 / GIB as f64)
    } else {
        format!("{:.0} MiB", bytes as f64 / MIB as f64)
    }
}
