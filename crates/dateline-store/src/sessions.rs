//! Sessions and one-time links of newsroom accounts.
//!
//! Both are stored by the SHA-256 digest of their token: the cookie or link
//! holds the token, so a copy of the database opens nothing. Everything
//! here is in the database, so every node knows every session.

use crate::users::credentials;
use crate::{from_unix, unix, Result, Store, StoreError, User};
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// How far a session has got: `Full` after the password (and the second
/// factor, for accounts that have one); `Totp` while the code is awaited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    Full,
    Totp,
}

impl SessionStage {
    fn as_str(self) -> &'static str {
        match self {
            SessionStage::Full => "full",
            SessionStage::Totp => "totp",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub stage: SessionStage,
    pub expires_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// The first administrator's account, on a fresh site.
    Setup,
    /// A new password, made by an administrator for a member.
    Reset,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Setup => "setup",
            LinkPurpose::Reset => "reset",
        }
    }
}

impl Store {
    // Sessions.

    pub async fn create_session(
        &self,
        token_digest: &str,
        user_id: i64,
        stage: SessionStage,
        ttl: Duration,
        now: OffsetDateTime,
    ) -> Result<()> {
        // Expired sessions of anyone go as new ones come.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(unix(now))
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_digest, user_id, stage, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_digest)
        .bind(user_id)
        .bind(stage.as_str())
        .bind(unix(now))
        .bind(unix(now))
        .bind(unix(now + ttl))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The live session with this digest, of an account that may log in.
    pub async fn session(
        &self,
        token_digest: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT u.id, u.email, u.name, u.role, u.password_hash, u.totp_secret, u.disabled, u.created_at,
                    s.stage, s.expires_at, s.last_seen_at
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_digest = $1 AND s.expires_at > $2 AND u.disabled = 0",
        )
        .bind(token_digest)
        .bind(unix(now))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let stage: String = row.try_get("stage")?;
        Ok(Some(Session {
            user: credentials(&row)?.user,
            stage: if stage == "full" {
                SessionStage::Full
            } else {
                SessionStage::Totp
            },
            expires_at: from_unix(row.try_get("expires_at")?),
            last_seen_at: from_unix(row.try_get("last_seen_at")?),
        }))
    }

    /// Slides a session's expiry forward, at most up to `cap` after its start.
    pub async fn touch_session(
        &self,
        token_digest: &str,
        ttl: Duration,
        cap: Duration,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE sessions SET last_seen_at = $1,
                expires_at = CASE WHEN created_at + $2 < $3 THEN created_at + $4 ELSE $5 END
             WHERE token_digest = $6",
        )
        .bind(unix(now))
        .bind(cap.whole_seconds())
        .bind(unix(now + ttl))
        .bind(cap.whole_seconds())
        .bind(unix(now + ttl))
        .bind(token_digest)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Replaces a session by a new token (after the second factor, so the
    /// half-way token cannot be reused) with the full stage.
    pub async fn upgrade_session(
        &self,
        old_digest: &str,
        new_digest: &str,
        ttl: Duration,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let user_id: i64 =
            sqlx::query_scalar("SELECT user_id FROM sessions WHERE token_digest = $1")
                .bind(old_digest)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM sessions WHERE token_digest = $1")
            .bind(old_digest)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_digest, user_id, stage, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, 'full', $3, $4, $5)",
        )
        .bind(new_digest)
        .bind(user_id)
        .bind(unix(now))
        .bind(unix(now))
        .bind(unix(now + ttl))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn end_session(&self, token_digest: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_digest = $1")
            .bind(token_digest)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Logs an account out everywhere; returns how many sessions ended.
    pub async fn end_sessions_of(&self, user_id: i64) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    pub async fn session_count(&self, user_id: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    // One-time links.

    pub async fn create_link(
        &self,
        token_digest: &str,
        user_id: Option<i64>,
        purpose: LinkPurpose,
        ttl: Duration,
        now: OffsetDateTime,
    ) -> Result<()> {
        if let Some(user_id) = user_id {
            // A new reset link replaces the account's older ones.
            sqlx::query("DELETE FROM user_links WHERE user_id = $1 AND used_at IS NULL")
                .bind(user_id)
                .execute(&self.pool)
                .await?;
        }
        sqlx::query(
            "INSERT INTO user_links (token_digest, user_id, purpose, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_digest)
        .bind(user_id)
        .bind(purpose.as_str())
        .bind(unix(now))
        .bind(unix(now + ttl))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The account a live, unused link of this purpose is for (None inside
    /// for the setup link, which makes a new account).
    pub async fn link(
        &self,
        token_digest: &str,
        purpose: LinkPurpose,
        now: OffsetDateTime,
    ) -> Result<Option<Option<i64>>> {
        let row: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT user_id FROM user_links
             WHERE token_digest = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_digest)
        .bind(purpose.as_str())
        .bind(unix(now))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(u,)| u))
    }

    /// Spends a link: true for the one caller that used it.
    pub async fn use_link(&self, token_digest: &str, now: OffsetDateTime) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE user_links SET used_at = $1 WHERE token_digest = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(unix(now))
        .bind(token_digest)
        .bind(unix(now))
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Whether a live setup link exists (so a restart does not print another).
    pub async fn setup_link_pending(&self, now: OffsetDateTime) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM user_links WHERE purpose = 'setup' AND used_at IS NULL AND expires_at > $1",
        )
        .bind(unix(now))
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Drops unused setup links (a new one is printed at each start of a
    /// site without accounts; only the newest works).
    pub async fn clear_setup_links(&self) -> Result<()> {
        sqlx::query("DELETE FROM user_links WHERE purpose = 'setup' AND used_at IS NULL")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
