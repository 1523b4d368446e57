//! Article bodies: Markdown source rendered to HTML that is safe to embed.
//!
//! Rendering must stay linear in the body's size, whoever wrote it: the
//! Markdown parser and, above all, the HTML parser inside the sanitiser
//! slow down with nesting depth, and an HTML tree builder meeting tags left
//! open or closed out of order rebuilds them again and again. So a body is
//! [`check`]ed first (its size, and how deep its lists and quotes nest,
//! read line by line), and [`render`] hands the sanitiser only well-formed
//! HTML of bounded depth: raw HTML tags written inside Markdown are closed
//! where their Markdown element ends, end tags without a start are dropped,
//! each HTML block is sanitised on its own, and the number of raw tags is
//! bounded.

use crate::article::limits::BODY_BYTES;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};
use std::sync::OnceLock;

/// How deep lists and block quotes may nest (as read from the lines'
/// markers and indentation, which may count an ordered list's level as
/// more than one).
pub const MAX_NESTING: usize = 32;
/// How deep elements may nest in the rendered body: lists, quotes,
/// emphasis, links and raw HTML together.
pub const MAX_ELEMENT_DEPTH: usize = 128;
/// How many raw HTML tags a body may carry.
pub const MAX_HTML_TAGS: usize = 2_000;

/// Why a body cannot be rendered; each reads as the end of a sentence
/// after "The body".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownError {
    #[error("is {bytes} bytes long; at most {max} bytes are allowed", max = BODY_BYTES)]
    TooLong { bytes: usize },
    #[error(
        "nests lists or quotes more than {max} levels deep (line {line}); flatten them",
        max = MAX_NESTING
    )]
    TooDeep { line: usize },
    #[error(
        "nests its formatting and HTML more than {max} levels deep; flatten it",
        max = MAX_ELEMENT_DEPTH
    )]
    ElementsTooDeep,
    #[error("carries more than {max} HTML tags; use Markdown instead", max = MAX_HTML_TAGS)]
    TooManyTags,
}

