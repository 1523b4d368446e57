//! The application as the command line runs it: the operator's use cases
//! over the store, without a server. Derived data (the search index,
//! related lists, view counts) is the running server's to keep current: it
//! follows the change feed and sees what the command did.

use crate::config::Config;
use dateline_app::discovery::Discovery;
use dateline_app::{App, AppConfig};
use dateline_store::Store;
use std::time::Duration;

/// The application over `store`, for the command line's use cases.
pub async fn app(store: Store, config: &Config) -> anyhow::Result<App> {
    let secret = store.site_secret().await?;
    // The index is not the command's to change: an empty one in memory
    // stands in for it.
    let search = dateline_search::SearchIndex::in_memory()
        .map_err(|e| anyhow::anyhow!("an index in memory: {e}"))?;
    Ok(App::new(
        store,
        AppConfig {
            site_name: config.site_name.clone(),
            base_url: config.base_url(),
            follow_interval: Duration::from_millis(500),
            default_language: config.default_language,
            media: config.media()?,
            cdn_purge: Vec::new(),
        },
        secret,
        Discovery::new(search, false),
        Box::new(|_| Vec::new()),
    ))
}
