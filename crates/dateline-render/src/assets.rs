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

const SOURCES: &[(&str, &str, &str, &[u8])] = &[
    (
        "style",
        "css",
        "text/css; charset=utf-8",
        include_bytes!("../static/style.css"),
    ),
    (
        "newsroom",
        "css",
        "text/css; charset=utf-8",
        include_bytes!("../static/newsroom.css"),
    ),
    (
        "newsroom",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/newsroom.js"),
    ),
    (
        "moderation",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/moderation.js"),
    ),
    (
        "editor",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/editor.js"),
    ),
    (
        "editor",
        "css",
        "text/css; charset=utf-8",
        include_bytes!("../static/editor.css"),
    ),
    (
        "views",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/views.js"),
    ),
    (
        "favicon",
        "svg",
        "image/svg+xml",
        include_bytes!("../static/favicon.svg"),
    ),
];

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

fn path_of(stem: &str) -> &'static str {
    path_with(stem, "")
}

fn path_with(stem: &str, ext: &str) -> &'static str {
    let prefix = format!("/static/{stem}.");
    all()
        .iter()
        .find(|a| a.path.starts_with(&prefix) && a.path.ends_with(ext))
        .map(|a| a.path.as_str())
        .unwrap_or("/")
}

/// The fingerprinted path of the stylesheet, for `<link rel="stylesheet">`.
pub fn stylesheet() -> &'static str {
    path_of("style")
}

/// The fingerprinted path of the site icon, for `<link rel="icon">`.
pub fn icon() -> &'static str {
    path_of("favicon")
}

/// The article page's view beacon.
pub fn views_script() -> &'static str {
    path_with("views", ".js")
}

/// The newsroom's stylesheet.
pub fn newsroom_stylesheet() -> &'static str {
    path_with("newsroom", ".css")
}

/// The moderation queue's script: one-click actions without a page load,
/// and keyboard shortcuts.
pub fn moderation_script() -> &'static str {
    path_with("moderation", ".js")
}

/// The newsroom's script: live preview and autosave, on top of forms that
/// work without it.
pub fn newsroom_script() -> &'static str {
    path_with("newsroom", ".js")
}

/// The article editor's rich-text body (ProseMirror), built from `editor/`
/// by `editor/build.sh` and committed; loaded by the editor page only.
pub fn editor_script() -> &'static str {
    path_with("editor", ".js")
}

/// The rich-text body's stylesheet, beside the newsroom's.
pub fn editor_stylesheet() -> &'static str {
    path_with("editor", ".css")
}
