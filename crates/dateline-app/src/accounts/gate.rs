//! Password work's share of the machine.
//!
//! One Argon2 hash or verification takes 19 MiB and a core's worth of time
//! for a moment. Unbounded, a burst of logins starts one on a blocking
//! thread per request (hundreds at once, gigabytes of memory that the
//! allocator then keeps). Every hash and verification of the accounts' use
//! cases goes through one [`PasswordGate`] instead: at most about one per
//! core runs at a time, and a caller that finds no free place within a short
//! wait is told so (the web answers 503 with `Retry-After`) rather than
//! queued without end.
//!
//! The work runs on the gate's own threads, one per place, started with it
//! and kept, each with its Argon2 memory ([`password::Memory`]) allocated at
//! its first hash and reused for every later one: the process holds one
//! hash's memory per place, whatever the traffic. (Memory taken from the
//! allocator and given back at each hash is not given back to the system:
//! twenty logins one after another kept 152 MiB.)

use dateline_auth::password;
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// A hash or verification, boxed for the gate's threads, given the
/// thread's memory.
type Job = Box<dyn FnOnce(&mut password::Memory) + Send>;

/// How long a request waits for a free place before it is told to retry.
pub const WAIT: Duration = Duration::from_secs(2);
/// Most places on any machine: each keeps 19 MiB once it has hashed, and
/// four hashes at a time (some eighty logins a second) is more than any
/// newsroom logs in; a machine with many cores keeps them for readers.
pub const MAX_PLACES: usize = 4;

/// The bound on concurrent password work; one per process, in [`App`](crate::App).
pub struct PasswordGate {
    places: Arc<Semaphore>,
    wait: Duration,
    /// To the gate's threads; they end when the gate is dropped.
    jobs: mpsc::Sender<Job>,
}

impl PasswordGate {
    /// A gate with `places` concurrent hashes (at least one) on as many
    /// threads of its own, each caller waiting at most `wait` for a place.
    pub fn new(places: usize, wait: Duration) -> PasswordGate {
        let places = places.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..places {
            let queue = queue.clone();
            let started = std::thread::Builder::new()
                .name(format!("passwords-{i}"))
                .spawn(move || {
                    let mut memory = password::Memory::new();
                    loop {
                        // The lock is held only to take the next job.
                        let job = match queue.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(&mut memory),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(e) = started {
                tracing::error!(error = %e, "could not start a password thread");
            }
        }
        PasswordGate {
            places: Arc::new(Semaphore::new(places)),
            wait,
            jobs,
        }
    }

    /// One place per core the process may use, at most [`MAX_PLACES`].
    pub fn for_this_machine() -> PasswordGate {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        PasswordGate::new(cores.min(MAX_PLACES), WAIT)
    }

    /// Runs `work` (a hash or a verification) on the gate's threads once a
    /// place is free; `Ok(None)` when none was free within the wait, and
    /// nothing ran.
    ///
    /// The place is held by the job itself, so a client that hangs up
    /// mid-hash frees its place only when the hash is done: the bound holds
    /// for the work, not only for the requests.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut password::Memory) -> T + Send + 'static,
    ) -> Result<Option<T>, GateError> {
        let place = match tokio::time::timeout(self.wait, self.places.clone().acquire_owned()).await
        {
            Ok(Ok(place)) => place,
            // Timed out, or (never, as the gate is not closed) closed.
            _ => return Ok(None),
        };
        let (done, outcome) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |memory: &mut password::Memory| {
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(memory)));
            drop(place);
            let _ = done.send(out);
        });
        self.jobs.send(job).map_err(|_| GateError::Stopped)?;
        match outcome.await {
            Ok(Ok(out)) => Ok(Some(out)),
            Ok(Err(_)) => Err(GateError::Panicked),
            Err(_) => Err(GateError::Stopped),
        }
    }
}

/// The gate's threads failed the work.
#[derive(Debug, Clone, Copy, thiserror::Error)]
pub enum GateError {
    #[error("the password threads have stopped")]
    Stopped,
    #[error("password work panicked")]
    Panicked,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn no_more_than_the_places_run_at_once() {
        let gate = Arc::new(PasswordGate::new(2, Duration::from_secs(30)));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (gate, running, most) = (gate.clone(), running.clone(), most.clone());
            tasks.push(tokio::spawn(async move {
                gate.run(move |_| {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
                .await
            }));
        }
        for task in tasks {
            assert!(matches!(task.await, Ok(Ok(Some(())))));
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_full_gate_answers_busy_after_the_wait_and_runs_nothing() {
        let gate = Arc::new(PasswordGate::new(1, Duration::from_millis(50)));
        let (release, held) = std::sync::mpsc::channel::<()>();
        let holder = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(move |_| held.recv().is_ok()).await })
        };
        // Wait until the holder has its place.
        while gate.places.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let ran = Arc::new(AtomicUsize::new(0));
        let counter = ran.clone();
        let turned_away = gate
            .run(move |_| counter.fetch_add(1, Ordering::SeqCst))
            .await;
        assert!(matches!(turned_away, Ok(None)));
        assert_eq!(ran.load(Ordering::SeqCst), 0);
        release.send(()).expect("the holder waits");
        assert!(matches!(holder.await, Ok(Ok(Some(true)))));
        assert!(matches!(gate.run(|_| 7).await, Ok(Some(7))));
    }

    #[tokio::test]
    async fn a_caller_that_goes_away_keeps_its_place_until_the_work_ends() {
        let gate = Arc::new(PasswordGate::new(1, Duration::from_millis(50)));
        let (release, held) = std::sync::mpsc::channel::<()>();
        let caller = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(move |_| held.recv().is_ok()).await })
        };
        while gate.places.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        // The client hangs up: its request future is dropped mid-hash.
        caller.abort();
        let _ = caller.await;
        assert_eq!(gate.places.available_permits(), 0, "the hash still runs");
        assert!(matches!(gate.run(|_| ()).await, Ok(None)));
        release.send(()).expect("the work waits");
        let place = tokio::time::timeout(Duration::from_secs(5), gate.places.acquire())
            .await
            .expect("the place comes back when the work ends");
        drop(place);
    }
}
