//! Pages (`pages`): About, Contact, Privacy and the like, per language.
//! A save records a `page` change (every node drops its cached pages: each
//! page's footer lists them) and an audit entry.

use crate::corrupt;
use crate::{audit, changes, from_unix, unix, Result, Store, StoreError};
use dateline_core::markdown::SafeHtml;
use dateline_core::page::{page_path, PageInput};
use dateline_core::Language;
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

/// A page as readers and the newsroom see it.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub id: i64,
    pub language: Language,
    pub slug: String,
    pub path: String,
    pub title: String,
    pub body_markdown: String,
    pub body_html: String,
    pub story_key: Option<String>,
    pub position: i64,
    pub published: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A page as the footer and the sitemap list it.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub title: String,
    pub path: String,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

const COLUMNS: &str = "id, language, slug, title, body_markdown, body_html, story_key, position, published, updated_at";

/// A page as its row holds it (see [`COLUMNS`]).
#[derive(sqlx::FromRow)]
struct PageRow {
    id: i64,
    language: String,
    slug: String,
    title: String,
    body_markdown: String,
    body_html: String,
    story_key: Option<String>,
    position: i64,
    published: i64,
    updated_at: i64,
}

fn view(row: &sqlx::any::AnyRow) -> Result<PageView> {
    let row = <PageRow as sqlx::FromRow<_>>::from_row(row)?;
    let language: Language = row.language.parse().map_err(corrupt("pages.language"))?;
    Ok(PageView {
        id: row.id,
        path: page_path(language, &row.slug),
        language,
        slug: row.slug,
        title: row.title,
        body_markdown: row.body_markdown,
        body_html: row.body_html,
        story_key: row.story_key,
        position: row.position,
        published: row.published != 0,
        updated_at: from_unix(row.updated_at),
    })
}

impl Store {
    /// Creates (`id` None) or changes a page. The body was rendered by the
    /// caller off the async threads. A slug another page of the language
    /// holds is refused with a sentence.
    pub async fn save_page(
        &self,
        id: Option<i64>,
        input: &PageInput,
        body_html: &SafeHtml,
        by: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<i64> {
        input.validate().map_err(|errors| {
            StoreError::Invalid(
                errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        let Some(language) = input.language else {
            return Err(StoreError::Invalid("language: none".into()));
        };
        let mut tx = self.write_tx().await?;
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM pages WHERE language = $1 AND slug = $2")
                .bind(language.code())
                .bind(&input.slug)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() && taken != id {
            return Err(StoreError::Invalid(format!(
                "slug: another page of this language is at {}",
                page_path(language, &input.slug)
            )));
        }
        let published = i64::from(input.published);
        let id =
            match id {
                Some(id) => {
                    let done = sqlx::query(
                        "UPDATE pages SET language = $1, slug = $2, title = $3, body_markdown = $4,
                       body_html = $5, story_key = $6, position = $7, published = $8,
                       updated_at = $9, updated_by = $10 WHERE id = $11",
                    )
                    .bind(language.code())
                    .bind(&input.slug)
                    .bind(input.title.trim())
                    .bind(&input.body_markdown)
                    .bind(body_html.as_str())
                    .bind(input.story_key.as_deref())
                    .bind(input.position)
                    .bind(published)
                    .bind(unix(now))
                    .bind(by)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    id
                }
                None => sqlx::query_scalar(
                    "INSERT INTO pages (language, slug, title, body_markdown, body_html, story_key,
                       position, published, created_at, updated_at, updated_by)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id",
                )
                .bind(language.code())
                .bind(&input.slug)
                .bind(input.title.trim())
                .bind(&input.body_markdown)
                .bind(body_html.as_str())
                .bind(input.story_key.as_deref())
                .bind(input.position)
                .bind(published)
                .bind(unix(now))
                .bind(by)
                .fetch_one(&mut *tx)
                .await?,
            };
        audit::record_tx(
            &mut tx,
            now,
            by,
            if input.published {
                "page-publish"
            } else {
                "page-save"
            },
            "page",
            Some(id),
            Some(&page_path(language, &input.slug)),
        )
        .await?;
        changes::record(&mut tx, "page", Some(id), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A page by id, published or not (the newsroom's).
    pub async fn page(&self, id: i64) -> Result<PageView> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM pages WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        view(&row)
    }

    /// A published page at its address.
    pub async fn published_page(&self, language: Language, slug: &str) -> Result<PageView> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM pages WHERE language = $1 AND slug = $2 AND published = 1"
        ))
        .bind(language.code())
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        view(&row)
    }

    /// Every page, for the newsroom: by language, then position.
    pub async fn all_pages(&self) -> Result<Vec<PageView>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM pages ORDER BY language, position, title"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(view).collect()
    }

    /// The published pages of a language, in footer order.
    pub async fn page_links(&self, language: Language) -> Result<Vec<PageLink>> {
        let rows = sqlx::query(
            "SELECT slug, title, updated_at FROM pages WHERE language = $1 AND published = 1
             ORDER BY position, title LIMIT 50",
        )
        .bind(language.code())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PageLink {
                    title: r.try_get("title")?,
                    path: page_path(language, &r.try_get::<String, _>("slug")?),
                    updated_at: from_unix(r.try_get("updated_at")?),
                })
            })
            .collect()
    }

    /// The published translations of a page: (language, path, title).
    pub async fn page_translations(
        &self,
        story_key: &str,
        except_id: i64,
    ) -> Result<Vec<(Language, String, String)>> {
        let rows = sqlx::query(
            "SELECT language, slug, title FROM pages
             WHERE story_key = $1 AND id <> $2 AND published = 1 ORDER BY language",
        )
        .bind(story_key)
        .bind(except_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for r in rows {
            let code: String = r.try_get("language")?;
            if let Ok(language) = code.parse::<Language>() {
                let slug: String = r.try_get("slug")?;
                out.push((language, page_path(language, &slug), r.try_get("title")?));
            }
        }
        out.sort_by_key(|(l, _, _)| Language::ALL.iter().position(|x| x == l));
        Ok(out)
    }
}