/// HTML that [`render`] made from Markdown and sanitised, safe to put in a
/// page as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// HTML the store kept from an earlier [`render`] of the same body.
    pub fn from_stored(html: String) -> SafeHtml {
        SafeHtml(html)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Checks what can be checked without parsing: the size, and the nesting
/// of lists and quotes, in one pass over the lines. Cheap enough for every
/// autosave.
pub fn check(source: &str) -> Result<(), MarkdownError> {
    if source.len() > BODY_BYTES {
        return Err(MarkdownError::TooLong {
            bytes: source.len(),
        });
    }
    for (index, line) in source.lines().enumerate() {
        if nesting(line) > MAX_NESTING {
            return Err(MarkdownError::TooDeep { line: index + 1 });
        }
    }
    Ok(())
}

/// An upper bound of how many lists and quotes are open on a line: the
/// container markers at its start (`>`, `-`, `+`, `*`, `1.`, `1)`), each a
/// container it opens or continues, plus one for every two columns of
/// indentation, which is the least a list item's content is indented by
/// (a line continues an open item only by being indented that far). The
/// space right after a marker belongs to the marker. A line without any
/// marker opens nothing, so it is not counted: the lines that opened its
/// containers were.
fn nesting(line: &str) -> usize {
    let bytes = line.as_bytes();
    let (mut i, mut markers, mut columns) = (0, 0usize, 0usize);
    let mut after_marker = false;
    loop {
        while let Some(&b) = bytes.get(i) {
            match b {
                b' ' if after_marker => after_marker = false,
                b' ' => columns += 1,
                b'\t' => columns += 4,
                _ => break,
            }
            i += 1;
        }
        let ends_marker = |at: usize| matches!(bytes.get(at), None | Some(b' ' | b'\t'));
        match bytes.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'+' | b'*') if ends_marker(i + 1) => i += 1,
            Some(b'0'..=b'9') => {
                let digits = bytes[i..]
                    .iter()
                    .take(10)
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if digits <= 9
                    && matches!(bytes.get(i + digits), Some(b'.' | b')'))
                    && ends_marker(i + digits + 1)
                {
                    i += digits + 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
        markers += 1;
        after_marker = true;
    }
    if markers == 0 {
        0
    } else {
        markers + columns / 2
    }
}

/// Renders Markdown to HTML and sanitises it through an allow-list, so a
/// body can never carry script, styles, event handlers or foreign frames,
/// whoever wrote it. A body the limits refuse is not rendered.
pub fn render(source: &str) -> Result<SafeHtml, MarkdownError> {
    Ok(SafeHtml(sanitised(source)?.0))
}

/// The body checked, rendered and sanitised, with how many pictures the
/// sanitiser left without a source (from outside the media library) and
/// so were dropped.
fn sanitised(source: &str) -> Result<(String, usize), MarkdownError> {
    check(source)?;
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let events = well_formed(Parser::new_ext(source, options))?;
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    Ok(drop_pictures_without_source(
        sanitizer().clean(&unsafe_html).to_string(),
    ))
}

/// Whether the body shows a picture from outside the media library, which
/// readers would not see: a published body may not (the writer uploads it
/// instead). A body the limits refuse has none to speak of.
///
/// Validation asks this of every save, on the caller's thread: Markdown
/// pictures are judged from the parser's events alone, and only a body
/// with a raw `<img>` tag (rare: the editor writes Markdown) is sanitised
/// to see what of it would survive.
pub fn has_foreign_pictures(source: &str) -> bool {
    if !source.contains('!') && !source.contains('<') {
        return false;
    }
    if check(source).is_err() {
        return false;
    }
    let mut raw_picture = false;
    for event in Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if !is_media_path(&dest_url) => return true,
            Event::Html(text) | Event::InlineHtml(text)
                if text.to_ascii_lowercase().contains("<img") =>
            {
                raw_picture = true;
            }
            _ => {}
        }
    }
    raw_picture && sanitised(source).is_ok_and(|(_, dropped)| dropped > 0)
}

/// Removes the `<img>` tags the sanitiser left without a `src` (it drops
/// any source outside the media library, but cannot drop the element): a
/// picture with nothing to show is a broken-image box to a reader.
///
/// The input is the sanitiser's serialisation, so every `<img` in it is a
/// tag (text has `<` escaped) and attribute values are double-quoted with
/// `"` escaped: the tag ends at the first `>` outside quotes.
/// Also says how many it removed.
fn drop_pictures_without_source(html: String) -> (String, usize) {
    if !html.contains("<img") {
        return (html, 0);
    }
    let mut dropped = 0;
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let tag_and_after = &rest[at..];
        let mut quoted = false;
        let end = tag_and_after
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(tag_and_after.len(), |(i, _)| i + 1);
        let tag = &tag_and_after[..end];
        if tag.contains(" src=\"") {
            out.push_str(tag);
        } else {
            dropped += 1;
        }
        rest = &tag_and_after[end..];
    }
    out.push_str(rest);
    (out, dropped)
}

/// Renders Markdown as [`render`] does; a body the limits refuse comes out
/// as its text, escaped, in one paragraph. For callers that have checked
/// the body already or cannot report an error (tests, fuzzing).
pub fn render_markdown(source: &str) -> String {
    match render(source) {
        Ok(html) => html.into_string(),
        Err(_) => {
            let mut out = String::with_capacity(source.len() + 8);
            out.push_str("<p>");
            escape_html(source, &mut out);
            out.push_str("</p>\n");
            out
        }
    }
}

/// Appends `text` escaped for HTML: element content or a double-quoted
/// attribute.
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// What is open while the events are walked.
enum Open {
    /// An element of the Markdown itself (its end comes as an event).
    Markdown,
    /// A raw HTML tag written in the text, by its lowercase name.
    Raw(String),
}

