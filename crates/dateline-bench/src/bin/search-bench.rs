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
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

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

/// splitmix64: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Cumulative Zipf weights (rank r weighs 1/r^s) for sampling ranks.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        Zipf(
            (1..=n)
                .map(|r| {
                    total += 1.0 / (r as f64).powf(s);
                    total
                })
                .collect(),
        )
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.0[self.0.len() - 1];
        self.0.partition_point(|c| *c < x).min(self.0.len() - 1)
    }
}

/// How a language spells: its commonest words and the pieces its other
/// words are made of.
struct Spelling {
    language: Language,
    /// Share of the articles, in percent: mostly English and Spanish.
    weight: usize,
    function: &'static [&'static str],
    onsets: &'static [&'static str],
    vowels: &'static [&'static str],
    codas: &'static [&'static str],
}

const LATIN_ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "tr", "pl", "st", "ch",
];
const CODAS: &[&str] = &["", "", "", "n", "r", "s", "l", "nt", "st"];

const SPELLINGS: [Spelling; 7] = [
    Spelling {
        language: Language::En,
        weight: 34,
        function: &[
            "the", "of", "and", "to", "in", "a", "said", "for", "on", "that", "is", "was", "with",
            "by", "at", "as", "from", "it", "its", "has", "have", "be", "are", "were", "will",
            "after", "which", "but", "not", "their",
        ],
        onsets: &[
            "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "w", "sh", "th", "st",
            "cr", "gr", "pr",
        ],
        vowels: &["a", "e", "i", "o", "u", "ea", "ou", "ai", "ee"],
        codas: &["", "", "n", "r", "s", "t", "nd", "ck", "ng", "st", "rd"],
    },
    Spelling {
        language: Language::Es,
        weight: 26,
        function: &[
            "de", "la", "que", "el", "en", "y", "los", "del", "se", "las", "por", "un", "para",
            "con", "una", "su", "al", "es", "lo", "como", "más", "pero", "sus", "dijo", "este",
            "ha", "fue", "sobre", "entre", "también",
        ],
        onsets: LATIN_ONSETS,
        vowels: &["a", "e", "i", "o", "u", "ia", "ue", "ió", "á", "é"],
        codas: CODAS,
    },
    Spelling {
        language: Language::Fr,
        weight: 10,
        function: &[
            "de", "la", "le", "et", "les", "des", "en", "un", "une", "du", "est", "que", "pour",
            "dans", "qui", "par", "sur", "au", "pas", "plus", "avec", "il", "a", "été", "selon",
            "ce", "aux", "ses", "mais", "son",
        ],
        onsets: LATIN_ONSETS,
        vowels: &["a", "e", "i", "o", "ou", "eau", "ai", "é", "è", "on"],
        codas: &["", "", "", "t", "s", "r", "x", "nt", "que"],
    },
    Spelling {
        language: Language::Pt,
        weight: 10,
        function: &[
            "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os",
            "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "ao", "ele", "das", "à",
            "seu", "sua", "disse",
        ],
        onsets: LATIN_ONSETS,
        vowels: &["a", "e", "i", "o", "u", "ão", "õe", "ê", "á", "ei"],
        codas: CODAS,
    },
    Spelling {
        language: Language::Ar,
        weight: 8,
        function: &[
            "في", "من", "على", "إلى", "أن", "عن", "مع", "التي", "الذي", "هذا", "كان", "قال", "بين",
            "أو", "لا", "ما", "هذه", "بعد", "كما", "وقد", "ذلك", "حيث", "عند", "قد", "إن", "كل",
            "منذ", "خلال", "لم", "وفي",
        ],
        onsets: &[
            "ب", "ت", "ج", "ح", "د", "ر", "س", "ش", "ع", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و",
        ],
        vowels: &["ا", "ي", "و", "", "", ""],
        codas: &["", "", "ة", "ن", "ت", "ات"],
    },
    Spelling {
        language: Language::Eo,
        weight: 4,
        function: &[
            "la", "de", "kaj", "en", "al", "estas", "ke", "por", "kun", "ne", "el", "pri", "tiu",
            "sur", "ĉe", "oni", "post", "ĝi", "li", "ŝi", "sed", "ankaŭ", "kiel", "laŭ", "pli",
            "dum", "inter", "ĉiuj", "estis", "diris",
        ],
        onsets: &[
            "b", "c", "ĉ", "d", "f", "g", "ĝ", "k", "l", "m", "n", "p", "r", "s", "ŝ", "t", "v",
            "z", "kr", "tr",
        ],
        vowels: &["a", "e", "i", "o", "u", "aŭ"],
        codas: &["", "", "o", "a", "oj", "n", "is", "as"],
    },
    Spelling {
        language: Language::It,
        weight: 8,
        function: &[
            "di", "e", "il", "la", "che", "in", "a", "per", "un", "del", "della", "è", "non",
            "una", "i", "le", "con", "si", "da", "al", "dei", "ha", "sono", "come", "anche", "più",
            "ma", "nel", "alla", "secondo",
        ],
        onsets: LATIN_ONSETS,
        vowels: &["a", "e", "i", "o", "u", "ia", "io", "è"],
        codas: &["", "", "", "", "n", "r", "l"],
    },
];

