//! A kept page's surrogate keys (see `dateline_core::surrogate`): the list
//! its path is a page of, the article it is a page of, and every article
//! it links to.
//!
//! The articles are found in the page itself, by their paths
//! (`/{lang}/{section}/{yyyy}/{mm}/{dd}/{slug}`, relative or after the
//! site's address): cards, related and most-read lists, a feed's entries,
//! the page's own canonical link. Reading the finished page, rather than
//! asking each handler what it showed, means no list on any page can be
//! forgotten; it costs one pass over the bytes when the page is kept.

use dateline_core::{surrogate, Language};
use std::collections::BTreeSet;

/// Past this many articles a page (a sitemap, a long feed) is keyed by its
/// language instead: any article of the language makes it stale, and its
/// headers stay small enough for a CDN.
const MOST_ARTICLE_KEYS: usize = 200;

/// The keys of the page kept under `path` (its cache key, without the
/// query) whose body is `body`.
pub(super) fn keys_of(path: &str, body: &[u8]) -> Vec<String> {
    let mut keys = vec![surrogate::ALL.to_string()];
    let own = own_article(path);
    let mut articles = BTreeSet::new();
    for found in article_paths(body) {
        articles.insert(found);
        if articles.len() > MOST_ARTICLE_KEYS {
            break;
        }
    }
    if articles.len() > MOST_ARTICLE_KEYS {
        articles.clear();
        if let Some(lang) = language_of(path) {
            keys.push(surrogate::language(lang));
        }
    }
    match &own {
        Some(own) => keys.push(surrogate::own(own)),
        None => keys.extend(list_key(path)),
    }
    for found in &articles {
        keys.push(surrogate::article(found));
        // A list's cards show their comment counts; an article page shows
        // only its own.
        if own.is_none() {
            keys.push(surrogate::counted(found));
        }
    }
    keys.dedup();
    keys
}

/// The article whose own page `path` is (the article, or a further page
/// of its comments), decoded as the store keeps paths.
fn own_article(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or(path);
    let end = article_path_at(path.as_bytes(), 0)?;
    matches!(&path[end..], "" | "/comments").then(|| {
        percent_encoding::percent_decode_str(&path[..end])
            .decode_utf8_lossy()
            .into_owned()
    })
}

/// The list a path is a page of; an article's own pages are of none (its
/// side column is rendered again each minute, not purged).
pub(super) fn list_key(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let Some(lang) = segments.first().and_then(|s| s.parse::<Language>().ok()) else {
        return Some(surrogate::SITE.to_string());
    };
    let decoded = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    match segments.as_slice() {
        [_, "tag", tag] => Some(surrogate::tag(lang, &decoded(tag))),
        [_, "author", author] => Some(surrogate::author(lang, &decoded(author))),
        [_, section, rest] if is_section(section) && (rest.is_empty() || rest.contains('.')) => {
            Some(surrogate::section(lang, &decoded(section)))
        }
        [_, section, y, m, d, _slug, ..] if is_section(section) && is_date(y, m, d) => None,
        _ => Some(surrogate::language(lang)),
    }
}

/// Whether the page at `path` is a page of a list (a front, a section,
/// a tag, a feed), whose later pages shift when a story leaves it; an
/// article's own page is not.
pub(super) fn is_list_page(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    article_path_at(path.as_bytes(), 0).is_none()
}

fn is_section(segment: &str) -> bool {
    !segment.is_empty()
        && !segment.contains('.')
        && !dateline_core::slug::RESERVED_SECTION_SLUGS.contains(&segment)
}

fn is_date(y: &str, m: &str, d: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(y, 4) && digits(m, 2) && digits(d, 2)
}

fn language_of(path: &str) -> Option<Language> {
    path.trim_start_matches('/').split('/').next()?.parse().ok()
}

/// Every article path in `body`, decoded as the store keeps paths.
fn article_paths(body: &[u8]) -> impl Iterator<Item = String> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(offset) = body[at..].iter().position(|&b| b == b'/') {
            let start = at + offset;
            at = start + 1;
            if let Some(end) = article_path_at(body, start) {
                at = end;
                let raw = std::str::from_utf8(&body[start..end]).ok()?;
                return Some(
                    percent_encoding::percent_decode_str(raw)
                        .decode_utf8_lossy()
                        .into_owned(),
                );
            }
        }
        None
    })
}

