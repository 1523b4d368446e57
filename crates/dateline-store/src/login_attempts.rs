//! Login attempts, counted per account and per hashed address against the
//! limits every check of a password or code meets.

use crate::{unix, Result, Store};
use time::{Duration, OffsetDateTime};

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

impl Store {
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
