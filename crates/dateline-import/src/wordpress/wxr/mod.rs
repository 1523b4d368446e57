//! A streaming reader of WordPress exports (WXR 1.0, 1.1 and 1.2).
//!
//! [`WxrReader`] yields the site, then authors, categories, tags, terms
//! and items one at a time, in document order, so memory stays bounded
//! whatever the file's size: each channel-level element is held while it
//! is read (within [`limits::ITEM_BYTES`]), never the file.
//!
//! Security: no DTD is ever read and no entity declared in the file is
//! expanded (a `<!DOCTYPE … [ … ]>` is refused outright); only XML's five
//! predefined entities and character references are. Every text value is
//! bounded (see [`limits`]).
//!
//! Error policy: a problem inside one item (a date that is not a date, no
//! post id, markup broken inside it) is yielded as an `Err` naming the
//! item's line and number, and the reader goes on with the next; an XML
//! error that stops the parser, or a file that is not an export, ends the
//! stream with an `Err` naming the line ([`WxrError::is_fatal`]).

mod build;
mod dates;
mod error;
mod model;
mod node;
mod source;

pub use error::{Problem, WxrError};
pub use model::{
    Approval, Author, Category, Comment, CommentKind, Entry, Item, ItemTerm, Meta, Position,
    PostType, Site, Slug, Status, Tag, Term,
};

use node::{Budget, Node, Ns};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};
use source::Source;
use std::collections::VecDeque;
use std::io::BufRead;

/// The bounds of what is read; an entry past one is reported, not read.
pub mod limits {
    /// A post's `content:encoded`.
    pub const CONTENT_BYTES: usize = 8 * 1024 * 1024;
    /// An excerpt, a description, a comment.
    pub const TEXT_BYTES: usize = 1024 * 1024;
    /// A meta value (page builders keep whole layouts in one).
    pub const META_VALUE_BYTES: usize = 4 * 1024 * 1024;
    /// A title, a name, a slug, a URL, an address, a number.
    pub const LINE_BYTES: usize = 16 * 1024;
    /// All of one item (or author, or term) in memory, comments included.
    pub const ITEM_BYTES: usize = 32 * 1024 * 1024;
    /// Meta entries of one item, comment or term.
    pub const META: usize = 10_000;
    /// `<category>` lines of one item.
    pub const ITEM_TERMS: usize = 10_000;
    pub const COMMENTS: usize = 100_000;
    /// Authors, categories, tags and terms, each.
    pub const CHANNEL_LIST: u64 = 1_000_000;
    /// How deep elements may nest.
    pub const DEPTH: usize = 64;
    pub use super::source::MAX_TOKEN_BYTES as TOKEN_BYTES;
}

/// Reads an export from `reader`, yielding each [`Entry`] or error.
pub struct WxrReader<R: BufRead> {
    xml: NsReader<Source<R>>,
    buf: Vec<u8>,
    /// The elements open, outermost first.
    open: Vec<Open>,
    site: Option<Site>,
    queue: VecDeque<Result<Entry, WxrError>>,
    finished: bool,
    items: u64,
    root_seen: bool,
    /// Authors, categories, tags and terms seen.
    counts: [u64; 4],
}

struct Open {
    name: Vec<u8>,
    line: u64,
}

/// A channel-level element as read, with what was wrong inside it.
pub(super) struct Record {
    node: Node,
    problems: Vec<Problem>,
}

