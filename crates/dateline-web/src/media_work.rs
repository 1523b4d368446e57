//! Bounds on what media cost the server, whatever the traffic.
//!
//! - Reads of stored files: each holds at most one piece (1 MiB) of a file
//!   in memory, and at most [`READS`] run at once. A request that cannot
//!   start its first read within [`READ_WAIT`] is answered 503 with
//!   `Retry-After`; a download under way waits longer for its next piece,
//!   since its status has gone out.
//! - Image decoding and resizing, and audio probing: CPU-bound work that
//!   holds up to ~100 MB (an image's decoded pixels), run off the async
//!   threads, as many at once as the machine has cores. An upload that
//!   cannot start within [`WORK_WAIT`] is refused with a sentence and
//!   `Retry-After`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Media reads in progress at once, across all requests.
pub const READS: usize = 16;
/// How long a request waits for its first read before it is told to come back.
pub const READ_WAIT: Duration = Duration::from_secs(2);
/// How long a download under way waits for its next read.
const STREAM_WAIT: Duration = Duration::from_secs(30);
/// How long an upload waits for its turn to be processed.
pub const WORK_WAIT: Duration = Duration::from_secs(30);
/// What `Retry-After` says, in seconds.
const RETRY_AFTER: &str = "2";

/// The bounds, shared by every request (in [`crate::AppState`]).
pub struct MediaWork {
    reads: Arc<Semaphore>,
    work: Arc<Semaphore>,
}

/// The bound stayed full: come back later.
#[derive(Debug)]
pub struct Busy;

impl Busy {
    /// The `Retry-After` header a refusal carries.
    pub fn retry_after() -> (header::HeaderName, HeaderValue) {
        (header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER))
    }
}

impl IntoResponse for Busy {
    fn into_response(self) -> Response {
        let mut r = (
            StatusCode::SERVICE_UNAVAILABLE,
            "The server is busy sending files; try again in a moment.",
        )
            .into_response();
        let (name, value) = Busy::retry_after();
        r.headers_mut().insert(name, value);
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    }
}

impl Default for MediaWork {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        MediaWork::new(READS, cores)
    }
}

impl MediaWork {
    /// `reads` media reads and `work` image or audio jobs at once.
    pub fn new(reads: usize, work: usize) -> MediaWork {
        MediaWork {
            reads: Arc::new(Semaphore::new(reads.max(1))),
            work: Arc::new(Semaphore::new(work.max(1))),
        }
    }

    /// A turn to read the first piece of an answer, within [`READ_WAIT`].
    pub async fn read_permit(&self) -> Result<OwnedSemaphorePermit, Busy> {
        permit(&self.reads, READ_WAIT).await
    }

    /// A turn to read the next piece of a download under way.
    pub async fn stream_permit(&self) -> std::io::Result<OwnedSemaphorePermit> {
        permit(&self.reads, STREAM_WAIT)
            .await
            .map_err(|Busy| std::io::Error::other("no turn to read the next piece in time"))
    }

    /// Runs `job` (decoding an image, probing audio) on a blocking thread
    /// once a turn is free, within [`WORK_WAIT`].
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let permit = permit(&self.work, WORK_WAIT).await?;
        let handle = tokio::task::spawn_blocking(move || {
            let out = job();
            drop(permit);
            out
        });
        // A job that panicked is reported by the caller's own guard; here it
        // is only "not done".
        handle.await.map_err(|_| Busy)
    }
}

async fn permit(semaphore: &Arc<Semaphore>, wait: Duration) -> Result<OwnedSemaphorePermit, Busy> {
    match tokio::time::timeout(wait, semaphore.clone().acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(Busy),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_full_bound_refuses_after_the_wait() {
        let work = MediaWork::new(1, 1);
        let held = work.read_permit().await.expect("the first turn");
        assert!(
            work.read_permit().await.is_err(),
            "the second waits, then gives up"
        );
        drop(held);
        assert!(work.read_permit().await.is_ok());

        let busy = Busy.into_response();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.headers()[header::RETRY_AFTER], "2");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_jobs_at_once_than_turns() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let work = Arc::new(MediaWork::new(1, 2));
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
}
