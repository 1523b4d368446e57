//! Reader comments: posting, reading, moderating, blocking, and a reader's
//! own data.

use crate::corrupt;
use crate::{changes, from_unix, unix, Result, Store, StoreError};
use dateline_core::comment::{CommentStatus, ValidComment};
use serde::Serialize;
use sqlx::{FromRow, Row};
use time::OffsetDateTime;

mod moderation;

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

/// Whether an article takes comments now, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    Open,
    ClosedForArticle,
    ClosedForSection,
    ClosedByAge,
    NotPublished,
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
        let days = close_after_days;
        let published = from_unix(row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0));
        if days > 0 && now - published > time::Duration::days(days) {
            return Ok(Openness::ClosedByAge);
        }
        Ok(Openness::Open)
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

    /// Whether an approved comment from this email exists (for the
    /// hold-first-time policy).
    pub async fn has_approved_comment(&self, email: &str) -> Result<bool> {
        let any: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM comments WHERE email = $1 AND status = 'approved' LIMIT 1",
        )
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        Ok(any.is_some())
    }

    /// Whether a moderator blocked this email or this address hash.
    pub async fn is_blocked(&self, email: &str, address_hash: &str) -> Result<bool> {
        let any: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM commenter_blocks WHERE email = $1 OR address_hash = $2 LIMIT 1",
        )
        .bind(email)
        .bind(address_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(any.is_some())
    }

    /// Comments posted since `since` from an address hash and from an email.
    pub async fn recent_comment_counts(
        &self,
        address_hash: &str,
        email: &str,
        since: OffsetDateTime,
    ) -> Result<(i64, i64)> {
        let by_address: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE address_hash = $1 AND created_at >= $2",
        )
        .bind(address_hash)
        .bind(unix(since))
        .fetch_one(&self.pool)
        .await?;
        let by_email: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE email = $1 AND created_at >= $2",
        )
        .bind(email)
        .bind(unix(since))
        .fetch_one(&self.pool)
        .await?;
        Ok((by_address, by_email))
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

    /// Posts a comment as [`Store::post_comment`] does, counting it against
    /// the form it came with: a new comment takes one of the form's uses in
    /// the same transaction, and when none is left nothing is written and
    /// the answer is None. A double submit (the same comment again) is
    /// answered with the first and uses nothing.
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
        let mut tx = self.write_tx().await?;
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO comments (article_id, parent_id, name, email, body, status, spam_reason,
                                   address_hash, duplicate_key, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (duplicate_key) DO NOTHING
             RETURNING id",
        )
        .bind(article_id)
        .bind(comment.parent_id)
        .bind(&comment.name)
        .bind(&comment.email)
        .bind(&comment.body)
        .bind(status.as_str())
        .bind(spam_reason)
        .bind(address_hash)
        .bind(duplicate_key)
        .bind(unix(now))
        .fetch_optional(&mut *tx)
        .await?;
        let posted = match inserted {
            Some(id) => {
                if let Some(form) = form {
                    sqlx::query("DELETE FROM comment_form_uses WHERE expires_at < $1")
                        .bind(unix(now))
                        .execute(&mut *tx)
                        .await?;
                    // One use more, unless the form has none left; the row
                    // lock (one writer on SQLite) makes this hold under any
                    // concurrency, on any number of nodes.
                    let used: Option<i64> = sqlx::query_scalar(
                        "INSERT INTO comment_form_uses (digest, uses, expires_at) VALUES ($1, 1, $2)
                         ON CONFLICT (digest) DO UPDATE SET uses = comment_form_uses.uses + 1
                         WHERE comment_form_uses.uses < $3
                         RETURNING uses",
                    )
                    .bind(&form.digest)
                    .bind(unix(form.expires_at))
                    .bind(form.max_uses)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if used.is_none() {
                        tx.rollback().await?;
                        return Ok(None);
                    }
                }
                if status == CommentStatus::Approved {
                    changes::record(&mut tx, "comment", Some(article_id), now).await?;
                }
                Posted {
                    id,
                    status,
                    duplicate: false,
                }
            }
            None => {
                let (id, status): (i64, String) =
                    sqlx::query_as("SELECT id, status FROM comments WHERE duplicate_key = $1")
                        .bind(duplicate_key)
                        .fetch_one(&mut *tx)
                        .await?;
                Posted {
                    id,
                    status: status_of(&status)?,
                    duplicate: true,
                }
            }
        };
        tx.commit().await?;
        Ok(Some(posted))
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

impl Store {
    /// Whether a comment with this duplicate key was posted already.
    pub async fn comment_exists(&self, duplicate_key: &str) -> Result<bool> {
        let any: Option<i64> =
            sqlx::query_scalar("SELECT id FROM comments WHERE duplicate_key = $1")
                .bind(duplicate_key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(any.is_some())
    }
}
