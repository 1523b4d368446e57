//! The media library: a member's upload (an image with its alt text,
//! caption and credit, resized to responsive renditions; or programme audio,
//! its duration read from the file), the library's pages, and the stored
//! files both surfaces serve.
//!
//! What a file is comes from its bytes, never its name. Decoding and resizing
//! are CPU-bound and hold up to ~100 MB (an image's decoded pixels), so they
//! run off the async threads, as many at once as the machine has cores
//! ([`Processing`]); an upload that cannot start within [`WORK_WAIT`] is
//! answered [`Uploaded::Busy`], what was typed kept.
//!
//! The bytes arrive as `Bytes` and go to the checks and to the store without
//! being copied.

use crate::{Actor, App, Denied};
use bytes::Bytes;
use dateline_core::media::MediaKind;
use dateline_core::newsroom::Action;
use dateline_media::MediaError;
use dateline_store::{MediaFileInfo, MediaItem, NewMedia, Page, StoreError};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Semaphore;

/// Longest alt text, caption and credit, in characters.
pub const TEXT_CHARS: usize = 1000;
/// Uploads on one page of the library.
pub const PER_PAGE: i64 = 48;
/// How long an upload waits for its turn to be processed.
pub const WORK_WAIT: Duration = Duration::from_secs(30);

/// The bound on image and audio processing, shared by every upload on this
/// node (in [`App`]).
pub struct Processing {
    turns: Arc<Semaphore>,
}

/// The bound stayed full: come back later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

impl Default for Processing {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Processing::new(cores)
    }
}

impl Processing {
    /// `turns` image or audio jobs at once.
    pub fn new(turns: usize) -> Processing {
        Processing {
            turns: Arc::new(Semaphore::new(turns.max(1))),
        }
    }

    /// Runs `job` (decoding an image, probing audio) on a blocking thread
    /// once a turn is free, within [`WORK_WAIT`].
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let permit = match tokio::time::timeout(WORK_WAIT, self.turns.clone().acquire_owned()).await
        {
            Ok(Ok(permit)) => permit,
            _ => return Err(Busy),
        };
        let handle = tokio::task::spawn_blocking(move || {
            let out = job();
            drop(permit);
            out
        });
        // A job that panicked is only "not done" here.
        handle.await.map_err(|_| Busy)
    }
}

/// An upload as the form sent it.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    /// The file's name and bytes; None when no file came.
    pub file: Option<(String, Bytes)>,
    pub alt_text: String,
    pub caption: String,
    pub credit: String,
}

/// What can be wrong with an upload, by field.
#[derive(Debug, PartialEq, Eq)]
pub enum UploadProblem {
    /// No file came.
    NoFile,
    /// Longer than [`TEXT_CHARS`].
    TooLong { max: usize },
    /// An image needs its alt text.
    NoAlt,
    /// Neither an image nor audio of the kinds taken.
    NotMedia,
    /// An image or audio file the checks refused (their own sentence).
    Refused(MediaError),
}

/// Problems by the form field they belong to (`file`, `alt_text`,
/// `caption`, `credit`).
pub type UploadProblems = BTreeMap<&'static str, UploadProblem>;

/// What came of an upload.
#[derive(Debug)]
pub enum Uploaded {
    /// In the library.
    Done(Box<MediaItem>),
    /// Nothing was stored: each field's problem.
    Refused(UploadProblems),
    /// Too many uploads are being processed: nothing was stored.
    Busy,
}

enum Processed {
    Image(dateline_media::ProcessedImage),
    Audio(dateline_media::AudioInfo),
}

