//! The moderators' side: the queue, statuses, edits and staff replies,
//! blocking commenters and erasing what they wrote.

use super::{record_articles, status_of, History, ModerationItem, OwnComment, StatusCounts};
use crate::{changes, from_unix, unix, Result, Store, StoreError};
use dateline_core::comment::CommentStatus;
use sqlx::Row;
use time::OffsetDateTime;

impl Store {
    /// The moderation queue: comments with a status (all when None), on one
    /// article or all, newest first, with each commenter's history (their
    /// other comments, read for the whole page in one query).
    pub async fn moderation_queue(
        &self,
        status: Option<CommentStatus>,
        article_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<ModerationItem>> {
        let rows = sqlx::query(
            "SELECT c.id, c.article_id, a.headline, a.path, c.parent_id, c.name, c.email, c.body,
                    c.status, c.spam_reason, c.created_at, c.staff, c.edited_at
             FROM comments c JOIN articles a ON a.id = c.article_id
             WHERE ($1 IS NULL OR c.status = $1) AND ($2 IS NULL OR c.article_id = $2)
             ORDER BY c.created_at DESC, c.id DESC LIMIT $3",
        )
        .bind(status.map(|s| s.as_str()))
        .bind(article_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in rows {
            items.push(ModerationItem {
                id: r.try_get("id")?,
                article_id: r.try_get("article_id")?,
                article_headline: r.try_get("headline")?,
                article_path: r.try_get("path")?,
                parent_id: r.try_get("parent_id")?,
                name: r.try_get("name")?,
                email: r.try_get("email")?,
                body: r.try_get("body")?,
                status: status_of(&r.try_get::<String, _>("status")?)?,
                spam_reason: r.try_get("spam_reason")?,
                created_at: from_unix(r.try_get("created_at")?),
                staff: r.try_get::<i64, _>("staff")? != 0,
                edited: r.try_get::<Option<i64>, _>("edited_at")?.is_some(),
                history: History::default(),
            });
        }
        let mut emails: Vec<&str> = items.iter().map(|i| i.email.as_str()).collect();
        emails.sort_unstable();
        emails.dedup();
        let mut by_email: std::collections::HashMap<String, History> = Default::default();
        for chunk in emails.chunks(500) {
            let sql = format!(
                "SELECT email, status, COUNT(*) FROM comments WHERE email IN ({}) GROUP BY email, status",
                crate::discovery::placeholders(1, chunk.len())
            );
            let mut q = sqlx::query_as::<_, (String, String, i64)>(&sql);
            for email in chunk {
                q = q.bind(*email);
            }
            for (email, status, n) in q.fetch_all(&self.pool).await? {
                by_email.entry(email).or_default().add(&status, n);
            }
        }
        for item in &mut items {
            let mut history = by_email.get(&item.email).cloned().unwrap_or_default();
            // Earlier from this address: the comment itself is not counted.
            history.add(item.status.as_str(), -1);
            item.history = history;
        }
        Ok(items)
    }

    /// How many comments have each status.
    pub async fn comment_counts(&self) -> Result<StatusCounts> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT status, COUNT(*) FROM comments GROUP BY status")
                .fetch_all(&self.pool)
                .await?;
        let mut counts = StatusCounts::default();
        for (status, n) in rows {
            match status.as_str() {
                "pending" => counts.pending = n,
                "approved" => counts.approved = n,
                "rejected" => counts.rejected = n,
                _ => counts.spam = n,
            }
        }
        Ok(counts)
    }

    /// How an email's comments fared.
    pub async fn history(&self, email: &str) -> Result<History> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT status, COUNT(*) FROM comments WHERE email = $1 GROUP BY status",
        )
        .bind(email)
        .fetch_all(&self.pool)
        .await?;
        let mut h = History::default();
        for (status, n) in rows {
            h.add(&status, n);
        }
        Ok(h)
    }

    /// Replaces a comment's text, as a moderator edits it (`body` already
    /// checked by `dateline_core::comment::comment_body`). An approved
    /// comment's page is refreshed through the change feed.
    pub async fn edit_comment(&self, id: i64, body: &str, now: OffsetDateTime) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let (article, status): (i64, String) = sqlx::query_as(
            "UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3 RETURNING article_id, status",
        )
        .bind(body)
        .bind(unix(now))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        if status == "approved" {
            changes::record(&mut tx, "comment", Some(article), now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A reply written in the newsroom to comment `to`, in `name`'s name:
    /// approved at once, marked as the site's own, in the thread of the
    /// comment it answers (a reply to a reply joins its thread). Sending
    /// the same reply twice writes it once. Returns the reply's id.
    pub async fn staff_reply(
        &self,
        to: i64,
        name: &str,
        email: &str,
        body: &str,
        now: OffsetDateTime,
    ) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        let (article, parent): (i64, Option<i64>) =
            sqlx::query_as("SELECT article_id, parent_id FROM comments WHERE id = $1")
                .bind(to)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let thread = parent.unwrap_or(to);
        let key = {
            use sha2::{Digest, Sha256};
            let digest = Sha256::digest(format!("{thread}\n{email}\n{body}").as_bytes());
            let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
            format!("staff:{hex}")
        };
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO comments (article_id, parent_id, name, email, body, status,
                                   address_hash, duplicate_key, created_at, moderated_at, staff)
             VALUES ($1, $2, $3, $4, $5, 'approved', '', $6, $7, $7, 1)
             ON CONFLICT (duplicate_key) DO NOTHING
             RETURNING id",
        )
        .bind(article)
        .bind(thread)
        .bind(name)
        .bind(email)
        .bind(body)
        .bind(&key)
        .bind(unix(now))
        .fetch_optional(&mut *tx)
        .await?;
        let id = match inserted {
            Some(id) => {
                changes::record(&mut tx, "comment", Some(article), now).await?;
                id
            }
            None => {
                sqlx::query_scalar("SELECT id FROM comments WHERE duplicate_key = $1")
                    .bind(&key)
                    .fetch_one(&mut *tx)
                    .await?
            }
        };
        tx.commit().await?;
        Ok(id)
    }

    /// Moves comments to a status; returns how many changed. The pages of
    /// their articles are refreshed through the change feed (once per
    /// article). One statement per 500 ids.
    pub async fn set_comment_status(
        &self,
        ids: &[i64],
        status: CommentStatus,
        now: OffsetDateTime,
    ) -> Result<u64> {
        let mut tx = self.write_tx().await?;
        let mut articles = Vec::new();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "UPDATE comments SET status = $1, moderated_at = $2 WHERE id IN ({}) RETURNING article_id",
                crate::discovery::placeholders(3, chunk.len())
            );
            let mut q = sqlx::query_scalar::<_, i64>(&sql)
                .bind(status.as_str())
                .bind(unix(now));
            for id in chunk {
                q = q.bind(*id);
            }
            articles.extend(q.fetch_all(&mut *tx).await?);
        }
        let changed = articles.len() as u64;
        record_articles(&mut tx, articles, now).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Deletes comments (and their replies); returns how many were found.
    pub async fn delete_comments(&self, ids: &[i64], now: OffsetDateTime) -> Result<u64> {
        let mut tx = self.write_tx().await?;
        let mut articles = Vec::new();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "DELETE FROM comments WHERE id IN ({}) RETURNING article_id",
                crate::discovery::placeholders(1, chunk.len())
            );
            let mut q = sqlx::query_scalar::<_, i64>(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            articles.extend(q.fetch_all(&mut *tx).await?);
        }
        let deleted = articles.len() as u64;
        record_articles(&mut tx, articles, now).await?;
        tx.commit().await?;
        Ok(deleted)
    }

    /// Blocks a commenter by email and, when a comment is named, by that
    /// comment's address hash too: their next comments go straight to spam.
    pub async fn block_commenter(
        &self,
        email: Option<&str>,
        comment_id: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<String> {
        let (email, address): (Option<String>, Option<String>) = match comment_id {
            Some(id) => {
                let (e, a): (String, String) =
                    sqlx::query_as("SELECT email, address_hash FROM comments WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?
                        .ok_or(StoreError::NotFound)?;
                (Some(e), Some(a))
            }
            None => (email.map(str::to_string), None),
        };
        let Some(email) = email else {
            return Err(StoreError::Invalid(
                "name an email or a comment to block".into(),
            ));
        };
        sqlx::query(
            "INSERT INTO commenter_blocks (email, address_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(&email)
        .bind(address)
        .bind(unix(now))
        .execute(&self.pool)
        .await?;
        Ok(email)
    }

    /// Lifts every block on an email (and the addresses blocked with it).
    pub async fn unblock_commenter(&self, email: &str) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM commenter_blocks WHERE email = $1")
            .bind(email)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Every comment an email wrote, for a reader's request for their data.
    pub async fn comments_by_email(&self, email: &str) -> Result<Vec<OwnComment>> {
        let rows = sqlx::query(
            "SELECT c.id, a.path, c.name, c.email, c.body, c.status, c.created_at
             FROM comments c JOIN articles a ON a.id = c.article_id
             WHERE c.email = $1 ORDER BY c.created_at, c.id",
        )
        .bind(email)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OwnComment {
                    id: r.try_get("id")?,
                    article_path: r.try_get("path")?,
                    name: r.try_get("name")?,
                    email: r.try_get("email")?,
                    body: r.try_get("body")?,
                    status: status_of(&r.try_get::<String, _>("status")?)?,
                    created_at: from_unix(r.try_get("created_at")?),
                })
            })
            .collect()
    }

    /// Erases a reader: their comments (with the replies to them) and any
    /// block that names their email. Returns how many comments went.
    pub async fn erase_commenter(&self, email: &str, now: OffsetDateTime) -> Result<u64> {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM comments WHERE email = $1")
            .bind(email)
            .fetch_all(&self.pool)
            .await?;
        let deleted = self.delete_comments(&ids, now).await?;
        self.unblock_commenter(email).await?;
        Ok(deleted)
    }
}
