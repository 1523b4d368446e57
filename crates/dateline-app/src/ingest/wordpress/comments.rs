//! A post's comments, with their threads, names, addresses, dates and
//! statuses. WordPress keeps a comment as text with a little HTML; here a
//! comment is the plain text a reader types, escaped when shown, so only
//! the words come through (`dateline_import::wordpress::plain_text`).
//! Trackbacks and pingbacks are left out and counted.

use super::Context;
use dateline_core::comment::{limits, CommentStatus};
use dateline_core::newsroom::is_plausible_email;
use dateline_import::wordpress::plain_text;
use dateline_import::wordpress::wxr::{Approval, Comment, CommentKind, Item};
use dateline_store::ImportedComment;
use std::collections::HashMap;

/// Imports the comments of `item`, now article `article_id`: parents
/// before their replies, whatever order the export lists them in.
pub(super) async fn import(cx: &mut Context<'_>, article_id: i64, item: &Item) {
    let mut waiting: Vec<(usize, &Comment)> = Vec::new();
    for (n, c) in item.comments.iter().enumerate() {
        match (&c.kind, &c.approved) {
            (CommentKind::Pingback, _) => cx.report.comments.skip("pingback"),
            (CommentKind::Trackback, _) => cx.report.comments.skip("trackback"),
            (CommentKind::Other(kind), _) => cx.report.comments.skip(&format!("of type {kind}")),
            (_, Approval::Trash) => cx.report.comments.skip("in the trash"),
            (_, Approval::Other(status)) => {
                cx.report.comments.skip(&format!("with status {status}"))
            }
            _ => waiting.push((n, c)),
        }
    }
    // WordPress comment id → the local one, for replies.
    let mut local: HashMap<u64, i64> = HashMap::new();
    let waiting_ids: Vec<u64> = waiting.iter().filter_map(|(_, c)| c.id).collect();
    // Each round imports the comments whose parent is in (or is not among
    // those waiting); a round that imports none breaks a cycle by taking
    // the rest as they are, at the top.
    while !waiting.is_empty() {
        let before = waiting.len();
        let mut later = Vec::new();
        for (n, c) in std::mem::take(&mut waiting) {
            let parent_waits = c.parent.is_some_and(|p| {
                !local.contains_key(&p) && waiting_ids.contains(&p) && Some(p) != c.id
            });
            if parent_waits {
                later.push((n, c));
                continue;
            }
            one(cx, article_id, item, n, c, &mut local).await;
        }
        if later.len() == before {
            for (n, c) in later {
                let mut orphan = c.clone();
                orphan.parent = None;
                one(cx, article_id, item, n, &orphan, &mut local).await;
            }
            break;
        }
        waiting = later;
    }
}

async fn one(
    cx: &mut Context<'_>,
    article_id: i64,
    item: &Item,
    n: usize,
    c: &Comment,
    local: &mut HashMap<u64, i64>,
) {
    let status = match c.approved {
        Approval::Approved => CommentStatus::Approved,
        Approval::Spam => CommentStatus::Spam,
        _ => CommentStatus::Pending,
    };
    let body = plain_text(&c.content, limits::BODY_CHARS);
    if body.trim().is_empty() {
        cx.report.comments.skip("no text");
        return;
    }
    let email = c.author_email.trim();
    let key = match c.id {
        Some(id) => format!("wordpress:{}:comment:{id}", cx.site),
        None => format!("wordpress:{}:post:{}:comment:{n}", cx.site, item.post_id),
    };
    let comment = ImportedComment {
        article_id,
        parent_id: c.parent.and_then(|p| local.get(&p).copied()),
        name: plain_text(&c.author, limits::NAME_CHARS).replace('\n', " "),
        email: if is_plausible_email(email) {
            email.to_string()
        } else {
            String::new()
        },
        body,
        status,
        created_at: c
            .date_gmt
            .or(c.date.map(|d| d.assume_utc()))
            .unwrap_or(cx.now),
        key,
    };
    match cx.app.store.import_comment(&comment).await {
        Ok((id, created)) => {
            if let Some(wp) = c.id {
                local.insert(wp, id);
            }
            cx.report.comments.done(created);
        }
        Err(e) => {
            cx.report.comments.failed += 1;
            cx.report.problem(
                item.position.line,
                format!(
                    "item {} (post {}): comment {} was refused: {e}",
                    item.position.ordinal,
                    item.post_id,
                    c.id.map_or_else(|| format!("#{}", n + 1), |id| id.to_string())
                ),
            );
        }
    }
}
