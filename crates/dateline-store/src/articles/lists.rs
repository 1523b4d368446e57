//! Lists of articles beyond the public pages': translations, sitemaps and
//! feeds, and the newsroom's.

use super::Page;
use crate::corrupt;
use crate::{from_unix, unix, Result, Store, StoreError};
use dateline_core::{ArticleInput, Language, Note, Status};
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

impl Store {
    /// The other published versions of a story, one per language, in the
    /// model's language order: (language, path, headline).
    pub async fn translations(
        &self,
        story_key: &str,
        except_id: i64,
    ) -> Result<Vec<(Language, String, String)>> {
        let rows: Vec<(String, Option<String>, String)> = sqlx::query_as(
            "SELECT language, path, headline FROM articles
             WHERE story_key = $1 AND id <> $2 AND status = 'published'
             ORDER BY published_at DESC, id DESC",
        )
        .bind(story_key)
        .bind(except_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<(Language, String, String)> = Vec::new();
        for (code, path, headline) in rows {
            let (Ok(language), Some(path)) = (code.parse::<Language>(), path) else {
                continue;
            };
            if !out.iter().any(|(l, _, _)| *l == language) {
                out.push((language, path, headline));
            }
        }
        out.sort_by_key(|(l, _, _)| Language::ALL.iter().position(|x| x == l));
        Ok(out)
    }
}

/// One article of a sitemap, with its translations for hreflang.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapEntry {
    pub path: String,
    pub language: Language,
    pub headline: String,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// (language code, path) of each other published version of the story.
    pub alternates: Vec<(String, String)>,
}

impl Store {
    /// Published articles per language, for splitting sitemaps.
    pub async fn published_counts(&self) -> Result<Vec<(Language, i64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT language, COUNT(*) FROM articles WHERE status = 'published' GROUP BY language",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<(Language, i64)> = rows
            .into_iter()
            .filter_map(|(l, n)| l.parse().ok().map(|l| (l, n)))
            .collect();
        out.sort_by_key(|(l, _)| Language::ALL.iter().position(|x| x == l));
        Ok(out)
    }

    /// One chunk of a language's published articles, oldest first (so a
    /// chunk, once full, never changes), with their translations.
    pub async fn sitemap_entries(
        &self,
        language: Language,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<SitemapEntry>> {
        let rows = sqlx::query(
            "SELECT id, path, headline, published_at, updated_at FROM articles
             WHERE language = $1 AND status = 'published' ORDER BY id LIMIT $2 OFFSET $3",
        )
        .bind(language.code())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let alternates: Vec<(i64, String, Option<String>)> = sqlx::query_as(
            "SELECT a.id, t.language, t.path FROM articles a
             JOIN articles t ON t.story_key = a.story_key AND t.id <> a.id AND t.status = 'published'
             WHERE a.id IN (SELECT id FROM articles WHERE language = $1 AND status = 'published'
                            ORDER BY id LIMIT $2 OFFSET $3)
             ORDER BY a.id, t.language",
        )
        .bind(language.code())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                Ok(SitemapEntry {
                    path: r.try_get::<Option<String>, _>("path")?.unwrap_or_default(),
                    language,
                    headline: r.try_get("headline")?,
                    published_at: from_unix(
                        r.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                    ),
                    updated_at: from_unix(r.try_get("updated_at")?),
                    alternates: alternates
                        .iter()
                        .filter(|(a, _, p)| *a == id && p.is_some())
                        .map(|(_, l, p)| (l.clone(), p.clone().unwrap_or_default()))
                        .collect(),
                })
            })
            .collect()
    }

    /// Articles published since `since`, newest first, for the news sitemap.
    pub async fn published_since(
        &self,
        since: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<SitemapEntry>> {
        let rows = sqlx::query(
            "SELECT path, language, headline, published_at, updated_at FROM articles
             WHERE status = 'published' AND published_at >= $1 ORDER BY published_at DESC, id DESC LIMIT $2",
        )
        .bind(unix(since))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let language: String = r.try_get("language")?;
                Ok(SitemapEntry {
                    path: r.try_get::<Option<String>, _>("path")?.unwrap_or_default(),
                    language: language.parse().map_err(corrupt("articles.language"))?,
                    headline: r.try_get("headline")?,
                    published_at: from_unix(
                        r.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                    ),
                    updated_at: from_unix(r.try_get("updated_at")?),
                    alternates: Vec::new(),
                })
            })
            .collect()
    }
}

