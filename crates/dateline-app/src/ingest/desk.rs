//! The wire desk's use cases: copy sent in (pasted, uploaded, or from the
//! command line), the queue as the desk shows it, and what a member does
//! with an item: take it as their draft, spike it, restore it. Each checks
//! the member's role (`dateline_core::newsroom::Action`: any member may send
//! copy in and take it, only editors spike and restore) and leaves an entry
//! in the audit log.
//!
//! The web calls them with its [`crate::App`], and `dateline import wire
//! --draft` with the operator's (`dateline::operator`).

use super::{file, ArrivalOptions, Notice, Problem, ProblemKind, Report, MAX_COPY_BYTES};
use crate::{Actor, App, Denied};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_store::{Claim, Store, StoreError, User, WireCounts, WireItem, WireState};
use time::OffsetDateTime;

/// Files one upload may carry (each at most [`MAX_COPY_BYTES`]).
pub const MAX_FILES: usize = 50;
/// Items on a page of the queue.
pub const PER_PAGE: i64 = 25;

/// Files on their way in, checked against the desk's limits as they come,
/// so that a file past them is not kept while the rest are read.
#[derive(Debug, Default)]
pub struct Batch {
    files: Vec<(String, Vec<u8>)>,
    /// Files refused at the door (too many, too large).
    failed: Vec<Problem>,
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }

    /// One file: kept when it fits the limits, else its problem noted.
    pub fn add(&mut self, name: &str, bytes: &[u8]) {
        if self.files.len() >= MAX_FILES {
            let kind = ProblemKind::TooManyFiles { max: MAX_FILES };
            self.failed.push(Problem::new(name, 1, kind));
        } else if bytes.len() > MAX_COPY_BYTES {
            let kind = ProblemKind::TooLarge { bytes: bytes.len() };
            self.failed.push(Problem::new(name, 1, kind));
        } else {
            self.files.push((name.to_string(), bytes.to_vec()));
        }
    }

    /// A file the sender could not read (the command line's own errors).
    pub fn unreadable(&mut self, name: &str, why: String) {
        self.failed
            .push(Problem::new(name, 1, ProblemKind::Unreadable(why)));
    }

    /// Neither a file nor a refusal: nothing was sent.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.failed.is_empty()
    }
}

/// What came of copy sent in.
#[derive(Debug)]
pub enum Received {
    /// Pasted copy was empty (or only spaces): nothing was read.
    Empty,
    /// Each file's outcome: queued, or refused with its line.
    Report(Report),
}

/// Sends a batch of files to the queue (`wire-arrive` in the audit log
/// when anything came in, naming the items).
pub async fn receive(
    app: &App,
    actor: Actor<'_>,
    batch: Batch,
    options: &ArrivalOptions,
    now: OffsetDateTime,
) -> Result<Received, Denied> {
    let store = &app.store;
    actor.require(Action::ImportWire)?;
    if batch.is_empty() {
        return Ok(Received::Empty);
    }
    let options = sent_by(actor, options);
    let mut report = Report {
        failed: batch.failed,
        ..Report::default()
    };
    for (name, bytes) in &batch.files {
        super::arrive(store, name, bytes, &options, now, &mut report).await;
    }
    audit_arrivals(store, actor, now, &report).await?;
    Ok(Received::Report(report))
}

/// Sends pasted copy to the queue; it has no file name, so its problems
/// point at a line.
pub async fn paste(
    app: &App,
    actor: Actor<'_>,
    text: &str,
    options: &ArrivalOptions,
    now: OffsetDateTime,
) -> Result<Received, Denied> {
    let store = &app.store;
    actor.require(Action::ImportWire)?;
    if text.trim().is_empty() {
        return Ok(Received::Empty);
    }
    let options = sent_by(actor, options);
    let mut report = Report::default();
    super::arrive(store, "", text.as_bytes(), &options, now, &mut report).await;
    audit_arrivals(store, actor, now, &report).await?;
    Ok(Received::Report(report))
}

/// The options with the actor as the sender, whatever they said: the queue
/// names who sent each item.
fn sent_by(actor: Actor<'_>, options: &ArrivalOptions) -> ArrivalOptions {
    ArrivalOptions {
        by: actor.user_id(),
        ..options.clone()
    }
}

