//! Builds a search index of N generated articles on disk and measures it:
//! build time, size, peak memory, then search and related-article latency.
//! The text is synthetic but shaped like news: per-topic vocabularies and a
//! shared common vocabulary, both Zipf-distributed, in seven languages.
//!
//! Usage: search-bench N DIR      (DIR must not exist or be empty)
//!
//! Progress goes to stderr, one Markdown table to stdout.

use anyhow::{bail, Context};
use dateline_core::Language;
use dateline_search::{Doc, Opened, RelatedOptions, SearchIndex, SearchQuery, Sort};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod corpus;
mod measure;

use corpus::{Corpus, Rng};
use measure::{
    contention, latency, memory_kib, millis, runqueue_wait, sample_memory, size_on_disk, thousands,
};

const BATCH: usize = 10_000;
const TOPICS: usize = 16;
const TOPIC_WORDS: usize = 300;
const COMMON_WORDS: usize = 6_000;
const PHRASES_PER_TOPIC: usize = 20;
const TAGS_PER_TOPIC: usize = 20;
const SECTIONS: usize = 6;
/// 2026-01-01T00:00Z: articles spread over the ten years before it.
const END: i64 = 1_767_225_600;
const SPAN: i64 = 10 * 365 * 86_400;
const SEARCHES: usize = 2_000;
const WARM_UP: usize = 100;
const RELATED_CALLS: usize = 1_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    OneWord,
    TwoWords,
    Phrase,
    Section,
    DateRange,
    Newest,
    Offset20,
}

const SHAPES: [(Shape, &str); 7] = [
    (Shape::OneWord, "one word"),
    (Shape::TwoWords, "two words"),
    (Shape::Phrase, "quoted phrase"),
    (Shape::Section, "one word, section filter"),
    (Shape::DateRange, "one word, one-year date range"),
    (Shape::Newest, "one word, newest first"),
    (Shape::Offset20, "two words, third page (offset 20)"),
];

struct Search {
    shape: usize,
    language: Language,
    text: String,
    section_id: Option<i64>,
    from: Option<i64>,
    until: Option<i64>,
    sort: Sort,
    offset: usize,
}

