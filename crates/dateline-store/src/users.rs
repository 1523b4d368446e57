//! Newsroom accounts: who they are, their role, password hash and second
//! factor. Their sessions and one-time links are in `sessions.rs`, login
//! attempts in `login_attempts.rs`.

use crate::corrupt;
use crate::{from_unix, unix, Result, Store, StoreError};
use dateline_core::newsroom::Role;
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

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

const USER_COLUMNS: &str =
    "id, email, name, role, password_hash, totp_secret, disabled, created_at";

pub(crate) fn credentials(row: &sqlx::any::AnyRow) -> Result<Credentials> {
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
}
