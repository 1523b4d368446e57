//! Sections, tags and authors.

use crate::{changes, Result, Store, StoreError};
use dateline_core::{Language, Section};
use time::OffsetDateTime;

impl Store {
    /// Creates a section or renames and repositions an existing one.
    pub async fn upsert_section(&self, section: &Section, now: OffsetDateTime) -> Result<()> {
        if !dateline_core::slug::is_section_slug(&section.slug) || section.name.trim().is_empty() {
            return Err(StoreError::Invalid(format!("section {:?}", section.slug)));
        }
        let mut tx = self.write_tx().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sections (language, slug, name, position, key) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (language, slug) DO UPDATE
                SET name = excluded.name, position = excluded.position, key = excluded.key
             RETURNING id",
        )
        .bind(section.language.code())
        .bind(&section.slug)
        .bind(section.name.trim())
        .bind(section.position)
        .bind(
            section
                .key
                .as_deref()
                .map(str::trim)
                .filter(|k| !k.is_empty()),
        )
        .fetch_one(&mut *tx)
        .await?;
        changes::record(&mut tx, "section", Some(id), now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The sections of one language, in their display order.
    pub async fn sections(&self, language: Language) -> Result<Vec<Section>> {
        let rows: Vec<(String, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT slug, name, position, key FROM sections WHERE language = $1 ORDER BY position, name",
        )
        .bind(language.code())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(slug, name, position, key)| Section {
                language,
                slug,
                name,
                position,
                key,
            })
            .collect())
    }

    pub async fn section(&self, language: Language, slug: &str) -> Result<Section> {
        let row: Option<(String, i64, Option<String>)> = sqlx::query_as(
            "SELECT name, position, key FROM sections WHERE language = $1 AND slug = $2",
        )
        .bind(language.code())
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        let (name, position, key) = row.ok_or(StoreError::NotFound)?;
        Ok(Section {
            language,
            slug: slug.to_string(),
            name,
            position,
            key,
        })
    }

    /// The same section in the other languages: (language, slug), in the
    /// model's language order.
    pub async fn section_versions(
        &self,
        language: Language,
        slug: &str,
    ) -> Result<Vec<(Language, String)>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT o.language, o.slug FROM sections s
             JOIN sections o ON COALESCE(o.key, o.slug) = COALESCE(s.key, s.slug) AND o.language <> s.language
             WHERE s.language = $1 AND s.slug = $2",
        )
        .bind(language.code())
        .bind(slug)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<(Language, String)> = rows
            .into_iter()
            .filter_map(|(l, s)| l.parse().ok().map(|l| (l, s)))
            .collect();
        out.sort_by_key(|(l, _)| Language::ALL.iter().position(|x| x == l));
        out.dedup_by_key(|(l, _)| *l);
        Ok(out)
    }

    /// Languages that have at least one published article, in the model's order.
    pub async fn published_languages(&self) -> Result<Vec<Language>> {
        // One indexed probe per language (every page's frame asks): a
        // DISTINCT over the articles would read them all.
        let mut out = Vec::new();
        for language in Language::ALL {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM articles WHERE language = $1 AND status = 'published' LIMIT 1",
            )
            .bind(language.code())
            .fetch_optional(&self.pool)
            .await?;
            if found.is_some() {
                out.push(language);
            }
        }
        Ok(out)
    }
}
