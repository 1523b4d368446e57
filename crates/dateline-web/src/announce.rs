//! WebSub: when an article is published or changed, the hub named by the
//! site setting `feeds.websub_hub` (empty: off, the default) is told which
//! feeds changed, so subscribed readers fetch them within seconds. The feeds
//! name the hub (`rel="hub"`), as the protocol's discovery asks.
//!
//! The node that publishes pings; a ping that fails is logged and dropped
//! (readers still poll the feeds), and never holds up the newsroom.

use crate::AppState;
use dateline_core::Language;
use std::time::Duration;

/// How long a hub may take to answer.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The hub's URL, when one is set and is an http(s) URL.
pub async fn hub(state: &AppState) -> Option<String> {
    let hub = state
        .store
        .setting("feeds.websub_hub")
        .await
        .ok()
        .flatten()?;
    let hub = hub.trim();
    (hub.starts_with("https://") || hub.starts_with("http://")).then(|| hub.to_string())
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
pub async fn feeds_changed(state: &AppState, topics: Vec<String>) {
    let Some(hub) = hub(state).await else {
        return;
    };
    tokio::task::spawn_blocking(move || ping(&hub, &topics));
}

/// One publish notification (`hub.mode=publish`, one `hub.url` per feed).
fn ping(hub: &str, topics: &[String]) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .build()
        .into();
    let mut form: Vec<(&str, &str)> = vec![("hub.mode", "publish")];
    form.extend(topics.iter().map(|t| ("hub.url", t.as_str())));
    match agent.post(hub).send_form(form) {
        Ok(res) if res.status().is_success() => {
            tracing::debug!(%hub, feeds = topics.len(), "told the WebSub hub");
        }
        Ok(res) => tracing::warn!(%hub, status = %res.status(), "the WebSub hub refused a ping"),
        Err(e) => tracing::warn!(%hub, error = %e, "could not reach the WebSub hub"),
    }
}
