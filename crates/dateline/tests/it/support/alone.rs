//! Tests that measure this process's own memory run alone.
//!
//! `cargo nextest` runs every test in a process of its own, where nothing
//! here ever waits. `cargo test` runs all the modules of this binary as
//! threads of one process, so a test that reads its resident memory would
//! count the servers of every other test running beside it: such a test
//! takes [`MEMORY`] (`MEMORY.lock().await`) and runs once no other server of
//! a [`TestApp`](super::TestApp) is up, while every `TestApp` holds a
//! [`Share`] of the process until it is dropped.

use std::cell::Cell;
use std::sync::{Condvar, Mutex, MutexGuard};

/// The gate of the tests that measure memory.
pub static MEMORY: Gate = Gate::new();

pub struct Gate {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    /// Test servers up now.
    shares: usize,
    /// Whether a test holds the process alone.
    alone: bool,
}

thread_local! {
    /// Whether the test on this thread holds the process alone (its own
    /// servers then take no share).
    static ALONE_HERE: Cell<bool> = const { Cell::new(false) };
}

impl Gate {
    const fn new() -> Gate {
        Gate {
            state: Mutex::new(State {
                shares: 0,
                alone: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock left a consistent state.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until no other test server is up and no other test is alone,
    /// then keeps the process to the calling test until the guard drops.
    /// (Async only so that it reads as the `tokio` mutex it replaced.)
    pub async fn lock(&'static self) -> Alone {
        let mut state = self.state();
        while state.alone || state.shares > 0 {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.alone = true;
        ALONE_HERE.with(|a| a.set(true));
        Alone { gate: self }
    }

    /// A test server's share of the process: waits while a test is alone,
    /// unless that test is the caller.
    pub fn share(&'static self) -> Option<Share> {
        if ALONE_HERE.with(Cell::get) {
            return None;
        }
        let mut state = self.state();
        while state.alone {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.shares += 1;
        Some(Share { gate: self })
    }
}

/// The process held alone, until dropped.
pub struct Alone {
    gate: &'static Gate,
}

impl Drop for Alone {
    fn drop(&mut self) {
        ALONE_HERE.with(|a| a.set(false));
        self.gate.state().alone = false;
        self.gate.changed.notify_all();
    }
}

/// One test server's share of the process, until dropped.
pub struct Share {
    gate: &'static Gate,
}

impl Drop for Share {
    fn drop(&mut self) {
        self.gate.state().shares -= 1;
        self.gate.changed.notify_all();
    }
}

/// The share a test server takes (see the module's comment).
pub fn share() -> Option<Share> {
    MEMORY.share()
}
