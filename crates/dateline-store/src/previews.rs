//! Previews: what a member had typed in the editor, kept for a day so the
//! whole article page can be shown at an unguessable address (a new tab, the
//! editor's side-by-side view, a link sent to a colleague). Only the token's
//! SHA-256 is stored, so the table gives no address away.

use crate::corrupt;
use crate::{from_unix, unix, Result, Store, StoreError};
use dateline_core::markdown::SafeHtml;
use dateline_core::ArticleInput;
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// How long a preview answers after it was last updated.
pub const PREVIEW_LIFETIME: Duration = Duration::hours(24);
/// Previews one member keeps at a time; the oldest goes first.
const PER_MEMBER: i64 = 20;

/// A stored preview.
#[derive(Debug, Clone)]
pub struct Preview {
    pub article_id: Option<i64>,
    pub content: ArticleInput,
    pub body_html: SafeHtml,
    pub updated_at: OffsetDateTime,
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn fresh_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| StoreError::Randomness(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Store {
    /// Keeps a preview and answers its token. With `token`, the member's own
    /// preview of the same article is updated in place, so its address
    /// stays the same while they type; otherwise (or when that one has gone)
    /// a new one is made. Expired previews and a member's oldest beyond
    /// twenty are dropped on the way.
    pub async fn save_preview(
        &self,
        token: Option<&str>,
        by: i64,
        article_id: Option<i64>,
        content: &ArticleInput,
        body_html: &SafeHtml,
        now: OffsetDateTime,
    ) -> Result<String> {
        let json = serde_json::to_string(content)
            .map_err(|e| StoreError::Invalid(format!("preview content: {e}")))?;
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM previews WHERE updated_at < $1")
            .bind(unix(now - PREVIEW_LIFETIME))
            .execute(&mut *tx)
            .await?;
        if let Some(token) = token.filter(|t| t.len() == 32) {
            let updated = sqlx::query(
                "UPDATE previews SET content = $1, body_html = $2, updated_at = $3
                 WHERE token_digest = $4 AND user_id = $5
                   AND COALESCE(article_id, 0) = $6",
            )
            .bind(&json)
            .bind(body_html.as_str())
            .bind(unix(now))
            .bind(digest(token))
            .bind(by)
            .bind(article_id.unwrap_or(0))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 1 {
                tx.commit().await?;
                return Ok(token.to_string());
            }
        }
        let token = fresh_token()?;
        sqlx::query(
            "INSERT INTO previews (token_digest, user_id, article_id, content, body_html, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(digest(&token))
        .bind(by)
        .bind(article_id)
        .bind(&json)
        .bind(body_html.as_str())
        .bind(unix(now))
        .execute(&mut *tx)
        .await?;
        // Newest first by the second it was kept, then by the order rows
        // were made: a burst within one second keeps its last ones.
        sqlx::query(
            "DELETE FROM previews WHERE user_id = $1 AND id NOT IN
               (SELECT id FROM previews WHERE user_id = $1
                ORDER BY updated_at DESC, id DESC LIMIT $2)",
        )
        .bind(by)
        .bind(PER_MEMBER)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The preview a token leads to, while it is fresh.
    pub async fn preview(&self, token: &str, now: OffsetDateTime) -> Result<Option<Preview>> {
        if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT article_id, content, body_html, updated_at FROM previews
             WHERE token_digest = $1 AND updated_at >= $2",
        )
        .bind(digest(token))
        .bind(unix(now - PREVIEW_LIFETIME))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let content: String = row.try_get("content")?;
        let content = serde_json::from_str(&content).map_err(corrupt("previews.content"))?;
        Ok(Some(Preview {
            article_id: row.try_get("article_id")?,
            content,
            body_html: SafeHtml::from_stored(row.try_get("body_html")?),
            updated_at: from_unix(row.try_get("updated_at")?),
        }))
    }
}
