//! The block editor's markup: `<!-- wp:name {"json":1} -->…<!-- /wp:name -->`
//! and `<!-- wp:name /-->` comments around ordinary HTML. The blocks are
//! read into a tree and written back as one HTML fragment for the
//! converter, with the blocks whose HTML says too little (embeds, dynamic
//! blocks, raw HTML) replaced by placeholder elements it knows.

use super::autop::autop;
use super::ConversionReport;

/// How deep blocks may nest; deeper block comments are left as comments.
const MAX_DEPTH: usize = 64;

/// A piece of post content: HTML, or a block.
#[derive(Debug)]
pub enum Piece<'a> {
    Html(&'a str),
    Block(Block<'a>),
}

#[derive(Debug)]
pub struct Block<'a> {
    /// Without `wp:` and without `core/`: "paragraph", "core-embed/youtube",
    /// "jetpack/slideshow".
    pub name: String,
    /// The block's JSON attributes, as written.
    pub attrs: &'a str,
    pub inner: Vec<Piece<'a>>,
}

/// Whether the content has block markup at all (else it is classic
/// content, which relies on wpautop).
pub fn has_blocks(content: &str) -> bool {
    content.contains("<!-- wp:")
}

/// Reads content into pieces. Unclosed blocks end with the content; a
/// closing comment without its opening is dropped.
pub fn parse(content: &str) -> Vec<Piece<'_>> {
    let mut stack: Vec<Block<'_>> = Vec::new();
    let mut top: Vec<Piece<'_>> = Vec::new();
    let mut rest = content;
    let mut offset = 0;
    while let Some(at) = rest.find("<!--") {
        let Some((comment, len)) = block_comment(&rest[at..]) else {
            // An ordinary comment: part of the HTML.
            let end = rest[at + 4..]
                .find("-->")
                .map_or(rest.len(), |e| at + 4 + e + 3);
            push(&mut stack, &mut top, Piece::Html(&rest[..end]));
            offset += end;
            rest = &content[offset..];
            continue;
        };
        if at > 0 {
            push(&mut stack, &mut top, Piece::Html(&rest[..at]));
        }
        match comment {
            Comment::Open { name, attrs, void } if stack.len() < MAX_DEPTH => {
                let block = Block {
                    name,
                    attrs,
                    inner: Vec::new(),
                };
                if void {
                    push(&mut stack, &mut top, Piece::Block(block));
                } else {
                    stack.push(block);
                }
            }
            Comment::Open { .. } => {}
            Comment::Close { name } => {
                if let Some(found) = stack.iter().rposition(|b| b.name == name) {
                    while stack.len() > found {
                        if let Some(done) = stack.pop() {
                            push(&mut stack, &mut top, Piece::Block(done));
                        }
                    }
                }
            }
        }
        offset += at + len;
        rest = &content[offset..];
    }
    if !rest.is_empty() {
        push(&mut stack, &mut top, Piece::Html(rest));
    }
    while let Some(done) = stack.pop() {
        push(&mut stack, &mut top, Piece::Block(done));
    }
    top
}

fn push<'a>(stack: &mut [Block<'a>], top: &mut Vec<Piece<'a>>, piece: Piece<'a>) {
    match stack.last_mut() {
        Some(open) => open.inner.push(piece),
        None => top.push(piece),
    }
}

enum Comment<'a> {
    Open {
        name: String,
        attrs: &'a str,
        void: bool,
    },
    Close {
        name: String,
    },
}

/// A block comment at the start of `text`, and its length.
fn block_comment(text: &str) -> Option<(Comment<'_>, usize)> {
    let inside_start = 4;
    let end = text.find("-->")?;
    let inside = text[inside_start..end].trim();
    let len = end + 3;
    if let Some(name) = inside.strip_prefix("/wp:") {
        return Some((
            Comment::Close {
                name: normal_name(name.trim()),
            },
            len,
        ));
    }
    let rest = inside.strip_prefix("wp:")?;
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_')))
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(name_len);
    let (attrs, void) = match after.trim().strip_suffix('/') {
        Some(a) => (a.trim(), true),
        None => (after.trim(), false),
    };
    if name.is_empty() {
        return None;
    }
    Some((
        Comment::Open {
            name: normal_name(name.trim_end_matches('/')),
            attrs,
            void,
        },
        len,
    ))
}

fn normal_name(name: &str) -> String {
    name.strip_prefix("core/").unwrap_or(name).to_string()
}

/// Blocks whose saved HTML says all there is to say: converted from it.
const STATIC: &[&str] = &[
    "paragraph",
    "heading",
    "list",
    "list-item",
    "quote",
    "pullquote",
    "image",
    "gallery",
    "separator",
    "table",
    "preformatted",
    "code",
    "verse",
    "group",
    "columns",
    "column",
    "cover",
    "media-text",
    "buttons",
    "button",
    "audio",
    "video",
    "file",
    "details",
    "shortcode",
    "text-columns",
    "subhead",
    "footnotes",
];