/// The parser's events with raw HTML made well-formed and bounded (see the
/// module's documentation), or why the body is refused.
fn well_formed<'a>(parser: Parser<'a>) -> Result<Vec<Event<'a>>, MarkdownError> {
    let mut out = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut tags = 0usize;
    let mut block: Option<String> = None;
    for event in parser {
        if let Some(text) = block.as_mut() {
            match event {
                Event::Html(line) | Event::Text(line) => {
                    text.push_str(&line);
                    continue;
                }
                Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {
                    let text = block.take().unwrap_or_default();
                    tags += text.matches('<').count();
                    if tags > MAX_HTML_TAGS {
                        return Err(MarkdownError::TooManyTags);
                    }
                    let clean = sanitizer().clean(&text).to_string();
                    out.push(Event::Html(CowStr::from(clean)));
                    continue;
                }
                // Nothing else comes inside an HTML block; if it did, the
                // block ends here.
                other => {
                    let text = block.take().unwrap_or_default();
                    out.push(Event::Html(CowStr::from(
                        sanitizer().clean(&text).to_string(),
                    )));
                    out.push(other);
                    continue;
                }
            }
        }
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(String::new()),
            Event::Start(tag) => {
                open.push(Open::Markdown);
                if open.len() > MAX_ELEMENT_DEPTH {
                    return Err(MarkdownError::ElementsTooDeep);
                }
                out.push(Event::Start(tag));
            }
            Event::End(end) => {
                while let Some(Open::Raw(name)) = open.last() {
                    out.push(Event::InlineHtml(CowStr::from(format!("</{name}>"))));
                    open.pop();
                }
                open.pop();
                out.push(Event::End(end));
            }
            Event::InlineHtml(tag) | Event::Html(tag) => {
                tags += 1;
                if tags > MAX_HTML_TAGS {
                    return Err(MarkdownError::TooManyTags);
                }
                match raw_tag(&tag) {
                    RawTag::Start { name, void } => {
                        out.push(Event::InlineHtml(tag));
                        if !void {
                            open.push(Open::Raw(name));
                            if open.len() > MAX_ELEMENT_DEPTH {
                                return Err(MarkdownError::ElementsTooDeep);
                            }
                        }
                    }
                    RawTag::End(name) => {
                        // Only a tag opened since the innermost Markdown
                        // element began can be closed.
                        let at = open
                            .iter()
                            .rposition(|o| !matches!(o, Open::Raw(_)))
                            .map_or(0, |m| m + 1);
                        if let Some(found) = open[at..]
                            .iter()
                            .rposition(|o| matches!(o, Open::Raw(n) if *n == name))
                        {
                            while open.len() > at + found {
                                if let Some(Open::Raw(n)) = open.pop() {
                                    out.push(Event::InlineHtml(CowStr::from(format!("</{n}>"))));
                                }
                            }
                        }
                    }
                    // Comments, declarations and processing instructions
                    // never reach readers.
                    RawTag::Other => {}
                }
            }
            other => out.push(other),
        }
    }
    while let Some(Open::Raw(name)) = open.pop() {
        out.push(Event::InlineHtml(CowStr::from(format!("</{name}>"))));
    }
    Ok(out)
}

enum RawTag {
    Start { name: String, void: bool },
    End(String),
    Other,
}

/// What one inline HTML tag (as the Markdown parser found it) is.
fn raw_tag(tag: &str) -> RawTag {
    let rest = tag.strip_prefix('<').unwrap_or(tag);
    let (end, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return RawTag::Other;
    }
    if end {
        return RawTag::End(name);
    }
    let void = matches!(
        name.as_str(),
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    );
    RawTag::Start { name, void }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Headings inside a body start at h2: the page's h1 is the headline.
        b.rm_tags(["h1"]);
        b.link_rel(Some("noopener noreferrer"));
        b.url_schemes(["http", "https", "mailto"].into_iter().collect());
        // Pictures come from the site's own media library only: no reader
        // is sent to a third party's server by a picture, and every picture
        // has its alt text and renditions there.
        b.add_tag_attributes("img", ["loading", "decoding"]);
        b.set_tag_attribute_value("img", "loading", "lazy");
        b.set_tag_attribute_value("img", "decoding", "async");
        b.attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "src" && !is_media_path(value) {
                return None;
            }
            Some(value.into())
        });
        b
    })
}

