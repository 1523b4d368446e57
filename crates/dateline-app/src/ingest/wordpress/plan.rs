//! The first reading of an export: what the second needs to know before it
//! meets a post (the attachments a post may show before the file lists
//! them, the pages' tree, the categories' tree, a sample of posts' links to
//! find the permalink structure). Only these small facts are kept, never
//! content.

use dateline_import::wordpress::wxr::{Entry, PostType, Status};
use dateline_import::wordpress::{permalinks, PostFields, Structure, WxrError, WxrReader};
use std::collections::HashMap;
use std::io::BufRead;
use time::PrimitiveDateTime;
use tokio::sync::mpsc;

/// Posts' links read to find the permalink structure.
const SAMPLE: usize = 2000;
/// Entries read ahead of the importer (an item may hold up to
/// `wxr::limits::ITEM_BYTES`, so few).
const AHEAD: usize = 4;
/// How deep a page or category tree is followed (cycles end there too).
pub(super) const MAX_DEPTH: usize = 32;

/// What the export says of an attachment.
#[derive(Debug, Clone, Default)]
pub(super) struct Attachment {
    pub url: String,
    pub alt: String,
    /// The caption as the export holds it (HTML allowed).
    pub caption: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub(super) struct PageNode {
    pub parent: Option<u64>,
    /// As WordPress stores it (non-ASCII percent-encoded).
    pub slug: String,
}

#[derive(Debug, Clone)]
struct Sample {
    path: String,
    id: u64,
    date: PrimitiveDateTime,
    slug: String,
    category: String,
    author: String,
}

#[derive(Debug, Default)]
pub(super) struct Plan {
    pub attachments: HashMap<u64, Attachment>,
    /// Attachments by [`url_key`] of their file's address.
    pub by_url: HashMap<String, u64>,
    pub pages: HashMap<u64, PageNode>,
    /// Post id → the attachments whose parent it is, as a bare
    /// `[gallery]` shows them.
    pub attached: HashMap<u64, Vec<u64>>,
    /// Reusable blocks (`wp_block` items) by id, within
    /// [`super::expand::BLOCK_BYTES`] in all.
    pub blocks: HashMap<u64, String>,
    block_bytes: usize,
    /// Category slug → its parent's slug.
    pub category_parents: HashMap<String, Option<String>>,
    samples: Vec<Sample>,
    /// The site's address, as the export names it.
    pub base: String,
}

/// Reads the export at `path` on a thread of its own, handing entries over
/// a short queue: memory holds a few entries, whatever the file's size.
pub(super) fn entries(
    open: impl FnOnce() -> std::io::Result<Box<dyn BufRead + Send>> + Send + 'static,
) -> mpsc::Receiver<Result<Entry, WxrError>> {
    let (tx, rx) = mpsc::channel(AHEAD);
    tokio::task::spawn_blocking(move || {
        let reader = match open() {
            Ok(reader) => reader,
            Err(e) => {
                let _ = tx.blocking_send(Err(WxrError::Io {
                    line: 1,
                    message: e.to_string(),
                }));
                return;
            }
        };
        for entry in WxrReader::new(reader) {
            if tx.blocking_send(entry).is_err() {
                return;
            }
        }
    });
    rx
}

impl Plan {
    /// Reads what the plan needs from every entry; errors are left for
    /// the second reading to report.
    pub(super) async fn read(mut rx: mpsc::Receiver<Result<Entry, WxrError>>) -> Plan {
        let mut plan = Plan::default();
        while let Some(entry) = rx.recv().await {
            let Ok(entry) = entry else { continue };
            match entry {
                Entry::Site(site) => {
                    plan.base = site
                        .base_blog_url
                        .clone()
                        .filter(|b| !b.trim().is_empty())
                        .unwrap_or_else(|| site.link.clone());
                }
                Entry::Category(c) => {
                    plan.category_parents.insert(c.slug, c.parent);
                }
                Entry::Item(item) => match item.post_type {
                    PostType::Attachment => {
                        let url = item.attachment_url.clone().unwrap_or_default();
                        if !url.is_empty() {
                            plan.by_url.insert(url_key(&url), item.post_id);
                        }
                        if let Some(parent) = item.parent.filter(|p| *p != 0) {
                            plan.attached.entry(parent).or_default().push(item.post_id);
                        }
                        plan.attachments.insert(
                            item.post_id,
                            // Kept short: the library takes 1,000 characters.
                            Attachment {
                                url,
                                alt: short(
                                    item.meta("_wp_attachment_image_alt").unwrap_or_default(),
                                ),
                                caption: short(&item.excerpt),
                                title: short(&item.title),
                            },
                        );
                    }
                    PostType::Block => {
                        let size = item.content.len();
                        if plan.block_bytes + size <= super::expand::BLOCK_BYTES {
                            plan.block_bytes += size;
                            plan.blocks.insert(item.post_id, item.content.clone());
                        }
                    }
                    PostType::Page => {
                        plan.pages.insert(
                            item.post_id,
                            PageNode {
                                parent: item.parent.filter(|p| *p != 0),
                                slug: item.slug.raw.clone(),
                            },
                        );
                    }
                    PostType::Post
                        if item.status == Status::Publish
                            && plan.samples.len() < SAMPLE
                            && !item.link.is_empty() =>
                    {
                        if let Some(date) = item.date {
                            let category = item
                                .terms_of("category")
                                .next()
                                .and_then(|t| t.slug.clone())
                                .unwrap_or_default();
                            plan.samples.push(Sample {
                                path: permalinks::path_of(&item.link, &plan.base),
                                id: item.post_id,
                                date,
                                slug: item.slug.raw.clone(),
                                category,
                                author: item.creator.clone(),
                            });
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        plan
    }

    /// The permalink structure that makes the most of the sampled posts'
    /// links, with a sentence saying how well; plain when none does.
    pub(super) fn infer(&self) -> (Structure, String) {
        let paths: Vec<String> = self
            .samples
            .iter()
            .map(|s| self.category_path(&s.category))
            .collect();
        let posts: Vec<(String, PostFields<'_>)> = self
            .samples
            .iter()
            .zip(&paths)
            .map(|(s, category)| {
                (
                    s.path.clone(),
                    PostFields {
                        id: s.id,
                        date: s.date,
                        slug: &s.slug,
                        category,
                        author: &s.author,
                    },
                )
            })
            .collect();
        match permalinks::infer(&posts, &[]) {
            Some(found) => {
                let how = format!(
                    "{:?}, found in {} of {} posts' links",
                    found.structure.as_str(),
                    found.matched,
                    found.total
                );
                (found.structure, how)
            }
            None => (
                Structure::parse("").expect("plain permalinks always parse"),
                "plain (?p=), as no structure matched the posts' links".to_string(),
            ),
        }
    }

    /// A category's slugs from the top, joined by `/`.
    pub(super) fn category_path(&self, slug: &str) -> String {
        self.category_chain(slug).join("/")
    }

    /// A category's slugs from the top.
    pub(super) fn category_chain(&self, slug: &str) -> Vec<String> {
        let mut chain = vec![slug.to_string()];
        let mut at = slug.to_string();
        while chain.len() < MAX_DEPTH {
            match self.category_parents.get(&at) {
                Some(Some(parent)) if !parent.is_empty() && !chain.contains(parent) => {
                    chain.push(parent.clone());
                    at = parent.clone();
                }
                _ => break,
            }
        }
        if slug.is_empty() {
            return Vec::new();
        }
        chain.reverse();
        chain
    }

    /// A page's ancestors' slugs and its own, from the top.
    pub(super) fn page_chain(&self, id: u64, own: &str) -> Vec<String> {
        let mut chain = vec![own.to_string()];
        let mut seen = vec![id];
        let mut at = self.pages.get(&id).and_then(|p| p.parent);
        while let Some(parent) = at {
            if seen.contains(&parent) || chain.len() >= MAX_DEPTH {
                break;
            }
            seen.push(parent);
            match self.pages.get(&parent) {
                Some(node) => {
                    chain.push(node.slug.clone());
                    at = node.parent;
                }
                None => break,
            }
        }
        chain.reverse();
        chain
    }
}

/// At most 4,000 bytes of `text`, at a character's end.
fn short(text: &str) -> String {
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// An upload's address as attachments and posts are matched by: its path
/// without the query, and without the size WordPress adds to the file name
/// of a smaller copy (`photo-300x200.jpg` is `photo.jpg`).
pub(super) fn url_key(url: &str) -> String {
    let no_query = url.split(['?', '#']).next().unwrap_or("");
    let path = match no_query.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |at| &rest[at..]),
        None => no_query,
    };
    let path = match path.find("/uploads/") {
        Some(at) => &path[at + "/uploads/".len()..],
        None => path.trim_start_matches('/'),
    };
    let (stem, ext) = match path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => (stem, Some(ext)),
        _ => (path, None),
    };
    let stem = match stem.rsplit_once('-') {
        Some((base, size)) if is_size(size) => base,
        _ => stem,
    };
    match ext {
        Some(ext) => format!("{stem}.{ext}").to_lowercase(),
        None => stem.to_lowercase(),
    }
}

/// `300x200`.
fn is_size(text: &str) -> bool {
    match text.split_once('x') {
        Some((w, h)) => {
            !w.is_empty()
                && !h.is_empty()
                && w.bytes().all(|b| b.is_ascii_digit())
                && h.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::url_key;

    #[test]
    fn uploads_match_their_smaller_copies() {
        assert_eq!(
            url_key("https://a.example/wp-content/uploads/2012/01/Photo-300x200.jpg?x=1"),
            "2012/01/photo.jpg"
        );
        assert_eq!(
            url_key("https://a.files.wordpress.com/2008/06/img.jpg"),
            "2008/06/img.jpg"
        );
        assert_eq!(url_key("/wp-content/uploads/a-b.png"), "a-b.png");
    }
}
