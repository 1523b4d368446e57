//! Purging the cache servers in front of the nodes (Varnish with its
//! `xkey` module, or a CDN that takes the same request) when the change
//! feed moves.
//!
//! Every node follows the feed, so every node sees every change; the first
//! to claim a change in the database (`Store::claim_purges`) purges it, so
//! a change is purged once however many nodes there are. A purge is
//! `PURGE /` with the surrogate keys in an `xkey-purge` header, to each
//! server named by `cdn_purge`. A server that cannot be reached is logged
//! and left: its copies expire by their own lifetime (`s-maxage`).

use crate::{App, Stale};
use dateline_core::surrogate;
use dateline_store::Change;
use std::time::Duration;

/// Most keys sent in one request: the header stays well under the 8 KiB a
/// Varnish takes by default.
const KEYS_PER_REQUEST: usize = 200;
/// How long one cache server gets to answer a purge.
const TIMEOUT: Duration = Duration::from_secs(5);

/// Purges what `changes` made stale at the cache servers, for the changes
/// no other node has claimed. `stale` is what they made stale on this node,
/// `widened` the lists this node's purge reached beyond it, and `alike` the
/// articles whose related stories the changes may have joined.
pub async fn purge(
    app: &App,
    changes: &[&Change],
    stale: &Stale,
    widened: Vec<String>,
    alike: &[i64],
) {
    if app.config.cdn_purge.is_empty() || changes.is_empty() {
        return;
    }
    let ids: Vec<i64> = changes.iter().map(|c| c.id).collect();
    let won = match app
        .store
        .claim_purges(&ids, time::OffsetDateTime::now_utc())
        .await
    {
        Ok(won) => won,
        Err(e) => {
            tracing::warn!(error = %e, "could not claim the CDN purge of changes; another node may send it");
            return;
        }
    };
    if won.is_empty() {
        return;
    }
    // Keys for the changes this node won: all of the batch's when it won
    // them all (the usual case), else worked out again for its share.
    let stale = if won.len() == ids.len() {
        stale.clone()
    } else {
        let mine: Vec<&Change> = changes
            .iter()
            .copied()
            .filter(|c| won.contains(&c.id))
            .collect();
        crate::follow::stale_pages(app, &mine, alike).await
    };
    let keys = match stale {
        Stale::All => vec![surrogate::ALL.to_string()],
        Stale::Keys { mut keys, .. } => {
            keys.extend(widened);
            keys.sort();
            keys.dedup();
            keys
        }
    };
    let servers = app.config.cdn_purge.clone();
    let sent = tokio::task::spawn_blocking(move || send(&servers, &keys)).await;
    if let Err(e) = sent {
        tracing::warn!(error = %e, "the CDN purge did not run");
    }
}

/// Purges every page at the cache servers, without a claim: for what no
/// change records (a breaking-news line that ended on its own).
pub async fn purge_everything(app: &App) {
    if app.config.cdn_purge.is_empty() {
        return;
    }
    let servers = app.config.cdn_purge.clone();
    let keys = vec![surrogate::ALL.to_string()];
    if let Err(e) = tokio::task::spawn_blocking(move || send(&servers, &keys)).await {
        tracing::warn!(error = %e, "the CDN purge did not run");
    }
}

/// Sends the purges, blocking (off the async threads).
fn send(servers: &[String], keys: &[String]) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        // PURGE is not among the methods it knows.
        .allow_non_standard_methods(true)
        .build()
        .into();
    for server in servers {
        for chunk in keys.chunks(KEYS_PER_REQUEST) {
            let request = ureq::http::Request::builder()
                .method("PURGE")
                .uri(server.as_str())
                .header("xkey-purge", chunk.join(" "))
                .body(());
            let answer = match request {
                Ok(request) => agent.run(request).map(|r| r.status().as_u16()),
                Err(e) => {
                    tracing::warn!(server, error = %e, "cannot make a purge for this cache server");
                    break;
                }
            };
            match answer {
                Ok(status) if (200..300).contains(&status) => {
                    tracing::debug!(server, keys = chunk.len(), "purged");
                }
                Ok(status) => tracing::warn!(server, status, "the cache server refused a purge"),
                Err(e) => {
                    tracing::warn!(server, error = %e, "could not reach the cache server to purge")
                }
            }
        }
    }
}
