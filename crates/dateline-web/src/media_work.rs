//! Bounds on what serving media costs the server, whatever the traffic.
//!
//! Reads of stored files: each holds at most one piece (1 MiB) of a file in
//! memory, and at most [`READS`] run at once. A request that cannot start
//! its first read within [`READ_WAIT`] is answered 503 with `Retry-After`;
//! a download under way waits longer for its next piece, since its status
//! has gone out. (The bound on processing uploads lives with the upload use
//! case, `dateline_app::media::Processing`; a refusal there is answered
//! with the same `Retry-After`.)

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
/// What `Retry-After` says, in seconds.
const RETRY_AFTER: &str = "2";

/// The bounds, shared by every request (in [`crate::AppState`]).
pub struct MediaWork {
    reads: Arc<Semaphore>,
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
        MediaWork::new(READS)
    }
}

impl MediaWork {
    /// `reads` media reads at once.
    pub fn new(reads: usize) -> MediaWork {
        MediaWork {
            reads: Arc::new(Semaphore::new(reads.max(1))),
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
        let work = MediaWork::new(1);
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
}