/// Checks, processes and stores one upload (`media-upload` in the audit
/// log). Any member who may upload media.
pub async fn upload(
    app: &App,
    actor: Actor<'_>,
    upload: Upload,
    now: OffsetDateTime,
) -> Result<Uploaded, Denied> {
    actor.require(Action::UploadMedia)?;
    let mut problems = UploadProblems::new();
    let Some((file_name, bytes)) = upload.file else {
        problems.insert("file", UploadProblem::NoFile);
        return Ok(Uploaded::Refused(problems));
    };
    for (field, value) in [
        ("alt_text", &upload.alt_text),
        ("caption", &upload.caption),
        ("credit", &upload.credit),
    ] {
        if value.chars().count() > TEXT_CHARS {
            problems.insert(field, UploadProblem::TooLong { max: TEXT_CHARS });
        }
    }
    let kind = dateline_media::sniff(&bytes);
    // A clone of `Bytes` shares the upload; it is not a copy.
    let shared = bytes.clone();
    let processed = match kind {
        Some(k) if k.is_image() => {
            // Alt text is required; a caption and a credit are offered.
            if upload.alt_text.trim().is_empty() {
                problems.insert("alt_text", UploadProblem::NoAlt);
            }
            let job = move || dateline_media::process_image(&shared).map(Processed::Image);
            match app.media.run(job).await {
                Ok(done) => done,
                Err(Busy) => return Ok(Uploaded::Busy),
            }
        }
        Some(k) if k.is_audio() => {
            let job = move || dateline_media::probe_audio(&shared).map(Processed::Audio);
            match app.media.run(job).await {
                Ok(done) => done,
                Err(Busy) => return Ok(Uploaded::Busy),
            }
        }
        _ => Err(MediaError::NotAnImage),
    };
    let (kind, processed) = match (kind, processed) {
        (Some(kind), Ok(processed)) => (kind, processed),
        (None, _) => {
            problems.insert("file", UploadProblem::NotMedia);
            return Ok(Uploaded::Refused(problems));
        }
        (Some(_), Err(e)) => {
            problems.insert("file", UploadProblem::Refused(e));
            return Ok(Uploaded::Refused(problems));
        }
    };
    if !problems.is_empty() {
        return Ok(Uploaded::Refused(problems));
    }
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let mut new = NewMedia {
        kind: if kind.is_image() {
            MediaKind::Image
        } else {
            MediaKind::Audio
        },
        content_type: kind.content_type().to_string(),
        file_name: file_name.clone(),
        alt_text: text(&upload.alt_text),
        caption: text(&upload.caption),
        credit: text(&upload.credit),
        width: None,
        height: None,
        duration_ms: None,
        files: Vec::new(),
    };
    match processed {
        Processed::Image(image) => {
            new.width = Some(i64::from(image.width));
            new.height = Some(i64::from(image.height));
            for r in image.renditions {
                new.files.push((
                    format!("w{}", r.width),
                    Some(i64::from(r.width)),
                    r.kind.content_type().to_string(),
                    Bytes::from(r.bytes),
                ));
            }
        }
        Processed::Audio(audio) => {
            new.duration_ms = Some(i64::try_from(audio.duration.as_millis()).unwrap_or(i64::MAX));
        }
    }
    new.files.push((
        "original".into(),
        new.width,
        kind.content_type().to_string(),
        bytes,
    ));
    let id = crate::media_storage::keep(app, &new, actor.user_id(), now).await?;
    actor
        .audit(
            &app.store,
            now,
            "media-upload",
            "media",
            Some(id),
            Some(&file_name),
        )
        .await?;
    Ok(Uploaded::Done(Box::new(app.store.media(id).await?)))
}

/// Page `page` (from 1) of the library, newest first: of one kind, and
/// whose name, alt text, caption or credit holds `words`. Any member may look.
pub async fn library(
    app: &App,
    kind: Option<MediaKind>,
    words: &str,
    page: i64,
) -> Result<Page<MediaItem>, StoreError> {
    let page = page.max(1);
    app.store
        .media_search(kind, words, PER_PAGE, (page - 1) * PER_PAGE)
        .await
}

/// One stored file, named by the upload's id or its readers' token.
#[derive(Debug, Clone, Copy)]
pub enum FileRef<'a> {
    Id(i64),
    Token(&'a str),
}

/// What is known of one stored file (its length, type and who may see it),
/// without its bytes.
pub async fn file(
    app: &App,
    which: FileRef<'_>,
    variant: &str,
) -> Result<MediaFileInfo, StoreError> {
    match which {
        FileRef::Id(id) => app.store.media_file_by_id(id, variant).await,
        FileRef::Token(token) => app.store.media_file_by_token(token, variant).await,
    }
}

pub use crate::media_storage::piece;

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_jobs_at_once_than_turns() {
        let work = Arc::new(Processing::new(2));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let jobs: Vec<_> = (0..6)
            .map(|_| {
                let (work, running, most) = (work.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    work.run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(20));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for job in jobs {
            job.await.expect("joined").expect("had its turn");
        }
        assert!(most.load(Ordering::SeqCst) <= 2, "{most:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_bound_refuses_after_the_wait() {
        let work = Processing::new(1);
        let held = work.turns.clone().acquire_owned().await.expect("a turn");
        assert_eq!(work.run(|| ()).await, Err(Busy));
        drop(held);
        assert_eq!(work.run(|| 7).await, Ok(7));
    }
}
