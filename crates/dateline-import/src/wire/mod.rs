//! Wire copy: one story per file, in one of two shapes.
//!
//! - **Plain copy**, as agencies send it or as it is copied from a web page:
//!   a paragraph per line (or blank-line separated paragraphs), the first body
//!   paragraph opening with a dateline, page furniture ("Related Articles",
//!   "Comments", …) cut off. Its body is plain text, escaped into Markdown.
//! - **Headered copy**, our documented format (`WIRE-FORMAT.md`): `Key: value`
//!   headers, a blank line, then a Markdown body kept as written.
//!
//! Error policy: every failure is a [`WireError`] naming the file and a
//! 1-based line, so that an editor importing a folder can fix the copy
//! without reading this code. Whole-file problems point at line 1.

mod detect;
mod headered;
mod plain;

pub use detect::detect_language;

use dateline_core::{Dateline, DatelineDate, Language};
use time::{Date, Month, OffsetDateTime};

/// What the caller knows that the copy may not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireOptions {
    /// The year for datelines that name only a day ("October 4"); without
    /// it, a year found in the file is used, and otherwise the date is unknown.
    pub year: Option<i32>,
    /// The language of copy that does not say (all plain copy).
    pub default_language: Language,
    /// The section slug for copy that does not say.
    pub default_section: Option<String>,
}

impl Default for WireOptions {
    fn default() -> Self {
        WireOptions {
            year: None,
            default_language: Language::En,
            default_section: None,
        }
    }
}

/// One story read from wire copy, ready to become a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireStory {
    pub headline: String,
    pub standfirst: Option<String>,
    pub dateline: Option<Dateline>,
    /// The dateline's day as a calendar date: resolved with
    /// [`WireOptions::year`], else a year found in the file (`Date:` or
    /// `Published:` header, or the dateline itself); `None` if unknown.
    pub dateline_date: Option<Date>,
    /// From a `Published:` header only; plain copy never says.
    pub published: Option<OffsetDateTime>,
    pub byline: Option<String>,
    /// A section slug, from the `Section:` header or the options.
    pub section: Option<String>,
    pub language: Language,
    pub tags: Vec<String>,
    pub slug: Option<String>,
    /// A key shared by the translations of one story (`Story:` header).
    pub story: Option<String>,
    /// The body as Markdown source, paragraphs separated by a blank line.
    pub body_markdown: String,
    pub body_paragraphs: usize,
}

impl WireStory {
    /// The agency named in the dateline (or the `Agency:` header).
    pub fn agency(&self) -> Option<&str> {
        self.dateline.as_ref()?.agency.as_deref()
    }

    /// A stable key for de-duplication: `language|agency|date|headline`,
    /// lower-cased with whitespace collapsed. Punctuation is kept because
    /// agencies reuse a headline with a different quote or question mark for
    /// a different story. Line endings and wrapping do not change it.
    pub fn identity_key(&self) -> String {
        let date = self
            .dateline_date
            .map(|d| d.to_string())
            .unwrap_or_default();
        let key = format!(
            "{}|{}|{}|{}",
            self.language.code(),
            self.agency().unwrap_or(""),
            date,
            self.headline
        );
        key.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }
}

/// Why a file could not be read as a story, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct WireError {
    pub file: String,
    /// 1-based; 1 for problems with the whole file.
    pub line: usize,
    pub kind: WireErrorKind,
}

/// The problems a wire file can have, each with a message for the editor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WireErrorKind {
    #[error("the file is empty")]
    Empty,
    #[error("this is binary data, not text: {0}")]
    Binary(String),
    #[error("invalid UTF-8: byte 0x{byte:02X} at column {column} cannot be decoded; save the file as UTF-8")]
    InvalidUtf8 { byte: u8, column: usize },
    #[error("expected a `Key: value` header or a blank line before the body, found {0:?}")]
    BadHeaderLine(String),
    #[error("unknown header `{0}`; known headers are Headline, Standfirst, Section, Language, Byline, Tags, Slug, Story, Dateline, Agency, Date, Published")]
    UnknownHeader(String),
    #[error("header `{key}` is given twice (first on line {first_line})")]
    DuplicateHeader { key: String, first_line: usize },
    #[error("the `Headline:` header is missing")]
    MissingHeadline,
    #[error("the `{0}:` header is empty")]
    EmptyHeader(&'static str),
    #[error("unknown language {0:?}: expected one of en, es, fr, pt, ar, eo, it")]
    UnknownLanguage(String),
    #[error("malformed Date {0:?}: expected YYYY-MM-DD, e.g. 2016-10-04")]
    BadDate(String),
    #[error("malformed Published {0:?}: expected an RFC 3339 time, e.g. 2016-10-04T14:30:00Z")]
    BadPublished(String),
    #[error("invalid {key} {value:?}: use lower-case letters, digits and hyphens, e.g. `world`")]
    BadSlug { key: &'static str, value: String },
    #[error("cannot read the dateline {0:?}: expected a place, an optional date and an optional agency, e.g. `Washington, October 4 (RHC)`")]
    BadDateline(String),
    #[error(
        "the `Agency:` header needs a dateline: add a `Dateline:` header such as `Havana (EFE)`"
    )]
    AgencyWithoutDateline,
    #[error("the Date {date} is not the dateline's day, {month} {day}")]
    DateMismatch { date: Date, month: Month, day: u8 },
    #[error("the dateline's day, {month} {day}, does not exist in {year}")]
    ImpossibleDate { year: i32, month: Month, day: u8 },
    #[error("the story has a headline but no body")]
    NoBody,
    #[error("cannot read the dateline: no paragraph starts with one such as `HAVANA, Nov 24 (Reuters) - ` (a place, an optional date, the agency in parentheses or slashes, then a dash)")]
    NoDateline,
    #[error("no headline found: put the headline on its own line above the dateline paragraph")]
    NoHeadline,
    #[error("{0} paragraphs stand before the dateline; expected at most a headline, a standfirst and a byline")]
    TooMuchBeforeDateline(usize),
}

