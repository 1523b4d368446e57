//! Sections, tags and authors.

use crate::{changes, Result, Store, StoreError};
use dateline_core::{Language, Section};
use time::OffsetDateTime;

impl Store {
    /// Creates a section or renames and repositions an existing one.
    pub async fn upsert_section(&self, section: &Section, now: OffsetDateTime) -> Result<()> {
        if !dateline_core::slug::is_valid_slug(&section.slug) || section.name.trim().is_empty() {
            return Err(StoreError::Invalid(format!("section {:?}", section.slug)));
        }
        let mut tx = self.write_tx().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sections (language, slug, name, position) VALUES ($1, $2, $3, $4)
             ON CONFLICT (language, slug) DO UPDATE SET name = excluded.name, position = excluded.position
             RETURNING id",
        )
        .bind(section.language.code())
        .bind(&section.slug)
        .bind(section.name.trim())
        .bind(section.position)
        .fetch_one(&mut *tx)
        .await?;
        changes::record(&mut tx, "section", Some(id), now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The sections of one language, in their display order.
    pub async fn sections(&self, language: Language) -> Result<Vec<Section>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT slug, name, position FROM sections WHERE language = $1 ORDER BY position, name",
        )
        .bind(language.code())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(slug, name, position)| Section {
                language,
                slug,
                name,
                position,
            })
            .collect())
    }

    pub async fn section(&self, language: Language, slug: &str) -> Result<Section> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT name, position FROM sections WHERE language = $1 AND slug = $2")
                .bind(language.code())
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
        let (name, position) = row.ok_or(StoreError::NotFound)?;
        Ok(Section {
            language,
            slug: slug.to_string(),
            name,
            position,
        })
    }

    /// Languages that have at least one published article, in the model's order.
    pub async fn published_languages(&self) -> Result<Vec<Language>> {
        let codes: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT language FROM articles WHERE status = 'published'")
                .fetch_all(&self.pool)
                .await?;
        Ok(Language::ALL
            .into_iter()
            .filter(|l| codes.iter().any(|c| c == l.code()))
            .collect())
    }
}
