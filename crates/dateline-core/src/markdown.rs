//! Article bodies: Markdown source rendered to HTML that is safe to embed.

use pulldown_cmark::{html, Options, Parser};
use std::sync::OnceLock;

/// Renders Markdown to HTML and sanitises it through an allow-list, so a body
/// can never carry script, styles, event handlers or foreign frames, whoever
/// wrote it.
pub fn render_markdown(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(source, options));
    sanitizer().clean(&unsafe_html).to_string()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Headings inside a body start at h2: the page's h1 is the headline.
        b.rm_tags(["h1", "img"]);
        b.link_rel(Some("noopener noreferrer"));
        b.url_schemes(["http", "https", "mailto"].into_iter().collect());
        b
    })
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

    #[test]
    fn plain_text_of_markdown() {
        assert_eq!(
            plain_text("## Head\n\nSome *bold* text.\n\n- a\n- b"),
            "Head Some bold text. a b"
        );
    }
}
