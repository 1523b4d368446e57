//! Connections counted per address, so that one client cannot hold every
//! connection the server will accept (a slow-body or slowloris attack from
//! one machine).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Open connections per address, with a ceiling.
#[derive(Clone)]
pub struct PerAddress {
    open: Arc<Mutex<HashMap<IpAddr, u32>>>,
    limit: u32,
}

/// One connection counted against its address until dropped.
pub struct Held {
    open: Arc<Mutex<HashMap<IpAddr, u32>>>,
    address: IpAddr,
}

impl PerAddress {
    pub fn new(limit: u32) -> PerAddress {
        PerAddress {
            open: Arc::default(),
            limit,
        }
    }

    /// Counts a new connection from `address`, or None when it already has
    /// as many as allowed.
    pub fn take(&self, address: IpAddr) -> Option<Held> {
        let mut open = self.open.lock().ok()?;
        let count = open.entry(address).or_insert(0);
        if *count >= self.limit {
            return None;
        }
        *count += 1;
        Some(Held {
            open: self.open.clone(),
            address,
        })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Ok(mut open) = self.open.lock() {
            if let Some(count) = open.get_mut(&self.address) {
                *count -= 1;
                if *count == 0 {
                    open.remove(&self.address);
                }
            }
        }
    }
}

/// The next connection on `listener`, once one of `slots` is free, with
/// the slot it holds until dropped; None when `shutdown` came first. An
/// accept that fails (out of file descriptors and the like) is logged,
/// waited out briefly and retried.
pub(crate) async fn next(
    listener: &tokio::net::TcpListener,
    slots: &Arc<tokio::sync::Semaphore>,
    shutdown: &mut std::pin::Pin<&mut impl std::future::Future<Output = ()>>,
) -> Option<(
    tokio::net::TcpStream,
    std::net::SocketAddr,
    tokio::sync::OwnedSemaphorePermit,
)> {
    let slot = tokio::select! {
        slot = slots.clone().acquire_owned() => slot.ok()?,
        () = shutdown.as_mut() => return None,
    };
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => return Some((stream, peer, slot)),
                Err(e) => {
                    tracing::warn!(error = %e, listener = ?listener.local_addr().ok(), "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            },
            () = shutdown.as_mut() => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ceiling_per_address() {
        let per = PerAddress::new(2);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let first = per.take(a).expect("first");
        let _second = per.take(a).expect("second");
        assert!(per.take(a).is_none(), "a third from one address");
        assert!(per.take(b).is_some(), "another address");
        drop(first);
        assert!(per.take(a).is_some(), "a slot freed");
    }
}
