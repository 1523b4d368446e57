//! Article bodies rendered for the newsroom and the importers: off the
//! async threads (which must keep answering readers and logins), at most
//! one render per core at a time, and within a deadline after which the
//! caller stops waiting and says so.
//!
//! The work itself is bounded by the body's limits
//! (`dateline_core::markdown`: size, nesting, raw HTML), so a render that
//! outlives its deadline still ends soon; it keeps its place in the bound
//! until it does, so a burst of renders cannot pile up behind the caller's
//! back. Bodies are rendered before any store transaction opens.

use dateline_core::markdown::{self, MarkdownError, SafeHtml};
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// How long a caller waits for a render, its place in the queue included.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// Why a body was not rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// The body is outside the limits: the writer must change it.
    #[error("The body {0}.")]
    Refused(MarkdownError),
    /// The renders in hand did not leave room before the deadline.
    #[error(
        "The body could not be rendered within {} seconds because the server is busy; nothing was lost, try again in a moment.",
        DEADLINE.as_secs()
    )]
    Busy,
}

/// One render per core at a time.
fn renders() -> &'static std::sync::Arc<Semaphore> {
    static RENDERS: OnceLock<std::sync::Arc<Semaphore>> = OnceLock::new();
    RENDERS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        std::sync::Arc::new(Semaphore::new(cores))
    })
}

/// Renders a body off the async threads, under the bound and the deadline.
pub async fn render(source: &str) -> Result<SafeHtml, BodyError> {
    // The cheap checks first, so a refused body never waits in the queue.
    markdown::check(source).map_err(BodyError::Refused)?;
    let deadline = Instant::now() + DEADLINE;
    let permit = match tokio::time::timeout_at(deadline, renders().clone().acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        _ => return Err(BodyError::Busy),
    };
    let source = source.to_string();
    let task = tokio::task::spawn_blocking(move || {
        let _held = permit;
        markdown::render(&source)
    });
    match tokio::time::timeout_at(deadline, task).await {
        Ok(Ok(rendered)) => rendered.map_err(BodyError::Refused),
        Ok(Err(join)) => {
            tracing::error!(error = %join, "rendering a body failed");
            Err(BodyError::Busy)
        }
        Err(_) => {
            tracing::warn!("a body took longer than {DEADLINE:?} to render");
            Err(BodyError::Busy)
        }
    }
}
