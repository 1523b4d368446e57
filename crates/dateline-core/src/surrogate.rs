//! Surrogate keys: what a cached page depends on, named so that a change
//! can find every page it makes stale, in the node's own page cache and in
//! a CDN (Varnish's `xkey`, Fastly's `Surrogate-Key`).
//!
//! A page carries the key of every article it shows (its own, its cards,
//! its related and most-read lists) and the key of the list it is a page
//! of. A change to an article makes stale the pages that show it and the
//! lists it belongs to now (it may have just joined them). Keys are
//! header-safe: anything but ASCII letters, digits, `-`, `_` and `.` is
//! percent-encoded, so a space or a comma (the separators of both headers)
//! never appears inside one.

use crate::Language;

/// The key of the pages that show the article at `path` (as the store
/// keeps it: decoded). Pages name articles by their paths, so the key is a
/// digest of the path: short, whatever the slug, and the same on every
/// node. Two paths sharing a digest only purge one page too many.
pub fn article(path: &str) -> String {
    // FNV-1a, 64 bits: stable across releases and machines, unlike std's
    // hasher; this is a name, not a secret.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("a{hash:016x}")
}

/// The key of a section's list pages and feeds.
pub fn section(lang: Language, slug: &str) -> String {
    format!("s.{}.{}", lang.code(), encode(slug))
}

/// The key of a tag's list pages.
pub fn tag(lang: Language, slug: &str) -> String {
    format!("t.{}.{}", lang.code(), encode(slug))
}

/// The key of an author's list pages.
pub fn author(lang: Language, slug: &str) -> String {
    format!("p.{}.{}", lang.code(), encode(slug))
}

/// The key of a language's other lists: its front page, feeds,
/// sitemaps, corrections and programmes.
pub fn language(lang: Language) -> String {
    format!("l.{}", lang.code())
}

/// The key of the pages outside any language (the sitemap index).
pub const SITE: &str = "site";

/// The key every cached page carries, so that a change nothing finer
/// describes (a setting, a section renamed) purges them all.
pub const ALL: &str = "all";

/// What an article's change makes stale: the pages showing it (under its
/// path now and every path it had) and the lists it is in.
pub fn of_article(
    paths: &[String],
    lang: Language,
    section_slug: &str,
    tags: &[String],
    authors: &[String],
) -> Vec<String> {
    let mut keys: Vec<String> = paths.iter().map(|p| article(p)).collect();
    keys.extend([
        section(lang, section_slug),
        language(lang),
        SITE.to_string(),
    ]);
    keys.extend(tags.iter().map(|t| tag(lang, t)));
    keys.extend(authors.iter().map(|a| author(lang, a)));
    keys
}

fn encode(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    for b in slug.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_header_safe_in_any_script() {
        let key = tag(Language::Ar, "سوريا");
        assert!(key.starts_with("t.ar.%D8"), "{key}");
        assert!(key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"%._-".contains(&b)));
        assert_eq!(section(Language::En, "world"), "s.en.world");
        // A dot in a slug cannot make one key look like another.
        assert_eq!(tag(Language::En, "a.b"), "t.en.a%2Eb");
    }

    #[test]
    fn an_article_names_its_page_and_its_lists() {
        let path = "/es/mundo/2026/12/05/hola".to_string();
        let keys = of_article(
            std::slice::from_ref(&path),
            Language::Es,
            "mundo",
            &["cuba".into()],
            &["ana".into()],
        );
        assert_eq!(
            keys,
            [
                &article(&path),
                "s.es.mundo",
                "l.es",
                "site",
                "t.es.cuba",
                "p.es.ana"
            ]
        );
        assert_eq!(article(&path).len(), 17);
        assert_ne!(article(&path), article("/es/mundo/2026/12/05/hola-2"));
    }
}
