//! Checks shared by the fuzz targets: small, strict readers of the HTML that
//! Dateline's renderers produce. They return `Err(reason)` instead of
//! panicking so that a target can print the offending output with the reason.
//!
//! The HTML they read is serialised by html5ever (through ammonia) or written
//! by `render_comment_body`, so attribute values are always double-quoted and
//! every `<` in text is escaped as `&lt;`: a plain scan is exact here, and
//! every `<` it meets starts a tag, just as it would for a browser.

/// One tag of an HTML string, as a browser's tokenizer would read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The tag as written, from `<` to `>` inclusive.
    pub raw: &'a str,
    /// The tag name, lowercased, without the `/` of a closing tag.
    pub name: String,
    pub closing: bool,
    /// Attribute names lowercased; values as written (entities not decoded).
    pub attrs: Vec<(String, String)>,
}

/// Every tag in `html`, in order. `Err` when a `<` opens something that is
/// not a well-formed tag (a serialiser never writes that; a browser would
/// still guess at it, so it is a finding).
pub fn tags(html: &str) -> Result<Vec<Tag<'_>>, String> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let mut j = start + 1;
        let closing = bytes.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        if html[j..].starts_with("!--") {
            return Err(format!("HTML comment at byte {start}"));
        }
        let name_end = html[j..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |k| j + k);
        let name = html[j..name_end].to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Err(format!("`<` not starting a tag at byte {start}"));
        }
        // Attributes: name[=value], values double- or single-quoted or bare.
        let mut attrs = Vec::new();
        let mut k = name_end;
        loop {
            while k < bytes.len() && (bytes[k].is_ascii_whitespace() || bytes[k] == b'/') {
                k += 1;
            }
            if k >= bytes.len() {
                return Err(format!("unterminated tag at byte {start}"));
            }
            if bytes[k] == b'>' {
                k += 1;
                break;
            }
            let an_end = html[k..]
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
                .map_or(html.len(), |n| k + n);
            let attr_name = html[k..an_end].to_ascii_lowercase();
            k = an_end;
            let mut value = String::new();
            if bytes.get(k) == Some(&b'=') {
                k += 1;
                match bytes.get(k) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let Some(len) = html[k + 1..].find(q as char) else {
                            return Err(format!("unterminated attribute value at byte {k}"));
                        };
                        value = html[k + 1..k + 1 + len].to_string();
                        k += len + 2;
                    }
                    _ => {
                        let v_end = html[k..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .map_or(html.len(), |n| k + n);
                        value = html[k..v_end].to_string();
                        k = v_end;
                    }
                }
            }
            attrs.push((attr_name, value));
        }
        out.push(Tag {
            raw: &html[start..k],
            name,
            closing,
            attrs,
        });
        i = k;
    }
    Ok(out)
}

/// Tags an article body must never carry, whatever the sanitiser allows.
const FORBIDDEN_TAGS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "svg", "math", "base", "meta", "link",
    "h1", "template", "noscript", "xmp", "plaintext", "video", "audio", "source", "portal",
];

/// Attributes that run script, load content or restyle the page.
const FORBIDDEN_ATTRS: &[&str] = &[
    "style", "srcdoc", "formaction", "action", "src", "srcset", "background", "xmlns",
];

/// URL attributes whose scheme is checked.
const URL_ATTRS: &[&str] = &["href", "src", "action", "cite", "xlink:href", "poster", "data"];

/// What a browser makes of a URL attribute before it looks at the scheme
/// (WHATWG URL parsing): leading and trailing C0 controls and spaces dropped,
/// tabs and line ends dropped anywhere, then ASCII lowercased for comparison.
/// Entities are not decoded: html5ever writes `&` as `&amp;`, so a value in
/// its output never hides a character behind an entity.
fn url_as_browser_reads(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The scheme of a URL, if it has one: as the WHATWG URL parser reads it, a
/// letter then letters, digits, `+`, `-` or `.`, up to the first `:`.
/// Anything else ("h%7Btps://x", "ja|b:c") is a relative URL to a browser.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let head = &url[..colon];
    let shaped = head.starts_with(|c: char| c.is_ascii_alphabetic())
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    shaped.then_some(head)
}

/// The sanitised-HTML property of `render_markdown`: no script element, no
/// dangerous element, no event-handler or style attribute, no link whose
/// scheme is other than http, https or mailto (so no `javascript:`), and
/// every link marked `noopener`; a picture only with one source, from the
/// site's media library.
pub fn check_sanitised_html(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        return Err("contains `<script`".into());
    }
    for tag in tags(html)? {
        if FORBIDDEN_TAGS.contains(&tag.name.as_str()) {
            return Err(format!("forbidden tag {}", tag.raw));
        }
        if tag.closing {
            continue;
        }
        if tag.name == "img" {
            // A picture only from the site's media library, so no body
            // sends a reader to another server, and never one without a
            // source (a broken-image box).
            let srcs: Vec<&String> = tag
                .attrs
                .iter()
                .filter(|(n, _)| n == "src")
                .map(|(_, v)| v)
                .collect();
            if srcs.len() != 1 || !dateline_core::markdown::is_media_path(srcs[0]) {
                return Err(format!("picture not from the media library: {}", tag.raw));
            }
        }
        for (name, value) in &tag.attrs {
            let picture_source = tag.name == "img" && name == "src";
            if name.starts_with("on")
                || (FORBIDDEN_ATTRS.contains(&name.as_str()) && !picture_source)
            {
                return Err(format!("forbidden attribute {name} in {}", tag.raw));
            }
            if URL_ATTRS.contains(&name.as_str()) {
                let url = url_as_browser_reads(value);
                if let Some(s) = scheme(&url) {
                    if !matches!(s, "http" | "https" | "mailto") {
                        return Err(format!("{s}: URL in {}", tag.raw));
                    }
                }
            }
        }
        if tag.name == "a" && tag.attrs.iter().any(|(n, _)| n == "href") {
            let rel = tag.attrs.iter().find(|(n, _)| n == "rel").map(|(_, v)| v);
            if !rel.is_some_and(|r| r.split_ascii_whitespace().any(|w| w == "noopener")) {
                return Err(format!("link without rel=noopener: {}", tag.raw));
            }
        }
    }
    Ok(())
}