/// Where the article path starting at `body[start]` (a `/`) ends, if one
/// does: six segments, a language, a section, a date and a slug, then a
/// character no path segment holds.
fn article_path_at(body: &[u8], start: usize) -> Option<usize> {
    let mut segments: [&[u8]; 6] = [&[]; 6];
    let mut at = start;
    for segment in &mut segments {
        if body.get(at) != Some(&b'/') {
            return None;
        }
        let from = at + 1;
        let len = body[from..]
            .iter()
            .position(|&b| !in_segment(b))
            .unwrap_or(body.len() - from);
        if len == 0 {
            return None;
        }
        *segment = &body[from..from + len];
        at = from + len;
    }
    // The slug ends the path: a seventh segment (`/comments`) belongs to
    // another page of the same article, which is fine; anything else that
    // continues the path is not an article's.
    let [lang, section, y, m, d, _] = segments.map(|s| std::str::from_utf8(s).unwrap_or(""));
    (lang.parse::<Language>().is_ok() && is_section(section) && is_date(y, m, d)).then_some(at)
}

/// Bytes a path segment of ours may hold as a page writes it: slugs are
/// letters, digits and hyphens, in UTF-8 or percent-encoded.
fn in_segment(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'%' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "/en/world/2016/10/04/u-s-suspends-negotiations";

    #[test]
    fn a_list_page_is_keyed_by_its_list_and_the_articles_it_links() {
        let body = format!(
            r#"<a href="{SEED}">x</a> <link rel="canonical" href="https://news.example.org/en/world/">
               <a href="/ar/%D8%B9%D8%A7%D9%84%D9%85/2026/12/05/%D8%B3%D9%84%D8%A7%D9%85#c">y</a>
               <a href="{SEED}/comments?page=2">z</a> <a href="/en/world/">w</a>"#
        );
        let keys = keys_of("/en/world/", body.as_bytes());
        assert_eq!(keys[0], surrogate::ALL);
        assert!(keys.contains(&surrogate::section(Language::En, "world")));
        assert!(keys.contains(&surrogate::article(SEED)));
        assert!(keys.contains(&surrogate::counted(SEED)));
        let arabic = "/ar/عالم/2026/12/05/سلام";
        assert!(keys.contains(&surrogate::article(arabic)));
        assert!(keys.contains(&surrogate::counted(arabic)));
        assert_eq!(keys.len(), 6, "{keys:?}");
    }

    #[test]
    fn an_article_page_is_keyed_by_itself_and_the_articles_it_links() {
        let other = "/en/world/2026/12/05/another";
        let body =
            format!(r#"<link rel="canonical" href="https://x.org{SEED}"><a href="{other}">x</a>"#);
        for page in [SEED.to_string(), format!("{SEED}/comments")] {
            let keys = keys_of(&page, body.as_bytes());
            assert_eq!(
                keys,
                [
                    surrogate::ALL.to_string(),
                    surrogate::own(SEED),
                    surrogate::article(SEED),
                    surrogate::article(other),
                ],
                "{page}"
            );
        }
    }

    #[test]
    fn paths_name_their_lists() {
        let lang = |l| Some(surrogate::language(l));
        assert_eq!(list_key("/en/"), lang(Language::En));
        assert_eq!(list_key("/en/feed.xml"), lang(Language::En));
        assert_eq!(list_key("/en/corrections/"), lang(Language::En));
        assert_eq!(
            list_key("/en/world/atom.xml"),
            Some(surrogate::section(Language::En, "world"))
        );
        assert_eq!(
            list_key("/en/world/?page=3"),
            Some(surrogate::section(Language::En, "world"))
        );
        assert_eq!(
            list_key("/es/tag/cuba"),
            Some(surrogate::tag(Language::Es, "cuba"))
        );
        assert_eq!(
            list_key("/es/author/ana"),
            Some(surrogate::author(Language::Es, "ana"))
        );
        assert_eq!(list_key(SEED), None);
        assert!(!is_list_page(SEED));
        assert!(!is_list_page(&format!("{SEED}/comments?page=2")));
        assert!(is_list_page("/en/world/?page=2"));
        assert_eq!(list_key("/sitemap.xml"), Some(surrogate::SITE.to_string()));
    }

    #[test]
    fn a_page_linking_to_many_articles_is_keyed_by_its_language() {
        let body: String = (0..300)
            .map(|i| format!("<loc>https://x.org/en/world/2026/01/01/story-{i}</loc>"))
            .collect();
        let keys = keys_of("/en/sitemap-1.xml", body.as_bytes());
        assert_eq!(
            keys,
            [
                surrogate::ALL.to_string(),
                surrogate::language(Language::En)
            ]
        );
    }

    #[test]
    fn near_misses_are_not_articles() {
        for body in [
            "/en/world/2016/10/4/slug\"",
            "/en/tag/2016/10/04/slug\"",
            "/xx/world/2016/10/04/slug\"",
            "/en/world/2016/10/04/\"",
        ] {
            assert_eq!(article_paths(body.as_bytes()).count(), 0, "{body}");
        }
    }
}
