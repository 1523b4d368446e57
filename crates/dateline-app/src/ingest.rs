//! Ingesting wire copy: parsed stories into the store, one file at a time,
//! so that a bad file is reported and the rest of the batch still lands.
//!
//! Copy filed by an operator (`dateline import wire`) may create sections
//! and updates whatever article came from the same copy before. Copy a
//! newsroom member files meets the newsroom's rules: it updates an earlier
//! article only when the member may edit that article
//! (`dateline_core::newsroom::may_edit`), and otherwise becomes a new draft
//! of its own for an editor, leaving the article as it was; it creates a
//! section only for a member who may manage sections. Revisions and the
//! audit log name the member and each article touched.
//!
//! Copy for the newsroom (pasted or uploaded on the wire desk, or
//! `dateline import wire --draft`) first [`arrive`]s in the desk's incoming
//! queue (`dateline_store::wire`): it is read and checked there, so bad copy
//! is refused at the door with its line, and it becomes an article only when
//! a member [`take`]s it, as theirs.
//!
//! Problems and notices are typed ([`Problem`], [`Notice`]): the command
//! line prints their English sentences (`Display`), the newsroom words them
//! in its own language and never names a command-line flag.

use crate::body::BodyError;
use dateline_core::newsroom::{may_edit, Action, Role};
use dateline_core::slug::slugify;
use dateline_core::{ArticleInput, Language, Status};
use dateline_import::{detect_language, parse_wire, WireErrorKind, WireOptions, WireStory};
use dateline_store::{Arrival, NewWireItem, Saved, Store, StoreError, WireCopy, WireSource};
use sha2::{Digest, Sha256};
use std::fmt;
use time::{OffsetDateTime, Time};

/// The largest file or pasted copy taken, as the command line reads it.
pub const MAX_COPY_BYTES: usize = 4 * 1024 * 1024;

/// The newsroom member filing copy through the wire desk.
#[derive(Debug, Clone, Copy)]
pub struct Filer {
    pub user_id: i64,
    pub role: Role,
}

/// How imported copy is filed.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub wire: WireOptions,
    /// Published at once (the default) or held as a draft for an editor.
    pub status: Status,
    /// For the newsroom's wire desk: a draft is dated when an editor
    /// publishes it (unless the copy names its own time), and copy that
    /// updates an article already past draft keeps that article's status
    /// instead of taking it off the site.
    pub desk: bool,
    /// The member filing the copy, whose rights it meets; None for an
    /// operator at the command line, who may do anything.
    pub by: Option<Filer>,
}

/// An article a file created or updated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    pub id: i64,
    pub file: String,
    pub created: bool,
    /// For a new draft made because the member may not change the article
    /// the copy would have updated: that article.
    pub copy_of: Option<i64>,
}

/// Why a file (or a pasted copy) did not come in, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based; 1 for problems with the whole file.
    pub line: usize,
    pub kind: ProblemKind,
}

/// The problems ingesting can meet, each worded by its reader's surface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The copy cannot be read (see `dateline_import::WireErrorKind`).
    Wire(WireErrorKind),
    /// The body is outside the limits, or the server is too busy for it.
    Body(BodyError),
    /// Larger than [`MAX_COPY_BYTES`].
    TooLarge { bytes: usize },
    /// More files in one upload than the desk takes.
    TooManyFiles { max: usize },
    /// No section of this slug, and the member may not create one.
    NoSection(String),
    /// The article changed while the copy came in.
    Changed(i64),
    /// The member already keeps this many drafts of this copy.
    TooManyCopies(usize),
    /// The file could not be read (the command line's own errors).
    Unreadable(String),
    /// The store refused the article (its own sentence).
    Refused(String),
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Wire(kind) => write!(f, "{kind}"),
            ProblemKind::Body(e) => write!(f, "{e}"),
            ProblemKind::TooLarge { bytes } => write!(
                f,
                "the file is {bytes} bytes; wire copy is limited to {MAX_COPY_BYTES}"
            ),
            ProblemKind::TooManyFiles { max } => {
                write!(
                    f,
                    "more than {max} files in one upload; send the rest again"
                )
            }
            ProblemKind::NoSection(section) => {
                write!(f, "no section \"{section}\"; ask an administrator")
            }
            ProblemKind::Changed(id) => write!(
                f,
                "article #{id} changed while this copy came in; send the file again"
            ),
            ProblemKind::TooManyCopies(n) => write!(
                f,
                "you already have {n} drafts of this copy; ask an editor to look at them"
            ),
            ProblemKind::Unreadable(why) | ProblemKind::Refused(why) => f.write_str(why),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.kind)
    }
}

