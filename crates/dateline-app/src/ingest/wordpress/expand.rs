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

#[cfg(test)]
mod tests {
    use super::expand;
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
