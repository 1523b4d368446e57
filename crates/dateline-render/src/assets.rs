//! Static assets, fingerprinted: the URL carries a hash of the content, so
//! browsers and CDNs may keep them for a year and a new release never serves
//! a stale stylesheet.

use sha2::{Digest, Sha256};
use std::sync::OnceLock;

pub struct Asset {
    /// The fingerprinted URL path, e.g. `/static/style.3f2a1b9c0d.css`.
    pub path: String,
    pub content_type: &'static str,
    pub body: &'static [u8],
}

const SOURCES: &[(&str, &str, &str, &[u8])] = &[(
    "style",
    "css",
    "text/css; charset=utf-8",
    include_bytes!("../static/style.css"),
)];

/// Every static asset, fingerprinted once per process.
pub fn all() -> &'static [Asset] {
    static ASSETS: OnceLock<Vec<Asset>> = OnceLock::new();
    ASSETS.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(stem, ext, content_type, body)| {
                let digest = Sha256::digest(body);
                let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
                Asset {
                    path: format!("/static/{stem}.{hash}.{ext}"),
                    content_type,
                    body,
                }
            })
            .collect()
    })
}

/// The fingerprinted path of the stylesheet, for `<link rel="stylesheet">`.
pub fn stylesheet() -> &'static str {
    all()
        .first()
        .map(|a| a.path.as_str())
        .unwrap_or("/static/style.css")
}