impl Problem {
    pub fn new(file: &str, line: usize, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            kind,
        }
    }
}

/// Things worth knowing that did not stop a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The dateline names a day without a year; `year` was assumed.
    /// `desk`: said to the newsroom (which does not name the `--year` flag).
    NoYear { file: String, year: i32, desk: bool },
    /// The copy would change `other`, which the member may not edit: it is
    /// a new draft, `id`, instead.
    CopyOf { file: String, other: i64, id: i64 },
    /// The language was told from the copy's text.
    Detected { file: String, language: Language },
    /// The language could not be told from the copy; `language` was used.
    NotDetected { file: String, language: Language },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::NoYear { file, year, desk } => {
                let hint = if *desk {
                    "check the date before publishing"
                } else {
                    "use --year"
                };
                write!(
                    f,
                    "{file}: the dateline gives no year; assumed {year} ({hint})"
                )
            }
            Notice::CopyOf { file, other, id } => write!(
                f,
                "{file}: this copy would change article #{other}, which you may not edit; \
                 it is a new draft (#{id}) for an editor instead"
            ),
            Notice::Detected { file, language } => {
                write!(f, "{file}: the copy reads as {}", language.code())
            }
            Notice::NotDetected { file, language } => write!(
                f,
                "{file}: the copy's language could not be told; filed as {}",
                language.code()
            ),
        }
    }
}

/// Copy that arrived in the wire desk's queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub file: String,
    pub arrival: Arrival,
    pub headline: String,
    pub language: Language,
}

/// What happened to each file of a batch.
#[derive(Debug, Default)]
pub struct Report {
    pub created: Vec<(String, String)>,
    pub updated: Vec<(String, String)>,
    /// Each file that was refused, and where.
    pub failed: Vec<Problem>,
    /// Things worth knowing that did not stop a file.
    pub warnings: Vec<Notice>,
    /// Each article touched, by id.
    pub touched: Vec<Touched>,
    /// Copy that arrived in the wire desk's queue.
    pub queued: Vec<Queued>,
}

impl Report {
    pub fn summary(&self) -> String {
        if !self.queued.is_empty() {
            let new = self
                .queued
                .iter()
                .filter(|q| !matches!(q.arrival, Arrival::Repeat(_)))
                .count();
            return format!(
                "{new} queued, {} already in the queue, {} failed",
                self.queued.len() - new,
                self.failed.len()
            );
        }
        format!(
            "{} created, {} updated, {} failed",
            self.created.len(),
            self.updated.len(),
            self.failed.len()
        )
    }

