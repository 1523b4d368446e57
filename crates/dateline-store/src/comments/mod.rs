//! Reader comments: posting, reading, moderating, blocking, and a reader's
//! own data.

use crate::corrupt;
use crate::{changes, from_unix, unix, Result, Store, StoreError};
use dateline_core::comment::{CommentStatus, ValidComment};
use serde::Serialize;
use sqlx::{FromRow, Row};
use time::OffsetDateTime;

mod batch;
mod moderation;

pub use batch::NewComment;
pub(crate) use batch::Writer;

/// A comment as readers see it (never with the email).
#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub status: CommentStatus,
    /// Written in the newsroom: readers see it marked as the site's.
    pub staff: bool,
    pub replies: Vec<CommentView>,
}

/// A comment as moderators see it: with the email, the article, and the
/// commenter's history.
#[derive(Debug, Clone, Serialize)]
pub struct ModerationItem {
    pub id: i64,
    pub article_id: i64,
    pub article_headline: String,
    pub article_path: Option<String>,
    pub parent_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub body: String,
    pub status: CommentStatus,
    pub spam_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Written in the newsroom.
    pub staff: bool,
    /// A moderator changed its text.
    pub edited: bool,
    /// The commenter's other comments, this one not counted.
    pub history: History,
}

/// How many comments have each status: the queue's tabs.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct StatusCounts {
    pub pending: i64,
    pub approved: i64,
    pub rejected: i64,
    pub spam: i64,
}

/// How a commenter's earlier comments fared, by email.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct History {
    pub approved: i64,
    pub rejected: i64,
    pub spam: i64,
    pub pending: i64,
}

/// What posting did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub id: i64,
    pub status: CommentStatus,
    /// The same comment had been posted before (a double submit): nothing new
    /// was written.
    pub duplicate: bool,
}

/// Whom [`Store::commenter_standing`] asks about.
#[derive(Debug, Clone, Copy)]
pub struct StandingQuery<'a> {
    pub duplicate_key: &'a str,
    pub address_hash: &'a str,
    pub email: &'a str,
    pub since: OffsetDateTime,
    /// Counts stop here: the rate limits.
    pub address_limit: i64,
    pub email_limit: i64,
}

/// A commenter's standing (see [`Store::commenter_standing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// This comment is there already: a double submit.
    pub seen: bool,
    pub by_address: i64,
    pub by_email: i64,
    pub blocked: bool,
    pub approved_before: bool,
}

/// Whether an article takes comments now, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    Open,
    ClosedForArticle,
    ClosedForSection,
    ClosedByAge,
    NotPublished,
}

/// An article a reader posts a comment to (see `Store::comment_target`).
#[derive(Debug, Clone)]
pub struct CommentTarget {
    pub id: i64,
    pub language: dateline_core::Language,
    pub path: String,
    pub openness: Openness,
}

/// Whether the article of `row` (its status, publication time, and its
/// own and its section's switches) takes comments at `now`.
fn openness(
    row: &sqlx::any::AnyRow,
    now: OffsetDateTime,
    close_after_days: i64,
) -> Result<Openness> {
    let status: String = row.try_get("status")?;
    if status != "published" {
        return Ok(Openness::NotPublished);
    }
    if row.try_get::<i64, _>("comments_open")? == 0 {
        return Ok(Openness::ClosedForArticle);
    }
    if row.try_get::<i64, _>("section_open")? == 0 {
        return Ok(Openness::ClosedForSection);
    }
    let published = from_unix(row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0));
    if close_after_days > 0 && now - published > time::Duration::days(close_after_days) {
        return Ok(Openness::ClosedByAge);
    }
    Ok(Openness::Open)
}