impl<R: BufRead> WxrReader<R> {
    pub fn new(reader: R) -> Self {
        let mut xml = NsReader::from_reader(Source::new(reader));
        let config = xml.config_mut();
        // End tags are matched here, so that one broken item is stepped
        // over instead of ending the file.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        WxrReader {
            xml,
            buf: Vec::new(),
            open: Vec::new(),
            site: Some(Site::default()),
            queue: VecDeque::new(),
            finished: false,
            items: 0,
            root_seen: false,
            counts: [0; 4],
        }
    }

    fn line(&self) -> u64 {
        self.xml.get_ref().line()
    }

    /// The next event, with its element's namespace (for start tags).
    fn next_event<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<(Ns, Event<'b>), WxrError> {
        buf.clear();
        if buf.capacity() > 1024 * 1024 {
            *buf = Vec::new();
        }
        self.xml.get_mut().start_token();
        let (ns, event) = match self.xml.read_resolved_event_into(buf) {
            Ok((resolved, event)) => {
                let ns = match resolved {
                    ResolveResult::Bound(uri) => Ns::of(uri.as_ref()),
                    ResolveResult::Unbound => Ns::None,
                    // A prefix the file never declared: read by its usual
                    // meaning.
                    ResolveResult::Unknown(prefix) => match prefix.as_slice() {
                        b"wp" => Ns::Wp,
                        b"excerpt" => Ns::Excerpt,
                        b"content" => Ns::Content,
                        b"dc" => Ns::Dc,
                        _ => Ns::Other,
                    },
                };
                (ns, event)
            }
            Err(e) => return Err(self.xml_error(e)),
        };
        match &event {
            Event::DocType(d) if d.contains(&b'[') || contains_ignore_case(d, b"entity") => {
                return Err(WxrError::Doctype { line: self.line() })
            }
            Event::Decl(d) => {
                if let Some(Ok(encoding)) = d.encoding() {
                    let name = String::from_utf8_lossy(&encoding).to_string();
                    if !matches!(name.to_ascii_lowercase().as_str(), "utf-8" | "utf8") {
                        return Err(WxrError::Encoding {
                            line: self.line(),
                            encoding: name,
                        });
                    }
                }
            }
            _ => {}
        }
        Ok((ns, event))
    }

    fn xml_error(&self, error: quick_xml::Error) -> WxrError {
        let line = self.line();
        if self.xml.get_ref().overflowed() {
            return WxrError::TokenTooLarge {
                line,
                max: limits::TOKEN_BYTES,
            };
        }
        match error {
            quick_xml::Error::Io(e) => WxrError::Io {
                line,
                message: e.to_string(),
            },
            other => WxrError::Syntax {
                line,
                message: other.to_string(),
            },
        }
    }

    /// Reads one event at the rss or channel level.
    fn step(&mut self) -> Result<(), WxrError> {
        let mut buf = std::mem::take(&mut self.buf);
        let result = self.step_with(&mut buf);
        self.buf = buf;
        result
    }

    fn step_with(&mut self, buf: &mut Vec<u8>) -> Result<(), WxrError> {
        let (ns, event) = self.next_event(buf)?;
        let line = self.line();
        match event {
            Event::Start(e) if self.open.len() < 2 => {
                self.check_root(&e, line)?;
                self.open.push(Open {
                    name: e.name().as_ref().to_vec(),
                    line,
                });
            }
            Event::Empty(e) if self.open.len() < 2 => self.check_root(&e, line)?,
            Event::Start(e) => {
                let node = self.node(ns, &e, line);
                self.open.push(Open {
                    name: e.name().as_ref().to_vec(),
                    line,
                });
                let record = self.read_record(node)?;
                self.take(record)?;
            }
            Event::Empty(e) => {
                let node = self.node(ns, &e, line);
                self.take(Record {
                    node,
                    problems: Vec::new(),
                })?;
            }
            Event::End(e) => match self.open.last() {
                Some(top) if top.name == e.name().as_ref() => {
                    self.open.pop();
                    if self.open.len() == 1 {
                        self.send_site()?;
                    }
                }
                Some(top) => {
                    return Err(WxrError::Syntax {
                        line,
                        message: format!(
                            "</{}> does not close <{}> (line {})",
                            String::from_utf8_lossy(e.name().as_ref()),
                            String::from_utf8_lossy(&top.name),
                            top.line
                        ),
                    })
                }
                None => {
                    return Err(WxrError::Syntax {
                        line,
                        message: format!(
                            "</{}> closes nothing",
                            String::from_utf8_lossy(e.name().as_ref())
                        ),
                    })
                }
            },
            Event::Eof => {
                if let Some(open) = self.open.last() {
                    return Err(self.ends_inside(open));
                }
                if !self.root_seen {
                    return Err(WxrError::NotWxr {
                        line,
                        reason: "it holds no <rss> element".into(),
                    });
                }
                self.send_site()?;
                self.finished = true;
            }
            _ => {}
        }
        Ok(())
    }

    fn check_root(&mut self, start: &BytesStart<'_>, line: u64) -> Result<(), WxrError> {
        if !self.open.is_empty() {
            return Ok(());
        }
        if start.local_name().as_ref() != b"rss" {
            return Err(WxrError::NotWxr {
                line,
                reason: format!(
                    "its root element is <{}>, not <rss>",
                    String::from_utf8_lossy(start.name().as_ref())
                ),
            });
        }
        self.root_seen = true;
        Ok(())
    }

    fn ends_inside(&self, open: &Open) -> WxrError {
        WxrError::Syntax {
            line: self.line(),
            message: format!(
                "the file ends before <{}> (line {}) is closed",
                String::from_utf8_lossy(&open.name),
                open.line
            ),
        }
    }

    fn node(&self, ns: Ns, start: &BytesStart<'_>, line: u64) -> Node {
        let name = String::from_utf8_lossy(start.local_name().as_ref()).to_string();
        let mut node = Node::new(ns, name, line);
        for attr in start.attributes().with_checks(false).flatten() {
            let key = attr.key.as_ref();
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                continue;
            }
            let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v.to_string(),
                Err(_) => String::from_utf8_lossy(&attr.value).to_string(),
            };
            let local = String::from_utf8_lossy(attr.key.local_name().as_ref()).to_string();
            node.attrs.push((local, value));
        }
        node
    }

    /// Reads the rest of the element whose start was just read (and
    /// pushed on `open`) into a tree. Broken markup inside it is stepped
    /// over and noted; only what stops the parser is an `Err`.
    fn read_record(&mut self, root: Node) -> Result<Record, WxrError> {
        let base = self.open.len() - 1;
        let mut budget = Budget::new(limits::ITEM_BYTES);
        budget.take_node(&root.name);
        let mut nodes = vec![root];
        let mut problems = Vec::new();
        let mut buf = Vec::new();
        loop {
            let (ns, event) = self.next_event(&mut buf)?;
            let line = self.line();
            let text = match event {
                Event::Start(e) => {
                    if self.open.len() >= limits::DEPTH {
                        return Err(WxrError::TooDeep {
                            line,
                            max: limits::DEPTH,
                        });
                    }
                    let node = self.node(ns, &e, line);
                    budget.take_node(&node.name);
                    nodes.push(node);
                    self.open.push(Open {
                        name: e.name().as_ref().to_vec(),
                        line,
                    });
                    continue;
                }
                Event::Empty(e) => {
                    let node = self.node(ns, &e, line);
                    if budget.take_node(&node.name) {
                        if let Some(parent) = nodes.last_mut() {
                            parent.children.push(node);
                        }
                    }
                    continue;
                }
                Event::Text(t) => t.xml_content(XmlVersion::Implicit1_0).ok(),
                Event::CData(c) => c.xml_content(XmlVersion::Implicit1_0).ok(),
                Event::GeneralRef(r) => Some(reference(&r).into()),
                Event::End(e) => {
                    let name = e.name();
                    let Some(at) = self.open.iter().rposition(|o| o.name == name.as_ref()) else {
                        problems.push(Problem::BrokenMarkup {
                            line,
                            detail: format!(
                                "</{}> closes nothing",
                                String::from_utf8_lossy(name.as_ref())
                            ),
                        });
                        continue;
                    };
                    if at + 1 < self.open.len() {
                        let inner = &self.open[self.open.len() - 1];
                        problems.push(Problem::BrokenMarkup {
                            line,
                            detail: format!(
                                "<{}> (line {}) is not closed before </{}>",
                                String::from_utf8_lossy(&inner.name),
                                inner.line,
                                String::from_utf8_lossy(name.as_ref())
                            ),
                        });
                    }
                    let mut done = None;
                    while self.open.len() > at {
                        self.open.pop();
                        if self.open.len() < base {
                            continue;
                        }
                        let Some(node) = nodes.pop() else { break };
                        match nodes.last_mut() {
                            Some(parent) if !budget.exceeded => parent.children.push(node),
                            Some(_) => {}
                            None => done = Some(node),
                        }
                    }
                    if let Some(node) = done {
                        if budget.exceeded {
                            problems.push(Problem::TooLarge {
                                max: limits::ITEM_BYTES,
                            });
                        }
                        return Ok(Record { node, problems });
                    }
                    continue;
                }
                Event::Eof => {
                    return Err(match self.open.last() {
                        Some(open) => self.ends_inside(open),
                        None => WxrError::Syntax {
                            line,
                            message: "the file ends early".into(),
                        },
                    });
                }
                _ => continue,
            };
            match text {
                Some(text) => {
                    if budget.take(text.len()) {
                        if let Some(node) = nodes.last_mut() {
                            node.text.push_str(&text);
                        }
                    }
                }
                None => problems.push(Problem::NotUtf8 { line }),
            }
        }
    }

    /// Queues what a channel-level element holds.
    fn take(&mut self, record: Record) -> Result<(), WxrError> {
        let node = &record.node;
        let list = match (node.ns, node.name.as_str()) {
            (Ns::None, "item") => {
                self.send_site()?;
                self.items += 1;
                let at = Position {
                    line: node.line,
                    ordinal: self.items,
                };
                let item = build::item(record, at).map(|i| Entry::Item(Box::new(i)));
                self.queue.push_back(item);
                return Ok(());
            }
            (Ns::Wp, "author") => 0,
            (Ns::Wp, "category") => 1,
            (Ns::Wp, "tag") => 2,
            (Ns::Wp, "term") => 3,
            (ns, name) => {
                if let Some(site) = self.site.as_mut() {
                    build::site_field(site, ns, name, &node.text);
                }
                return Ok(());
            }
        };
        self.send_site()?;
        self.counts[list] += 1;
        let what = ["authors", "categories", "tags", "terms"][list];
        if self.counts[list] > limits::CHANNEL_LIST {
            if self.counts[list] == limits::CHANNEL_LIST + 1 {
                self.queue.push_back(Err(WxrError::TooMany {
                    line: node.line,
                    what,
                    max: limits::CHANNEL_LIST,
                }));
            }
            return Ok(());
        }
        self.queue.push_back(build::entry(record, list));
        Ok(())
    }

    /// Queues the site once, before anything else, checking the WXR
    /// version as WordPress's importer does.
    fn send_site(&mut self) -> Result<(), WxrError> {
        let Some(site) = self.site.take() else {
            return Ok(());
        };
        let line = self.line();
        let version = site.wxr_version.as_str();
        if version.is_empty() {
            return Err(WxrError::NotWxr {
                line,
                reason: "the channel has no wp:wxr_version".into(),
            });
        }
        if !is_version(version) {
            return Err(WxrError::NotWxr {
                line,
                reason: format!("its wp:wxr_version {version:?} is not a version number"),
            });
        }
        self.queue.push_back(Ok(Entry::Site(site)));
        Ok(())
    }
}

impl<R: BufRead> Iterator for WxrReader<R> {
    type Item = Result<Entry, WxrError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(next) = self.queue.pop_front() {
                return Some(next);
            }
            if self.finished {
                return None;
            }
            if let Err(e) = self.step() {
                self.finished = true;
                self.queue.push_back(Err(e));
            }
        }
    }
}

/// The text an entity or character reference stands for. Entities the
/// file might declare are never expanded: an unknown one stays as written.
fn reference(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = String::from_utf8_lossy(r);
    match name.as_ref() {
        "lt" => "<".into(),
        "gt" => ">".into(),
        "amp" => "&".into(),
        "apos" => "'".into(),
        "quot" => "\"".into(),
        _ if name.starts_with('#') => char::REPLACEMENT_CHARACTER.to_string(),
        other => format!("&{other};"),
    }
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// `^\d+\.\d+$`, as WordPress's importer requires.
fn is_version(text: &str) -> bool {
    match text.split_once('.') {
        Some((major, minor)) => {
            !major.is_empty()
                && !minor.is_empty()
                && major.bytes().all(|b| b.is_ascii_digit())
                && minor.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}
