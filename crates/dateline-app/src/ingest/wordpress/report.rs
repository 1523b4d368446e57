//! What an import did, counted, and what went wrong, by position. Bounded
//! whatever the export's size: problems past [`MAX_PROBLEMS`] and names
//! past [`MAX_NAMES`] are counted, not kept.

use dateline_import::wordpress::ConversionReport;
use std::collections::BTreeMap;
use std::fmt;

/// Problems kept word for word; the rest are counted.
pub const MAX_PROBLEMS: usize = 1000;
/// Distinct names (of shortcodes, blocks, reasons) kept per list.
pub const MAX_NAMES: usize = 200;
/// Examples of unresolved pictures kept.
const MAX_EXAMPLES: usize = 20;

/// What came of one kind of thing (posts, pages, comments, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub imported: u64,
    pub updated: u64,
    /// Left out on purpose, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Could not be imported (each also in the problems).
    pub failed: u64,
}

impl Tally {
    pub fn done(&mut self, created: bool) {
        if created {
            self.imported += 1;
        } else {
            self.updated += 1;
        }
    }

    pub fn skip(&mut self, why: &str) {
        add(&mut self.skipped, why, 1);
    }

    fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

/// One thing that did not come in, where it is in the file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The export, as named to the import.
    pub file: String,
    pub line: u64,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The whole import's outcome.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub file: String,
    pub posts: Tally,
    pub pages: Tally,
    pub comments: Tally,
    pub sections: Tally,
    pub tags: Tally,
    pub authors: Tally,
    /// Newsroom accounts made for authors (disabled until invited).
    pub accounts: Tally,
    pub pictures: Tally,
    pub old_links: u64,
    /// Items of other kinds (menus, reusable blocks, a plugin's types).
    pub other_items: BTreeMap<String, u64>,
    /// What the content converter met, each name with how many posts.
    pub shortcodes: BTreeMap<String, u64>,
    pub unknown_blocks: BTreeMap<String, u64>,
    pub embeds: u64,
    pub unresolved_images: u64,
    pub unresolved_examples: Vec<String>,
    /// The permalink structure the old links were made with, and how.
    pub permalinks: String,
    pub problems: Vec<Problem>,
    /// Problems past [`MAX_PROBLEMS`], not kept.
    pub more_problems: u64,
    /// Warnings (not failures), kept within the same bound.
    pub notes: Vec<String>,
    /// Whether the file was read to its end (false: a fatal error stopped it).
    pub complete: bool,
}

impl Report {
    pub fn new(file: &str) -> Report {
        Report {
            file: file.to_string(),
            ..Report::default()
        }
    }

    /// Records a problem at `line`.
    pub fn problem(&mut self, line: u64, message: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem {
                file: self.file.clone(),
                line,
                message: message.into(),
            });
        } else {
            self.more_problems += 1;
        }
    }

    /// Records a warning.
    pub fn note(&mut self, message: impl Into<String>) {
        if self.notes.len() < MAX_PROBLEMS {
            self.notes.push(message.into());
        }
    }

    /// Counts what converting one post met.
    pub fn conversion(&mut self, report: &ConversionReport) {
        for name in &report.shortcodes {
            add(&mut self.shortcodes, name, 1);
        }
        for name in &report.unknown_blocks {
            add(&mut self.unknown_blocks, name, 1);
        }
        self.embeds += report.embeds.len() as u64;
        self.unresolved_images += report.unresolved_images.len() as u64;
        for url in &report.unresolved_images {
            if self.unresolved_examples.len() < MAX_EXAMPLES
                && !self.unresolved_examples.contains(url)
            {
                self.unresolved_examples.push(url.clone());
            }
        }
    }

    pub fn other_item(&mut self, kind: &str) {
        add(&mut self.other_items, kind, 1);
    }

    /// Whether every item came in (skips on purpose aside).
    pub fn whole(&self) -> bool {
        self.complete && self.problems.is_empty()
    }

    /// The closing lines: counts by kind, then what the content held that
    /// did not convert.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let rows = [
            ("posts", &self.posts),
            ("pages", &self.pages),
            ("comments", &self.comments),
            ("sections", &self.sections),
            ("tags", &self.tags),
            ("authors", &self.authors),
            ("accounts", &self.accounts),
            ("pictures", &self.pictures),
        ];
        for (name, t) in rows {
            out.push_str(&format!(
                "{name}: {} imported, {} updated, {} skipped, {} failed",
                t.imported,
                t.updated,
                t.skipped_total(),
                t.failed
            ));
            if !t.skipped.is_empty() {
                out.push_str(&format!(" ({})", list(&t.skipped)));
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "old links: {} kept, to answer with 301 (permalinks {})\n",
            self.old_links, self.permalinks
        ));
        if !self.other_items.is_empty() {
            out.push_str(&format!(
                "other items left out: {}\n",
                list(&self.other_items)
            ));
        }
        if !self.shortcodes.is_empty() {
            out.push_str(&format!(
                "shortcodes kept as text: {}\n",
                list(&self.shortcodes)
            ));
        }
        if !self.unknown_blocks.is_empty() {
            out.push_str(&format!(
                "blocks kept as text: {}\n",
                list(&self.unknown_blocks)
            ));
        }
        if self.embeds > 0 {
            out.push_str(&format!("embeds written as links: {}\n", self.embeds));
        }
        if self.unresolved_images > 0 {
            out.push_str(&format!(
                "pictures not found (kept as links to where they were): {}, e.g. {}\n",
                self.unresolved_images,
                self.unresolved_examples.join(", ")
            ));
        }
        let failed = self.problems.len() as u64 + self.more_problems;
        out.push_str(&format!(
            "{failed} problem{}{}",
            if failed == 1 { "" } else { "s" },
            if self.complete {
                ""
            } else {
                "; the file was not read to its end"
            }
        ));
        out
    }
}

/// Adds `n` to `name`'s count; a name past [`MAX_NAMES`] counts as "other".
pub(super) fn add(map: &mut BTreeMap<String, u64>, name: &str, n: u64) {
    if let Some(count) = map.get_mut(name) {
        *count += n;
    } else if map.len() < MAX_NAMES {
        map.insert(name.to_string(), n);
    } else {
        *map.entry("(others)".to_string()).or_default() += n;
    }
}

fn list(map: &BTreeMap<String, u64>) -> String {
    map.iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect::<Vec<_>>()
        .join(", ")
}