/// One language's words: a common vocabulary (function words first) and a
/// vocabulary per topic, each sampled by Zipf rank.
struct Vocab {
    language: Language,
    common: Vec<String>,
    functions: usize,
    topics: Vec<Vec<String>>,
    /// Two-word expressions each topic uses, as indices into its words.
    phrases: Vec<Vec<(usize, usize)>>,
}

impl Vocab {
    fn new(spelling: &Spelling, rng: &mut Rng) -> Vocab {
        let mut seen: HashSet<String> = spelling.function.iter().map(|w| w.to_string()).collect();
        let mut word = |rng: &mut Rng| loop {
            let mut w = String::new();
            for _ in 0..rng.between(2, 4) {
                w.push_str(spelling.onsets[rng.below(spelling.onsets.len())]);
                w.push_str(spelling.vowels[rng.below(spelling.vowels.len())]);
            }
            w.push_str(spelling.codas[rng.below(spelling.codas.len())]);
            if w.chars().count() >= 4 && seen.insert(w.clone()) {
                return w;
            }
        };
        let mut common: Vec<String> = spelling.function.iter().map(|w| w.to_string()).collect();
        while common.len() < COMMON_WORDS {
            common.push(word(rng));
        }
        let topics: Vec<Vec<String>> = (0..TOPICS)
            .map(|_| (0..TOPIC_WORDS).map(|_| word(rng)).collect())
            .collect();
        let phrases = (0..TOPICS)
            .map(|_| {
                (0..PHRASES_PER_TOPIC)
                    .map(|_| (rng.below(60), rng.below(TOPIC_WORDS)))
                    .collect()
            })
            .collect();
        Vocab {
            language: spelling.language,
            common,
            functions: spelling.function.len(),
            topics,
            phrases,
        }
    }
}

struct Corpus {
    vocabs: Vec<Vocab>,
    /// Cumulative language weights.
    weights: Vec<usize>,
    common: Zipf,
    topic: Zipf,
}

impl Corpus {
    fn new(seed: u64) -> Corpus {
        let mut rng = Rng(seed);
        let mut total = 0;
        Corpus {
            vocabs: SPELLINGS.iter().map(|s| Vocab::new(s, &mut rng)).collect(),
            weights: SPELLINGS
                .iter()
                .map(|s| {
                    total += s.weight;
                    total
                })
                .collect(),
            common: Zipf::new(COMMON_WORDS, 1.05),
            topic: Zipf::new(TOPIC_WORDS, 1.0),
        }
    }

    fn language(&self, rng: &mut Rng) -> usize {
        let x = rng.below(self.weights[self.weights.len() - 1]);
        self.weights.partition_point(|w| *w <= x)
    }

    fn section_id(language: usize, section: usize) -> i64 {
        (language * SECTIONS + section + 1) as i64
    }