/// Whether `src` is a file of the site's media library
/// (`/media/{token}/{variant}.{ext}`): the only pictures a body may show.
pub fn is_media_path(src: &str) -> bool {
    media_token(src).is_some()
}

/// The upload token of a media library path.
fn media_token(src: &str) -> Option<&str> {
    let rest = src.strip_prefix("/media/")?;
    let (token, file) = rest.split_once('/')?;
    let token_ok = token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let file_ok = !file.is_empty()
        && file.len() <= 24
        && file.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
    (token_ok && file_ok).then_some(token)
}

/// The upload tokens of the media library pictures a body shows, each once,
/// in order: what a published body makes public.
pub fn media_tokens(source: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("/media/") {
        let candidate = &rest[at..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>'))
            .unwrap_or(candidate.len());
        if let Some(token) = media_token(&candidate[..end]) {
            if !found.iter().any(|t| t == token) {
                found.push(token.to_string());
            }
        }
        rest = &candidate["/media/".len()..];
    }
    found
}

/// Escapes text so that Markdown renders it literally: plain agency copy must
/// come out exactly as the agency wrote it.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // One paragraph of plain text: a line break inside it (CR counts, in
    // CommonMark) could start a list or a heading, so it becomes a space.
    let text = text.replace(['\r', '\n'], " ");
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A leading "1." or "-" would start a list; "+", "=" a list or heading.
    if let Some(first) = out.chars().next() {
        if matches!(first, '-' | '+' | '=') {
            out.insert(0, '\\');
        } else if first.is_ascii_digit() {
            // "2." alone, "3.\tx" or "4) x" would start an ordered list.
            if let Some(pos) = out.find(|c: char| !c.is_ascii_digit()) {
                if out[pos..].starts_with('.') || out[pos..].starts_with(')') {
                    out.insert(pos, '\\');
                }
            }
        }
    }
    out
}

