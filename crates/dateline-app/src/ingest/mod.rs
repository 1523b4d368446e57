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
//!
//! The module is split by concern: [`file`] turns copy into articles,
//! [`arrive`] reads copy into the desk's queue, and [`desk`] holds what the
//! wire desk's members do with the queue (send copy in, list it, take,
//! spike and restore items), with its role checks and audit entries.

mod arrive;
pub mod desk;
mod file;
pub mod wordpress;

pub use arrive::{arrive, content_hash, first_lines};
pub use file::{ingest, take};

use crate::body::BodyError;
use dateline_core::newsroom::Role;
use dateline_core::{Language, Status};
use dateline_import::{WireErrorKind, WireOptions};
use dateline_store::{Arrival, StoreError, WireSource};
use std::fmt;

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
    /// Adds another report's outcomes after this one's.
    pub fn absorb(&mut self, other: Report) {
        self.created.extend(other.created);
        self.updated.extend(other.updated);
        self.failed.extend(other.failed);
        self.warnings.extend(other.warnings);
        self.touched.extend(other.touched);
        self.queued.extend(other.queued);
    }

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
    /// (The desk's use cases set it from their actor.)
    pub by: Option<i64>,
}

fn refused(e: StoreError) -> ProblemKind {
    match e {
        StoreError::Invalid(why) => ProblemKind::Refused(why),
        e => ProblemKind::Refused(e.to_string()),
    }
}
