//! Measuring: latency percentiles, size on disk, memory, run-queue waits.

use anyhow::Context;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Nearest-rank percentile of sorted milliseconds.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn latency(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    format!(
        "p50 {:.2} ms · p99 {:.2} ms · max {:.2} ms",
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0)
    )
}

pub fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

pub fn size_on_disk(dir: &Path) -> anyhow::Result<(u64, usize)> {
    let (mut bytes, mut segments) = (0, 0);
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            bytes += size_on_disk(&entry.path())?.0;
        } else {
            bytes += meta.len();
            // Every segment has exactly one document store.
            if entry.path().extension().is_some_and(|e| e == "store") {
                segments += 1;
            }
        }
    }
    Ok((bytes, segments))
}

/// A memory figure of this process from /proc/self/status, in KiB:
/// VmHWM is the peak resident set; RssAnon and RssFile split the current
/// one into heap and pages of mapped files (tantivy maps its segments).
pub fn memory_kib(key: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
        .with_context(|| format!("no {key} in /proc/self/status"))?;
    Ok(line
        .split_whitespace()
        .nth(1)
        .with_context(|| format!("{key} without a value"))?
        .parse()?)
}

/// Samples heap and mapped-file residency until told to stop and returns
/// the highest of each: VmHWM alone cannot tell them apart.
pub fn sample_memory(stop: Arc<AtomicBool>) -> std::thread::JoinHandle<(u64, u64)> {
    std::thread::spawn(move || {
        let (mut anon, mut file) = (0, 0);
        while !stop.load(Ordering::Relaxed) {
            anon = anon.max(memory_kib("RssAnon").unwrap_or(0));
            file = file.max(memory_kib("RssFile").unwrap_or(0));
            std::thread::sleep(Duration::from_millis(20));
        }
        (anon, file)
    })
}

/// Time this thread has spent ready to run but waiting for a CPU: how
/// much another process on the same cores delayed the measured calls.
pub fn runqueue_wait() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

pub fn contention(waited: Duration, wall: Duration) -> String {
    format!(
        "{:.0} ms of {:.1} s ({:.1}%)",
        millis(waited),
        wall.as_secs_f64(),
        100.0 * waited.as_secs_f64() / wall.as_secs_f64().max(1e-9)
    )
}

pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
