//! HTML written into the Markdown where Markdown cannot say it (a block of
//! raw HTML, a table with merged cells, a caption with links): an
//! allow-list of elements and attributes, on one line (a blank line would
//! end a Markdown HTML block early; newlines in preformatted text are
//! written as `&#10;`). Pictures go through the resolver, frames and media
//! become links; scripts, styles and event handlers never come through.

use super::blocks::push_once;
use super::dom::Data;
use super::escape;
use super::media::host;
use super::walk::{is_dropped, Walker};

/// How deep elements are followed; below, only text.
const MAX_DEPTH: usize = 48;

/// Elements kept as they are (their allowed attributes aside).
const KEPT: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

const VOID: &[&str] = &["br", "hr", "col", "img"];

impl Walker<'_> {
    /// A block of raw HTML (`wp:html`), kept as HTML.
    pub(super) fn safe_html(&mut self, id: usize) -> String {
        let inner = self.safe_inner_html(id);
        if inner.trim().is_empty() {
            return String::new();
        }
        let starts_block = [
            "<div",
            "<p>",
            "<p ",
            "<table",
            "<figure",
            "<blockquote",
            "<ul",
            "<ol",
            "<dl",
            "<pre",
            "<h",
        ]
        .iter()
        .any(|t| inner.starts_with(t));
        if starts_block {
            inner
        } else {
            format!("<div>{}</div>", inner.trim())
        }
    }

    /// The children of `id` as safe HTML on one line.
    pub(super) fn safe_inner_html(&mut self, id: usize) -> String {
        let mut out = String::new();
        for &child in self.dom.children(id) {
            self.safe_node(child, 0, false, &mut out);
        }
        out
    }

    /// An element and its children as safe HTML (a table kept whole).
    pub(super) fn safe_element(&mut self, id: usize) -> String {
        let mut out = String::new();
        self.safe_node(id, 0, false, &mut out);
        out
    }

    fn safe_node(&mut self, id: usize, depth: usize, pre: bool, out: &mut String) {
        let name = match &self.dom.nodes[id].data {
            Data::Text(text) => {
                for c in text.chars() {
                    match c {
                        '\n' if pre => out.push_str("&#10;"),
                        '\n' | '\r' => out.push(' '),
                        c => escape::html(&c.to_string(), out),
                    }
                }
                return;
            }
            Data::Element { name, .. } => name.clone(),
            _ => return,
        };
        if depth > MAX_DEPTH {
            escape::html(&self.dom.text(id).replace('\n', " "), out);
            return;
        }
        if is_dropped(&name) {
            return;
        }
        match name.as_str() {
            "img" => return self.safe_image(id, out),
            "iframe" | "video" | "audio" | "object" | "embed" => return self.safe_media(id, out),
            _ => {}
        }
        let tag = if name == "h1" { "h2" } else { name.as_str() };
        let kept = KEPT.contains(&tag);
        if kept {
            out.push('<');
            out.push_str(tag);
            self.safe_attributes(id, tag, out);
            out.push('>');
            if VOID.contains(&tag) {
                return;
            }
        }
        let pre = pre || tag == "pre";
        // Whitespace between rows, cells and items is layout, not text.
        let structural = matches!(
            tag,
            "table" | "thead" | "tbody" | "tfoot" | "tr" | "ul" | "ol" | "dl" | "colgroup"
        );
        for &child in self.dom.children(id) {
            if structural
                && self.dom.name(child).is_none()
                && self.dom.text(child).trim().is_empty()
            {
                continue;
            }
            self.safe_node(child, depth + 1, pre, out);
        }
        if kept {
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
        }
    }

    fn safe_attributes(&mut self, id: usize, tag: &str, out: &mut String) {
        let put = |key: &str, value: &str, out: &mut String| {
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            escape::html(value, out);
            out.push('"');
        };
        match tag {
            "a" => {
                let href = self.dom.attr(id, "href").unwrap_or("").trim().to_string();
                if !href.is_empty() && escape::is_safe_url(&href) {
                    if !href.starts_with('#') && !href.to_ascii_lowercase().starts_with("mailto:") {
                        push_once(&mut self.report.links, &href);
                    }
                    put("href", &href, out);
                }
            }
            "td" | "th" => {
                for key in ["colspan", "rowspan"] {
                    if let Some(n) = self
                        .dom
                        .attr(id, key)
                        .and_then(|v| v.trim().parse::<u16>().ok())
                    {
                        put(key, &n.to_string(), out);
                    }
                }
            }
            "ol" => {
                if let Some(n) = self
                    .dom
                    .attr(id, "start")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                {
                    put("start", &n.to_string(), out);
                }
            }
            _ => {}
        }
    }

    fn safe_image(&mut self, id: usize, out: &mut String) {
        let (alt, url, path) = self.placed(id);
        match path {
            Some(path) => {
                out.push_str("<img src=\"");
                escape::html(&path, out);
                out.push_str("\" alt=\"");
                escape::html(&alt, out);
                out.push_str("\">");
            }
            None => {
                let text = if alt.is_empty() {
                    "Image".to_string()
                } else {
                    alt
                };
                if !url.is_empty() && escape::is_safe_url(&url) {
                    out.push_str("<a href=\"");
                    escape::html(&url, out);
                    out.push_str("\">");
                    escape::html(&text, out);
                    out.push_str("</a>");
                } else {
                    escape::html(&text, out);
                }
            }
        }
    }

    fn safe_media(&mut self, id: usize, out: &mut String) {
        let src = self.media_src(id);
        if src.is_empty() || !escape::is_safe_url(&src) {
            return;
        }
        push_once(&mut self.report.embeds, &src);
        out.push_str("<a href=\"");
        escape::html(&src, out);
        out.push_str("\">");
        escape::html(
            &format!("Embedded content ({})", host(&src).unwrap_or(&src)),
            out,
        );
        out.push_str("</a>");
    }
}
