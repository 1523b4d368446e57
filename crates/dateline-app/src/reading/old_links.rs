//! The addresses of a site this one replaced (kept by `dateline import
//! wordpress`), answered with a 301 to where their content is now.
//!
//! An address is looked up only where this site would answer 404, or on
//! the site root with one of WordPress's queries (`/?p=12`,
//! `/?page_id=3`, `/?cat=4`, `/?tag=x`, `/?author=2`, `/?feed=rss2`), so
//! pages that exist never pay for it. Each lookup is one read by primary
//! key and nothing is remembered between requests: a flood of made-up
//! addresses costs a query each and no memory.

use crate::App;
use dateline_store::MAX_LINK_BYTES;

/// WordPress's queries on the site root that name a thing, in the order
/// WordPress reads them.
const ROOT_QUERIES: &[&str] = &[
    "p",
    "page_id",
    "attachment_id",
    "cat",
    "tag",
    "author",
    "feed",
];

/// The form an old address is kept and looked up in: its path with
/// percent-escapes in lowercase (as WordPress writes slugs) and without a
/// trailing slash, or on the site root (`/`, `/index.php`) one query that
/// names a thing (`/?p=12`). Any other query is dropped (`?paged=2`,
/// tracking tags). None for the bare root, for what no WordPress address
/// looks like, and past [`MAX_LINK_BYTES`].
pub fn key(path: &str, query: Option<&str>) -> Option<String> {
    if path.len() > MAX_LINK_BYTES || !path.starts_with('/') {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() || trimmed == "/index.php" {
        return root_key(query?);
    }
    let mut out = String::with_capacity(trimmed.len());
    let bytes = trimmed.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push('%');
            out.push(char::from(bytes[i + 1].to_ascii_lowercase()));
            out.push(char::from(bytes[i + 2].to_ascii_lowercase()));
            i += 3;
            continue;
        }
        out.push(char::from(bytes[i]));
        i += 1;
    }
    if !out.is_ascii() {
        return None;
    }
    Some(out)
}

/// `p=12` → `/?p=12`: the first query of [`ROOT_QUERIES`] with a plausible
/// value.
fn root_key(query: &str) -> Option<String> {
    let pairs: Vec<(&str, &str)> = query
        .split('&')
        .take(20)
        .filter_map(|pair| pair.split_once('='))
        .collect();
    for name in ROOT_QUERIES {
        let Some((_, value)) = pairs.iter().find(|(k, _)| k == name) else {
            continue;
        };
        let plausible = match *name {
            "feed" => return Some("/?feed".to_string()),
            "tag" => {
                !value.is_empty()
                    && value.len() <= 200
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'%'))
            }
            _ => {
                !value.is_empty() && value.len() <= 20 && value.bytes().all(|b| b.is_ascii_digit())
            }
        };
        if plausible {
            return Some(format!("/?{name}={}", value.to_ascii_lowercase()));
        }
    }
    None
}

/// Where an old address leads now, if it is one (see [`key`]), with a
/// query (`?page=2`) for a later page of an archive (`/category/news/page/2`
/// is the second page of where `/category/news` leads); None also when the
/// lookup failed (logged): a missing redirect is a 404, not an error page.
pub async fn find(app: &App, key: &str) -> Option<String> {
    if let Some(found) = lookup(app, key).await {
        return Some(found);
    }
    let (base, page) = paged(key)?;
    let to = lookup(app, base).await?;
    // Feeds and pictures have no pages.
    let list = !to.starts_with("/media/") && !to.ends_with(".xml");
    list.then(|| format!("{to}?page={page}"))
}

async fn lookup(app: &App, key: &str) -> Option<String> {
    match app.store.wordpress_link(key).await {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(error = %e, "an old address could not be looked up");
            None
        }
    }
}

/// `/category/news/page/3` → (`/category/news`, 3), for pages from 2.
fn paged(key: &str) -> Option<(&str, u32)> {
    let (base, n) = key.rsplit_once("/page/")?;
    let n: u32 = n.parse().ok().filter(|n| (2..=100_000).contains(n))?;
    (!base.is_empty()).then_some((base, n))
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys() {
        let k = |p: &str, q: Option<&str>| key(p, q);
        assert_eq!(k("/2012/01/07/x/", None).as_deref(), Some("/2012/01/07/x"));
        assert_eq!(
            k("/2012/01/07/x", Some("utm=1")).as_deref(),
            Some("/2012/01/07/x")
        );
        assert_eq!(k("/%CE%B5-2/", None).as_deref(), Some("/%ce%b5-2"));
        assert_eq!(k("/", Some("p=12")).as_deref(), Some("/?p=12"));
        assert_eq!(k("/", Some("preview=true&p=12")).as_deref(), Some("/?p=12"));
        assert_eq!(
            k("/index.php", Some("page_id=3")).as_deref(),
            Some("/?page_id=3")
        );
        assert_eq!(k("/", Some("feed=rss2")).as_deref(), Some("/?feed"));
        assert_eq!(k("/", Some("tag=News")).as_deref(), Some("/?tag=news"));
        assert_eq!(k("/", Some("p=12abc")), None);
        assert_eq!(k("/", Some("p=")), None);
        assert_eq!(k("/", None), None);
        assert_eq!(k("/", Some("q=x")), None);
        assert_eq!(k("/caf\u{e9}", None), None);
        assert_eq!(k("/a%2", None).as_deref(), Some("/a%2"));
        assert_eq!(k(&format!("/{}", "a".repeat(3000)), None), None);
    }

    #[test]
    fn later_pages_of_archives() {
        assert_eq!(
            super::paged("/category/news/page/3"),
            Some(("/category/news", 3))
        );
        assert_eq!(super::paged("/category/news/page/1"), None);
        assert_eq!(super::paged("/category/news/page/x"), None);
        assert_eq!(super::paged("/page/2"), None);
        assert_eq!(super::paged("/category/news"), None);
    }
}
