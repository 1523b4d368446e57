//! WebSub: when an article is published or changed, the hub named by the
//! site setting `feeds.websub_hub` (empty: off, the default) is told which
//! feeds changed, so subscribed readers fetch them within seconds. The feeds
//! name the hub (`rel="hub"`), as the protocol's discovery asks.
//!
//! The node that publishes pings; a ping that fails is logged and dropped
//! (readers still poll the feeds), and never holds up the newsroom.
//!
//! The hub is a URL an administrator types, and the server fetches it: it
//! must not become a way to reach the machine itself, the private network
//! or a cloud's metadata address. Its host is resolved and every address
//! checked when the setting is set ([`check_hub`]) and again on every ping,
//! inside the HTTP client's own resolver, so a name that later resolves
//! elsewhere (DNS rebinding) or a redirect cannot get around it. The
//! setting `feeds.websub_allow_private` lifts this, for tests on loopback.

use crate::App;
use dateline_core::settings::{is_public_address, HubProblem};
use dateline_core::Language;
use std::net::SocketAddr;
use std::time::Duration;

/// How long a hub may take to answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How long resolving the hub's name may take when the setting is set.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// The hub to ping, with whether private addresses are allowed, when one
/// is set.
pub async fn hub(state: &App) -> Option<(String, bool)> {
    let settings = state.store.site_settings().await.ok()?;
    Some((settings.websub_hub?, settings.websub_allow_private))
}

/// Why a hub URL cannot be used, or Ok: the checks of
/// `dateline_core::settings::check_hub`, then the host resolved and each of
/// its addresses checked (unless private addresses are allowed). For the
/// newsroom (which words the problem in the member's language) and the
/// command line (which prints its English sentence), before the setting is
/// stored.
pub async fn check_hub(url: &str, allow_private: bool) -> Result<(), HubProblem> {
    let url = url.trim();
    if url.is_empty() {
        return Ok(());
    }
    dateline_core::settings::check_hub(url, allow_private)?;
    if allow_private {
        return Ok(());
    }
    let host = dateline_core::settings::hub_host(url)?;
    let port = if url.to_ascii_lowercase().starts_with("https://") {
        443
    } else {
        80
    };
    let lookup = tokio::net::lookup_host((host.clone(), port));
    let addresses: Vec<SocketAddr> = match tokio::time::timeout(RESOLVE_TIMEOUT, lookup).await {
        Ok(Ok(found)) => found.collect(),
        Ok(Err(e)) => {
            tracing::info!(host, error = %e, "a WebSub hub's host could not be resolved");
            return Err(HubProblem::Unresolvable { host });
        }
        Err(_) => return Err(HubProblem::Unresolvable { host }),
    };
    if addresses.is_empty() {
        return Err(HubProblem::NoAddress { host });
    }
    match addresses.iter().find(|a| !is_public_address(a.ip())) {
        Some(a) => Err(HubProblem::Local {
            host,
            address: Some(a.ip().to_string()),
        }),
        None => Ok(()),
    }
}

/// The feeds an article of this language and section appears in: the
/// language's and the section's, in the three formats.
pub fn topics(base_url: &str, language: Language, section: &str) -> Vec<String> {
    let lang = language.code();
    ["feed.xml", "atom.xml", "feed.json"]
        .iter()
        .flat_map(|file| {
            [
                format!("{base_url}/{lang}/{file}"),
                format!("{base_url}/{lang}/{section}/{file}"),
            ]
        })
        .collect()
}

/// Tells the hub, if there is one, that these feeds changed; in the
/// background.
pub async fn feeds_changed(state: &App, topics: Vec<String>) {
    let Some((hub, allow_private)) = hub(state).await else {
        return;
    };
    tokio::task::spawn_blocking(move || {
        if let Err(e) = ping(&hub, allow_private, &topics) {
            tracing::warn!(%hub, error = %e, "could not reach the WebSub hub");
        }
    });
}

/// ureq's resolver, keeping only public addresses: a name that resolves to
/// any other address is refused as a whole. The WordPress import fetches
/// pictures through it too.
#[derive(Debug)]
pub(crate) struct PublicOnly {
    pub(crate) allow_private: bool,
}

impl ureq::unversioned::resolver::Resolver for PublicOnly {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let found = ureq::unversioned::resolver::DefaultResolver::default()
            .resolve(uri, config, timeout)?;
        if !self.allow_private {
            if let Some(a) = found.iter().find(|a| !is_public_address(a.ip())) {
                return Err(ureq::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    format!("{} resolves to {}, not a public address", uri, a.ip()),
                )));
            }
        }
        Ok(found)
    }
}

/// One publish notification (`hub.mode=publish`, one `hub.url` per feed).
/// A hub that answers, even with a refusal, is logged here; an error means
/// the hub was not reached (or not contacted, being at a private address).
fn ping(hub: &str, allow_private: bool, topics: &[String]) -> Result<(), ureq::Error> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        // A hub answers a ping itself; a redirect could only lead elsewhere.
        .max_redirects(0)
        // The hub is reached directly, so its own address is what is checked.
        .proxy(None)
        .build();
    let agent = ureq::Agent::with_parts(
        config,
        ureq::unversioned::transport::DefaultConnector::default(),
        PublicOnly { allow_private },
    );
    let mut form: Vec<(&str, &str)> = vec![("hub.mode", "publish")];
    form.extend(topics.iter().map(|t| ("hub.url", t.as_str())));
    let res = agent.post(hub).send_form(form)?;
    if res.status().is_success() {
        tracing::debug!(%hub, feeds = topics.len(), "told the WebSub hub");
    } else {
        tracing::warn!(%hub, status = %res.status(), "the WebSub hub refused a ping");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// A name that resolves to a private address is refused when the ping
    /// goes out, after resolution, not only when the setting is set.
    #[test]
    fn pings_never_reach_a_private_address_unless_allowed() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let hub = format!("http://localhost:{port}/");
        let topics = vec!["https://news.example/en/feed.xml".to_string()];
        let refused = ping(&hub, false, &topics).expect_err("refused");
        assert!(
            refused.to_string().contains("not a public address"),
            "{refused}"
        );
        assert!(listener.accept().is_err(), "the hub was contacted");

        // Allowed (for tests): the ping arrives.
        listener.set_nonblocking(false).expect("blocking");
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("a ping");
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let _ = stream.write_all(
                b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
            String::from_utf8_lossy(&buf[..n]).into_owned()
        });
        ping(&format!("http://127.0.0.1:{port}/"), true, &topics).expect("reached");
        assert!(server.join().expect("server").starts_with("POST / "));
    }
}
