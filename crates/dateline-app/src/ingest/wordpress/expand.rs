//! What a post's content names and the export holds elsewhere, put in
//! place before conversion: a reusable block (`<!-- wp:block {"ref":12}
//! /-->`) by the `wp_block` item's content, and a `[gallery]` that names no
//! pictures by the ids of the pictures attached to the post, as WordPress
//! shows them. One level only, within the content's own size bound.

use dateline_import::wordpress::wxr::limits::CONTENT_BYTES;
use std::collections::HashMap;

/// Reusable blocks kept for the second reading, in bytes in all.
pub(super) const BLOCK_BYTES: usize = 16 * 1024 * 1024;

/// `content` with reusable blocks and bare galleries filled in; unchanged
/// when it names neither (or when filling in would pass the size bound).
pub(super) fn expand(
    content: &str,
    blocks: &HashMap<u64, String>,
    attached: Option<&Vec<u64>>,
) -> String {
    let mut out = content.to_string();
    if !blocks.is_empty() && out.contains("<!-- wp:block ") {
        out = reusable_blocks(&out, blocks);
    }
    if let Some(ids) = attached.filter(|ids| !ids.is_empty()) {
        if out.contains("[gallery") {
            out = galleries(&out, ids);
        }
    }
    if out.len() > CONTENT_BYTES {
        return content.to_string();
    }
    out
}

fn reusable_blocks(content: &str, blocks: &HashMap<u64, String>) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find("<!-- wp:block ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find("-->") else {
            out.push_str(tail);
            return out;
        };
        let comment = &tail[..end + 3];
        let found = reference(comment).and_then(|id| blocks.get(&id));
        match found {
            Some(block) if comment.trim_end_matches("-->").trim_end().ends_with('/') => {
                out.push_str(block)
            }
            _ => out.push_str(comment),
        }
        rest = &tail[end + 3..];
        if out.len() > CONTENT_BYTES {
            break;
        }
    }
    out.push_str(rest);
    out
}

/// The number after `"ref":` in a block comment.
fn reference(comment: &str) -> Option<u64> {
    let after = &comment[comment.find("\"ref\"")? + 5..];
    let digits: String = after
        .trim_start_matches([':', ' '])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn galleries(content: &str, ids: &[u64]) -> String {
    let list: Vec<String> = ids.iter().map(u64::to_string).collect();
    let mut out = String::with_capacity(content.len() + 64);
    let mut rest = content;
    while let Some(at) = rest.find("[gallery") {
        let tail = &rest[at..];
        let after = &tail["[gallery".len()..];
        let Some(end) = after.find(']') else {
            break;
        };
        let attrs = &after[..end];
        let starts_tag = attrs.is_empty() || attrs.starts_with([' ', '\t', '\n']);
        out.push_str(&rest[..at]);
        out.push_str("[gallery");
        if starts_tag && !attrs.contains("ids=") && !attrs.contains("include=") {
            out.push_str(&format!(" ids=\"{}\"", list.join(",")));
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Links to the old site's own pages made relative (`https://old.example/
/// 2024/05/x/` → `/2024/05/x/`), so that they reach this site, which
/// answers each with a 301 to where it went, whatever domain it now
/// serves; links to the old site's uploads are left, since only the
/// pictures placed in the library have an address here.
pub(super) fn relink(markdown: &str, base: &str) -> String {
    let host = base
        .trim()
        .trim_end_matches('/')
        .split_once("://")
        .map_or("", |(_, rest)| rest.split('/').next().unwrap_or(""));
    if host.is_empty() || !markdown.contains(host) {
        return markdown.to_string();
    }
    let mut out = markdown.to_string();
    for lead in ["](", "href=\""] {
        for scheme in ["https://", "http://"] {
            let from = format!("{lead}{scheme}{host}/");
            if !out.contains(&from) {
                continue;
            }
            let mut next = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(at) = rest.find(&from) {
                let after = &rest[at + from.len()..];
                next.push_str(&rest[..at]);
                if after.starts_with("wp-content/") || after.starts_with("files/") {
                    next.push_str(&from);
                } else {
                    next.push_str(lead);
                    next.push('/');
                }
                rest = after;
            }
            next.push_str(rest);
            out = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{expand, relink};

    #[test]
    fn links_to_the_old_site_become_its_paths() {
        let base = "https://old.example.org";
        assert_eq!(
            relink(
                "[a](https://old.example.org/2024/05/x/) [b](http://old.example.org/?p=3)",
                base
            ),
            "[a](/2024/05/x/) [b](/?p=3)"
        );
        assert_eq!(
            relink("<a href=\"https://old.example.org/about/\">A</a>", base),
            "<a href=\"/about/\">A</a>"
        );
        let kept =
            "[p](https://old.example.org/wp-content/uploads/a.jpg) [o](https://other.example/x)";
        assert_eq!(relink(kept, base), kept);
        assert_eq!(
            relink("[s](https://old.example.org.evil/x)", base),
            "[s](https://old.example.org.evil/x)"
        );
    }

    use std::collections::HashMap;

    #[test]
    fn blocks_and_galleries_are_filled_in() {
        let blocks = HashMap::from([(12, "<p>Kept once.</p>".to_string())]);
        assert_eq!(
            expand("a<!-- wp:block {\"ref\":12} /-->b", &blocks, None),
            "a<p>Kept once.</p>b"
        );
        assert_eq!(
            expand("<!-- wp:block {\"ref\":99} /-->", &blocks, None),
            "<!-- wp:block {\"ref\":99} /-->"
        );
        let ids = vec![3, 4];
        assert_eq!(
            expand("[gallery] [gallery columns=\"2\"] [gallery ids=\"1\"] [galleryx]", &blocks, Some(&ids)),
            "[gallery ids=\"3,4\"] [gallery ids=\"3,4\" columns=\"2\"] [gallery ids=\"1\"] [galleryx]"
        );
        assert_eq!(expand("[gallery]", &blocks, None), "[gallery]");
        assert_eq!(expand("[gallery", &blocks, Some(&ids)), "[gallery");
    }
}
