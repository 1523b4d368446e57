//! Newsroom accounts, their sessions, one-time links and login attempts.
//!
//! Sessions and links are stored by the SHA-256 digest of their token: the
//! cookie or link holds the token, so a copy of the database opens nothing.
//! Everything here is in the database, so every node knows every session.

use crate::corrupt;
use crate::{from_unix, unix, Result, Store, StoreError};
use dateline_core::newsroom::Role;
use serde::Serialize;
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// A newsroom account as pages show it (never with its secrets).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub has_password: bool,
    pub totp_enabled: bool,
    pub disabled: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// An account with what logging in checks.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: User,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
}

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

const USER_COLUMNS: &str =
    "id, email, name, role, password_hash, totp_secret, disabled, created_at";

fn credentials(row: &sqlx::any::AnyRow) -> Result<Credentials> {
    let role: String = row.try_get("role")?;
    let password_hash: Option<String> = row.try_get("password_hash")?;
    let totp_secret: Option<String> = row.try_get("totp_secret")?;
    Ok(Credentials {
        user: User {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            role: role.parse().map_err(corrupt("users.role"))?,
            has_password: password_hash.is_some(),
            totp_enabled: totp_secret.is_some(),
            disabled: row.try_get::<i64, _>("disabled")? != 0,
            created_at: from_unix(row.try_get("created_at")?),
        },
        password_hash,
        totp_secret,
    })
}

/// Administrators who can log in now.
const ACTIVE_ADMINS: &str = "SELECT COUNT(*) FROM users
     WHERE role = 'admin' AND disabled = 0 AND password_hash IS NOT NULL";
/// The lock every change of an administrator's standing takes.
const ADMINS_LOCK: &str = "users:admins";

/// How many failed attempts a login, a second factor or a password check may
/// meet in a window before it is refused without being evaluated.
#[derive(Debug, Clone, Copy)]
pub struct AttemptLimits {
    /// Failures allowed per account (by email) since `since`.
    pub per_account: i64,
    /// Failures allowed per hashed address since `since`.
    pub per_address: i64,
    pub since: OffsetDateTime,
}

fn unique_violation(e: sqlx::Error, what: &str) -> StoreError {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            StoreError::Conflict(format!("{what} already exists"))
        }
        e => e.into(),
    }
}

impl Store {
    /// Makes an account. The email must be new (case-insensitively).
    pub async fn create_user(
        &self,
        email: &str,
        name: &str,
        role: Role,
        password_hash: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<i64> {
        let email = dateline_core::newsroom::normalise_email(email);
        if !dateline_core::newsroom::is_plausible_email(&email) {
            return Err(StoreError::Invalid(format!(
                "{email:?} is not an email address"
            )));
        }
        let name = name.trim();
        sqlx::query_scalar(
            "INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&email)
        .bind(if name.is_empty() {
            email.as_str()
        } else {
            name
        })
        .bind(role.as_str())
        .bind(password_hash)
        .bind(unix(now))
        .bind(unix(now))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| unique_violation(e, "an account with this email"))
    }

    pub async fn user(&self, id: i64) -> Result<User> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(credentials(&row)?.user)
    }

