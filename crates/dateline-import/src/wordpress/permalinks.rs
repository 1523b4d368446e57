//! The old site's addresses, as WordPress served them, so that an import
//! can answer each with a redirect: a post's path from the site's permalink
//! structure (`/%year%/%monthnum%/%day%/%postname%/`, `/archives/%post_id%`,
//! plain `?p=123`, …), pages, category, tag and author archives and feeds.
//! When the structure is not known, [`infer`] finds it from the posts'
//! `<link>`s.
//!
//! As in WordPress's `WP_Rewrite`: archives sit under the structure's
//! "front" (what comes before its first tag: `/archives/category/x/` for
//! `/archives/%post_id%`), pages and feeds under its root (`/index.php/`
//! for PATHINFO structures, else `/`), and a trailing slash is added to
//! every path when the structure ends with one.

use time::PrimitiveDateTime;

/// A permalink structure that is not one WordPress accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermalinkError {
    #[error("the permalink structure {0:?} has an unknown tag {1}")]
    UnknownTag(String, String),
    #[error(
        "the permalink structure {0:?} has no tag that tells posts apart (%postname% or %post_id%)"
    )]
    NotUnique(String),
}

/// What a post's address is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostFields<'a> {
    pub id: u64,
    /// `post_date`: in the site's time zone, as WordPress builds paths.
    pub date: PrimitiveDateTime,
    /// The slug as WordPress stores it (`Slug::raw`: non-ASCII
    /// percent-encoded); text that is not encoded is encoded here.
    pub slug: &'a str,
    /// The primary category's slugs from the top, joined by `/`
    /// (`news/world`); WordPress writes `uncategorized` when empty.
    pub category: &'a str,
    /// The author's nicename (login).
    pub author: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Tag(Tag),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Year,
    MonthNum,
    Day,
    Hour,
    Minute,
    Second,
    PostId,
    PostName,
    Category,
    Author,
}

/// A parsed permalink structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    /// As written; empty for plain permalinks.
    source: String,
    parts: Vec<Part>,
}

/// Structures tried by [`infer`]: WordPress's own choices and the usual
/// custom ones.
pub const COMMON: &[&str] = &[
    "/%year%/%monthnum%/%day%/%postname%/",
    "/%year%/%monthnum%/%postname%/",
    "/%postname%/",
    "/archives/%post_id%",
    "/%category%/%postname%/",
    "/%year%/%postname%/",
    "/%post_id%/%postname%/",
    "/%year%/%monthnum%/%day%/%post_id%/",
    "/index.php/%year%/%monthnum%/%day%/%postname%/",
    "/index.php/%year%/%monthnum%/%postname%/",
    "/index.php/%postname%/",
    "/index.php/archives/%post_id%",
    "",
];

impl Structure {
    /// Parses a structure as WordPress's settings hold it; "" (or
    /// `?p=%post_id%`) is plain permalinks.
    pub fn parse(structure: &str) -> Result<Structure, PermalinkError> {
        let source = structure.trim();
        if source.is_empty() || source.starts_with('?') {
            return Ok(Structure {
                source: String::new(),
                parts: Vec::new(),
            });
        }
        let mut parts = Vec::new();
        let mut rest = source;
        while let Some(start) = rest.find('%') {
            let Some(len) = rest[start + 1..].find('%') else {
                break;
            };
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            let name = &rest[start + 1..start + 1 + len];
            let tag = match name {
                "year" => Tag::Year,
                "monthnum" => Tag::MonthNum,
                "day" => Tag::Day,
                "hour" => Tag::Hour,
                "minute" => Tag::Minute,
                "second" => Tag::Second,
                "post_id" => Tag::PostId,
                "postname" => Tag::PostName,
                "category" => Tag::Category,
                "author" => Tag::Author,
                other => {
                    return Err(PermalinkError::UnknownTag(
                        source.to_string(),
                        format!("%{other}%"),
                    ))
                }
            };
            parts.push(Part::Tag(tag));
            rest = &rest[start + len + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        let unique = parts
            .iter()
            .any(|p| matches!(p, Part::Tag(Tag::PostId | Tag::PostName)));
        if !unique {
            return Err(PermalinkError::NotUnique(source.to_string()));
        }
        if let Some(Part::Text(first)) = parts.first_mut() {
            if !first.starts_with('/') {
                first.insert(0, '/');
            }
        } else {
            parts.insert(0, Part::Text("/".into()));
        }
        Ok(Structure {
            source: source.to_string(),
            parts,
        })
    }

    pub fn is_plain(&self) -> bool {
        self.parts.is_empty()
    }

    /// The structure as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn trailing_slash(&self) -> bool {
        self.is_plain() || self.source.ends_with('/')
    }

    /// `/index.php/` for PATHINFO structures, else `/`.
    fn root(&self) -> &'static str {
        if self.source.starts_with("/index.php") {
            "/index.php/"
        } else {
            "/"
        }
    }

