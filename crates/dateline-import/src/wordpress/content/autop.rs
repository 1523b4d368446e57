//! WordPress's wpautop for classic (pre-block) content: text separated by
//! a blank line is a paragraph, a single newline is a line break, and block
//! elements written by hand are left as they are. A close reading of
//! `wp-includes/formatting.php`, simplified where the HTML parser that
//! follows mends the rest (a `<p>` left open, a `</p>` too many).

/// Elements that are blocks to wpautop (its `$allblocks`), and the
/// converter's own placeholders.
const BLOCKS: &[&str] = &[
    "table",
    "thead",
    "tfoot",
    "caption",
    "col",
    "colgroup",
    "tbody",
    "tr",
    "td",
    "th",
    "div",
    "dl",
    "dd",
    "dt",
    "ul",
    "ol",
    "li",
    "pre",
    "form",
    "map",
    "area",
    "blockquote",
    "address",
    "math",
    "style",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "fieldset",
    "legend",
    "section",
    "article",
    "aside",
    "hgroup",
    "header",
    "footer",
    "nav",
    "figure",
    "figcaption",
    "details",
    "menu",
    "summary",
    "wp-embed",
    "wp-marker",
    "wp-raw",
    "wp-gallery",
];

/// Elements whose text keeps its newlines.
const PROTECTED: &[&str] = &["pre", "script", "style", "textarea", "svg"];

/// Marks protected spans while paragraphs are made (noncharacters, which
/// are dropped from the input first).
const OPEN: char = '\u{FDD0}';
const CLOSE: char = '\u{FDD1}';

pub fn autop(text: &str) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace([OPEN, CLOSE], "");
    let (text, kept) = protect(&text);
    let spaced = space_blocks(&text);
    let mut out = String::with_capacity(spaced.len() + 64);
    for chunk in split_paragraphs(&spaced) {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        let lines = breaks(chunk);
        if starts_with_block(chunk, &kept) {
            out.push_str(&lines);
        } else {
            out.push_str("<p>");
            out.push_str(&lines);
            out.push_str("</p>");
        }
        out.push('\n');
    }
    restore(&out, &kept)
}

/// Takes out the protected elements and comments, leaving markers.
fn protect(text: &str) -> (String, Vec<String>) {
    let mut kept = Vec::new();
    let mut out = String::with_capacity(text.len());
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = lower[at..].find('<') {
        let start = at + found;
        let end = if lower[start..].starts_with("<!--") {
            lower[start..].find("-->").map(|e| start + e + 3)
        } else {
            PROTECTED.iter().find_map(|name| {
                let opens = lower[start + 1..].starts_with(name)
                    && lower[start + 1 + name.len()..]
                        .starts_with(|c: char| c == '>' || c.is_whitespace());
                if !opens {
                    return None;
                }
                let close = format!("</{name}>");
                Some(
                    lower[start..]
                        .find(&close)
                        .map_or(text.len(), |e| start + e + close.len()),
                )
            })
        };
        match end {
            Some(end) => {
                out.push_str(&text[at..start]);
                out.push(OPEN);
                out.push_str(&kept.len().to_string());
                out.push(CLOSE);
                kept.push(text[start..end].to_string());
                at = end;
            }
            None => {
                out.push_str(&text[at..=start]);
                at = start + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    (out, kept)
}

fn restore(text: &str, kept: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(piece) = after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| kept.get(i))
        {
            out.push_str(piece);
        }
        rest = &after[close + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The block tag starting `text` (`<div …>` or `</div>`), if any.
fn block_tag(text: &str) -> Option<&'static str> {
    let rest = text.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let lower: String = rest
        .chars()
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCKS.iter().copied().find(|name| {
        lower.starts_with(name)
            && lower[name.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == '>' || c == '/' || c.is_whitespace())
    })
}

/// Whether a paragraph starts with a block element (a protected one
/// stands for its marker).
fn starts_with_block(chunk: &str, kept: &[String]) -> bool {
    if let Some(marked) = chunk.strip_prefix(OPEN) {
        let index = marked
            .split(CLOSE)
            .next()
            .and_then(|i| i.parse::<usize>().ok());
        return index
            .and_then(|i| kept.get(i))
            .is_some_and(|piece| block_tag(piece).is_some());
    }
    block_tag(chunk).is_some()
}

/// Puts block tags on paragraphs of their own, as wpautop does.
fn space_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        if block_tag(tag).is_some() {
            if tag.starts_with("</") {
                out.push_str(&tag[..end]);
                out.push_str("\n\n");
            } else {
                out.push_str("\n\n");
                out.push_str(&tag[..end]);
            }
        } else {
            out.push_str(&tag[..end]);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// Paragraphs: text between blank lines (lines of spaces count as blank).
fn split_paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut blank_run = false;
    let mut line_start = 0;
    for (i, c) in text.char_indices() {
        if c != '\n' {
            continue;
        }
        let line = &text[line_start..i];
        if line.trim().is_empty() && !blank_run && line_start > start {
            out.push(&text[start..line_start]);
            blank_run = true;
            start = i + 1;
        } else if line.trim().is_empty() && blank_run {
            start = i + 1;
        } else {
            blank_run = false;
        }
        line_start = i + 1;
    }
    out.push(&text[start..]);
    out
}

/// Single newlines in a paragraph become `<br>`, except beside block tags
/// and inside tags.
fn breaks(chunk: &str) -> String {
    let lines: Vec<&str> = split_outside_tags(chunk);
    let mut out = String::with_capacity(chunk.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let Some(next) = lines.get(i + 1) else { break };
        let after_block = last_tag(line.trim_end()).is_some_and(|t| block_tag(t).is_some());
        let before_block = block_tag(next.trim_start()).is_some();
        if !after_block && !before_block {
            out.push_str("<br>");
        }
        out.push('\n');
    }
    out
}

/// The lines of a chunk, not splitting inside a tag.
fn split_outside_tags(chunk: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut in_tag = false;
    let mut start = 0;
    for (i, c) in chunk.char_indices() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '\n' if !in_tag => {
                lines.push(&chunk[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    lines.push(&chunk[start..]);
    lines
}

/// The tag a line ends with, if it ends with one.
fn last_tag(line: &str) -> Option<&str> {
    if !line.ends_with('>') {
        return None;
    }
    line.rfind('<').map(|at| &line[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_breaks() {
        assert_eq!(
            autop("one\ntwo\n\nthree"),
            "<p>one<br>\ntwo</p>\n<p>three</p>\n"
        );
        assert_eq!(autop("a\r\n\r\n\r\nb"), "<p>a</p>\n<p>b</p>\n");
        assert_eq!(
            autop("<ul>\n<li>x</li>\n</ul>\nafter"),
            "<ul>\n<li>x</li>\n</ul>\n<p>after</p>\n"
        );
        assert_eq!(
            autop("text <a\nhref=\"x\">link</a>"),
            "<p>text <a\nhref=\"x\">link</a></p>\n"
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(
            autop("before\n\n<pre>a\n\nb</pre>\n\n<!-- more -->\nafter"),
            "<p>before</p>\n<pre>a\n\nb</pre>\n<p><!-- more --><br>\nafter</p>\n"
        );
    }
}
