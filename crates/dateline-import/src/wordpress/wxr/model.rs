//! What a WordPress export holds, as typed values. Text is kept as the file
//! gives it (HTML in content, PHP-serialized meta values); identifiers,
//! numbers and dates are parsed.

use std::fmt;
use time::{OffsetDateTime, PrimitiveDateTime};

/// One thing read from an export, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// Always first (before any author, term or item).
    Site(Site),
    Author(Author),
    Category(Category),
    Tag(Tag),
    Term(Term),
    Item(Box<Item>),
}

/// Where an item starts in the file, for messages such as
/// "line 1234: item 56".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The 1-based line of the item's `<item>` tag.
    pub line: u64,
    /// The item's 1-based number among the file's items.
    pub ordinal: u64,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: item {}", self.line, self.ordinal)
    }
}

/// The channel's description of the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub title: String,
    pub link: String,
    pub description: String,
    pub language: String,
    /// "1.0", "1.1" or "1.2" (checked to be a version number).
    pub wxr_version: String,
    pub base_site_url: Option<String>,
    pub base_blog_url: Option<String>,
}

/// `wp:author`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub id: Option<u64>,
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

/// A key and value of `wp:postmeta`, `wp:commentmeta` or `wp:termmeta`.
/// Values may be PHP-serialized (`a:1:{…}`): they are kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub key: String,
    pub value: String,
}

/// `wp:category`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Category {
    /// WXR 1.0 files have no term ids.
    pub term_id: Option<u64>,
    /// The nicename, as WordPress stores it (non-ASCII percent-encoded).
    pub slug: String,
    /// The parent's slug; `None` at the top.
    pub parent: Option<String>,
    pub name: String,
    pub description: String,
    pub meta: Vec<Meta>,
}

/// `wp:tag`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tag {
    pub term_id: Option<u64>,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub meta: Vec<Meta>,
}

/// `wp:term`: a term of any taxonomy (custom ones, `nav_menu`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    pub term_id: Option<u64>,
    pub taxonomy: String,
    pub slug: String,
    pub parent: Option<String>,
    pub name: String,
    pub description: String,
    pub meta: Vec<Meta>,
}

/// A post's slug as the file gives it (`raw`, percent-encoded for
/// non-ASCII, as WordPress stores it) and decoded to text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slug {
    pub raw: String,
    pub decoded: String,
}

impl Slug {
    /// Decodes percent-escapes; a slug whose escapes are not UTF-8 is kept
    /// raw in both fields.
    pub fn new(raw: &str) -> Slug {
        let decoded = percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_or_else(|_| raw.to_string(), |d| d.into_owned());
        Slug {
            raw: raw.to_string(),
            decoded,
        }
    }
}

/// `wp:status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Publish,
    Draft,
    Pending,
    Future,
    Private,
    Inherit,
    Trash,
    AutoDraft,
    Other(String),
}

impl Status {
    pub fn parse(text: &str) -> Status {
        match text {
            "publish" => Status::Publish,
            // WordPress saves an item without a status as a draft.
            "draft" | "" => Status::Draft,
            "pending" => Status::Pending,
            "future" => Status::Future,
            "private" => Status::Private,
            "inherit" => Status::Inherit,
            "trash" => Status::Trash,
            "auto-draft" => Status::AutoDraft,
            other => Status::Other(other.to_string()),
        }
    }
}

/// `wp:post_type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostType {
    Post,
    Page,
    Attachment,
    NavMenuItem,
    /// A reusable block (`wp_block`).
    Block,
    Other(String),
}

impl PostType {
    pub fn parse(text: &str) -> PostType {
        match text {
            "post" | "" => PostType::Post,
            "page" => PostType::Page,
            "attachment" => PostType::Attachment,
            "nav_menu_item" => PostType::NavMenuItem,
            "wp_block" => PostType::Block,
            other => PostType::Other(other.to_string()),
        }
    }
}

/// One `<category domain="…" nicename="…">Name</category>` of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemTerm {
    /// `category`, `post_tag`, `post_format`, a custom taxonomy; `None` in
    /// WXR 1.0's duplicate plain `<category>` lines.
    pub domain: Option<String>,
    pub slug: Option<String>,
    pub name: String,
}

/// An item: a post, page, attachment, menu item, reusable block, ….
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub position: Position,
    pub title: String,
    pub link: String,
    /// The RSS date; `None` when absent or not a date (drafts carry
    /// "-0001" years).
    pub pub_date: Option<OffsetDateTime>,
    /// `dc:creator`: the author's login.
    pub creator: String,
    pub guid: String,
    pub description: String,
    /// `content:encoded`: HTML, block markup, shortcodes.
    pub content: String,
    /// `excerpt:encoded`.
    pub excerpt: String,
    pub post_id: u64,
    /// In the site's time zone, as WordPress shows it.
    pub date: Option<PrimitiveDateTime>,
    /// `None` for drafts that were never dated (`0000-00-00 00:00:00`).
    pub date_gmt: Option<OffsetDateTime>,
    pub modified: Option<PrimitiveDateTime>,
    pub modified_gmt: Option<OffsetDateTime>,
    pub comment_status: String,
    pub ping_status: String,
    pub slug: Slug,
    pub status: Status,
    pub parent: Option<u64>,
    pub menu_order: i64,
    pub post_type: PostType,
    pub password: String,
    pub sticky: bool,
    pub attachment_url: Option<String>,
    pub terms: Vec<ItemTerm>,
    pub meta: Vec<Meta>,
    pub comments: Vec<Comment>,
}

impl Item {
    /// The first value of a meta key.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value.as_str())
    }

    /// The featured image's attachment id (`_thumbnail_id`).
    pub fn thumbnail_id(&self) -> Option<u64> {
        self.meta("_thumbnail_id")?.trim().parse().ok()
    }

    /// The item's terms of one taxonomy (`category`, `post_tag`, …).
    pub fn terms_of<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a ItemTerm> + 'a {
        self.terms
            .iter()
            .filter(move |t| t.domain.as_deref() == Some(domain))
    }
}

/// `wp:comment_approved`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approval {
    Approved,
    Pending,
    Spam,
    Trash,
    Other(String),
}

impl Approval {
    pub fn parse(text: &str) -> Approval {
        match text {
            "1" | "approve" => Approval::Approved,
            "0" | "hold" | "" => Approval::Pending,
            "spam" => Approval::Spam,
            "trash" | "post-trashed" => Approval::Trash,
            other => Approval::Other(other.to_string()),
        }
    }
}

/// `wp:comment_type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentKind {
    /// Written as "" before WordPress 5.5, "comment" since.
    Comment,
    Pingback,
    Trackback,
    Other(String),
}

impl CommentKind {
    pub fn parse(text: &str) -> CommentKind {
        match text {
            "" | "comment" => CommentKind::Comment,
            "pingback" => CommentKind::Pingback,
            "trackback" => CommentKind::Trackback,
            other => CommentKind::Other(other.to_string()),
        }
    }
}

/// `wp:comment`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: Option<u64>,
    pub author: String,
    pub author_email: String,
    pub author_url: String,
    pub author_ip: String,
    pub date: Option<PrimitiveDateTime>,
    pub date_gmt: Option<OffsetDateTime>,
    pub content: String,
    pub approved: Approval,
    pub kind: CommentKind,
    /// The comment it answers; `None` at the top.
    pub parent: Option<u64>,
    /// The site account that wrote it; `None` for a visitor.
    pub user_id: Option<u64>,
    pub meta: Vec<Meta>,
}