/// The property of escaped plain text: the only tags are bare `<p>`/`</p>`.
pub fn check_only_paragraphs(html: &str) -> Result<(), String> {
    for tag in tags(html)? {
        if tag.raw != "<p>" && tag.raw != "</p>" {
            return Err(format!("tag other than <p>: {}", tag.raw));
        }
    }
    Ok(())
}

/// The property of `render_comment_body`: every `<` starts `<p>`, `</p>`,
/// `<br>`, `</a>` or exactly `<a href="http(s)://…" rel="nofollow ugc
/// noopener">`, with anchors never nested. Returns the number of anchors.
pub fn check_comment_html(html: &str) -> Result<usize, String> {
    const REL: &str = "\" rel=\"nofollow ugc noopener\">";
    let mut anchors = 0;
    let mut open = false;
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        let rest = &html[at..];
        let len = if rest.starts_with("<p>") || rest.starts_with("<br>") {
            if rest.starts_with("<p>") && open {
                return Err(format!("<p> inside <a> at byte {at}"));
            }
            if rest.starts_with("<p>") {
                3
            } else {
                4
            }
        } else if rest.starts_with("</p>") {
            if open {
                return Err(format!("</p> inside <a> at byte {at}"));
            }
            4
        } else if rest.starts_with("</a>") {
            if !open {
                return Err(format!("</a> without <a> at byte {at}"));
            }
            open = false;
            4
        } else if let Some(after) = rest.strip_prefix("<a href=\"") {
            if open {
                return Err(format!("nested <a> at byte {at}"));
            }
            let Some(end) = after.find('"') else {
                return Err(format!("unterminated href at byte {at}"));
            };
            let href = &after[..end];
            let lower = href.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                return Err(format!("href not http(s): {href:?}"));
            }
            if href.contains(['<', '>', '\'']) {
                return Err(format!("unescaped character in href: {href:?}"));
            }
            if !after[end..].starts_with(REL) {
                let shown: String = after[end..].chars().take(40).collect();
                return Err(format!("anchor without the exact rel at byte {at}: {shown:?}"));
            }
            open = true;
            anchors += 1;
            "<a href=\"".len() + end + REL.len()
        } else {
            let shown: String = rest.chars().take(40).collect();
            return Err(format!("unexpected tag at byte {at}: {shown:?}"));
        };
        i = at + len;
    }
    if open {
        return Err("unclosed <a>".into());
    }
    Ok(anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_and_quoted_attributes() {
        let t = tags(r#"<p>a &lt; b</p><a href="x>y" rel="noopener">z</a>"#).unwrap();
        assert_eq!(t.len(), 4);
        assert_eq!(t[2].attrs[0], ("href".into(), "x>y".into()));
        assert!(t[3].closing);
    }

    #[test]
    fn sanitised_html_check_catches_what_it_should() {
        assert!(check_sanitised_html("<p>ok <a href=\"https://a.b\" rel=\"noopener noreferrer\">x</a></p>").is_ok());
        assert!(check_sanitised_html("<p><SCRIPT>x</SCRIPT></p>").is_err());
        assert!(check_sanitised_html("<p><a href=\" JaVa\tScript:alert(1)\" rel=\"noopener\">x</a></p>").is_err());
        assert!(check_sanitised_html("<p><b onclick=\"x\">x</b></p>").is_err());
        assert!(check_sanitised_html("<p><a href=\"data:text/html,x\" rel=\"noopener\">x</a></p>").is_err());
        assert!(check_sanitised_html("<p><a href=\"/relative:ok\" rel=\"noopener\">x</a></p>").is_ok());
        assert!(check_sanitised_html("<p><a href=\"h%7Btps://x\" rel=\"noopener\">x</a></p>").is_ok());
        assert!(check_sanitised_html("<p><a href=\"java script:x\" rel=\"noopener\">x</a></p>").is_ok());
        let library = "<p><img src=\"/media/0123456789abcdef0123456789abcdef/w1024.jpg\" alt=\"a\"></p>";
        assert!(check_sanitised_html(library).is_ok());
        assert!(check_sanitised_html("<p><img alt=\"a\" loading=\"lazy\"></p>").is_err());
        assert!(check_sanitised_html("<p><img src=\"https://evil.example/x.png\"></p>").is_err());
    }

    #[test]
    fn comment_check_accepts_only_the_four_shapes() {
        let ok = "<p>a<br>\n<a href=\"https://x.org\" rel=\"nofollow ugc noopener\">x.org</a></p>";
        assert_eq!(check_comment_html(ok), Ok(1));
        assert!(check_comment_html("<p><b>x</b></p>").is_err());
        assert!(check_comment_html("<p><a href=\"javascript:x\" rel=\"nofollow ugc noopener\">x</a></p>").is_err());
        assert!(check_comment_html("<p><a href=\"http://x\">x</a></p>").is_err());
    }

    #[test]
    fn only_paragraphs() {
        assert!(check_only_paragraphs("<p>a &lt;b&gt;</p>\n<p>c</p>").is_ok());
        assert!(check_only_paragraphs("<h2>a</h2>").is_err());
    }
}
