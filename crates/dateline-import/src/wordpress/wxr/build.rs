//! Typed values from the trees `node` builds: which fields an entry has,
//! how each is bounded and parsed.

use super::dates;
use super::error::{Problem, WxrError};
use super::limits;
use super::model::{
    Approval, Author, Category, Comment, CommentKind, Entry, Item, ItemTerm, Meta, Position,
    PostType, Site, Slug, Status, Tag, Term,
};
use super::node::{Node, Ns};
use super::Record;
use time::{OffsetDateTime, PrimitiveDateTime};

/// Fills a field of the site from a channel-level element; the first
/// value wins, and anything else is ignored.
pub fn site_field(site: &mut Site, ns: Ns, name: &str, text: &str) {
    let slot = match (ns, name) {
        (Ns::None, "title") => &mut site.title,
        (Ns::None, "link") => &mut site.link,
        (Ns::None, "description") => &mut site.description,
        (Ns::None, "language") => &mut site.language,
        (Ns::Wp, "wxr_version") => &mut site.wxr_version,
        (Ns::Wp, "base_site_url") => site.base_site_url.get_or_insert_with(String::new),
        (Ns::Wp, "base_blog_url") => site.base_blog_url.get_or_insert_with(String::new),
        _ => return,
    };
    if slot.is_empty() {
        let text = text.trim();
        *slot = text[..floor_boundary(text, limits::LINE_BYTES)].to_string();
    }
}

/// An item, or why it cannot be read.
pub fn item(record: Record, at: Position) -> Result<Item, WxrError> {
    let node = &record.node;
    let post_id = number(node, Ns::Wp, "post_id").ok().flatten();
    let fail = |problem| WxrError::Item {
        at,
        post_id,
        problem,
    };
    if let Some(problem) = record.problems.into_iter().next() {
        return Err(fail(problem));
    }
    item_fields(node, at).map_err(fail)
}

fn item_fields(node: &Node, position: Position) -> Result<Item, Problem> {
    let post_id = number(node, Ns::Wp, "post_id")?.ok_or(Problem::MissingPostId)?;
    let mut terms = Vec::new();
    for term in node.all(Ns::None, "category") {
        if terms.len() == limits::ITEM_TERMS {
            return Err(Problem::TooMany {
                what: "categories and tags",
                max: limits::ITEM_TERMS,
            });
        }
        terms.push(ItemTerm {
            domain: term.attr("domain").map(str::to_string),
            slug: term.attr("nicename").map(str::to_string),
            name: bounded(&term.text, "category", limits::LINE_BYTES)?.to_string(),
        });
    }
    let mut comments = Vec::new();
    for c in node.all(Ns::Wp, "comment") {
        if comments.len() == limits::COMMENTS {
            return Err(Problem::TooMany {
                what: "comments",
                max: limits::COMMENTS,
            });
        }
        comments.push(comment(c)?);
    }
    let attachment_url = word(node, Ns::Wp, "attachment_url")?;
    Ok(Item {
        position,
        title: text(node, Ns::None, "title", limits::LINE_BYTES)?.to_string(),
        link: word(node, Ns::None, "link")?,
        pub_date: dates::rss(text(node, Ns::None, "pubDate", limits::LINE_BYTES)?),
        creator: word(node, Ns::Dc, "creator")?,
        guid: word(node, Ns::None, "guid")?,
        description: text(node, Ns::None, "description", limits::TEXT_BYTES)?.to_string(),
        content: text(node, Ns::Content, "encoded", limits::CONTENT_BYTES)?.to_string(),
        excerpt: text(node, Ns::Excerpt, "encoded", limits::TEXT_BYTES)?.to_string(),
        post_id,
        date: local_date(node, "post_date")?,
        date_gmt: utc_date(node, "post_date_gmt")?,
        modified: local_date(node, "post_modified")?,
        modified_gmt: utc_date(node, "post_modified_gmt")?,
        comment_status: word(node, Ns::Wp, "comment_status")?,
        ping_status: word(node, Ns::Wp, "ping_status")?,
        slug: Slug::new(&word(node, Ns::Wp, "post_name")?),
        status: Status::parse(&word(node, Ns::Wp, "status")?),
        parent: number(node, Ns::Wp, "post_parent")?.filter(|&id| id != 0),
        menu_order: signed(node, "menu_order")?,
        post_type: PostType::parse(&word(node, Ns::Wp, "post_type")?),
        password: word(node, Ns::Wp, "post_password")?,
        sticky: word(node, Ns::Wp, "is_sticky")? == "1",
        attachment_url: (!attachment_url.is_empty()).then_some(attachment_url),
        terms,
        meta: meta(node, "postmeta")?,
        comments,
    })
}

fn comment(node: &Node) -> Result<Comment, Problem> {
    let wp = |name| word(node, Ns::Wp, name);
    Ok(Comment {
        id: number(node, Ns::Wp, "comment_id")?,
        author: text(node, Ns::Wp, "comment_author", limits::LINE_BYTES)?.to_string(),
        author_email: wp("comment_author_email")?,
        author_url: wp("comment_author_url")?,
        author_ip: wp("comment_author_IP")?,
        date: local_date(node, "comment_date")?,
        date_gmt: utc_date(node, "comment_date_gmt")?,
        content: text(node, Ns::Wp, "comment_content", limits::TEXT_BYTES)?.to_string(),
        approved: Approval::parse(&wp("comment_approved")?),
        kind: CommentKind::parse(&wp("comment_type")?),
        parent: number(node, Ns::Wp, "comment_parent")?.filter(|&id| id != 0),
        user_id: number(node, Ns::Wp, "comment_user_id")?.filter(|&id| id != 0),
        meta: meta(node, "commentmeta")?,
    })
}

