//! Fronts edited by the newsroom (`front_pins`) and the breaking-news line
//! of each language (`breaking_news`). Each write records a change, so
//! every node drops its cached pages, and an audit entry.

use crate::{audit, changes, from_unix, unix, Result, Store, StoreError};
use dateline_core::fronts::{Breaking, MAX_FRONT_PINS};
use dateline_core::Language;
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

/// The front page's place in `front_pins`; a section page's is its slug.
pub const FRONT_PAGE: &str = "";

/// A breaking-news line as readers see it.
#[derive(Debug, Clone, Serialize)]
pub struct BreakingNews {
    pub text: String,
    pub link: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
}

impl Store {
    /// The stories pinned to a place, in order (whatever their status:
    /// lists show only the published ones).
    pub async fn front_pins(&self, language: Language, place: &str) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT article_id FROM front_pins WHERE language = $1 AND place = $2 ORDER BY position",
        )
        .bind(language.code())
        .bind(place)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Replaces the stories pinned to a place. Each must be a published
    /// story of the language (and, on a section page, of that section);
    /// a refusal says which in a sentence, and nothing is changed.
    pub async fn set_front_pins(
        &self,
        language: Language,
        place: &str,
        ids: &[i64],
        by: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let most = if place == FRONT_PAGE {
            MAX_FRONT_PINS
        } else {
            1
        };
        if ids.len() > most {
            return Err(StoreError::Invalid(format!(
                "At most {most} stories can be pinned here."
            )));
        }
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                return Err(StoreError::Invalid("A story is pinned twice.".into()));
            }
        }
        let mut tx = self.write_tx().await?;
        for id in ids {
            let row = sqlx::query(
                "SELECT a.status, a.language, a.headline, s.slug FROM articles a
                 JOIN sections s ON s.id = a.section_id WHERE a.id = $1",
            )
            .bind(*id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else {
                return Err(StoreError::Invalid(format!("There is no story {id}.")));
            };
            let headline: String = row.try_get("headline")?;
            if row.try_get::<String, _>("status")? != "published" {
                return Err(StoreError::Invalid(format!(
                    "“{headline}” is not published, so it cannot lead a page."
                )));
            }
            if row.try_get::<String, _>("language")? != language.code() {
                return Err(StoreError::Invalid(format!(
                    "“{headline}” is in another language."
                )));
            }
            if place != FRONT_PAGE && row.try_get::<String, _>("slug")? != place {
                return Err(StoreError::Invalid(format!(
                    "“{headline}” is not in this section."
                )));
            }
        }
        sqlx::query("DELETE FROM front_pins WHERE language = $1 AND place = $2")
            .bind(language.code())
            .bind(place)
            .execute(&mut *tx)
            .await?;
        for (position, id) in ids.iter().enumerate() {
            sqlx::query(
                "INSERT INTO front_pins (language, place, position, article_id) VALUES ($1, $2, $3, $4)",
            )
            .bind(language.code())
            .bind(place)
            .bind(position as i64)
            .bind(*id)
            .execute(&mut *tx)
            .await?;
        }
        let what = if place == FRONT_PAGE {
            format!("{} front page: {ids:?}", language.code())
        } else {
            format!("{} section {place}: {ids:?}", language.code())
        };
        audit::record_tx(&mut tx, now, by, "front-pins", "front", None, Some(&what)).await?;
        changes::record(&mut tx, "front", None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The language's breaking-news line, unless it has ended by `now`.
    pub async fn breaking(
        &self,
        language: Language,
        now: OffsetDateTime,
    ) -> Result<Option<BreakingNews>> {
        let row = sqlx::query(
            "SELECT text, link, ends_at FROM breaking_news
             WHERE language = $1 AND (ends_at IS NULL OR ends_at > $2)",
        )
        .bind(language.code())
        .bind(unix(now))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(BreakingNews {
                text: r.try_get("text")?,
                link: r.try_get("link")?,
                ends_at: r.try_get::<Option<i64>, _>("ends_at")?.map(from_unix),
            })
        })
        .transpose()
    }

    /// Sets (Some) or removes (None) the language's breaking-news line.
    pub async fn set_breaking(
        &self,
        language: Language,
        line: Option<&Breaking>,
        by: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        match line {
            Some(b) => {
                sqlx::query(
                    "INSERT INTO breaking_news (language, text, link, ends_at, updated_at, updated_by)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (language) DO UPDATE SET text = excluded.text, link = excluded.link,
                       ends_at = excluded.ends_at, updated_at = excluded.updated_at,
                       updated_by = excluded.updated_by",
                )
                .bind(language.code())
                .bind(&b.text)
                .bind(b.link.as_deref())
                .bind(b.ends_at)
                .bind(unix(now))
                .bind(by)
                .execute(&mut *tx)
                .await?;
                audit::record_tx(
                    &mut tx,
                    now,
                    by,
                    "breaking-set",
                    "front",
                    None,
                    Some(&b.text),
                )
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM breaking_news WHERE language = $1")
                    .bind(language.code())
                    .execute(&mut *tx)
                    .await?;
                audit::record_tx(
                    &mut tx,
                    now,
                    by,
                    "breaking-removed",
                    "front",
                    None,
                    Some(language.code()),
                )
                .await?;
            }
        }
        changes::record(&mut tx, "front", None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether a breaking-news line ended in `(after, until]` (Unix
    /// seconds): pages cached while it showed must then be rendered again.
    pub async fn breaking_ended(&self, after: i64, until: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM breaking_news WHERE ends_at > $1 AND ends_at <= $2",
        )
        .bind(after)
        .bind(until)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }
}
