//! What readers write, rendered safely: escaped text, paragraphs, and
//! links that earn no rank.

use linkify::{LinkFinder, LinkKind};
use std::ops::Range;

use super::normalise_newlines;

/// Renders a reader's plain text as HTML in which the only tags are `p`, `br`
/// and `a`: everything typed is escaped, and only http, https and `www.` links
/// become anchors, marked `nofollow ugc` so that spam earns no rank.
pub fn render_comment_body(body: &str) -> String {
    let mut html = String::with_capacity(body.len() + body.len() / 8);
    for paragraph in paragraphs(body) {
        if !html.is_empty() {
            html.push('\n');
        }
        html.push_str("<p>");
        push_linked(&mut html, &paragraph);
        html.push_str("</p>");
    }
    html
}

/// The paragraphs a comment shows as: blank lines separate them, trailing
/// space of each line goes. Rendering and link counting both read these, so
/// they can never disagree.
fn paragraphs(body: &str) -> Vec<String> {
    let text = normalise_newlines(body);
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    for line in text.split('\n').chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !paragraph.is_empty() {
                out.push(paragraph.join("\n"));
                paragraph.clear();
            }
        } else {
            paragraph.push(line.trim_end());
        }
    }
    out
}

/// Counts the links `render_comment_body` would make, for spam heuristics.
pub fn count_links(body: &str) -> usize {
    paragraphs(body).iter().map(|p| links(p).count()).sum()
}

fn push_linked(html: &mut String, text: &str) {
    let mut last = 0;
    for (range, href) in links(text) {
        push_text(html, &text[last..range.start]);
        html.push_str("<a href=\"");
        push_escaped(html, &href);
        html.push_str("\" rel=\"nofollow ugc noopener\">");
        push_escaped(html, &text[range.clone()]);
        html.push_str("</a>");
        last = range.end;
    }
    push_text(html, &text[last..]);
}

fn push_text(html: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            html.push_str("<br>\n");
        }
        push_escaped(html, line);
    }
}

/// Escapes for both text and double- or single-quoted attribute values.
fn push_escaped(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
}

/// The links in `text` with their hrefs. Linkify finds the boundaries; this
/// keeps only http, https and `www.` links, so that `javascript:` and `data:`
/// never become anchors, and refuses links with bidirectional controls, which
/// can make a link read as something other than where it goes.
pub(super) fn links(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(false);
    let found: Vec<_> = finder
        .links(text)
        .map(|link| (link.start()..link.end(), link.as_str()))
        .collect();
    found.into_iter().filter_map(|(range, url)| {
        if url.chars().any(is_bidi_control) {
            return None;
        }
        let lower = url.to_ascii_lowercase();
        let href = if lower.starts_with("http://") || lower.starts_with("https://") {
            url.to_string()
        } else if lower.starts_with("www.") {
            format!("https://{url}")
        } else {
            return None;
        };
        Some((range, href))
    })
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The host of an href made by `links`, lowercased, without user, port or
/// trailing dot.
pub(super) fn link_host(href: &str) -> Option<String> {
    let rest = href.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = match host_port.strip_prefix('[') {
        Some(ipv6) => ipv6.split(']').next()?,
        None => host_port.split(':').next()?,
    };
    let host = host.trim_end_matches('.').to_lowercase();
    (!host.is_empty()).then_some(host)
}
