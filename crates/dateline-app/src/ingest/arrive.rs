//! Copy arriving in the wire desk's queue: read and checked at the door,
//! so bad copy is refused with its line, and the same text twice is one item.

use super::{
    refused, ArrivalOptions, Notice, Problem, ProblemKind, Queued, Report, MAX_COPY_BYTES,
};
use crate::body::BodyError;
use dateline_import::{detect_language, parse_wire};
use dateline_store::{NewWireItem, Store};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// Reads and checks copy and files it in the wire desk's queue (a repeat of
/// the same text makes no second item); records the outcome in `report`.
pub async fn arrive(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &ArrivalOptions,
    now: OffsetDateTime,
    report: &mut Report,
) {
    match queue(store, name, bytes, options, now, &mut report.warnings).await {
        Ok(queued) => report.queued.push(queued),
        Err(problem) => report.failed.push(problem),
    }
}

async fn queue(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &ArrivalOptions,
    now: OffsetDateTime,
    warnings: &mut Vec<Notice>,
) -> Result<Queued, Problem> {
    if bytes.len() > MAX_COPY_BYTES {
        let kind = ProblemKind::TooLarge { bytes: bytes.len() };
        return Err(Problem::new(name, 1, kind));
    }
    let mut wire = options.wire.clone();
    let mut detected = None;
    if options.detect {
        // Only plain copy needs it: a `Language:` header still wins.
        let text = String::from_utf8_lossy(bytes);
        detected = Some(detect_language(&text));
        if let Some(Some(language)) = detected {
            wire.default_language = language;
        }
    }
    let story = parse_wire(name, bytes, &wire)
        .map_err(|e| Problem::new(name, e.line, ProblemKind::Wire(e.kind)))?;
    // The cheap checks of the body now, so copy that could never become
    // an article is refused at the door; the render waits for the take.
    dateline_core::markdown::check(&story.body_markdown)
        .map_err(|e| Problem::new(name, 1, ProblemKind::Body(BodyError::Refused(e))))?;
    if let Some(found) = detected {
        // Said only when the language came from the text, not a header.
        if story.language == wire.default_language && !says_language(bytes) {
            warnings.push(match found {
                Some(language) => Notice::Detected {
                    file: name.to_string(),
                    language,
                },
                None => Notice::NotDetected {
                    file: name.to_string(),
                    language: wire.default_language,
                },
            });
        }
    }
    if story.dateline_date.is_none() && story.dateline.as_ref().is_some_and(|d| d.date.is_some()) {
        warnings.push(Notice::NoYear {
            file: name.to_string(),
            year: now.year(),
            desk: options.by.is_some(),
        });
    }
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let new = NewWireItem {
        language: story.language,
        agency: story.agency().map(str::to_string),
        headline: story.headline.clone(),
        dateline: story.dateline.as_ref().map(ToString::to_string),
        first_lines: first_lines(&story.body_markdown),
        story_key: story.identity_key(),
        content_hash: content_hash(&text),
        copy: text.into_owned(),
        file_name: name.chars().take(200).collect(),
        source: options.source,
        default_section: wire.default_section.clone(),
        year: wire.year,
        arrived_by: options.by,
    };
    let arrival = store
        .wire_arrive(&new, now)
        .await
        .map_err(|e| Problem::new(name, 1, refused(e)))?;
    Ok(Queued {
        file: name.to_string(),
        arrival,
        headline: story.headline,
        language: story.language,
    })
}

/// Whether headered copy names its language (then nothing was detected).
fn says_language(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .any(|l| {
            l.get(..9)
                .is_some_and(|h| h.eq_ignore_ascii_case("language:"))
        })
}

/// The digest that tells the same text again: line ends, trailing spaces
/// and blank lines around the copy do not count.
pub fn content_hash(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let normalised = lines.join("\n");
    let digest = Sha256::digest(normalised.trim().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The body's opening as plain text, for the queue: at most 280
/// characters, cut at a word.
pub fn first_lines(markdown: &str) -> String {
    const MAX: usize = 280;
    let mut plain = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A Markdown escape: the character it escapes.
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                plain.extend(chars.next());
            }
            '*' | '_' | '#' | '`' => {}
            '\n' => {
                if !plain.ends_with(' ') && !plain.is_empty() {
                    plain.push(' ');
                }
            }
            c => plain.push(c),
        }
    }
    let plain = plain
        .split_whitespace()
        .map(|w| w.trim_start_matches('>'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if plain.chars().count() <= MAX {
        return plain;
    }
    let cut: String = plain.chars().take(MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == ' ')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_has_the_same_digest_whatever_its_line_ends() {
        let text = "Headline: Storm\n\nRain.\n";
        assert_eq!(
            content_hash(text),
            content_hash("Headline: Storm  \r\n\r\nRain.\r\n\n")
        );
        assert_eq!(
            content_hash(text),
            content_hash("\n\nHeadline: Storm\n\nRain.")
        );
        assert_ne!(
            content_hash(text),
            content_hash("Headline: Storm\n\nRain!\n")
        );
        assert_eq!(content_hash(text).len(), 64);
    }

    #[test]
    fn first_lines_are_plain_text_cut_at_a_word() {
        assert_eq!(
            first_lines("Cuba said **\\$4.3 billion** was lost.\n\n> \"A quote\""),
            "Cuba said $4.3 billion was lost. \"A quote\""
        );
        let long = "word ".repeat(100);
        let cut = first_lines(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= 281, "{}", cut.chars().count());
        assert_eq!(first_lines(""), "");
    }
}
