//! Site settings (key → text), the site secret and the daily address salts.

use crate::{changes, Result, Store, StoreError};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// Setting keys with their defaults; `dateline settings list` shows them.
pub const KNOWN: &[(&str, &str, &str)] = &[
    (
        "comments.policy",
        "hold-all",
        "hold-all, hold-first-time or publish-all",
    ),
    (
        "feeds.full_content",
        "true",
        "true: feeds carry whole articles; false: summaries only",
    ),
    (
        "feeds.websub_hub",
        "",
        "WebSub hub told of every publication, e.g. https://pubsubhubbub.appspot.com/; empty: none",
    ),
    (
        "comments.close_after_days",
        "0",
        "close comments this many days after publication; 0 never",
    ),
    ("comments.max_links", "2", "most links a comment may carry"),
    (
        "comments.rate_per_address",
        "5",
        "comments one address may post in 10 minutes",
    ),
    (
        "comments.rate_per_email",
        "5",
        "comments one email may post in 10 minutes",
    ),
    (
        "comments.min_seconds",
        "3",
        "a form sent back sooner than this after it was served is refused",
    ),
    (
        "comments.max_hours",
        "24",
        "a form older than this is refused as expired",
    ),
    (
        "comments.blocked_words",
        "",
        "comma-separated words that send a comment to spam",
    ),
    (
        "comments.blocked_domains",
        "",
        "comma-separated domains (email or links) that send a comment to spam",
    ),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn random_hex(len: usize) -> Result<String> {
    let mut bytes = vec![0u8; len];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| StoreError::Invalid(format!("no randomness: {e}")))?;
    Ok(hex(&bytes))
}

impl Store {
    /// A setting's value, or its default when unset (None for unknown keys).
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(value.or_else(|| {
            KNOWN
                .iter()
                .find(|(k, _, _)| *k == key)
                .map(|(_, d, _)| d.to_string())
        }))
    }

    /// Sets a known setting. Unknown keys are refused so that a typo does not
    /// silently do nothing.
    pub async fn set_setting(&self, key: &str, value: &str, now: OffsetDateTime) -> Result<()> {
        if !KNOWN.iter().any(|(k, _, _)| *k == key) {
            return Err(StoreError::Invalid(format!("unknown setting {key:?}")));
        }
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&mut *tx)
        .await?;
        changes::record(&mut tx, "setting", None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The site's signing secret, made on first use and shared by every node
    /// through the database.
    pub async fn site_secret(&self) -> Result<Vec<u8>> {
        let fresh = random_hex(32)?;
        sqlx::query("INSERT INTO settings (key, value) VALUES ('secret.forms', $1) ON CONFLICT (key) DO NOTHING")
            .bind(&fresh)
            .execute(&self.pool)
            .await?;
        let secret: String =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = 'secret.forms'")
                .fetch_one(&self.pool)
                .await?;
        Ok(secret.into_bytes())
    }

    /// A reader's address as a salted hash: the salt is random, one per UTC
    /// day, shared by all nodes, and deleted two days later, after which no
    /// hash can be tied to an address again.
    pub async fn address_hash(&self, address: &str, now: OffsetDateTime) -> Result<String> {
        let day = now.date().to_string();
        let cached = self
            .salt
            .lock()
            .ok()
            .and_then(|s| s.clone())
            .filter(|(d, _)| *d == day);
        let salt = match cached {
            Some((_, salt)) => salt,
            None => self.day_salt(&day, now).await?,
        };
        Ok(hex(
            &Sha256::digest(format!("{salt}:{address}").as_bytes())[..16]
        ))
    }

    /// Today's salt from the database (made by whichever node asks first),
    /// kept in memory for the day; older salts are deleted on the way.
    async fn day_salt(&self, day: &str, now: OffsetDateTime) -> Result<String> {
        let fresh = random_hex(16)?;
        sqlx::query(
            "INSERT INTO address_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
        )
        .bind(day)
        .bind(&fresh)
        .execute(&self.pool)
        .await?;
        let salt: String = sqlx::query_scalar("SELECT salt FROM address_salts WHERE day = $1")
            .bind(day)
            .fetch_one(&self.pool)
            .await?;
        let expired = (now - time::Duration::days(2)).date().to_string();
        sqlx::query("DELETE FROM address_salts WHERE day < $1")
            .bind(expired)
            .execute(&self.pool)
            .await?;
        if let Ok(mut cache) = self.salt.lock() {
            *cache = Some((day.to_string(), salt.clone()));
        }
        Ok(salt)
    }
}

impl Store {
    /// Every known setting, with its default where unset, in one query.
    pub async fn settings(&self) -> Result<std::collections::HashMap<String, String>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM settings WHERE key NOT LIKE 'secret.%'")
                .fetch_all(&self.pool)
                .await?;
        let mut map: std::collections::HashMap<String, String> = KNOWN
            .iter()
            .map(|(k, d, _)| (k.to_string(), d.to_string()))
            .collect();
        map.extend(rows);
        Ok(map)
    }
}