/// Writes pieces back as one HTML fragment. `classic` content (no blocks)
/// gets wpautop's paragraphs.
pub fn compose(pieces: &[Piece<'_>], classic: bool, report: &mut ConversionReport) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Html(html) if classic => out.push_str(&autop(html)),
            Piece::Html(html) => out.push_str(html),
            Piece::Block(block) => compose_block(block, report, &mut out),
        }
    }
    out
}

fn compose_block(block: &Block<'_>, report: &mut ConversionReport, out: &mut String) {
    let name = block.name.as_str();
    match name {
        "more" | "nextpage" | "spacer" => {}
        "freeform" => out.push_str(&compose(&block.inner, true, report)),
        "html" => {
            out.push_str("<wp-raw>");
            out.push_str(&compose(&block.inner, false, report));
            out.push_str("</wp-raw>");
        }
        _ if name == "embed" || name.starts_with("core-embed/") => {
            let attrs = json(block.attrs);
            let inner_html = compose(&block.inner, false, report);
            let url = attrs
                .get("url")
                .and_then(|u| u.as_str())
                .map(str::to_string)
                .or_else(|| first_url(&inner_html))
                .unwrap_or_default();
            let provider = attrs
                .get("providerNameSlug")
                .and_then(|p| p.as_str())
                .or_else(|| name.strip_prefix("core-embed/"))
                .unwrap_or("");
            out.push_str(&format!(
                "<wp-embed data-url=\"{}\" data-provider=\"{}\">{inner_html}</wp-embed>",
                attribute(&url),
                attribute(provider)
            ));
        }
        _ if STATIC.contains(&name) => out.push_str(&compose(&block.inner, false, report)),
        _ => {
            push_once(&mut report.unknown_blocks, name);
            let html = compose(&block.inner, false, report);
            if !html.trim().is_empty() {
                out.push_str(&html);
            } else {
                let label = match json(block.attrs).get("ref").and_then(|r| r.as_u64()) {
                    Some(reference) => format!("{name} {reference}"),
                    None => name.to_string(),
                };
                out.push_str(&format!(
                    "<wp-marker data-name=\"{}\"></wp-marker>",
                    attribute(&label)
                ));
            }
        }
    }
}

fn json(attrs: &str) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::from_str(attrs) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

/// The first http(s) URL in a piece of HTML (an embed's saved markup
/// holds its URL as text).
fn first_url(html: &str) -> Option<String> {
    let at = html.find("http://").or_else(|| html.find("https://"))?;
    let url: String = html[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '"' | '\''))
        .collect();
    Some(url)
}

/// Text for a double-quoted HTML attribute.
pub fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn push_once(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|i| i == item) {
        list.push(item.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(pieces: &[Piece<'_>]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Html(h) => format!("[{h}]"),
                Piece::Block(b) => format!("{}{}({})", b.name, b.attrs, outline(&b.inner)),
            })
            .collect()
    }

    #[test]
    fn reads_block_comments() {
        let content = "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->\n\n\
            <!-- wp:core/quote {\"x\":1} --><blockquote><!-- wp:paragraph --><p>q</p><!-- /wp:paragraph --></blockquote><!-- /wp:quote -->\
            <!-- wp:latest-posts {\"postsToShow\":3} /--><!-- a comment --><!-- /wp:stray -->\
            <!-- wp:group --><div>unclosed";
        assert_eq!(
            outline(&parse(content)),
            "paragraph([\n<p>a</p>\n])[\n\n]quote{\"x\":1}([<blockquote>]paragraph([<p>q</p>])[</blockquote>])\
             latest-posts{\"postsToShow\":3}()[<!-- a comment -->]group([<div>unclosed])"
        );
    }

    #[test]
    fn composes_placeholders() {
        let mut report = ConversionReport::default();
        let content =
            "<!-- wp:embed {\"url\":\"https://youtu.be/x\",\"providerNameSlug\":\"youtube\"} -->\
            <figure><div>https://youtu.be/x</div></figure><!-- /wp:embed -->\
            <!-- wp:archives /--><!-- wp:more --><!--more--><!-- /wp:more -->\
            <!-- wp:block {\"ref\":12} /-->";
        let html = compose(&parse(content), false, &mut report);
        assert_eq!(
            html,
            "<wp-embed data-url=\"https://youtu.be/x\" data-provider=\"youtube\"><figure><div>https://youtu.be/x</div></figure></wp-embed>\
             <wp-marker data-name=\"archives\"></wp-marker><wp-marker data-name=\"block 12\"></wp-marker>"
        );
        assert_eq!(report.unknown_blocks, ["archives", "block"]);
    }
}