    /// What comes before the first tag, where archives live.
    fn front(&self) -> String {
        match self.parts.first() {
            Some(Part::Text(text)) if self.parts.len() > 1 => text.clone(),
            _ => "/".into(),
        }
    }

    /// Ends a path as WordPress's `user_trailingslashit` does.
    fn finish(&self, path: String) -> String {
        let bare = path.trim_end_matches('/');
        if self.trailing_slash() {
            format!("{bare}/")
        } else if bare.is_empty() {
            "/".into()
        } else {
            bare.to_string()
        }
    }

    /// A post's path (with its query for plain permalinks).
    pub fn post_path(&self, post: &PostFields<'_>) -> String {
        if self.is_plain() {
            return format!("/?p={}", post.id);
        }
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Tag(tag) => out.push_str(&match tag {
                    Tag::Year => format!("{:04}", post.date.year()),
                    Tag::MonthNum => format!("{:02}", u8::from(post.date.month())),
                    Tag::Day => format!("{:02}", post.date.day()),
                    Tag::Hour => format!("{:02}", post.date.hour()),
                    Tag::Minute => format!("{:02}", post.date.minute()),
                    Tag::Second => format!("{:02}", post.date.second()),
                    Tag::PostId => post.id.to_string(),
                    Tag::PostName => encode_slug(post.slug),
                    Tag::Category if post.category.is_empty() => "uncategorized".into(),
                    Tag::Category => post
                        .category
                        .split('/')
                        .map(encode_slug)
                        .collect::<Vec<_>>()
                        .join("/"),
                    Tag::Author => encode_slug(post.author),
                }),
            }
        }
        // The structure's own ending decides the slash.
        out
    }

    /// A page's path from its ancestors' slugs and its own, top first.
    pub fn page_path(&self, id: u64, slugs: &[&str]) -> String {
        if self.is_plain() {
            return format!("/?page_id={id}");
        }
        let joined: Vec<String> = slugs.iter().map(|s| encode_slug(s)).collect();
        self.finish(format!("{}{}", self.root(), joined.join("/")))
    }

    /// A category archive: `/category/parent/child/`.
    pub fn category_path(&self, slugs: &[&str]) -> String {
        let joined: Vec<String> = slugs.iter().map(|s| encode_slug(s)).collect();
        self.finish(format!("{}category/{}", self.front(), joined.join("/")))
    }

    /// A tag archive: `/tag/slug/`.
    pub fn tag_path(&self, slug: &str) -> String {
        self.finish(format!("{}tag/{}", self.front(), encode_slug(slug)))
    }

    /// An author archive: `/author/login/`.
    pub fn author_path(&self, nicename: &str) -> String {
        self.finish(format!("{}author/{}", self.front(), encode_slug(nicename)))
    }

    /// The site's feed: `/feed/`.
    pub fn feed_path(&self) -> String {
        if self.is_plain() {
            return "/?feed=rss2".into();
        }
        self.finish(format!("{}feed", self.root()))
    }

    /// A category's feed: `/category/slug/feed/`.
    pub fn category_feed_path(&self, slugs: &[&str]) -> String {
        let base = self.category_path(slugs);
        self.finish(format!("{}/feed", base.trim_end_matches('/')))
    }

    /// A tag's feed: `/tag/slug/feed/`.
    pub fn tag_feed_path(&self, slug: &str) -> String {
        let base = self.tag_path(slug);
        self.finish(format!("{}/feed", base.trim_end_matches('/')))
    }
}

