//! The parsed HTML written as Markdown: block elements become Markdown
//! blocks, phrasing content becomes a paragraph's inline text.

use super::blocks::push_once;
use super::dom::{Data, Dom};
use super::escape;
use super::{ConversionReport, ImageResolver};

/// How deep elements are followed; below, a subtree is read as its text.
const MAX_DEPTH: usize = 48;
/// How many lists and quotes may nest in the output (the site refuses
/// bodies nested more than 32 deep); deeper ones are written flat.
const MAX_CONTAINERS: usize = 12;

pub struct Walker<'a> {
    pub(super) dom: &'a Dom,
    pub(super) images: &'a dyn ImageResolver,
    pub(super) report: &'a mut ConversionReport,
    containers: usize,
    /// Inside a link, where a picture that is not placed is only words.
    pub(super) in_link: bool,
}

/// A paragraph being gathered: its Markdown, and whether it is plain text
/// only (so a lone URL in it can be linked).
#[derive(Default)]
pub(super) struct Inline {
    pub md: String,
    pub plain: String,
    pub only_text: bool,
}

impl Inline {
    pub fn new() -> Inline {
        Inline {
            only_text: true,
            ..Inline::default()
        }
    }
}

/// Elements that make blocks of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "nav"
            | "center"
            | "address"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "hgroup"
            | "html"
            | "body"
            | "noscript"
            | "legend"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "menu"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "hr"
            | "table"
            | "figure"
            | "figcaption"
            | "caption"
            | "iframe"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "wp-embed"
            | "wp-marker"
            | "wp-raw"
            | "wp-gallery"
    )
}

/// Elements whose content is never text for readers.
pub(super) fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "svg"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "input"
            | "select"
            | "option"
            | "button"
            | "canvas"
            | "map"
            | "area"
            | "param"
            | "source"
            | "track"
    )
}