/// An author or term (`list` as counted by the reader), or why it cannot
/// be read.
pub fn entry(record: Record, list: usize) -> Result<Entry, WxrError> {
    let node = &record.node;
    let what = ["author", "category", "tag", "term"][list.min(3)];
    let fail = |problem| WxrError::Entry {
        line: node.line,
        what,
        problem,
    };
    if let Some(problem) = record.problems.into_iter().next() {
        return Err(fail(problem));
    }
    let built = match list {
        0 => author(node).map(Entry::Author),
        1 => category(node).map(Entry::Category),
        2 => tag(node).map(Entry::Tag),
        _ => term(node).map(Entry::Term),
    };
    built.map_err(fail)
}

fn author(node: &Node) -> Result<Author, Problem> {
    let line = |name| Ok::<_, Problem>(text(node, Ns::Wp, name, limits::LINE_BYTES)?.to_string());
    Ok(Author {
        id: number(node, Ns::Wp, "author_id")?,
        login: word(node, Ns::Wp, "author_login")?,
        email: word(node, Ns::Wp, "author_email")?,
        display_name: line("author_display_name")?,
        first_name: line("author_first_name")?,
        last_name: line("author_last_name")?,
    })
}

fn category(node: &Node) -> Result<Category, Problem> {
    Ok(Category {
        term_id: number(node, Ns::Wp, "term_id")?,
        slug: word(node, Ns::Wp, "category_nicename")?,
        parent: optional(word(node, Ns::Wp, "category_parent")?),
        name: text(node, Ns::Wp, "cat_name", limits::LINE_BYTES)?.to_string(),
        description: text(node, Ns::Wp, "category_description", limits::TEXT_BYTES)?.to_string(),
        meta: meta(node, "termmeta")?,
    })
}

fn tag(node: &Node) -> Result<Tag, Problem> {
    Ok(Tag {
        term_id: number(node, Ns::Wp, "term_id")?,
        slug: word(node, Ns::Wp, "tag_slug")?,
        name: text(node, Ns::Wp, "tag_name", limits::LINE_BYTES)?.to_string(),
        description: text(node, Ns::Wp, "tag_description", limits::TEXT_BYTES)?.to_string(),
        meta: meta(node, "termmeta")?,
    })
}

fn term(node: &Node) -> Result<Term, Problem> {
    Ok(Term {
        term_id: number(node, Ns::Wp, "term_id")?,
        taxonomy: word(node, Ns::Wp, "term_taxonomy")?,
        slug: word(node, Ns::Wp, "term_slug")?,
        parent: optional(word(node, Ns::Wp, "term_parent")?),
        name: text(node, Ns::Wp, "term_name", limits::LINE_BYTES)?.to_string(),
        description: text(node, Ns::Wp, "term_description", limits::TEXT_BYTES)?.to_string(),
        meta: meta(node, "termmeta")?,
    })
}

fn meta(node: &Node, element: &'static str) -> Result<Vec<Meta>, Problem> {
    let mut out = Vec::new();
    for m in node.all(Ns::Wp, element) {
        if out.len() == limits::META {
            return Err(Problem::TooMany {
                what: element,
                max: limits::META,
            });
        }
        out.push(Meta {
            key: text(m, Ns::Wp, "meta_key", limits::LINE_BYTES)?.to_string(),
            value: text(m, Ns::Wp, "meta_value", limits::META_VALUE_BYTES)?.to_string(),
        });
    }
    Ok(out)
}

/// A field's text as written (empty when absent), within `max` bytes.
fn text<'a>(node: &'a Node, ns: Ns, name: &'static str, max: usize) -> Result<&'a str, Problem> {
    let value = node.child(ns, name).map_or("", |c| c.text.as_str());
    bounded(value, name, max)
}

fn bounded<'a>(value: &'a str, field: &'static str, max: usize) -> Result<&'a str, Problem> {
    if value.len() > max {
        return Err(Problem::TooLong { field, max });
    }
    Ok(value)
}

/// A one-word field (id, login, slug, status, URL), trimmed: exports wrap
/// some across lines.
fn word(node: &Node, ns: Ns, name: &'static str) -> Result<String, Problem> {
    Ok(text(node, ns, name, limits::LINE_BYTES)?.trim().to_string())
}

fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn number(node: &Node, ns: Ns, name: &'static str) -> Result<Option<u64>, Problem> {
    let value = word(node, ns, name)?;
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|_| Problem::NotNumber {
        field: name,
        value: clip(&value),
    })
}

fn signed(node: &Node, name: &'static str) -> Result<i64, Problem> {
    let value = word(node, Ns::Wp, name)?;
    if value.is_empty() {
        return Ok(0);
    }
    value.parse().map_err(|_| Problem::NotNumber {
        field: name,
        value: clip(&value),
    })
}

fn local_date(node: &Node, name: &'static str) -> Result<Option<PrimitiveDateTime>, Problem> {
    let value = word(node, Ns::Wp, name)?;
    dates::local(&value).map_err(|()| Problem::NotDate {
        field: name,
        value: clip(&value),
    })
}

fn utc_date(node: &Node, name: &'static str) -> Result<Option<OffsetDateTime>, Problem> {
    let value = word(node, Ns::Wp, name)?;
    dates::utc(&value).map_err(|()| Problem::NotDate {
        field: name,
        value: clip(&value),
    })
}

/// A value quoted in a message, cut to a readable length.
fn clip(value: &str) -> String {
    value[..floor_boundary(value, 80)].to_string()
}

/// The largest char boundary at or below `max`.
fn floor_boundary(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    (0..=max)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}
