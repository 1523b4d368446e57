//! Reading sections: a language's in their order, with what each holds,
//! and the addresses old slugs answer at.

use super::{ListingRow, SectionListing};
use crate::corrupt;
use crate::{Result, Store, StoreError};
use dateline_core::{Language, Section};

impl Store {
    /// The sections of one language in their order, each with its id and
    /// how many articles it holds (one query).
    pub async fn section_listings(&self, language: Language) -> Result<Vec<SectionListing>> {
        let rows: Vec<ListingRow> = sqlx::query_as(
            "SELECT s.id, s.slug, s.name, s.position, s.key,
                COUNT(a.id),
                COALESCE(SUM(CASE WHEN a.status = 'published' THEN 1 ELSE 0 END), 0)
             FROM sections s LEFT JOIN articles a ON a.section_id = s.id
             WHERE s.language = $1
             GROUP BY s.id, s.slug, s.name, s.position, s.key
             ORDER BY s.position, s.name, s.id",
        )
        .bind(language.code())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, slug, name, position, key, articles, published)| SectionListing {
                    id,
                    section: Section {
                        language,
                        slug,
                        name,
                        position,
                        key,
                    },
                    articles,
                    published,
                },
            )
            .collect())
    }

    /// How many sections each language has, in the model's order.
    pub async fn section_counts(&self) -> Result<Vec<(Language, i64)>> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT language, COUNT(*) FROM sections GROUP BY language")
                .fetch_all(&self.pool)
                .await?;
        Ok(Language::ALL
            .into_iter()
            .map(|l| {
                let n = rows
                    .iter()
                    .find(|(code, _)| code == l.code())
                    .map_or(0, |(_, n)| *n);
                (l, n)
            })
            .collect())
    }

    /// One section by id, with what it holds.
    pub async fn section_listing(&self, id: i64) -> Result<SectionListing> {
        let language: String = sqlx::query_scalar("SELECT language FROM sections WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let language: Language = language.parse().map_err(corrupt("sections.language"))?;
        self.section_listings(language)
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(StoreError::NotFound)
    }

    /// Where an old section slug of a language leads now: the current slug
    /// of the section it was renamed to or merged into.
    pub async fn section_moved(&self, language: Language, slug: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT s.slug FROM section_redirects r JOIN sections s ON s.id = r.section_id
             WHERE r.language = $1 AND r.slug = $2",
        )
        .bind(language.code())
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?)
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

    /// Every language's sections in one query (the editor's picker), by
    /// language then display order; a row of an unknown language is left out.
    pub async fn all_sections(&self) -> Result<Vec<Section>> {
        let rows: Vec<(String, String, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT language, slug, name, position, key FROM sections ORDER BY language, position, name",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(language, slug, name, position, key)| {
                Some(Section {
                    language: language.parse().ok()?,
                    slug,
                    name,
                    position,
                    key,
                })
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
