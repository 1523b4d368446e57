//! Text and addresses written into Markdown so that they render as they
//! read: the idea of `dateline_core::escape_markdown`, applied to pieces
//! of a line rather than to a whole paragraph.

/// Escapes what could start Markdown anywhere in a line. What matters only
/// at the start of a line is escaped by [`line_start`].
pub fn text(raw: &str, out: &mut String) {
    for (i, c) in raw.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // "&amp;" in text is an entity to Markdown; "AT&T" is not.
            '&' if looks_like_entity(&raw[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
}

fn looks_like_entity(after: &str) -> bool {
    let name_len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(after.len());
    name_len > 0 && after[name_len..].starts_with(';')
}

/// Escapes the start of one line of a paragraph: what would make it a
/// heading, a quote, a list item or a break there.
pub fn line_start(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 2);
    match line.chars().next() {
        Some('#' | '>' | '-' | '+' | '=') => out.push('\\'),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            if matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
                out.push_str(&line[..digits]);
                out.push('\\');
                out.push_str(&line[digits..]);
                return out;
            }
        }
        _ => {}
    }
    out.push_str(line);
    out
}

/// A link destination: as written when it can be, else in angle brackets.
pub fn destination(url: &str) -> String {
    let url: String = url.chars().filter(|c| !c.is_control()).collect();
    let url = url.trim();
    if url.is_empty() {
        return "<>".into();
    }
    if url.contains([' ', '(', ')', '<', '>', '\\']) {
        let inner = url
            .replace('<', "%3C")
            .replace('>', "%3E")
            .replace('\\', "%5C")
            .replace(' ', "%20");
        return format!("<{inner}>");
    }
    url.to_string()
}

/// A code span holding `code` literally.
pub fn code_span(code: &str) -> String {
    let code = code.replace('\n', " ");
    if code.trim().is_empty() {
        return String::new();
    }
    let longest = longest_run(&code, '`');
    let ticks = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{code}{pad}{ticks}")
}

/// A fence longer than any run of backticks in `code`.
pub fn fence(code: &str) -> String {
    "`".repeat((longest_run(code, '`') + 1).max(3))
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Text for HTML (element content or a double-quoted attribute).
pub fn html(text: &str, out: &mut String) {
    dateline_core::markdown::escape_html(text, out);
}

/// Whether an address may be linked: http(s), mailto, or relative.
/// Browsers ignore control characters and spaces in a scheme
/// ("java\nscript:"), so they are ignored here too.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(at) if cleaned[at..].starts_with(':') => {
            matches!(&cleaned[..at], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(raw: &str) -> String {
        let mut out = String::new();
        text(raw, &mut out);
        line_start(&out)
    }

    #[test]
    fn escapes_what_markdown_would_read() {
        assert_eq!(
            escaped("a *b* _c_ [d](e) <f> `g` h|i ~~j~~"),
            r"a \*b\* \_c\_ \[d\](e) \<f> \`g\` h\|i \~\~j\~\~"
        );
        assert_eq!(escaped("AT&T &amp; &#123;"), r"AT&T \&amp; \&#123;");
        assert_eq!(escaped("# x"), r"\# x");
        assert_eq!(escaped("12. x"), r"12\. x");
        assert_eq!(escaped("3) x"), r"3\) x");
        assert_eq!(escaped("- x"), r"\- x");
        assert_eq!(escaped("2024 was"), "2024 was");
    }

    #[test]
    fn destinations_and_code() {
        assert_eq!(
            destination("https://a.example/x_(y)"),
            "<https://a.example/x_(y)>"
        );
        assert_eq!(
            destination("https://a.example/p?q=1"),
            "https://a.example/p?q=1"
        );
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(fence("a ```` b"), "`````");
        assert!(is_safe_url("/2020/01/x/"));
        assert!(is_safe_url("https://x"));
        assert!(!is_safe_url("java\nscript:alert(1)"));
        assert!(!is_safe_url(" JAVASCRIPT:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
    }
}
