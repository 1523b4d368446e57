//! The words and domains a site refuses in comments.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::render::{link_host, links};
use super::ValidComment;

/// Words and domains a site refuses in comments; a match marks a comment spam.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocklist {
    pub(super) words: Vec<String>,
    pub(super) domains: Vec<String>,
}

impl Blocklist {
    /// Reads the two lists as editors type them in settings: comma- or
    /// newline-separated, in any case. Domains may be written `*.x.org` or
    /// `.x.org`; both mean `x.org`, which already covers its subdomains.
    pub fn parse(words: &str, domains: &str) -> Blocklist {
        fn entries(list: &str) -> impl Iterator<Item = String> + '_ {
            list.split([',', '\n', '\r'])
                .map(|entry| comparable(entry.trim()))
                .filter(|entry| !entry.is_empty())
        }
        Blocklist {
            words: entries(words).collect(),
            domains: entries(domains)
                .map(|d| {
                    d.trim_start_matches("*.")
                        .trim_matches(|c: char| c == '.' || c.is_whitespace())
                        .to_string()
                })
                .filter(|d| !d.is_empty())
                .collect(),
        }
    }

    /// The reason a comment is blocked, for moderators, or `None`. The
    /// name, body and email are compared in [`comparable`] form, so that
    /// `sp%61m.org`, `spa\u{200B}m` and fullwidth `ｓｐａｍ` are `spam`.
    pub fn matches(&self, c: &ValidComment) -> Option<String> {
        let name = comparable(&c.name);
        let body = comparable(&c.body);
        for word in &self.words {
            if contains_word(&name, word) {
                return Some(format!("blocked word \"{word}\" in the name"));
            }
            if contains_word(&body, word) {
                return Some(format!("blocked word \"{word}\" in the comment"));
            }
        }
        if let Some((_, domain)) = comparable(&c.email).rsplit_once('@') {
            if let Some(blocked) = self.blocked_domain(domain) {
                return Some(format!("blocked domain \"{blocked}\" in the email address"));
            }
        }
        // The links as they would be found in the normalised text, and as
        // they are rendered (a link the normalised text hides, such as one
        // split by a character that is dropped, is still caught).
        for (_, href) in links(&body).chain(links(&c.body)) {
            let href = comparable(&href);
            if let Some(blocked) = link_host(&href).and_then(|h| self.blocked_domain(&h)) {
                return Some(format!("link to blocked domain \"{blocked}\""));
            }
        }
        None
    }

    fn blocked_domain(&self, host: &str) -> Option<&str> {
        self.domains
            .iter()
            .find(|d| {
                host.strip_suffix(d.as_str())
                    .is_some_and(|prefix| prefix.is_empty() || prefix.ends_with('.'))
            })
            .map(String::as_str)
    }
}

/// Text in one form for matching, so that what reads the same matches the
/// same: percent-escapes decoded (`%69` is `i`; twice-escaped text too),
/// invisible format characters dropped (zero-width spaces and joiners, soft
/// hyphens, bidirectional marks: Unicode's category Cf), compatibility
/// forms folded by NFKC (fullwidth `ｓｐａｍ` is `spam`, and "é" typed two
/// ways is one letter), ideographic full stops made dots, and lowercased.
pub fn comparable(text: &str) -> String {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    let mut decoded = text.to_string();
    for _ in 0..3 {
        if !decoded.contains('%') {
            break;
        }
        let next = percent_encoding::percent_decode_str(&decoded)
            .decode_utf8_lossy()
            .into_owned();
        if next == decoded {
            break;
        }
        decoded = next;
    }
    decoded
        .chars()
        .filter(|c| c.general_category() != GeneralCategory::Format)
        .nfkc()
        .filter(|c| c.general_category() != GeneralCategory::Format)
        .map(|c| match c {
            '\u{3002}' | '\u{FF61}' => '.',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// Whether `needle` occurs in `haystack` with a word boundary on each side
/// where the needle itself starts or ends with a word character, so that
/// "ass" does not match "class" but "c++" still matches "c++ rocks".
fn contains_word(haystack: &str, needle: &str) -> bool {
    let starts_word = needle.chars().next().is_some_and(is_word_char);
    let ends_word = needle.chars().next_back().is_some_and(is_word_char);
    // Every start is tried, not just non-overlapping matches, because a
    // failed match may overlap one that stands on its own ("a-a" in "xa-a-a").
    haystack
        .char_indices()
        .filter(|&(at, _)| haystack[at..].starts_with(needle))
        .any(|(at, _)| {
            let before = haystack[..at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            (!starts_word || !before.is_some_and(is_word_char))
                && (!ends_word || !after.is_some_and(is_word_char))
        })
}

/// Unicode's word characters: letters, digits, combining marks, underscore.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}