    /// The account and its secrets, by email (any case).
    pub async fn credentials(&self, email: &str) -> Result<Option<Credentials>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
        ))
        .bind(dateline_core::newsroom::normalise_email(email))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(credentials).transpose()
    }

    pub async fn credentials_by_id(&self, id: i64) -> Result<Credentials> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        credentials(&row)
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY name, id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(credentials(r)?.user)).collect()
    }

    pub async fn user_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Administrators who can log in now (enabled, with a password): the
    /// last one may not be demoted or disabled.
    pub async fn active_admins(&self) -> Result<i64> {
        Ok(sqlx::query_scalar(ACTIVE_ADMINS)
            .fetch_one(&self.pool)
            .await?)
    }

    /// Sets a new password hash and ends every session of the account
    /// (logged out everywhere), except `keep` (the session that changed it).
    pub async fn set_password(
        &self,
        user_id: i64,
        hash: &str,
        keep: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let n = sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(hash)
            .bind(unix(now))
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_digest <> $2")
            .bind(user_id)
            .bind(keep.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes name, role and whether the account may log in. Disabling an
    /// account ends its sessions.
    ///
    /// A change that would leave no active administrator (enabled, with a
    /// password) is refused with [`StoreError::Conflict`]: the check and the
    /// update are one transaction that every such change waits for, so two
    /// administrators who demote each other at the same moment leave one.
    pub async fn update_user(
        &self,
        user_id: i64,
        name: &str,
        role: Role,
        disabled: bool,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        self.lock_keys(&mut tx, &[ADMINS_LOCK]).await?;
        let was_active_admin: i64 = sqlx::query_scalar(
            "SELECT CASE WHEN role = 'admin' AND disabled = 0 AND password_hash IS NOT NULL
                    THEN 1 ELSE 0 END
             FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        sqlx::query(
            "UPDATE users SET name = $1, role = $2, disabled = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(name.trim())
        .bind(role.as_str())
        .bind(i64::from(disabled))
        .bind(unix(now))
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if was_active_admin == 1 && (role != Role::Admin || disabled) {
            let left: i64 = sqlx::query_scalar(ACTIVE_ADMINS)
                .fetch_one(&mut *tx)
                .await?;
            if left == 0 {
                tx.rollback().await?;
                return Err(StoreError::Conflict(
                    "this is the last administrator who can log in".into(),
                ));
            }
        }
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Turns two-factor login on (with a secret) or off (None).
    pub async fn set_totp(
        &self,
        user_id: i64,
        secret: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query("UPDATE users SET totp_secret = $1, totp_last_step = NULL, updated_at = $2 WHERE id = $3")
            .bind(secret)
            .bind(unix(now))
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Spends a TOTP step: true the first time, false when a code of this
    /// step (or a later one) was already used, so a seen code cannot be replayed.
    pub async fn use_totp_step(&self, user_id: i64, step: i64) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $3)",
        )
        .bind(step)
        .bind(user_id)
        .bind(step)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

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

    // Login attempts.
    //
    // An attempt is written before the password or code is checked, as a
    // failure, in the transaction that counts the failures before it; a
    // success then marks it. Counting and writing are one step for every
    // attempt on the same account or address (see `lock_keys`), so however
    // many arrive at once, on however many nodes, no more than the limit
    // are ever evaluated.

    /// Writes an attempt on `email` from `address_hash` unless the limits
    /// are reached: `Some(id)` to go ahead and evaluate it (it counts as a
    /// failure until [`Store::attempt_succeeded`]), `None` to refuse it
    /// unevaluated (nothing is written).
    pub async fn begin_attempt(
        &self,
        email: &str,
        address_hash: &str,
        limits: AttemptLimits,
        now: OffsetDateTime,
    ) -> Result<Option<i64>> {
        let email = dateline_core::newsroom::normalise_email(email);
        let mut tx = self.write_tx().await?;
        self.lock_keys(
            &mut tx,
            &[
                &format!("login-email:{email}"),
                &format!("login-address:{address_hash}"),
            ],
        )
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO login_attempts (email, address_hash, succeeded, at)
             VALUES ($1, $2, 0, $3) RETURNING id",
        )
        .bind(&email)
        .bind(address_hash)
        .bind(unix(now))
        .fetch_one(&mut *tx)
        .await?;
        let by_email: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND succeeded = 0 AND at >= $2",
        )
        .bind(&email)
        .bind(unix(limits.since))
        .fetch_one(&mut *tx)
        .await?;
        let by_address: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE address_hash = $1 AND succeeded = 0 AND at >= $2",
        )
        .bind(address_hash)
        .bind(unix(limits.since))
        .fetch_one(&mut *tx)
        .await?;
        if by_email > limits.per_account || by_address > limits.per_address {
            tx.rollback().await?;
            return Ok(None);
        }
        tx.commit().await?;
        // Attempts older than a day count for nothing any more.
        sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(unix(now - Duration::days(1)))
            .execute(&self.pool)
            .await?;
        Ok(Some(id))
    }

    /// Marks an attempt from [`Store::begin_attempt`] as a success: it no
    /// longer counts against the limits.
    pub async fn attempt_succeeded(&self, attempt: i64) -> Result<()> {
        sqlx::query("UPDATE login_attempts SET succeeded = 1 WHERE id = $1")
            .bind(attempt)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Takes back an attempt that was never evaluated (the server was too
    /// busy to check the password), so that it does not count.
    pub async fn forget_attempt(&self, attempt: i64) -> Result<()> {
        sqlx::query("DELETE FROM login_attempts WHERE id = $1")
            .bind(attempt)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records a finished attempt as it was (for imports and tests; the
    /// newsroom uses [`Store::begin_attempt`]).
    pub async fn record_login(
        &self,
        email: &str,
        address_hash: &str,
        succeeded: bool,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO login_attempts (email, address_hash, succeeded, at) VALUES ($1, $2, $3, $4)",
        )
        .bind(dateline_core::newsroom::normalise_email(email))
        .bind(address_hash)
        .bind(i64::from(succeeded))
        .bind(unix(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Failed (or not yet finished) attempts since `since`: (for this
    /// email, from this address).
    pub async fn failed_logins(
        &self,
        email: &str,
        address_hash: &str,
        since: OffsetDateTime,
    ) -> Result<(i64, i64)> {
        let by_email: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND succeeded = 0 AND at >= $2",
        )
        .bind(dateline_core::newsroom::normalise_email(email))
        .bind(unix(since))
        .fetch_one(&self.pool)
        .await?;
        let by_address: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE address_hash = $1 AND succeeded = 0 AND at >= $2",
        )
        .bind(address_hash)
        .bind(unix(since))
        .fetch_one(&self.pool)
        .await?;
        Ok((by_email, by_address))
    }
}
