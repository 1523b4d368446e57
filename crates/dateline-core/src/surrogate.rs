//! Surrogate keys: what a cached page depends on, named so that a change
//! can find every page it makes stale, in the node's own page cache and in
//! a CDN (Varnish's `xkey`, Fastly's `Surrogate-Key`).
//!
//! - Every page carries the [`article`] key of each article it links to
//!   (its cards, its related and most-read lists, its own canonical link):
//!   an edited or withdrawn article makes them all stale.
//! - A list page (a front, a section, a tag, an author, a feed) carries
//!   the key of its list, which a story joining or leaving it purges, and
//!   the [`counted`] key of each article it shows, since its cards show
//!   their comment counts.
//! - An article's own pages (the article and its further pages of
//!   comments) carry its [`own`] key: a comment approved purges them and
//!   the lists counting it, not every page that links to the story.
//!
//! An article page's side column (the most read, the section's latest) is
//! not purged by other stories: the page is rendered again each minute,
//! which is how those lists move. Its related stories are exact: a story
//! published purges the pages of the stories it is related to.
//!
//! Keys are header-safe: anything but ASCII letters, digits, `-`, `_` and
//! `.` is percent-encoded, so a space or a comma (the separators of both
//! headers) never appears inside one.

use crate::Language;

/// The key of the pages that show the article at `path` (as the store
/// keeps it: decoded). Pages name articles by their paths, so the key is a
/// digest of the path: short, whatever the slug, and the same on every
/// node. Two paths sharing a digest only purge one page too many.
pub fn article(path: &str) -> String {
    format!("a{:016x}", digest(path))
}

/// The key of the article's own pages: the article page, and its further
/// pages of comments.
pub fn own(path: &str) -> String {
    format!("o{:016x}", digest(path))
}

/// The key of the list pages that show the article's card, with its
/// comment count.
pub fn counted(path: &str) -> String {
    format!("c{:016x}", digest(path))
}

/// FNV-1a, 64 bits: stable across releases and machines, unlike std's
/// hasher; this is a name, not a secret.
fn digest(path: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// What a change to the comments under an article makes stale: its own
/// pages (under every path it had) and the lists that count its comments.
pub fn of_comments(paths: &[String]) -> Vec<String> {
    paths.iter().flat_map(|p| [own(p), counted(p)]).collect()
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

/// What an article's change makes stale: its own pages and the pages
/// linking to it (under its path now and every path it had) and the lists
/// it is in.
pub fn of_article(
    paths: &[String],
    lang: Language,
    section_slug: &str,
    tags: &[String],
    authors: &[String],
) -> Vec<String> {
    let mut keys: Vec<String> = paths.iter().flat_map(|p| [article(p), own(p)]).collect();
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
                &own(&path),
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

    #[test]
    fn comments_name_the_article_s_own_pages_and_the_lists_counting_them() {
        let path = "/es/mundo/2026/12/05/hola".to_string();
        let keys = of_comments(std::slice::from_ref(&path));
        assert_eq!(keys, [own(&path), counted(&path)]);
        assert!(keys.iter().all(|k| k.len() == 17 && *k != article(&path)));
    }
}