/// Plain text of a Markdown body, for summaries and meta descriptions.
pub fn plain_text(source: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut out = String::new();
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_paragraphs_and_quotes() {
        // Quotations stay as written: no smart-punctuation rewriting of agency copy.
        let html = render_markdown("First \"quoted\" line.\n\nSecond.");
        assert_eq!(html, "<p>First \"quoted\" line.</p>\n<p>Second.</p>\n");
    }

    #[test]
    fn strips_scripts_and_handlers() {
        let html = render_markdown(
            "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n\n[y](javascript:alert(2))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
    }

    #[test]
    fn links_get_rel() {
        let html = render_markdown("[UN](https://un.org)");
        assert!(html.contains(r#"rel="noopener noreferrer""#), "{html}");
    }

    #[test]
    fn escaped_text_renders_literally() {
        for text in [
            "1. Not a list",
            "2.",
            "3.\tx",
            "4) x",
            "- not a bullet",
            "# not a heading",
            "Use *stars* and _underscores_ and `ticks` and <b>tags</b> [x](y)",
            "Back\\slash",
        ] {
            let html = render_markdown(&escape_markdown(text));
            let expected = format!(
                "<p>{}</p>\n",
                text.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            );
            assert_eq!(html, expected, "{text}");
        }
    }

    /// The deepest quotes the limit allows, as many lines as fit the body
    /// limit.
    fn deepest_quotes() -> String {
        let line = format!("{}quoted text\n", "> ".repeat(MAX_NESTING));
        line.repeat(BODY_BYTES / line.len())
    }

    /// The deepest list the limit allows (one item per level, then back
    /// out), repeated until the body limit.
    fn deepest_list() -> String {
        let mut one = String::new();
        for level in 0..MAX_NESTING - 1 {
            // Each level is two columns in, so the limit counts it once.
            one.push_str(&format!("{}- item {level}\n", "  ".repeat(level)));
        }
        one.push_str("\nParagraph.\n\n");
        one.repeat(BODY_BYTES / one.len())
    }

    #[test]
    fn the_deepest_bodies_allowed_render_quickly() {
        for (name, body) in [("quotes", deepest_quotes()), ("list", deepest_list())] {
            assert!(body.len() <= BODY_BYTES);
            assert_eq!(check(&body), Ok(()), "{name}");
            let started = std::time::Instant::now();
            let html = render(&body).expect("within the limits");
            let took = started.elapsed();
            assert!(html.as_str().contains("item 30") || html.as_str().contains("quoted text"));
            // Well under a second in a release build; unoptimised test
            // builds are several times slower.
            assert!(took < std::time::Duration::from_secs(5), "{name}: {took:?}");
        }
        let html = render(&deepest_quotes()[..400]).expect("renders");
        assert_eq!(html.as_str().matches("<blockquote>").count(), MAX_NESTING);
    }

    #[test]
    fn deeper_nesting_is_refused_with_its_line() {
        let quotes = format!("Intro.\n\n{}too deep\n", "> ".repeat(MAX_NESTING + 1));
        assert_eq!(check(&quotes), Err(MarkdownError::TooDeep { line: 3 }));
        assert_eq!(render(&quotes), Err(MarkdownError::TooDeep { line: 3 }));
        let tight = format!("{}x\n", ">".repeat(MAX_NESTING + 1));
        assert_eq!(check(&tight), Err(MarkdownError::TooDeep { line: 1 }));
        let list: String = (0..=MAX_NESTING)
            .map(|level| format!("{}- item\n", "  ".repeat(level)))
            .collect();
        assert_eq!(
            check(&list),
            Err(MarkdownError::TooDeep {
                line: MAX_NESTING + 1
            })
        );
        let mixed = format!("{}x\n", "- > 1. ".repeat(MAX_NESTING / 3 + 1));
        assert!(check(&mixed).is_err());
        // The 64 KB preview that took 18 seconds: refused at once.
        let hostile: String = (0..4000)
            .map(|level| format!("{}- x\n", " ".repeat(level % 2000)))
            .take_while({
                let mut size = 0;
                move |l: &String| {
                    size += l.len();
                    size < 64 * 1024
                }
            })
            .collect();
        let started = std::time::Instant::now();
        assert!(render(&hostile).is_err());
        assert!(started.elapsed() < std::time::Duration::from_millis(500));
        let too_long = "a".repeat(BODY_BYTES + 1);
        assert_eq!(
            check(&too_long),
            Err(MarkdownError::TooLong {
                bytes: BODY_BYTES + 1
            })
        );
        assert!(MarkdownError::TooDeep { line: 7 }
            .to_string()
            .contains("(line 7)"));
    }

    #[test]
    fn ordinary_indentation_is_not_nesting() {
        for fine in [
            "                                                                  code, far in",
            "Text with - dashes - and > signs > inside",
            "    - an indented code line",
            "1. a\n   1. b\n      1. c",
            "- - - -",
        ] {
            assert_eq!(check(fine), Ok(()), "{fine}");
        }
        assert_eq!(nesting("> > > x"), 3);
        assert_eq!(nesting("      - d"), 4);
        assert_eq!(nesting("plain"), 0);
    }

    #[test]
    fn raw_html_is_made_well_formed() {
        // Kept as written when it is well-formed.
        assert_eq!(render_markdown("H<sub>2</sub>O"), "<p>H<sub>2</sub>O</p>\n");
        // A tag left open ends with its paragraph, so it cannot run on
        // into the next one (and the next, and the next).
        assert_eq!(
            render_markdown("<b>bold\n\nplain"),
            "<p><b>bold</b></p>\n<p>plain</p>\n"
        );
        // An end tag without its start is dropped; crossed tags are
        // closed in order.
        assert_eq!(render_markdown("a</i>b"), "<p>ab</p>\n");
        assert_eq!(
            render_markdown("<b><i>x</b>y</i>"),
            "<p><b><i>x</i></b>y</p>\n"
        );
        assert_eq!(render_markdown("*<b>x*</b>"), "<p><em><b>x</b></em></p>\n");
        // Comments go.
        assert_eq!(render_markdown("a<!-- b -->c"), "<p>ac</p>\n");
        // An HTML block is sanitised on its own, so what it leaves open
        // cannot reach the Markdown after it.
        let html = render_markdown("<div><b>open\n\nafter");
        assert!(html.ends_with("<p>after</p>\n"), "{html}");
    }

    #[test]
    fn hostile_html_is_bounded() {
        // Tags closed out of order would make the HTML parser rebuild them
        // in every later paragraph; the walk closes them instead.
        let crossed: String = (0..MAX_HTML_TAGS / 4)
            .map(|i| format!("<b x=\"{i}\"><i x=\"{i}\">a</b>\n\n"))
            .collect();
        let started = std::time::Instant::now();
        let html = render(&crossed).expect("within the limits");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert!(html.as_str().len() < crossed.len() * 2);
        let many = "<b>x</b>".repeat(MAX_HTML_TAGS);
        assert_eq!(render(&many), Err(MarkdownError::TooManyTags));
        let deep = "<span>".repeat(MAX_ELEMENT_DEPTH + 1);
        assert_eq!(render(&deep), Err(MarkdownError::ElementsTooDeep));
        let emphasis = format!("{}a{}", "*".repeat(1000), "*".repeat(1000));
        assert_eq!(render(&emphasis), Err(MarkdownError::ElementsTooDeep));
        // Refused bodies still come out (as text) where an error cannot be
        // reported.
        assert_eq!(
            render_markdown(&"<span>".repeat(200))
                .matches("&lt;span&gt;")
                .count(),
            200
        );
    }

    #[test]
    fn plain_text_of_markdown() {
        assert_eq!(
            plain_text("## Head\n\nSome *bold* text.\n\n- a\n- b"),
            "Head Some bold text. a b"
        );
    }

    #[test]
    fn pictures_come_from_the_media_library_only() {
        let token = "0123456789abcdef0123456789abcdef";
        let md = format!(
            "Text.\n\n![Ships in the harbour](/media/{token}/w1024.jpg \"Dawn — Ana\")\n\n\
             ![elsewhere](https://tracker.example/p.gif) ![local](/etc/passwd)"
        );
        let html = render(&md).unwrap().into_string();
        assert!(
            html.contains(&format!("src=\"/media/{token}/w1024.jpg\"")),
            "{html}"
        );
        assert!(html.contains("alt=\"Ships in the harbour\""), "{html}");
        assert!(html.contains("loading=\"lazy\""), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(!html.contains("/etc/passwd"), "{html}");
        assert_eq!(media_tokens(&md), vec![token.to_string()]);
        let foreign =
            render_markdown("![Tracker](https://evil.example/x.png) and <img src=x alt=y>");
        assert!(!foreign.contains("<img"), "{foreign}");
        assert!(foreign.contains("and"), "{foreign}");
        assert!(has_foreign_pictures(
            "![Tracker](https://evil.example/x.png)"
        ));
        assert!(has_foreign_pictures("Text <IMG SRC=x>"));
        assert!(has_foreign_pictures(&md));
        assert_eq!(html.matches("<img").count(), 1, "{html}");
        assert!(!has_foreign_pictures(&format!(
            "![Ships](/media/{token}/w1024.jpg) <img src=\"/media/{token}/w640.jpg\" alt=x>"
        )));
        assert!(!has_foreign_pictures("Hello! No pictures."));
        assert!(!is_media_path("/media/../w1.jpg"));
        assert!(!is_media_path(&format!("/media/{token}/../../x")));
        assert!(!is_media_path(&format!("//evil/media/{token}/w1.jpg")));
    }
}
