//! Shortcodes: `[caption …]<img …> Text[/caption]`, `[gallery ids="…"]`,
//! `[embed]URL[/embed]`, `[audio src=…]`, `[video src=…]` become HTML the
//! converter knows (a figure, or its placeholder elements); any other
//! shortcode stays in the text, visible, and is listed in the report.
//! `[[name]]` is WordPress's way to write a shortcode literally.

use super::blocks::{attribute, push_once};
use super::ConversionReport;

/// How long an opening tag may be before `[` is taken as plain text.
const MAX_TAG: usize = 4096;

pub fn expand(html: &str, report: &mut ConversionReport) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        let here = &rest[at..];
        // [[name …]]: the shortcode written out, not run.
        if let Some(inner) = here.strip_prefix('[') {
            if let Some(tag) = Tag::read(inner) {
                if inner[tag.len..].starts_with(']') {
                    out.push_str(&inner[..tag.len]);
                    rest = &inner[tag.len + 1..];
                    continue;
                }
            }
        }
        let Some(tag) = Tag::read(here) else {
            out.push('[');
            rest = &here[1..];
            continue;
        };
        let after = &here[tag.len..];
        let closing = format!("[/{}]", tag.name);
        let enclosed = (!tag.self_closed)
            .then(|| after.find(&closing))
            .flatten()
            .map(|end| (&after[..end], &after[end + closing.len()..]));
        let (replacement, rest_after) = match (tag.name.as_str(), enclosed) {
            ("caption" | "wp_caption", Some((content, next))) => {
                (caption(&tag, &expand(content, report)), next)
            }
            ("embed", Some((content, next))) => (embed(content.trim(), ""), next),
            ("gallery", _) => {
                let ids = tag.attr("ids").or_else(|| tag.attr("include"));
                if ids.is_none() {
                    push_once(&mut report.shortcodes, "gallery");
                }
                let ids = ids.map(attribute).unwrap_or_default();
                (
                    format!("<wp-gallery data-ids=\"{ids}\"></wp-gallery>"),
                    after,
                )
            }
            ("audio" | "video", _) => {
                let src = tag
                    .attr("src")
                    .or_else(|| {
                        [
                            "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv", "m4v", "mov", "",
                        ]
                        .iter()
                        .find_map(|k| tag.attr(k))
                    })
                    .unwrap_or_default();
                let next = enclosed.map_or(after, |(_, next)| next);
                if src.is_empty() {
                    push_once(&mut report.shortcodes, &tag.name);
                    (here[..tag.len].to_string(), after)
                } else {
                    (embed(src, &tag.name), next)
                }
            }
            (name, _) => {
                // WordPress runs only the shortcodes a plugin registered;
                // "[sic]" or "[simple boat]" in prose are words. Reported
                // are those shaped like a plugin's: closed by [/name], with
                // key=value attributes, or a bare [name].
                let shaped = enclosed.is_some()
                    || tag.attrs.iter().any(|(k, _)| !k.is_empty())
                    || tag.attrs.is_empty();
                if shaped {
                    push_once(&mut report.shortcodes, name);
                }
                (here[..tag.len].to_string(), after)
            }
        };
        out.push_str(&replacement);
        rest = rest_after;
    }
    out.push_str(rest);
    out
}

fn embed(url: &str, provider: &str) -> String {
    format!(
        "<wp-embed data-url=\"{}\" data-provider=\"{}\"></wp-embed>",
        attribute(url),
        attribute(provider)
    )
}

/// `[caption id="attachment_12" caption="…"]<a><img></a> Text[/caption]`
/// as a figure; the caption is the text after the picture, or the
/// `caption` attribute of older posts.
fn caption(tag: &Tag, content: &str) -> String {
    let lower = content.to_ascii_lowercase();
    let media_end = lower
        .rfind("<img")
        .map(|img| {
            let tag_end = lower[img..].find('>').map_or(lower.len(), |e| img + e + 1);
            match lower[tag_end..].trim_start().starts_with("</a>") {
                true => lower[tag_end..]
                    .find("</a>")
                    .map_or(tag_end, |e| tag_end + e + 4),
                false => tag_end,
            }
        })
        .unwrap_or(0);
    let (media, text) = content.split_at(media_end);
    let text = match tag.attr("caption") {
        Some(c) if text.trim().is_empty() => c.to_string(),
        _ => text.trim().to_string(),
    };
    let id = tag
        .attr("id")
        .and_then(|id| id.strip_prefix("attachment_"))
        .unwrap_or("");
    format!(
        "<figure data-attachment=\"{}\">{media}<figcaption>{text}</figcaption></figure>",
        attribute(id)
    )
}