fn search(corpus: &Corpus, rng: &mut Rng, shape: usize) -> Search {
    let language = corpus.language(rng);
    let v = &corpus.vocabs[language];
    let topic = rng.below(TOPICS);
    let mut s = Search {
        shape,
        language: v.language,
        text: corpus.query_word(rng, v).to_string(),
        section_id: None,
        from: None,
        until: None,
        sort: Sort::Relevance,
        offset: 0,
    };
    match SHAPES[shape].0 {
        Shape::OneWord => {}
        Shape::TwoWords | Shape::Offset20 => {
            let words = &v.topics[topic];
            s.text = format!(
                "{} {}",
                words[corpus.topic.sample(rng)],
                words[corpus.topic.sample(rng)]
            );
            if SHAPES[shape].0 == Shape::Offset20 {
                s.offset = 20;
            }
        }
        Shape::Phrase => {
            let (a, b) = v.phrases[topic][rng.below(PHRASES_PER_TOPIC)];
            s.text = format!("\"{} {}\"", v.topics[topic][a], v.topics[topic][b]);
        }
        Shape::Section => s.section_id = Some(Corpus::section_id(language, rng.below(SECTIONS))),
        Shape::DateRange => {
            let from = END - SPAN + (rng.next() % (SPAN - 365 * 86_400) as u64) as i64;
            s.from = Some(from);
            s.until = Some(from + 365 * 86_400);
        }
        Shape::Newest => s.sort = Sort::Newest,
    }
    s
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next(), args.next()) else {
        bail!("usage: search-bench N DIR");
    };
    let n: usize = n.parse().context("N: a number of articles")?;
    let dir = Path::new(&dir);
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        bail!("{} is not empty: give a fresh directory", dir.display());
    }
    let corpus = Corpus::new(0x5EED_DA7E);
    let mut rng = Rng(42);
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut row = |k: &str, v: String| rows.push((k.to_string(), v));

    // Build. Generating a batch and indexing it never overlap (commit waits
    // for the indexing threads), so the text's cost is taken out.
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = sample_memory(stop.clone());
    let started = Instant::now();
    let (index, opened) = SearchIndex::open(dir)?;
    anyhow::ensure!(
        matches!(opened, Opened::Rebuild { .. }),
        "not a fresh index"
    );
    let mut generating = Duration::ZERO;
    let mut text_bytes = 0u64;
    let mut id = 0i64;
    while (id as usize) < n {
        let g = Instant::now();
        let count = BATCH.min(n - id as usize);
        let batch: Vec<Doc> = (0..count)
            .map(|_| {
                id += 1;
                corpus.article(&mut rng, id)
            })
            .collect();
        generating += g.elapsed();
        text_bytes += batch
            .iter()
            .map(|d| (d.headline.len() + d.standfirst.len() + d.body.len()) as u64)
            .sum::<u64>();
        index.put(&batch)?;
        index.commit(id, false)?;
        if (id as usize).is_multiple_of(100_000) {
            eprintln!(
                "{id} articles, {:.0} s",
                (started.elapsed() - generating).as_secs_f64()
            );
        }
    }
    index.commit(n as i64, true)?;
    let indexed = started.elapsed() - generating;
    let m = Instant::now();
    index.wait_merging()?;
    let merging = m.elapsed();
    let build = indexed + merging;
    let peak_build = memory_kib("VmHWM")?;
    stop.store(true, Ordering::Relaxed);
    let (anon_build, file_build) = sampler
        .join()
        .map_err(|_| anyhow::anyhow!("the memory sampler panicked"))?;
    let (bytes, segments) = size_on_disk(dir)?;

    let r = Instant::now();
    let (index, opened) = SearchIndex::open(dir)?;
    let reopen = r.elapsed();
    anyhow::ensure!(
        opened == Opened::Current { cursor: n as i64 },
        "the built index did not reopen as complete: {opened:?}"
    );
    anyhow::ensure!(index.len() == n as u64, "{} articles indexed", index.len());

    row("articles", thousands(n as u64));
    row(
        "text indexed (headline, standfirst, body)",
        format!("{:.2} GB", text_bytes as f64 / 1e9),
    );
    row(
        "index build: put in batches of 10,000, a commit each, then merges",
        format!(
            "{:.1} s ({:.1} s indexing and commits, {:.1} s waiting for merges; text generation excluded: {:.1} s)",
            build.as_secs_f64(),
            indexed.as_secs_f64(),
            merging.as_secs_f64(),
            generating.as_secs_f64()
        ),
    );
    row(
        "build rate",
        format!(
            "{} articles/s",
            thousands((n as f64 / build.as_secs_f64()) as u64)
        ),
    );
    row(
        "index size on disk",
        format!("{:.2} GB in {segments} segments", bytes as f64 / 1e9),
    );
    row(
        "peak memory (VmHWM) after the build",
        format!(
            "{} MiB (highest sampled every 20 ms: {} MiB heap, {} MiB mapped index files)",
            thousands(peak_build / 1024),
            thousands(anon_build / 1024),
            thousands(file_build / 1024)
        ),
    );
    row(
        "reopen the built index (checks every segment)",
        format!("{:.0} ms", millis(reopen)),
    );

    // Searches, after a few untimed ones so the timings are of a warm
    // page cache, as on a running site.
    let mut qrng = Rng(7);
    let mut latencies: Vec<Vec<f64>> = vec![Vec::new(); SHAPES.len()];
    let mut matches = vec![0u64; SHAPES.len()];
    let mut empty = vec![0u64; SHAPES.len()];
    let mut timed = (Duration::ZERO, Instant::now());
    for i in 0..WARM_UP + SEARCHES {
        if i == WARM_UP {
            timed = (runqueue_wait(), Instant::now());
        }
        let s = search(&corpus, &mut qrng, i % SHAPES.len());
        let q = SearchQuery {
            language: Some(s.language),
            text: &s.text,
            section_id: s.section_id,
            tag: None,
            from: s.from,
            until: s.until,
            sort: s.sort,
            offset: s.offset,
            limit: 10,
        };
        let t = Instant::now();
        let results = index.search(&q)?;
        let took = millis(t.elapsed());
        if i >= WARM_UP {
            latencies[s.shape].push(took);
            matches[s.shape] += results.total as u64;
            if results.hits.is_empty() {
                empty[s.shape] += 1;
            }
        }
    }
    let searching = contention(runqueue_wait() - timed.0, timed.1.elapsed());
    let all: Vec<f64> = latencies.iter().flatten().copied().collect();
    for (k, (_, name)) in SHAPES.iter().enumerate() {
        let count = latencies[k].len();
        row(
            &format!(
                "search: {name} ({count} queries, {} matches on average, {} empty pages)",
                thousands(matches[k] / count.max(1) as u64),
                empty[k]
            ),
            latency(std::mem::take(&mut latencies[k])),
        );
    }
    row(
        &format!(
            "**search: all {} queries**, 10 hits a page with snippets",
            all.len()
        ),
        latency(all),
    );
    row("searches: time waiting for a CPU (runqueue)", searching);

    let mut related = Vec::with_capacity(RELATED_CALLS);
    let timed = (runqueue_wait(), Instant::now());
    let mut returned = 0;
    for _ in 0..RELATED_CALLS {
        let id = 1 + qrng.below(n) as i64;
        let t = Instant::now();
        let ids = index.related(id, RelatedOptions::new(5, END))?;
        related.push(millis(t.elapsed()));
        returned += ids.len();
    }
    row(
        &format!(
            "related: {RELATED_CALLS} random articles, limit 5 ({:.1} returned on average)",
            returned as f64 / RELATED_CALLS as f64
        ),
        latency(related),
    );
    row(
        "related: time waiting for a CPU (runqueue)",
        contention(runqueue_wait() - timed.0, timed.1.elapsed()),
    );
    row(
        "peak memory (VmHWM) at the end",
        format!(
            "{} MiB (resident then: {} MiB heap, {} MiB mapped index files)",
            thousands(memory_kib("VmHWM")? / 1024),
            thousands(memory_kib("RssAnon")? / 1024),
            thousands(memory_kib("RssFile")? / 1024)
        ),
    );

    println!("| measure | value |");
    println!("| --- | --- |");
    for (k, v) in rows {
        println!("| {k} | {v} |");
    }
    Ok(())
}
