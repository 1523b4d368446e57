//! The generated articles: per-topic and common vocabularies, Zipf-distributed, in seven languages.

use super::{
    COMMON_WORDS, END, PHRASES_PER_TOPIC, SECTIONS, SPAN, TAGS_PER_TOPIC, TOPICS, TOPIC_WORDS,
};
use dateline_core::Language;
use dateline_search::Doc;
use std::collections::HashSet;

/// splitmix64: small, fast, and the same sequence on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Cumulative Zipf weights (rank r weighs 1/r^s) for sampling ranks.
pub struct Zipf(pub Vec<f64>);

impl Zipf {
    pub fn new(n: usize, s: f64) -> Zipf {
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

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.0[self.0.len() - 1];
        self.0.partition_point(|c| *c < x).min(self.0.len() - 1)
    }
}

/// How a language spells: its commonest words and the pieces its other
/// words are made of.
pub struct Spelling {
    pub language: Language,
    /// Share of the articles, in percent: mostly English and Spanish.
    pub weight: usize,
    pub function: &'static [&'static str],
    pub onsets: &'static [&'static str],
    pub vowels: &'static [&'static str],
    pub codas: &'static [&'static str],
}

pub const LATIN_ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "tr", "pl", "st", "ch",
];
pub const CODAS: &[&str] = &["", "", "", "n", "r", "s", "l", "nt", "st"];

pub const SPELLINGS: [Spelling; 7] = [
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
pub struct Vocab {
    pub language: Language,
    pub common: Vec<String>,
    pub functions: usize,
    pub topics: Vec<Vec<String>>,
    /// Two-word expressions each topic uses, as indices into its words.
    pub phrases: Vec<Vec<(usize, usize)>>,
}

impl Vocab {
    pub fn new(spelling: &Spelling, rng: &mut Rng) -> Vocab {
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

pub struct Corpus {
    pub vocabs: Vec<Vocab>,
    /// Cumulative language weights.
    pub weights: Vec<usize>,
    pub common: Zipf,
    pub topic: Zipf,
}

impl Corpus {
    pub fn new(seed: u64) -> Corpus {
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

    pub fn language(&self, rng: &mut Rng) -> usize {
        let x = rng.below(self.weights[self.weights.len() - 1]);
        self.weights.partition_point(|w| *w <= x)
    }

    pub fn section_id(language: usize, section: usize) -> i64 {
        (language * SECTIONS + section + 1) as i64
    }

    /// Appends `count` words of running text: a share from the article's
    /// topics (now and then one of their set expressions), the rest common.
    pub fn text(
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

    pub fn article(&self, rng: &mut Rng, id: i64) -> Doc {
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
    pub fn query_word<'a>(&self, rng: &mut Rng, v: &'a Vocab) -> &'a str {
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

pub fn capitalise_at(out: &mut String, at: usize) {
    if let Some(c) = out[at..].chars().next() {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(at..at + c.len_utf8(), &upper);
    }
}