/// An opening shortcode tag: `[name attr="v" other='w' bare=x positional]`.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    self_closed: bool,
    /// Bytes from `[` to `]` inclusive.
    len: usize,
}

impl Tag {
    fn read(text: &str) -> Option<Tag> {
        let body = text.strip_prefix('[')?;
        let name_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(body.len());
        let name = &body[..name_len];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let after = &body[name_len..];
        if !after.starts_with([']', ' ', '/', '\t', '\n']) {
            return None;
        }
        let mut quote = None;
        let end = after.char_indices().take(MAX_TAG).find_map(|(i, c)| {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, ']') => return Some(i),
                (None, '[') => return Some(usize::MAX),
                _ => {}
            }
            None
        })?;
        if end == usize::MAX {
            return None;
        }
        let inside = after[..end].trim();
        let (inside, self_closed) = match inside.strip_suffix('/') {
            Some(i) => (i, true),
            None => (inside, false),
        };
        Some(Tag {
            name: name.to_string(),
            attrs: attributes(inside),
            self_closed,
            len: 1 + name_len + end + 1,
        })
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let key_len = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        let after = rest[key_len..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            // A positional value.
            let value = key.trim_matches(['"', '\'']);
            out.push((String::new(), value.to_string()));
            rest = after;
            continue;
        };
        let value = value.trim_start();
        let (v, next) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &value[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = value.find(char::is_whitespace).unwrap_or(value.len());
                (&value[..end], &value[end..])
            }
        };
        out.push((key.to_string(), v.to_string()));
        rest = next.trim_start();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str, reported: &[&str]) {
        let mut report = ConversionReport::default();
        assert_eq!(expand(input, &mut report), expected, "{input}");
        assert_eq!(report.shortcodes, reported, "{input}");
    }

    #[test]
    fn known_shortcodes_become_html() {
        check(
            "[caption id=\"attachment_7\" align=\"alignleft\" width=\"300\"]<a href=\"x.jpg\"><img src=\"x.jpg\" alt=\"X\" /></a> A [b]caption[/caption] after",
            "<figure data-attachment=\"7\"><a href=\"x.jpg\"><img src=\"x.jpg\" alt=\"X\" /></a><figcaption>A [b]caption</figcaption></figure> after",
            &["b"],
        );
        check(
            "[caption caption=\"Old style\"]<img src=\"y.png\">[/caption]",
            "<figure data-attachment=\"\"><img src=\"y.png\"><figcaption>Old style</figcaption></figure>",
            &[],
        );
        check(
            "[gallery ids=\"1,2\" columns=3]",
            "<wp-gallery data-ids=\"1,2\"></wp-gallery>",
            &[],
        );
        check(
            "[gallery]",
            "<wp-gallery data-ids=\"\"></wp-gallery>",
            &["gallery"],
        );
        check(
            "[embed]https://youtu.be/x[/embed]",
            "<wp-embed data-url=\"https://youtu.be/x\" data-provider=\"\"></wp-embed>",
            &[],
        );
        check(
            "[audio https://a.example/s.mp3]",
            "<wp-embed data-url=\"https://a.example/s.mp3\" data-provider=\"audio\"></wp-embed>",
            &[],
        );
        check(
            "[audio mp3=\"https://a.example/s.mp3\"][/audio]",
            "<wp-embed data-url=\"https://a.example/s.mp3\" data-provider=\"audio\"></wp-embed>",
            &[],
        );
    }

    #[test]
    fn other_brackets_stay() {
        check(
            "[contact-form to='a@b'] [1] [ x ] [[gallery]] a[b [simple boat] [sic]",
            "[contact-form to='a@b'] [1] [ x ] [gallery] a[b [simple boat] [sic]",
            &["contact-form", "sic"],
        );
    }
}