/// Arrivals are recorded for members; an operator's are the command line's
/// own output, as the articles it files are.
async fn audit_arrivals(
    store: &Store,
    actor: Actor<'_>,
    now: OffsetDateTime,
    report: &Report,
) -> Result<(), StoreError> {
    if report.queued.is_empty() || matches!(actor, Actor::Operator) {
        return Ok(());
    }
    let detail = report.summary_with_ids();
    actor
        .audit(store, now, "wire-arrive", "wire", None, Some(&detail))
        .await
}

/// One page of the desk's items in one state, and how many stand in each.
#[derive(Debug)]
pub struct QueuePage {
    pub items: Vec<WireItem>,
    /// Items of this state (and language) in all.
    pub total: i64,
    /// Pages of [`PER_PAGE`] (at least one).
    pub pages: i64,
    pub counts: WireCounts,
}

/// Page `page` (from 1) of the items in `state`, of one language or all.
/// Any member may look.
pub async fn queue(
    app: &App,
    state: WireState,
    language: Option<Language>,
    page: i64,
) -> Result<QueuePage, StoreError> {
    let store = &app.store;
    let page = page.max(1);
    let found = store
        .wire_items(state, language, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let counts = store.wire_counts(language).await?;
    Ok(QueuePage {
        pages: ((found.total + PER_PAGE - 1) / PER_PAGE).max(1),
        items: found.items,
        total: found.total,
        counts,
    })
}

/// What came of taking an item.
#[derive(Debug)]
pub enum Took {
    /// The member's draft, to open in the editor (and what is worth knowing).
    Draft { article: i64, notices: Vec<Notice> },
    /// Someone took it first: who, and the draft it became once there is one.
    Taken {
        by: Option<String>,
        article: Option<i64>,
    },
    /// It is not waiting (spiked).
    NotWaiting,
    /// The copy could not become the member's draft (it is back in the queue).
    Refused(Problem),
}

/// Takes a waiting item as `member`'s draft (or updates the draft an earlier
/// take of the story made, when they may edit it). One take wins; whoever
/// comes second is told who took it. Audited as `wire-take`.
pub async fn take(app: &App, member: &User, id: i64, now: OffsetDateTime) -> Result<Took, Denied> {
    let store = &app.store;
    let actor = Actor::Member(member);
    actor.require(Action::TakeWire)?;
    let copy = match store.wire_claim(id, member.id, now).await? {
        Claim::Claimed(copy) => copy,
        Claim::Gone(item) => {
            return Ok(match item.state {
                WireState::Taken => Took::Taken {
                    by: item.taken_by_name,
                    article: item.article_id,
                },
                _ => Took::NotWaiting,
            })
        }
    };
    let filer = super::Filer {
        user_id: member.id,
        role: member.role,
    };
    match file::take(store, &copy, filer, now).await {
        Ok((touched, notices)) => {
            store.wire_taken(id, member.id, touched.id).await?;
            let detail = format!("article #{}", touched.id);
            actor
                .audit(store, now, "wire-take", "wire", Some(id), Some(&detail))
                .await?;
            Ok(Took::Draft {
                article: touched.id,
                notices,
            })
        }
        Err(problem) => {
            // Back in the queue for someone who can.
            store.wire_release(id, member.id).await?;
            Ok(Took::Refused(problem))
        }
    }
}

/// Spikes a waiting item (kept under Spiked, restorable); false when it was
/// not waiting. Editors only; audited as `wire-spike`.
pub async fn spike(app: &App, member: &User, id: i64, now: OffsetDateTime) -> Result<bool, Denied> {
    let store = &app.store;
    let actor = Actor::Member(member);
    actor.require(Action::SpikeWire)?;
    let done = store.wire_spike(id, member.id, now).await?;
    if done {
        actor
            .audit(store, now, "wire-spike", "wire", Some(id), None)
            .await?;
    }
    Ok(done)
}

/// Puts a spiked item back in the queue; false when it was not spiked.
/// Editors only; audited as `wire-restore`.
pub async fn restore(
    app: &App,
    member: &User,
    id: i64,
    now: OffsetDateTime,
) -> Result<bool, Denied> {
    let store = &app.store;
    let actor = Actor::Member(member);
    actor.require(Action::SpikeWire)?;
    let done = store.wire_restore(id).await?;
    if done {
        actor
            .audit(store, now, "wire-restore", "wire", Some(id), None)
            .await?;
    }
    Ok(done)
}
