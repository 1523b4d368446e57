//! Site settings (key → text, typed and checked by
//! `dateline_core::settings`), the site secret and the daily address salts.

use crate::{changes, Result, Store, StoreError};
use dateline_core::settings::{self, SiteSettings};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn random_hex(len: usize) -> Result<String> {
    let mut bytes = vec![0u8; len];
    getrandom::getrandom(&mut bytes).map_err(|e| StoreError::Randomness(e.to_string()))?;
    Ok(hex(&bytes))
}

impl Store {
    /// A setting's value as stored, or its default when unset (None for
    /// unknown keys). Readers use [`Store::site_settings`], which is typed
    /// and checked; this is for `dateline settings get`.
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let Some(spec) = settings::spec(key) else {
            return Ok(None);
        };
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(Some(value.unwrap_or_else(|| spec.default.to_string())))
    }

    /// Sets a setting, after checking the value against its range and the
    /// other settings ([`SiteSettings::with`]): a value the site could not
    /// use is refused here, whoever sets it, so it is never stored. Unknown
    /// keys are refused so that a typo does not silently do nothing. The
    /// check and the write are one transaction.
    pub async fn set_setting(&self, key: &str, value: &str, now: OffsetDateTime) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM settings WHERE key NOT LIKE 'secret.%'")
                .fetch_all(&mut *tx)
                .await?;
        let (current, _) =
            SiteSettings::from_rows(rows.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let (_, stored) = current
            .with(key, value)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(&stored)
        .execute(&mut *tx)
        .await?;
        changes::record(&mut tx, "setting", None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets several settings at once, in one transaction with one entry in
    /// the change feed: each value is checked against the settings as they
    /// stand in the database with the earlier ones of `values` applied, so
    /// either every change is stored or none is. A refusal is the typed
    /// [`settings::SettingError`] (for the newsroom to word); the store's
    /// own failures are the outer error. Returns the values as stored.
    pub async fn set_settings(
        &self,
        values: &[(&str, &str)],
        now: OffsetDateTime,
    ) -> Result<std::result::Result<Vec<(String, String)>, settings::SettingError>> {
        let mut tx = self.write_tx().await?;
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM settings WHERE key NOT LIKE 'secret.%'")
                .fetch_all(&mut *tx)
                .await?;
        let (mut current, _) =
            SiteSettings::from_rows(rows.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut stored = Vec::with_capacity(values.len());
        for (key, value) in values {
            match current.with(key, value) {
                Ok((next, text)) => {
                    current = next;
                    stored.push((key.to_string(), text));
                }
                Err(e) => return Ok(Err(e)),
            }
        }
        for (key, value) in &stored {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
        }
        if !stored.is_empty() {
            changes::record(&mut tx, "setting", None, now).await?;
        }
        tx.commit().await?;
        Ok(Ok(stored))
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
    /// Every setting as text (stored, else its default), for the forms and
    /// `dateline settings list`.
    pub async fn settings(&self) -> Result<std::collections::HashMap<String, String>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM settings WHERE key NOT LIKE 'secret.%'")
                .fetch_all(&self.pool)
                .await?;
        let mut map: std::collections::HashMap<String, String> = settings::SPECS
            .iter()
            .map(|s| (s.key.to_string(), s.default.to_string()))
            .collect();
        map.extend(
            rows.into_iter()
                .filter(|(k, _)| settings::spec(k).is_some()),
        );
        Ok(map)
    }

    /// The site settings, typed and in range. A stored value out of its
    /// range (written by an older release, or brought in by an archive) is
    /// logged once per process and the documented default used instead.
    pub async fn site_settings(&self) -> Result<SiteSettings> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM settings WHERE key NOT LIKE 'secret.%'")
                .fetch_all(&self.pool)
                .await?;
        let (site, errors) =
            SiteSettings::from_rows(rows.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for error in errors {
            log_once(&error);
        }
        Ok(site)
    }
}

/// Logs a bad stored setting the first time this process meets it (the
/// settings are read on every page a cache miss renders).
fn log_once(error: &settings::SettingError) {
    static SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let text = error.to_string();
    if let Ok(mut seen) = SEEN.lock() {
        if seen.contains(&text) || seen.len() >= 100 {
            return;
        }
        seen.push(text.clone());
    }
    tracing::warn!(
        setting = error.key(),
        "{text}; the default is used until it is set again"
    );
}