/// A slug as WordPress stores it: bytes outside ASCII percent-encoded in
/// lowercase hex (`sanitize_title` then `utf8_uri_encode`); an already
/// encoded slug is kept.
pub fn encode_slug(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    for c in slug.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02x}"));
            }
        }
    }
    out
}

/// The path (and query) of a link, relative to the site's base URL: what a
/// redirect would match.
pub fn path_of(link: &str, base_url: &str) -> String {
    let base = base_url.trim_end_matches('/');
    let rest = match link.strip_prefix(base) {
        Some(rest) if !base.is_empty() => rest,
        _ => match link.split_once("://") {
            Some((_, after)) => after.find('/').map_or("", |at| &after[at..]),
            None => link,
        },
    };
    let rest = rest.split('#').next().unwrap_or("");
    if rest.is_empty() || rest.starts_with('?') {
        format!("/{rest}")
    } else {
        rest.to_string()
    }
}

/// The structure that makes the most of the posts' paths, and how many
/// it makes; `None` when none makes any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    pub structure: Structure,
    pub matched: usize,
    pub total: usize,
}

/// Finds the permalink structure from posts and their paths (see
/// [`path_of`]), trying `candidates` (else [`COMMON`]) in order; the
/// first of equals wins.
pub fn infer(posts: &[(String, PostFields<'_>)], candidates: &[&str]) -> Option<Inferred> {
    let candidates = if candidates.is_empty() {
        COMMON
    } else {
        candidates
    };
    let mut best: Option<Inferred> = None;
    for candidate in candidates {
        let Ok(structure) = Structure::parse(candidate) else {
            continue;
        };
        let matched = posts
            .iter()
            .filter(|(path, post)| same_path(path, &structure.post_path(post)))
            .count();
        if matched > 0 && best.as_ref().is_none_or(|b| matched > b.matched) {
            best = Some(Inferred {
                structure,
                matched,
                total: posts.len(),
            });
        }
    }
    best
}

/// Paths compared as WordPress would route them: the case of percent
/// escapes aside.
fn same_path(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn post<'a>(slug: &'a str, category: &'a str) -> PostFields<'a> {
        PostFields {
            id: 1241,
            date: datetime!(2012-01-07 07:07:21),
            slug,
            category,
            author: "themedemos",
        }
    }

    #[test]
    fn post_paths() {
        let p = post("template-sticky", "news/world");
        for (structure, path) in [
            (
                "/%year%/%monthnum%/%day%/%postname%/",
                "/2012/01/07/template-sticky/",
            ),
            ("/%postname%/", "/template-sticky/"),
            ("/%category%/%postname%/", "/news/world/template-sticky/"),
            ("/archives/%post_id%", "/archives/1241"),
            (
                "/%year%/%monthnum%/%postname%/",
                "/2012/01/template-sticky/",
            ),
            (
                "/index.php/%year%/%monthnum%/%day%/%postname%/",
                "/index.php/2012/01/07/template-sticky/",
            ),
            (
                "%year%/%hour%-%minute%-%second%/%postname%.html",
                "/2012/07-07-21/template-sticky.html",
            ),
            ("/%author%/%post_id%/", "/themedemos/1241/"),
            ("", "/?p=1241"),
        ] {
            let s = Structure::parse(structure).expect("parses");
            assert_eq!(s.post_path(&p), path, "{structure}");
        }
        let s = Structure::parse("/%category%/%postname%/").expect("parses");
        assert_eq!(s.post_path(&post("x", "")), "/uncategorized/x/");
        // Non-ASCII slugs as WordPress stores them; encoded ones kept.
        let s = Structure::parse("/%postname%/").expect("parses");
        assert_eq!(
            s.post_path(&post("επίπεδο-2", "")),
            "/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/"
        );
        assert_eq!(s.post_path(&post("%ce%b5-2", "")), "/%ce%b5-2/");
    }

    #[test]
    fn structures_refused() {
        assert!(matches!(
            Structure::parse("/%year%/%nope%/"),
            Err(PermalinkError::UnknownTag(_, tag)) if tag == "%nope%"
        ));
        assert!(matches!(
            Structure::parse("/%year%/%monthnum%/"),
            Err(PermalinkError::NotUnique(_))
        ));
    }

    #[test]
    fn archives_pages_and_feeds() {
        let s = Structure::parse("/%year%/%monthnum%/%day%/%postname%/").expect("parses");
        assert_eq!(
            s.category_path(&["parent", "child"]),
            "/category/parent/child/"
        );
        assert_eq!(s.tag_path("news"), "/tag/news/");
        assert_eq!(s.author_path("admin"), "/author/admin/");
        assert_eq!(s.feed_path(), "/feed/");
        assert_eq!(s.category_feed_path(&["news"]), "/category/news/feed/");
        assert_eq!(s.tag_feed_path("news"), "/tag/news/feed/");
        assert_eq!(
            s.page_path(1811, &["greek", "επίπεδο-2"]),
            "/greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/"
        );
        // Archives under the structure's front, without the slash it lacks.
        let s = Structure::parse("/archives/%post_id%").expect("parses");
        assert_eq!(s.category_path(&["news"]), "/archives/category/news");
        assert_eq!(s.tag_feed_path("x"), "/archives/tag/x/feed");
        assert_eq!(s.page_path(2, &["about"]), "/about");
        assert_eq!(s.feed_path(), "/feed");
        let s = Structure::parse("/index.php/%postname%/").expect("parses");
        assert_eq!(s.category_path(&["news"]), "/index.php/category/news/");
        assert_eq!(s.page_path(2, &["about"]), "/index.php/about/");
        assert_eq!(s.feed_path(), "/index.php/feed/");
        let plain = Structure::parse("").expect("parses");
        assert_eq!(plain.page_path(2, &["about"]), "/?page_id=2");
        assert_eq!(plain.feed_path(), "/?feed=rss2");
    }

    #[test]
    fn paths_of_links() {
        assert_eq!(
            path_of("https://a.example/2020/01/02/x/", "https://a.example"),
            "/2020/01/02/x/"
        );
        assert_eq!(
            path_of("https://a.example/blog/x/", "https://a.example/blog/"),
            "/x/"
        );
        assert_eq!(
            path_of("http://a.example/?p=7", "https://other.example"),
            "/?p=7"
        );
        assert_eq!(path_of("https://a.example", ""), "/");
    }

    #[test]
    fn infers_the_structure() {
        let a = post("first", "news");
        let b = PostFields {
            id: 7,
            slug: "second",
            ..a
        };
        let posts = vec![
            ("/2012/01/07/first/".to_string(), a),
            ("/2012/01/07/second/".to_string(), b),
        ];
        let found = infer(&posts, &[]).expect("found");
        assert_eq!(
            found.structure.as_str(),
            "/%year%/%monthnum%/%day%/%postname%/"
        );
        assert_eq!((found.matched, found.total), (2, 2));
        let posts = vec![
            ("/?p=1241".to_string(), a),
            ("/news/second/".to_string(), b),
        ];
        let found = infer(&posts, &[]).expect("found");
        assert_eq!(found.structure.as_str(), "/%category%/%postname%/");
        assert_eq!(found.matched, 1);
        assert_eq!(infer(&[("/nothing".to_string(), a)], &[]), None);
    }
}