/// An article as the newsroom's lists show it, in any status.
#[derive(Debug, Clone, Serialize)]
pub struct NewsroomArticle {
    pub id: i64,
    pub language: Language,
    pub headline: String,
    pub status: Status,
    pub section_slug: String,
    pub byline: Option<String>,
    pub path: Option<String>,
    pub version: i64,
    pub created_by: Option<i64>,
    pub created_by_name: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// Which articles the newsroom's list shows.
#[derive(Debug, Clone, Default)]
pub struct NewsroomFilter {
    pub status: Option<Status>,
    pub language: Option<Language>,
    /// Only articles this member created.
    pub created_by: Option<i64>,
    /// Words in the headline.
    pub headline: Option<String>,
}

pub(crate) fn newsroom_article(row: &sqlx::any::AnyRow) -> Result<NewsroomArticle> {
    let invalid = |e: &dyn std::fmt::Display| StoreError::Invalid(e.to_string());
    Ok(NewsroomArticle {
        id: row.try_get("id")?,
        language: row
            .try_get::<String, _>("language")?
            .parse()
            .map_err(|e| invalid(&e))?,
        headline: row.try_get("headline")?,
        status: row
            .try_get::<String, _>("status")?
            .parse()
            .map_err(|e| invalid(&e))?,
        section_slug: row.try_get("section_slug")?,
        byline: row.try_get("byline")?,
        path: row.try_get("path")?,
        version: row.try_get("version")?,
        created_by: row.try_get("created_by")?,
        created_by_name: row.try_get("created_by_name")?,
        published_at: row
            .try_get::<Option<i64>, _>("published_at")?
            .map(from_unix),
        updated_at: from_unix(row.try_get("updated_at")?),
    })
}

pub(crate) const NEWSROOM_COLUMNS: &str =
    "a.id, a.language, a.headline, a.status, s.slug AS section_slug, a.byline, a.path,
    a.version, a.created_by, u.name AS created_by_name, a.published_at, a.updated_at";

impl Store {
    /// The newsroom's list: every status, most recently changed first.
    pub async fn newsroom_articles(
        &self,
        filter: &NewsroomFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Page<NewsroomArticle>> {
        let like = filter
            .headline
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(|h| {
                let escaped = h
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                format!("%{}%", escaped.to_lowercase())
            });
        let condition = "($1 IS NULL OR a.status = $1) AND ($2 IS NULL OR a.language = $2)
             AND ($3 IS NULL OR a.created_by = $3) AND ($4 IS NULL OR LOWER(a.headline) LIKE $4 ESCAPE '\\')";
        let from = "FROM articles a JOIN sections s ON s.id = a.section_id LEFT JOIN users u ON u.id = a.created_by";
        let rows = sqlx::query(&format!(
            "SELECT {NEWSROOM_COLUMNS} {from} WHERE {condition} ORDER BY a.updated_at DESC, a.id DESC LIMIT $5 OFFSET $6"
        ))
        .bind(filter.status.map(Status::as_str))
        .bind(filter.language.map(Language::code))
        .bind(filter.created_by)
        .bind(like.as_deref())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {from} WHERE {condition}"))
            .bind(filter.status.map(Status::as_str))
            .bind(filter.language.map(Language::code))
            .bind(filter.created_by)
            .bind(like.as_deref())
            .fetch_one(&self.pool)
            .await?;
        Ok(Page {
            items: rows.iter().map(newsroom_article).collect::<Result<_>>()?,
            total,
        })
    }

    /// One article's newsroom facts: status, version, who created it.
    pub async fn newsroom_article(&self, id: i64) -> Result<NewsroomArticle> {
        let row = sqlx::query(&format!(
            "SELECT {NEWSROOM_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id
             LEFT JOIN users u ON u.id = a.created_by WHERE a.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        newsroom_article(&row)
    }

    /// Whether another article of the language already uses this slug in
    /// this section (the newsroom warns before the path gets a `-2`).
    pub async fn slug_taken(
        &self,
        language: Language,
        section: &str,
        slug: &str,
        except: Option<i64>,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM articles a JOIN sections s ON s.id = a.section_id
             WHERE a.language = $1 AND s.slug = $2 AND a.slug = $3 AND a.id <> $4",
        )
        .bind(language.code())
        .bind(section)
        .bind(slug)
        .bind(except.unwrap_or(-1))
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Notes on published articles of a language, newest first, for the
    /// public corrections page: (note, headline, path).
    pub async fn corrections(
        &self,
        language: Language,
        limit: i64,
        offset: i64,
    ) -> Result<Page<(Note, String, String)>> {
        let rows: Vec<(String, String, i64, String, Option<String>)> = sqlx::query_as(
            "SELECT n.kind, n.body, n.created_at, a.headline, a.path FROM article_notes n
             JOIN articles a ON a.id = n.article_id
             WHERE a.language = $1 AND a.status = 'published'
             ORDER BY n.created_at DESC, n.id DESC LIMIT $2 OFFSET $3",
        )
        .bind(language.code())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM article_notes n JOIN articles a ON a.id = n.article_id
             WHERE a.language = $1 AND a.status = 'published'",
        )
        .bind(language.code())
        .fetch_one(&self.pool)
        .await?;
        let items = rows
            .into_iter()
            .map(|(kind, text, at, headline, path)| {
                Ok((
                    Note {
                        kind: kind.parse().map_err(corrupt("notes.kind"))?,
                        text,
                        at: from_unix(at),
                    },
                    headline,
                    path.unwrap_or_default(),
                ))
            })
            .collect::<Result<_>>()?;
        Ok(Page { items, total })
    }
}

impl Store {
    /// The newsroom's facts (status, version, creator) of the article
    /// imported before from copy with this identity, if any.
    pub async fn newsroom_article_by_source_key(
        &self,
        key: &str,
    ) -> Result<Option<NewsroomArticle>> {
        let row = sqlx::query(&format!(
            "SELECT {NEWSROOM_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id
             LEFT JOIN users u ON u.id = a.created_by WHERE a.source_key = $1"
        ))
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(newsroom_article).transpose()
    }

    /// The article imported before from copy with this identity, if any.
    pub async fn article_by_source_key(&self, key: &str) -> Result<Option<ArticleInput>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE source_key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        match id {
            Some(id) => Ok(Some(self.article_input(id).await?)),
            None => Ok(None),
        }
    }
}