/// A failure inside a parser, before the file name is attached.
type Fail = (usize, WireErrorKind);

/// Reads one wire file. `file_name` is used only in error messages.
pub fn parse_wire(
    file_name: &str,
    bytes: &[u8],
    opts: &WireOptions,
) -> Result<WireStory, WireError> {
    parse(bytes, opts).map_err(|(line, kind)| WireError {
        file: file_name.to_string(),
        line,
        kind,
    })
}

fn parse(bytes: &[u8], opts: &WireOptions) -> Result<WireStory, Fail> {
    let text = decode(bytes)?;
    // `lines` also drops the `\r` of CRLF endings.
    let lines: Vec<&str> = text.lines().collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err((1, WireErrorKind::Empty));
    }
    if headered::looks_headered(&lines) {
        headered::parse(&lines, opts)
    } else {
        plain::parse(&lines, opts)
    }
}

/// Checks the bytes are text and decodes them, dropping a UTF-8 BOM.
fn decode(bytes: &[u8]) -> Result<&str, Fail> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let reason = "it contains NUL bytes".to_string();
        return Err((line_of(bytes, pos), WireErrorKind::Binary(reason)));
    }
    // Text has the odd stray control character; images and archives are
    // full of them. One in ten is far beyond any real copy.
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    if controls * 10 > bytes.len() {
        let share = controls * 100 / bytes.len();
        let reason = format!("{share}% of its bytes are control characters");
        return Err((1, WireErrorKind::Binary(reason)));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let pos = e.valid_up_to();
        let line_start = bytes[..pos]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = std::str::from_utf8(&bytes[line_start..pos])
            .map_or(pos - line_start, |s| s.chars().count())
            + 1;
        let kind = WireErrorKind::InvalidUtf8 {
            byte: bytes[pos],
            column,
        };
        (line_of(bytes, pos), kind)
    })
}

fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F
}

/// The 1-based line holding byte `pos`.
fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Turns the dateline's day into a date, as [`WireStory::dateline_date`]
/// describes. A `Date:` header (`date`, with its line) wins but must agree
/// with the dateline's day; `default_year` fills in a year the dateline lacks.
fn resolve_date(
    dateline: Option<&Dateline>,
    dateline_line: usize,
    date: Option<(usize, Date)>,
    default_year: Option<i32>,
) -> Result<Option<Date>, Fail> {
    let named = dateline.and_then(|d| d.date);
    if let Some((line, date)) = date {
        if let Some(named) = named {
            let agrees = named.month == date.month()
                && named.day == date.day()
                && named.year.is_none_or(|y| y == date.year());
            if !agrees {
                let kind = WireErrorKind::DateMismatch {
                    date,
                    month: named.month,
                    day: named.day,
                };
                return Err((line, kind));
            }
        }
        return Ok(Some(date));
    }
    let Some(named @ DatelineDate { month, day, .. }) = named else {
        return Ok(None);
    };
    let Some(year) = named.year.or(default_year) else {
        return Ok(None);
    };
    named.resolve(year).map(Some).ok_or((
        dateline_line,
        WireErrorKind::ImpossibleDate { year, month, day },
    ))
}

/// Counts blank-line separated blocks in Markdown source.
fn count_paragraphs(markdown: &str) -> usize {
    let mut count = 0;
    let mut in_block = false;
    for line in markdown.lines() {
        let blank = line.trim().is_empty();
        if !blank && !in_block {
            count += 1;
        }
        in_block = !blank;
    }
    count
}
