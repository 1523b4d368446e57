//! An import an administrator starts in the newsroom: the uploaded export
//! is kept in a file of its own, imported in the background (one import at
//! a time on a node), and its progress and report are there to read while
//! it runs and after, until the next one starts. The file is removed when
//! the import ends.

use super::{import, Options, Progress, Report};
use crate::{Actor, App, Denied};
use dateline_core::newsroom::Action;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};
use time::OffsetDateTime;

/// Largest export taken from the newsroom.
pub const MAX_UPLOAD_BYTES: u64 = 512 * 1024 * 1024;

/// The import of this node, running or last run.
struct Run {
    file: String,
    by: String,
    started_at: OffsetDateTime,
    progress: Arc<Progress>,
    report: Option<Report>,
    refused: Option<String>,
}

fn slot() -> &'static Mutex<Option<Run>> {
    static SLOT: OnceLock<Mutex<Option<Run>>> = OnceLock::new();
    SLOT.get_or_init(|| Mutex::new(None))
}

/// An import as the newsroom shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RunView {
    pub file: String,
    pub by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// Entries (authors, terms, items) read so far.
    pub entries: u64,
    /// The line of the file reached.
    pub line: u64,
    pub done: bool,
    /// When done: the summary's lines.
    pub summary: Vec<String>,
    /// When done: the problems, as `FILE:LINE: message` (the first 100).
    pub problems: Vec<String>,
    /// Why it did not start, when its options made no sense.
    pub refused: Option<String>,
}

/// Where an upload is kept until its import ends: a new file with an
/// unguessable name in the system's temporary folder.
pub fn upload_path() -> Result<PathBuf, Denied> {
    let token = dateline_store::new_media_token()?;
    Ok(std::env::temp_dir().join(format!("dateline-wordpress-{token}.xml")))
}

/// Whether an import is running on this node.
pub fn running() -> bool {
    slot()
        .lock()
        .map(|s| {
            s.as_ref()
                .is_some_and(|r| r.report.is_none() && r.refused.is_none())
        })
        .unwrap_or(false)
}

/// Starts importing the export at `path` (named `name`) in the background,
/// as `actor`, who must be allowed to manage accounts (the import makes
/// them). False, and the file removed, when an import is running already.
pub async fn start(
    app: Arc<App>,
    actor: Actor<'_>,
    path: PathBuf,
    name: String,
    mut options: Options,
    now: OffsetDateTime,
) -> Result<bool, Denied> {
    if let Err(denied) = actor.require(Action::ManageUsers) {
        let _ = std::fs::remove_file(&path);
        return Err(denied);
    }
    let by = match actor {
        Actor::Member(user) => user.email.clone(),
        Actor::Operator => "operator".into(),
    };
    let progress = Arc::new(Progress::default());
    {
        let Ok(mut slot) = slot().lock() else {
            let _ = std::fs::remove_file(&path);
            return Ok(false);
        };
        if slot
            .as_ref()
            .is_some_and(|r| r.report.is_none() && r.refused.is_none())
        {
            let _ = std::fs::remove_file(&path);
            return Ok(false);
        }
        *slot = Some(Run {
            file: name.clone(),
            by: by.clone(),
            started_at: now,
            progress: progress.clone(),
            report: None,
            refused: None,
        });
    }
    actor
        .audit(
            &app.store,
            now,
            "import-wordpress",
            "site",
            None,
            Some(&name),
        )
        .await?;
    options.progress = Some(progress);
    tokio::spawn(async move {
        let opener = super::file_opener(&path);
        let outcome = import(&app, &name, opener, &options, OffsetDateTime::now_utc()).await;
        let _ = std::fs::remove_file(&path);
        if let Ok(mut slot) = slot().lock() {
            if let Some(run) = slot.as_mut() {
                match outcome {
                    Ok(report) => run.report = Some(report),
                    Err(e) => run.refused = Some(e.to_string()),
                }
            }
        }
    });
    Ok(true)
}

/// The import running on this node, or the last one; None when there was
/// none since the node started. Members who may manage accounts only.
pub fn current(actor: Actor<'_>) -> Result<Option<RunView>, Denied> {
    actor.require(Action::ManageUsers)?;
    let Ok(slot) = slot().lock() else {
        return Ok(None);
    };
    Ok(slot.as_ref().map(|run| RunView {
        file: run.file.clone(),
        by: run.by.clone(),
        started_at: run.started_at,
        entries: run.progress.entries.load(Ordering::Relaxed),
        line: run.progress.line.load(Ordering::Relaxed),
        done: run.report.is_some() || run.refused.is_some(),
        summary: run
            .report
            .as_ref()
            .map(|r| r.summary().lines().map(str::to_string).collect())
            .unwrap_or_default(),
        problems: run
            .report
            .as_ref()
            .map(|r| {
                r.problems
                    .iter()
                    .take(100)
                    .map(ToString::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        refused: run.refused.clone(),
    }))
}