/// One comment of a reader's data export.
#[derive(Debug, Clone, Serialize)]
pub struct OwnComment {
    pub id: i64,
    pub article_path: Option<String>,
    pub name: String,
    pub email: String,
    pub body: String,
    pub status: CommentStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// The form a comment came with: a digest of its token and the reader,
/// how many comments they may post with it, and when the token expires
/// (after which its row goes).
#[derive(Debug, Clone)]
pub struct FormUse {
    pub digest: String,
    pub max_uses: i64,
    pub expires_at: OffsetDateTime,
}

impl History {
    fn add(&mut self, status: &str, n: i64) {
        let slot = match status {
            "approved" => &mut self.approved,
            "rejected" => &mut self.rejected,
            "spam" => &mut self.spam,
            _ => &mut self.pending,
        };
        *slot = (*slot + n).max(0);
    }
}

/// One change per article whose comments changed.
async fn record_articles(
    tx: &mut sqlx::AnyConnection,
    mut articles: Vec<i64>,
    now: OffsetDateTime,
) -> Result<()> {
    articles.sort_unstable();
    articles.dedup();
    for article in articles {
        changes::record(tx, "comment", Some(article), now).await?;
    }
    Ok(())
}

fn status_of(text: &str) -> Result<CommentStatus> {
    text.parse().map_err(corrupt("comments.status"))
}

impl Store {
    /// Whether `article_id` takes comments at `now`, with comments closing
    /// `close_after_days` after publication (0: never).
    pub async fn comments_openness(
        &self,
        article_id: i64,
        now: OffsetDateTime,
        close_after_days: i64,
    ) -> Result<Openness> {
        let row = sqlx::query(
            "SELECT a.status, a.published_at, a.comments_open, s.comments_open AS section_open
             FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = $1",
        )
        .bind(article_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        openness(&row, now, close_after_days)
    }

    /// The article at `path` (as the store keeps it: decoded) that a
    /// reader posts a comment to, and whether it takes comments at `now`:
    /// one read where the article page needs several. None when no
    /// article has that path now.
    pub async fn comment_target(
        &self,
        path: &str,
        now: OffsetDateTime,
        close_after_days: i64,
    ) -> Result<Option<CommentTarget>> {
        let Some(row) = sqlx::query(
            "SELECT a.id, a.language, a.status, a.published_at, a.comments_open,
                    s.comments_open AS section_open
             FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.path = $1",
        )
        .bind(path)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let language: String = row.try_get("language")?;
        Ok(Some(CommentTarget {
            id: row.try_get("id")?,
            language: language.parse().map_err(corrupt("articles.language"))?,
            path: path.to_string(),
            openness: openness(&row, now, close_after_days)?,
        }))
    }

    /// Opens or closes comments on one article.
    pub async fn set_article_comments_open(
        &self,
        article_id: i64,
        open: bool,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("UPDATE articles SET comments_open = $1 WHERE id = $2")
            .bind(i64::from(open))
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        changes::record(&mut tx, "article", Some(article_id), now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Opens or closes comments on every article of a section.
    pub async fn set_section_comments_open(
        &self,
        language: dateline_core::Language,
        slug: &str,
        open: bool,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let done =
            sqlx::query("UPDATE sections SET comments_open = $1 WHERE language = $2 AND slug = $3")
                .bind(i64::from(open))
                .bind(language.code())
                .bind(slug)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        changes::record(&mut tx, "section", None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// What the rules need to know of a commenter before a new comment, in
    /// one query: whether this very comment was posted before (a double
    /// submit), how many comments their address and their email posted
    /// since `since` (counted no further than the limits, so a flood from
    /// one address costs no more than the limit), whether a moderator
    /// blocked either, and whether one of theirs was ever approved.
    pub async fn commenter_standing(&self, asking: &StandingQuery<'_>) -> Result<Standing> {
        let row = sqlx::query(
            "SELECT
               (SELECT COUNT(*) FROM comments WHERE duplicate_key = $1) AS seen,
               (SELECT COUNT(*) FROM (SELECT 1 FROM comments
                  WHERE address_hash = $2 AND created_at >= $4 LIMIT $5) AS a) AS by_address,
               (SELECT COUNT(*) FROM (SELECT 1 FROM comments
                  WHERE email = $3 AND created_at >= $4 LIMIT $6) AS e) AS by_email,
               (SELECT COUNT(*) FROM (SELECT 1 FROM commenter_blocks
                  WHERE email = $3 OR address_hash = $2 LIMIT 1) AS b) AS blocked,
               (SELECT COUNT(*) FROM (SELECT 1 FROM comments
                  WHERE email = $3 AND status = 'approved' LIMIT 1) AS p) AS approved",
        )
        .bind(asking.duplicate_key)
        .bind(asking.address_hash)
        .bind(asking.email)
        .bind(unix(asking.since))
        .bind(asking.address_limit)
        .bind(asking.email_limit)
        .fetch_one(&self.pool)
        .await?;
        Ok(Standing {
            seen: row.try_get::<i64, _>("seen")? > 0,
            by_address: row.try_get("by_address")?,
            by_email: row.try_get("by_email")?,
            blocked: row.try_get::<i64, _>("blocked")? > 0,
            approved_before: row.try_get::<i64, _>("approved")? > 0,
        })
    }

    /// Whether `parent_id` is an approved top-level comment of the article:
    /// replies go one level deep.
    pub async fn is_reply_target(&self, article_id: i64, parent_id: i64) -> Result<bool> {
        let any: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM comments WHERE id = $1 AND article_id = $2 AND parent_id IS NULL AND status = 'approved'",
        )
        .bind(parent_id)
        .bind(article_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(any.is_some())
    }

    /// Commits a comment. A comment with the same duplicate key (a double
    /// submit) is not written again: its first copy is returned. Only an
    /// approved comment changes a page, so only that enters the change feed.
    #[allow(clippy::too_many_arguments)]
    pub async fn post_comment(
        &self,
        article_id: i64,
        comment: &ValidComment,
        status: CommentStatus,
        spam_reason: Option<&str>,
        address_hash: &str,
        duplicate_key: &str,
        now: OffsetDateTime,
    ) -> Result<Posted> {
        let posted = self
            .post_comment_with_form(
                article_id,
                comment,
                status,
                spam_reason,
                address_hash,
                duplicate_key,
                None,
                now,
            )
            .await?;
        posted.ok_or_else(|| StoreError::Conflict("the form was used up".into()))
    }

    /// Writes a new comment and counts a use of its form (when `form` is
    /// given), in the writer's next batch (see [`batch`]). `Ok(None)` when
    /// the form has no use left: nothing is written.
    #[allow(clippy::too_many_arguments)]
    pub async fn post_comment_with_form(
        &self,
        article_id: i64,
        comment: &ValidComment,
        status: CommentStatus,
        spam_reason: Option<&str>,
        address_hash: &str,
        duplicate_key: &str,
        form: Option<&FormUse>,
        now: OffsetDateTime,
    ) -> Result<Option<Posted>> {
        self.write_comment(NewComment {
            article_id,
            comment: comment.clone(),
            status,
            spam_reason: spam_reason.map(str::to_string),
            address_hash: address_hash.to_string(),
            duplicate_key: duplicate_key.to_string(),
            form: form.cloned(),
            now,
        })
        .await
    }

    /// One comment as its author sees it right after posting.
    pub async fn comment_view(&self, id: i64) -> Result<(i64, CommentView)> {
        let row = sqlx::query("SELECT id, article_id, parent_id, name, body, status, staff, created_at FROM comments WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok((row.try_get("article_id")?, view(&row)?))
    }

    /// One page of an article's approved top-level comments, oldest first,
    /// each with its approved replies; and how many top-level comments there
    /// are in all.
    pub async fn approved_comments(
        &self,
        article_id: i64,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<CommentView>, i64)> {
        let rows = sqlx::query(
            "SELECT id, parent_id, name, body, status, staff, created_at FROM comments
             WHERE article_id = $1 AND parent_id IS NULL AND status = 'approved'
             ORDER BY created_at, id LIMIT $2 OFFSET $3",
        )
        .bind(article_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let mut top: Vec<CommentView> = rows.iter().map(view).collect::<Result<_>>()?;
        if let (Some(first), Some(last)) = (top.first(), top.last()) {
            let replies = sqlx::query(
                "SELECT r.id, r.parent_id, r.name, r.body, r.status, r.staff, r.created_at
                 FROM comments r JOIN comments p ON p.id = r.parent_id
                 WHERE r.article_id = $1 AND r.status = 'approved' AND p.status = 'approved'
                   AND (p.created_at > $2 OR (p.created_at = $2 AND p.id >= $3))
                   AND (p.created_at < $4 OR (p.created_at = $4 AND p.id <= $5))
                 ORDER BY r.created_at, r.id",
            )
            .bind(article_id)
            .bind(unix(first.created_at))
            .bind(first.id)
            .bind(unix(last.created_at))
            .bind(last.id)
            .fetch_all(&self.pool)
            .await?;
            for r in &replies {
                let reply = view(r)?;
                if let Some(parent) = top.iter_mut().find(|c| Some(c.id) == reply.parent_id) {
                    parent.replies.push(reply);
                }
            }
        }
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE article_id = $1 AND parent_id IS NULL AND status = 'approved'",
        )
        .bind(article_id)
        .fetch_one(&self.pool)
        .await?;
        Ok((top, total))
    }
}

/// A comment as its row holds it: the columns in the types every engine
/// gives, read by name.
#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    parent_id: Option<i64>,
    name: String,
    body: String,
    created_at: i64,
    status: String,
    staff: i64,
}

fn view(row: &sqlx::any::AnyRow) -> Result<CommentView> {
    let row = CommentRow::from_row(row)?;
    Ok(CommentView {
        id: row.id,
        parent_id: row.parent_id,
        name: row.name,
        body: row.body,
        created_at: from_unix(row.created_at),
        status: status_of(&row.status)?,
        staff: row.staff != 0,
        replies: Vec::new(),
    })
}