    /// Appends `count` words of running text: a share from the article's
    /// topics (now and then one of their set expressions), the rest common.
    fn text(
        &self,
        rng: &mut Rng,
        out: &mut String,
        v: &Vocab,
        topics: (usize, usize),
        topical: f64,
        count: usize,
    ) {
        let capitalise = v.language != Language::Ar;
        let (mut left, mut sentences, mut written) = (0, 0, 0);
        while written < count {
            let opening = left == 0;
            if opening {
                if written > 0 {
                    out.push('.');
                    sentences += 1;
                    out.push_str(if sentences % 5 == 0 { "\n\n" } else { " " });
                }
                left = rng.between(8, 22);
            } else {
                out.push(' ');
            }
            let start = out.len();
            let x = rng.unit();
            let words = if x < 0.03 {
                let (a, b) = v.phrases[topics.0][rng.below(PHRASES_PER_TOPIC)];
                out.push_str(&v.topics[topics.0][a]);
                out.push(' ');
                out.push_str(&v.topics[topics.0][b]);
                2
            } else {
                let word = if x < topical {
                    &v.topics[topics.0][self.topic.sample(rng)]
                } else if x < topical + 0.08 {
                    &v.topics[topics.1][self.topic.sample(rng)]
                } else {
                    &v.common[self.common.sample(rng)]
                };
                out.push_str(word);
                1
            };
            if opening && capitalise {
                capitalise_at(out, start);
            }
            written += words;
            left = left.saturating_sub(words);
        }
        out.push('.');
    }

    fn article(&self, rng: &mut Rng, id: i64) -> Doc {
        let language = self.language(rng);
        let v = &self.vocabs[language];
        let topic = rng.below(TOPICS);
        let topics = (topic, rng.below(TOPICS));
        // Sections follow topics, mostly.
        let section = if rng.chance(0.8) {
            topic % SECTIONS
        } else {
            rng.below(SECTIONS)
        };
        let mut headline = String::with_capacity(100);
        let words = rng.between(6, 12);
        self.text(rng, &mut headline, v, topics, 0.6, words);
        headline.pop();
        let mut standfirst = String::with_capacity(200);
        let words = rng.between(20, 30);
        self.text(rng, &mut standfirst, v, topics, 0.45, words);
        let mut body = String::with_capacity(4_000);
        let words = rng.between(250, 600);
        self.text(rng, &mut body, v, topics, 0.3, words);
        let tags = (0..rng.between(1, 3))
            .map(|_| {
                let k = rng.below(TAGS_PER_TOPIC);
                let name = v.topics[topic][k].clone();
                (format!("{}-{topic}-{k}", v.language.code()), name)
            })
            .collect();
        Doc {
            id,
            language: v.language,
            section_id: Corpus::section_id(language, section),
            tags,
            published_at: END - (rng.next() % SPAN as u64) as i64,
            headline,
            standfirst,
            body,
        }
    }

    /// A word a reader might look for: mostly a topic's, sometimes a
    /// frequent common one (never a function word).
    fn query_word<'a>(&self, rng: &mut Rng, v: &'a Vocab) -> &'a str {
        if rng.chance(0.7) {
            &v.topics[rng.below(TOPICS)][self.topic.sample(rng)]
        } else {
            loop {
                let r = self.common.sample(rng);
                if r >= v.functions {
                    return &v.common[r];
                }
            }
        }
    }
}

fn capitalise_at(out: &mut String, at: usize) {
    if let Some(c) = out[at..].chars().next() {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(at..at + c.len_utf8(), &upper);
    }
}

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

/// Nearest-rank percentile of sorted milliseconds.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn latency(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    format!(
        "p50 {:.2} ms · p99 {:.2} ms · max {:.2} ms",
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0)
    )
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

fn size_on_disk(dir: &Path) -> anyhow::Result<(u64, usize)> {
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
fn memory_kib(key: &str) -> anyhow::Result<u64> {
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
fn sample_memory(stop: Arc<AtomicBool>) -> std::thread::JoinHandle<(u64, u64)> {
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
fn runqueue_wait() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn contention(waited: Duration, wall: Duration) -> String {
    format!(
        "{:.0} ms of {:.1} s ({:.1}%)",
        millis(waited),
        wall.as_secs_f64(),
        100.0 * waited.as_secs_f64() / wall.as_secs_f64().max(1e-9)
    )
}

fn thousands(n: u64) -> String {
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