impl<'a> Walker<'a> {
    pub fn new(
        dom: &'a Dom,
        images: &'a dyn ImageResolver,
        report: &'a mut ConversionReport,
    ) -> Walker<'a> {
        Walker {
            dom,
            images,
            report,
            containers: 0,
            in_link: false,
        }
    }

    /// The whole fragment as Markdown, ending in a newline (or empty).
    pub fn document(&mut self) -> String {
        let mut out = Vec::new();
        self.blocks(0, 0, &mut out);
        if out.is_empty() {
            return String::new();
        }
        let mut md = out.join("\n\n");
        md.push('\n');
        md
    }

    /// The children of `id` as blocks.
    pub(super) fn blocks(&mut self, id: usize, depth: usize, out: &mut Vec<String>) {
        let mut para = Inline::new();
        if depth > MAX_DEPTH {
            self.text_into(id, &mut para);
            self.flush(&mut para, out);
            return;
        }
        let parent = self.dom.name(id).unwrap_or("");
        for &child in self.dom.children(id) {
            let Some(name) = self.dom.name(child) else {
                self.inline(child, depth, &mut para);
                continue;
            };
            if name == "cite" && parent == "blockquote" {
                self.flush(&mut para, out);
                let mut cite = Inline::new();
                self.inline_children(child, depth + 1, &mut cite);
                cite.md.insert_str(0, "— ");
                self.flush(&mut cite, out);
            } else if is_block(name) {
                self.flush(&mut para, out);
                self.block(child, name, depth + 1, out);
            } else {
                self.inline(child, depth, &mut para);
            }
        }
        self.flush(&mut para, out);
    }

    fn block(&mut self, id: usize, name: &str, depth: usize, out: &mut Vec<String>) {
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse::<usize>().unwrap_or(2).clamp(2, 6);
                let text = self.single_line(id, depth);
                if !text.is_empty() {
                    out.push(format!("{} {}", "#".repeat(level), text));
                }
            }
            "ul" | "ol" | "menu" => self.list(id, name == "ol", depth, out),
            "blockquote" => self.quote(id, depth, out),
            "pre" => out.push(self.preformatted(id)),
            "hr" => out.push("---".into()),
            "table" => self.table(id, depth, out),
            "figure" => self.figure(id, depth, out),
            "dt" => {
                let text = self.single_line(id, depth);
                if !text.is_empty() {
                    out.push(format!("**{text}**"));
                }
            }
            "iframe" | "video" | "audio" | "object" | "embed" => {
                let mut para = Inline::new();
                self.media_link(id, name, &mut para);
                self.flush(&mut para, out);
            }
            "wp-embed" => self.embed(id, depth, out),
            "wp-marker" => {
                let name = self.dom.attr(id, "data-name").unwrap_or("unknown");
                out.push(escape::line_start(&escaped(&format!(
                    "[WordPress block: {name}]"
                ))));
            }
            "wp-gallery" => self.gallery(id, out),
            "wp-raw" => {
                let html = self.safe_html(id);
                if !html.is_empty() {
                    out.push(html);
                }
            }
            _ => self.blocks(id, depth, out),
        }
    }

    /// A paragraph gathered so far, written out.
    pub(super) fn flush(&mut self, para: &mut Inline, out: &mut Vec<String>) {
        let taken = std::mem::replace(para, Inline::new());
        let plain = taken.plain.trim();
        if taken.only_text && is_lone_url(plain) {
            push_once(&mut self.report.embeds, plain);
            out.push(format!(
                "[{}]({})",
                escaped(plain),
                escape::destination(plain)
            ));
            return;
        }
        let mut lines: Vec<String> = taken.md.split('\n').map(collapse).collect();
        // Breaks at the ends say nothing.
        while lines.first().is_some_and(|l| is_blank(l) || l == "\\") {
            lines.remove(0);
        }
        while lines.last().is_some_and(|l| is_blank(l)) {
            lines.pop();
        }
        // A break closing the paragraph (an odd run of backslashes: an
        // even one is escaped text).
        if let Some(last) = lines.last_mut() {
            let run = last.chars().rev().take_while(|&c| c == '\\').count();
            if run % 2 == 1 {
                last.pop();
                *last = last.trim_end().to_string();
            }
        }
        if lines.iter().all(|l| is_blank(l) || l == "\\") {
            return;
        }
        let text: Vec<String> = lines.iter().map(|l| escape::line_start(l)).collect();
        out.push(text.join("\n"));
    }

    /// One node as inline Markdown.
    pub(super) fn inline(&mut self, id: usize, depth: usize, para: &mut Inline) {
        let name = match &self.dom.nodes[id].data {
            Data::Text(text) => {
                let collapsed = collapse_spaces(text);
                escape::text(&collapsed, &mut para.md);
                para.plain.push_str(&collapsed);
                return;
            }
            Data::Element { name, .. } => name.as_str(),
            _ => return,
        };
        if depth > MAX_DEPTH {
            self.text_into(id, para);
            return;
        }
        if is_dropped(name) {
            return;
        }
        if name != "span" && name != "font" {
            para.only_text = false;
        }
        match name {
            "br" => para.md.push_str("\\\n"),
            "em" | "i" | "cite" | "dfn" | "var" => self.wrap(id, "*", depth, para),
            "strong" | "b" => self.wrap(id, "**", depth, para),
            "del" | "s" | "strike" => self.wrap(id, "~~", depth, para),
            "code" | "kbd" | "tt" | "samp" => {
                para.md
                    .push_str(&escape::code_span(&collapse_spaces(&self.dom.text(id))));
            }
            "sub" | "sup" | "mark" | "small" | "u" | "ins" | "q" | "abbr" => {
                para.md.push('<');
                para.md.push_str(name);
                para.md.push('>');
                self.inline_children(id, depth + 1, para);
                para.md.push_str("</");
                para.md.push_str(name);
                para.md.push('>');
            }
            "a" => self.link(id, depth, para),
            "img" => self.inline_image(id, None, para),
            "iframe" | "video" | "audio" | "object" | "embed" => self.media_link(id, name, para),
            "wp-marker" => {
                let name = self.dom.attr(id, "data-name").unwrap_or("unknown");
                escape::text(&format!("[WordPress block: {name}]"), &mut para.md);
            }
            "wp-embed" => {
                let url = self.dom.attr(id, "data-url").unwrap_or("").to_string();
                self.link_to(&url, &url, para);
                push_once(&mut self.report.embeds, &url);
            }
            "wp-raw" | "wp-gallery" => {}
            _ if is_block(name) => {
                para.md.push(' ');
                self.inline_children(id, depth + 1, para);
                para.md.push(' ');
            }
            _ => self.inline_children(id, depth + 1, para),
        }
    }

    pub(super) fn inline_children(&mut self, id: usize, depth: usize, para: &mut Inline) {
        for &child in self.dom.children(id) {
            self.inline(child, depth, para);
        }
    }

    /// Emphasis around the children, its markers kept tight against the
    /// text (`*a*`, not `* a *`, which Markdown would not read).
    fn wrap(&mut self, id: usize, marker: &str, depth: usize, para: &mut Inline) {
        let mut inner = Inline::new();
        self.inline_children(id, depth + 1, &mut inner);
        para.plain.push_str(&inner.plain);
        let text = inner.md.as_str();
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed == "\\" {
            para.md.push_str(text);
            return;
        }
        if text.starts_with(char::is_whitespace) {
            para.md.push(' ');
        }
        para.md.push_str(marker);
        para.md.push_str(trimmed.trim_end_matches('\\').trim_end());
        para.md.push_str(marker);
        if text.ends_with(char::is_whitespace) {
            para.md.push(' ');
        }
    }

    fn link(&mut self, id: usize, depth: usize, para: &mut Inline) {
        let href = self.dom.attr(id, "href").unwrap_or("").trim().to_string();
        let mut inner = Inline::new();
        let outer = std::mem::replace(&mut self.in_link, true);
        self.inline_children(id, depth + 1, &mut inner);
        self.in_link = outer;
        para.plain.push_str(&inner.plain);
        if href.is_empty() || !escape::is_safe_url(&href) {
            para.md.push_str(&inner.md);
            return;
        }
        let text = collapse(&inner.md.replace("\\\n", " ").replace('\n', " "));
        let text = if text.is_empty() {
            escaped(&href)
        } else {
            text
        };
        if !href.starts_with('#') && !href.to_ascii_lowercase().starts_with("mailto:") {
            push_once(&mut self.report.links, &href);
        }
        para.md
            .push_str(&format!("[{text}]({})", escape::destination(&href)));
    }

    /// A link with plain text.
    pub(super) fn link_to(&mut self, text: &str, url: &str, para: &mut Inline) {
        if url.is_empty() || !escape::is_safe_url(url) {
            escape::text(text, &mut para.md);
            return;
        }
        para.md.push_str(&format!(
            "[{}]({})",
            escaped(text),
            escape::destination(url)
        ));
    }

    /// The text of a subtree, escaped, for what is too deep to follow.
    fn text_into(&mut self, id: usize, para: &mut Inline) {
        let text = collapse_spaces(&self.dom.text(id));
        escape::text(&text, &mut para.md);
        para.plain.push_str(&text);
    }

    /// Inline content on one line (headings, table cells, terms).
    pub(super) fn single_line(&mut self, id: usize, depth: usize) -> String {
        let mut para = Inline::new();
        self.inline_children(id, depth + 1, &mut para);
        collapse(&para.md.replace("\\\n", " ").replace('\n', " "))
    }

    fn list(&mut self, id: usize, ordered: bool, depth: usize, out: &mut Vec<String>) {
        // A list holding only pictures is a gallery: its pictures are
        // written one after another, not as bullets.
        if self.is_picture_list(id) || self.containers >= MAX_CONTAINERS {
            for &child in self.dom.children(id) {
                if self.dom.name(child).is_some() {
                    self.blocks(child, depth, out);
                }
            }
            return;
        }
        let mut number: u64 = self
            .dom
            .attr(id, "start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let mut items = Vec::new();
        self.containers += 1;
        for &child in self.dom.children(id) {
            let mut blocks = Vec::new();
            match self.dom.name(child) {
                Some("li") => self.blocks(child, depth + 1, &mut blocks),
                Some(name) if !is_dropped(name) => self.block(child, name, depth + 1, &mut blocks),
                _ => {}
            }
            if blocks.is_empty() {
                continue;
            }
            let marker = if ordered {
                format!("{number}. ")
            } else {
                "- ".to_string()
            };
            number += 1;
            let mut body = String::new();
            for (i, block) in blocks.iter().enumerate() {
                if i > 0 {
                    let nested =
                        block.starts_with("- ") || block.starts_with(|c: char| c.is_ascii_digit());
                    body.push_str(if nested { "\n" } else { "\n\n" });
                }
                body.push_str(block);
            }
            items.push(indent(&body, &marker));
        }
        self.containers -= 1;
        if !items.is_empty() {
            out.push(items.join("\n"));
        }
    }

    fn quote(&mut self, id: usize, depth: usize, out: &mut Vec<String>) {
        if self.containers >= MAX_CONTAINERS {
            self.blocks(id, depth, out);
            return;
        }
        self.containers += 1;
        let mut inner = Vec::new();
        self.blocks(id, depth, &mut inner);
        self.containers -= 1;
        if inner.is_empty() {
            return;
        }
        let quoted: Vec<String> = inner
            .join("\n\n")
            .split('\n')
            .map(|l| {
                if l.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect();
        out.push(quoted.join("\n"));
    }

    fn preformatted(&mut self, id: usize) -> String {
        let text = self.dom.text(id);
        let text = text.trim_end_matches(['\n', ' ', '\t']);
        let verse = self
            .dom
            .attr(id, "class")
            .is_some_and(|c| c.contains("wp-block-verse"));
        if verse {
            let lines: Vec<String> = text
                .lines()
                .map(|l| escape::line_start(&escaped(l.trim())))
                .collect();
            return lines.join("\\\n");
        }
        let fence = escape::fence(text);
        format!("{fence}\n{text}\n{fence}")
    }
}

/// Writes `body` after a list marker, its other lines indented to match.
fn indent(body: &str, marker: &str) -> String {
    let pad = " ".repeat(marker.len());
    let mut out = String::with_capacity(body.len() + 16);
    for (i, line) in body.split('\n').enumerate() {
        if i == 0 {
            out.push_str(marker);
        } else {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(line);
    }
    out
}

/// Text escaped for Markdown (one line).
pub(super) fn escaped(text: &str) -> String {
    let mut out = String::new();
    escape::text(text, &mut out);
    out
}

/// HTML's whitespace collapsing: runs of spaces, tabs and newlines are
/// one space.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// One line trimmed with its inner runs of spaces collapsed.
fn collapse(line: &str) -> String {
    collapse_spaces(line).trim().to_string()
}

/// Whether a line holds nothing visible (no-break spaces included).
fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace())
}

/// A paragraph that is one web address alone: WordPress embeds it.
fn is_lone_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://"))
        && text.len() > 10
        && !text.contains(char::is_whitespace)
}
