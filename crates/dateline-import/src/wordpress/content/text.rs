//! Comments and excerpts as plain text. WordPress keeps both as text with
//! a little HTML (paragraphs by blank lines, `<a>`, `<em>`, `<blockquote>`);
//! the site keeps comments as the plain text a reader types, escaped when
//! shown, and standfirsts as one paragraph of text. So markup is read (as
//! a browser would) and only its words come out: no tag ever goes through.

use super::autop::autop;
use super::dom::{Data, Dom};

/// Elements whose content never shows.
const HIDDEN: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "noscript", "head", "title", "svg",
    "math", "select", "textarea",
];

/// Elements that stand as paragraphs of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "hr",
    "address",
];

/// The text of comment or excerpt HTML: paragraphs separated by a blank
/// line, line breaks kept, links written as their text followed by their
/// address in parentheses when the two differ (so that the reader's link
/// survives as the site's comment renderer links it), everything else's
/// words only. At most `max_chars` characters, cut at a word with "…".
pub fn plain_text(html: &str, max_chars: usize) -> String {
    // Comments and excerpts are shown through wpautop: blank lines are
    // paragraphs, single newlines breaks.
    let dom = Dom::parse(&autop(html));
    let mut out = String::new();
    // (node, leaving): elements are visited on the way in and on the way out.
    let mut stack = vec![(0usize, false)];
    while let Some((id, leaving)) = stack.pop() {
        if out.len() > max_chars.saturating_mul(4) + 16 {
            break;
        }
        let name = dom.name(id);
        if leaving {
            match name {
                Some("a") => {
                    if let Some(href) = dom.attr(id, "href").map(str::trim) {
                        let text = dom.text(id);
                        let shown = text.trim();
                        let web = href.starts_with("http://") || href.starts_with("https://");
                        if web && shown != href && !shown.contains(href) {
                            out.push_str(" (");
                            out.push_str(href);
                            out.push(')');
                        }
                    }
                }
                Some(n) if BLOCKS.contains(&n) => out.push_str("\n\n"),
                _ => {}
            }
            continue;
        }
        match &dom.nodes[id].data {
            Data::Text(text) => push_collapsed(&mut out, text),
            Data::Element { name, .. } if HIDDEN.contains(&name.as_str()) => {}
            Data::Element { name, .. } if name == "br" => out.push('\n'),
            Data::Element { name, .. } if name == "img" => {
                if let Some(alt) = dom.attr(id, "alt").filter(|a| !a.trim().is_empty()) {
                    push_collapsed(&mut out, alt);
                }
            }
            Data::Element { name, .. } => {
                if BLOCKS.contains(&name.as_str()) {
                    out.push_str("\n\n");
                }
                stack.push((id, true));
                stack.extend(dom.children(id).iter().rev().map(|c| (*c, false)));
            }
            Data::Root => stack.extend(dom.children(id).iter().rev().map(|c| (*c, false))),
            Data::Other => {}
        }
    }
    cut(&tidy(&out), max_chars)
}

/// Appends text with each run of whitespace as one space (the markup, not
/// the text, says where lines break).
fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        let starts_with_space = text.starts_with(char::is_whitespace);
        if (i > 0 || starts_with_space) && !out.ends_with([' ', '\n']) && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
        out.push(' ');
    }
}

/// Trims each line, and keeps at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.split('\n').map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// At most `max` characters, cut at a word, "…" marking the cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    let at = kept.rfind(char::is_whitespace).filter(|&i| i > 0);
    let kept = at.map_or(kept.as_str(), |i| &kept[..i]).trim_end();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    fn check(html: &str, expected: &str) {
        assert_eq!(plain_text(html, 5000), expected, "{html:?}");
    }

    #[test]
    fn words_only() {
        check("Plain text.", "Plain text.");
        check("One.\n\nTwo\nlines.", "One.\n\nTwo\nlines.");
        check(
            "<p>A <em>bold</em> claim</p><p>Next</p>",
            "A bold claim\n\nNext",
        );
        check(
            "<script>alert(1)</script>Hi <b onclick=x>there</b>",
            "Hi there",
        );
        check("&lt;script&gt; is text", "<script> is text");
        check(
            r#"See <a href="https://example.org/x">this</a>."#,
            "See this (https://example.org/x).",
        );
        check(
            r#"<a href="https://example.org/">https://example.org/</a>"#,
            "https://example.org/",
        );
        check(r#"<a href="javascript:alert(1)">click</a>"#, "click");
        check("<blockquote>Quoted</blockquote>Reply", "Quoted\n\nReply");
        check("<ul><li>a</li><li>b</li></ul>", "a\n\nb");
        check("<iframe src=x>inside</iframe>after", "after");
    }

    #[test]
    fn cut_at_a_word() {
        assert_eq!(plain_text("one two three four", 10), "one two…");
        assert_eq!(plain_text("abcdefghijklmnop", 5), "abcd…");
    }
}