    /// The summary with the ids of the articles touched, for the audit log.
    pub fn summary_with_ids(&self) -> String {
        let ids = |created: bool| {
            self.touched
                .iter()
                .filter(|t| t.created == created)
                .map(|t| format!("#{}", t.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.queued.is_empty() {
            let items: Vec<String> = self
                .queued
                .iter()
                .map(|q| format!("#{}", q.arrival.id()))
                .collect();
            return format!("{} (wire items {})", self.summary(), items.join(", "));
        }
        format!(
            "{} created ({}), {} updated ({}), {} failed",
            self.created.len(),
            ids(true),
            self.updated.len(),
            ids(false),
            self.failed.len()
        )
    }
}

/// The most copies of one identity a member may keep as drafts of their
/// own beside articles they may not change.
const MAX_COPIES: usize = 20;

/// Imports one file's bytes, recording the outcome in `report`.
pub async fn ingest(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    now: OffsetDateTime,
    report: &mut Report,
) {
    match file(store, name, bytes, options, now, &mut report.warnings).await {
        Ok((touched, what)) => {
            if touched.created {
                report.created.push((name.to_string(), what));
            } else {
                report.updated.push((name.to_string(), what));
            }
            report.touched.push(touched);
        }
        Err(problem) => report.failed.push(problem),
    }
}

/// Files one copy as an article; returns what was touched and its path
/// (or `draft #id`).
async fn file(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    now: OffsetDateTime,
    warnings: &mut Vec<Notice>,
) -> Result<(Touched, String), Problem> {
    let story = parse_wire(name, bytes, &options.wire)
        .map_err(|e| Problem::new(name, e.line, ProblemKind::Wire(e.kind)))?;
    let input = to_input(store, name, bytes, story, options, now, warnings).await?;
    // Rendered off the async threads, before any transaction opens.
    let html = crate::body::render(&input.body_markdown)
        .await
        .map_err(|e| Problem::new(name, 1, ProblemKind::Body(e)))?;
    let filed = match options.by {
        None => store
            .save_rendered(None, &input, &html, now, None)
            .await
            .map(|o| (o, None))
            .map_err(refused),
        Some(filer) => as_member(store, filer, input, &html, now).await,
    };
    let (outcome, copy_of) = filed.map_err(|kind| Problem::new(name, 1, kind))?;
    let what = outcome
        .path
        .clone()
        .unwrap_or_else(|| format!("draft #{}", outcome.id));
    if let Some(other) = copy_of {
        warnings.push(Notice::CopyOf {
            file: name.to_string(),
            other,
            id: outcome.id,
        });
    }
    if let Some(filer) = options.by {
        let detail = match (outcome.created, copy_of) {
            (_, Some(other)) => {
                format!("new draft from {name}: a copy of #{other}, which this member may not edit")
            }
            (true, None) => format!("created from {name}"),
            (false, None) => format!("updated from {name}"),
        };
        if let Err(e) = store
            .audit(
                now,
                Some(filer.user_id),
                "import-wire",
                "article",
                Some(outcome.id),
                Some(&detail),
            )
            .await
        {
            tracing::error!(error = %e, article = outcome.id, "the audit entry was not written");
        }
    }
    Ok((
        Touched {
            id: outcome.id,
            file: name.to_string(),
            created: outcome.created,
            copy_of,
        },
        what,
    ))
}

fn refused(e: StoreError) -> ProblemKind {
    match e {
        StoreError::Invalid(why) => ProblemKind::Refused(why),
        e => ProblemKind::Refused(e.to_string()),
    }
}

/// How copy for the newsroom arrives in the wire desk's queue.
#[derive(Debug, Clone)]
pub struct ArrivalOptions {
    /// The language (and section, and year) of copy that does not say.
    pub wire: WireOptions,
    /// Tell the language of plain copy from its text, falling back to
    /// `wire.default_language` when the text does not tell.
    pub detect: bool,
    pub source: WireSource,
    /// The member who sent it; None for an operator at the command line.
    pub by: Option<i64>,
}

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

/// Turns a queue item into a draft of `filer`'s (or updates the draft an
/// earlier take of the same story made, when they may edit it). Returns
/// the article touched and what is worth knowing.
pub async fn take(
    store: &Store,
    copy: &WireCopy,
    filer: Filer,
    now: OffsetDateTime,
) -> Result<(Touched, Vec<Notice>), Problem> {
    let options = IngestOptions {
        wire: WireOptions {
            year: copy.year,
            default_language: copy.language,
            default_section: copy.default_section.clone(),
        },
        status: Status::Draft,
        desk: true,
        by: Some(filer),
    };
    let mut warnings = Vec::new();
    let (touched, _) = file(
        store,
        &copy.file_name,
        copy.copy.as_bytes(),
        &options,
        now,
        &mut warnings,
    )
    .await?;
    Ok((touched, warnings))
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

/// Files copy as a member: it updates the article of its identity only
/// when the member may edit that article, else it goes to a draft of its
/// own (under a key of its own, so neither collides with the other and the
/// same copy filed again updates that draft). Returns the outcome and, for
/// such a draft, the article it is a copy of.
async fn as_member(
    store: &Store,
    filer: Filer,
    mut input: ArticleInput,
    html: &dateline_core::markdown::SafeHtml,
    now: OffsetDateTime,
) -> Result<(dateline_store::SaveOutcome, Option<i64>), ProblemKind> {
    let key = input.source_key.clone().unwrap_or_default();
    let copy_status = input.status;
    let copy_published = input.published_at;
    let mut refused_by: Option<i64> = None;
    for n in 0..=MAX_COPIES {
        let candidate = match n {
            0 => key.clone(),
            1 => format!("{key}#copy:{}", filer.user_id),
            n => format!("{key}#copy:{}:{n}", filer.user_id),
        };
        input.source_key = Some(candidate.clone());
        let existing = store
            .newsroom_article_by_source_key(&candidate)
            .await
            .map_err(refused)?;
        let Some(meta) = existing else {
            if refused_by.is_some() {
                // A copy is the member's draft, whatever the copy says.
                input.status = Status::Draft;
            }
            let outcome = store
                .save_new_rendered(&input, html, now, Some(filer.user_id))
                .await
                .map_err(refused)?;
            return Ok((outcome, refused_by));
        };
        let is_author = meta.created_by == Some(filer.user_id);
        if !may_edit(filer.role, is_author, meta.status) {
            refused_by.get_or_insert(meta.id);
            continue;
        }
        // Copy that updates an article past draft keeps it where it is.
        (input.status, input.published_at) = if meta.status != Status::Draft {
            (meta.status, meta.published_at.or(copy_published))
        } else {
            (copy_status, copy_published)
        };
        return match store
            .save_checked_rendered(
                Some(meta.id),
                &input,
                html,
                Some(meta.version),
                filer.user_id,
                now,
            )
            .await
        {
            Ok(Saved::Done(outcome)) => Ok((outcome, refused_by)),
            Ok(Saved::Conflict { .. }) => Err(ProblemKind::Changed(meta.id)),
            Err(e) => Err(refused(e)),
        };
    }
    Err(ProblemKind::TooManyCopies(MAX_COPIES))
}

async fn to_input(
    store: &Store,
    name: &str,
    bytes: &[u8],
    story: WireStory,
    options: &IngestOptions,
    now: OffsetDateTime,
    warnings: &mut Vec<Notice>,
) -> Result<ArticleInput, Problem> {
    let fail = |line: usize| move |e: StoreError| Problem::new(name, line, refused(e));
    let language = story.language;
    let section = match &story.section {
        Some(s) => s.clone(),
        None => first_section(store, language).await.map_err(fail(1))?,
    };
    let may_create = options
        .by
        .is_none_or(|filer| filer.role.may(Action::ManageSections));
    if may_create {
        store
            .ensure_section(language, &section)
            .await
            .map_err(fail(section_line(bytes)))?;
    } else {
        let exists = store
            .sections(language)
            .await
            .map_err(fail(1))?
            .iter()
            .any(|s| s.slug == section);
        if !exists {
            let kind = ProblemKind::NoSection(section);
            return Err(Problem::new(name, section_line(bytes), kind));
        }
    }

    let mut dateline_date = story.dateline_date;
    if dateline_date.is_none() {
        if let Some(date) = story.dateline.as_ref().and_then(|d| d.date) {
            // No year anywhere: assume this year, and say so.
            dateline_date = date.resolve(now.year());
            // In the newsroom's words on the desk; the flag at the command line.
            warnings.push(Notice::NoYear {
                file: name.to_string(),
                year: now.year(),
                desk: options.desk,
            });
        }
    }
    // Copy without a publication time is dated by its dateline's day when
    // that is in the past, so archives keep their dates; else it is news now.
    let published_at = story.published.or_else(|| {
        dateline_date
            .map(|d| {
                d.with_time(Time::from_hms(12, 0, 0).unwrap_or(Time::MIDNIGHT))
                    .assume_utc()
            })
            .filter(|at| *at <= now)
    });
    let published_at = if options.desk && options.status == Status::Draft {
        story.published
    } else {
        Some(published_at.unwrap_or(now))
    };
    let slug = match &story.slug {
        Some(s) => s.clone(),
        None => {
            let s = slugify(&story.headline);
            if s.is_empty() {
                "story".to_string()
            } else {
                s
            }
        }
    };
    let source_key = Some(story.identity_key());
    let mut status = options.status;
    let mut published_at = published_at;
    // An operator's copy for the desk keeps a published article published
    // (a member's copy is decided in `as_member`).
    if options.desk && options.by.is_none() {
        if let Some(existing) = store
            .article_by_source_key(&story.identity_key())
            .await
            .map_err(fail(1))?
        {
            if existing.status != Status::Draft {
                status = existing.status;
                published_at = existing.published_at.or(published_at);
            }
        }
    }
    Ok(ArticleInput {
        language,
        section,
        slug,
        headline: story.headline,
        standfirst: story.standfirst,
        dateline: story.dateline,
        dateline_date,
        byline: story.byline,
        tags: story.tags,
        body_markdown: story.body_markdown,
        status,
        published_at,
        story_key: story.story,
        source_key,
        image_id: None,
        audio_id: None,
        programme_id: None,
    })
}

/// The line of the copy's `Section:` header, else 1.
fn section_line(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes)
        .lines()
        .take(50)
        .position(|l| {
            l.get(..8)
                .is_some_and(|h| h.eq_ignore_ascii_case("section:"))
        })
        .map_or(1, |i| i + 1)
}

async fn first_section(store: &Store, language: Language) -> Result<String, StoreError> {
    let sections = store.sections(language).await?;
    Ok(sections
        .first()
        .map(|s| s.slug.clone())
        .unwrap_or_else(|| "news".to_string()))
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

    #[test]
    fn the_section_header_is_found_by_line() {
        assert_eq!(section_line(b"Headline: x\nSection: sport\n\nBody"), 2);
        assert_eq!(section_line(b"SECTION: sport"), 1);
        assert_eq!(section_line(b"Plain copy\nwithout headers"), 1);
    }
}
