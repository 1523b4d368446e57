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
use dateline_store::{CommentParent, ImportedComment, COMMENT_BATCH};
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
    // Parents before their replies: from the comments at the top (or whose
    // parent is not among these), each followed in turn by its replies.
    // Comments left over sit in a cycle of parents, and go in at the top.
    let position: HashMap<u64, usize> = waiting
        .iter()
        .enumerate()
        .filter_map(|(k, (_, c))| c.id.map(|id| (id, k)))
        .collect();
    let mut replies: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut queue = std::collections::VecDeque::new();
    for (k, (_, c)) in waiting.iter().enumerate() {
        match c
            .parent
            .filter(|p| Some(*p) != c.id && position.contains_key(p))
        {
            Some(parent) => replies.entry(parent).or_default().push(k),
            None => queue.push_back(k),
        }
    }
    let mut done = vec![false; waiting.len()];
    let mut order: Vec<(usize, &Comment, bool)> = Vec::with_capacity(waiting.len());
    while let Some(k) = queue.pop_front() {
        if std::mem::replace(&mut done[k], true) {
            continue;
        }
        let (n, c) = waiting[k];
        order.push((n, c, false));
        if let Some(next) = c.id.and_then(|id| replies.remove(&id)) {
            queue.extend(next);
        }
    }
    for (k, (n, c)) in waiting.iter().enumerate() {
        if !done[k] {
            order.push((*n, c, true));
        }
    }
    // WordPress comment id → the local one, for replies.
    let mut local: HashMap<u64, i64> = HashMap::new();
    for chunk in order.chunks(COMMENT_BATCH) {
        batch(cx, article_id, item, chunk, &mut local).await;
    }
}

/// Writes one batch of comments, in order, parents first.
async fn batch(
    cx: &mut Context<'_>,
    article_id: i64,
    item: &Item,
    chunk: &[(usize, &Comment, bool)],
    local: &mut HashMap<u64, i64>,
) {
    let mut comments: Vec<ImportedComment> = Vec::with_capacity(chunk.len());
    let mut which: Vec<(usize, Option<u64>)> = Vec::with_capacity(chunk.len());
    // WordPress comment id → its place in this batch.
    let mut here: HashMap<u64, usize> = HashMap::new();
    for &(n, c, orphan) in chunk {
        let body = plain_text(&c.content, limits::BODY_CHARS);
        if body.trim().is_empty() {
            cx.report.comments.skip("no text");
            continue;
        }
        let parent = match c.parent.filter(|_| !orphan) {
            Some(p) => match (local.get(&p), here.get(&p)) {
                (Some(id), _) => CommentParent::Id(*id),
                (None, Some(i)) => CommentParent::Earlier(*i),
                (None, None) => CommentParent::Top,
            },
            None => CommentParent::Top,
        };
        let email = c.author_email.trim();
        let key = match c.id {
            Some(id) => format!("wordpress:{}:comment:{id}", cx.site),
            None => format!("wordpress:{}:post:{}:comment:{n}", cx.site, item.post_id),
        };
        if let Some(id) = c.id {
            here.insert(id, comments.len());
        }
        which.push((n, c.id));
        comments.push(ImportedComment {
            article_id,
            parent,
            name: plain_text(&c.author, limits::NAME_CHARS).replace('\n', " "),
            email: if is_plausible_email(email) {
                email.to_string()
            } else {
                String::new()
            },
            body,
            status: match c.approved {
                Approval::Approved => CommentStatus::Approved,
                Approval::Spam => CommentStatus::Spam,
                _ => CommentStatus::Pending,
            },
            created_at: c
                .date_gmt
                .or(c.date.map(|d| d.assume_utc()))
                .unwrap_or(cx.now),
            key,
        });
    }
    let at = item.position;
    let results = match cx.app.store.import_comments(&comments).await {
        Ok(results) => results,
        Err(e) => {
            cx.report.comments.failed += comments.len() as u64;
            cx.report.problem(
                at.line,
                format!(
                    "item {} (post {}): {} comments were refused: {e}",
                    at.ordinal,
                    item.post_id,
                    comments.len()
                ),
            );
            return;
        }
    };
    for (result, (n, wp)) in results.into_iter().zip(which) {
        match result {
            Ok((id, created)) => {
                if let Some(wp) = wp {
                    local.insert(wp, id);
                }
                cx.report.comments.done(created);
            }
            Err(why) => {
                cx.report.comments.failed += 1;
                let name = wp.map_or_else(|| format!("#{}", n + 1), |id| id.to_string());
                cx.report.problem(
                    at.line,
                    format!(
                        "item {} (post {}): comment {name} was refused: {why}",
                        at.ordinal, item.post_id
                    ),
                );
            }
        }
    }
}
