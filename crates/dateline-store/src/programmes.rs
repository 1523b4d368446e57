//! Programmes (audio series in one language) and their episodes: the
//! published articles of a programme that carry audio.

use crate::{changes, from_unix, unix, MediaItem, Page, Result, Store, StoreError};
use dateline_core::{Language, ProgrammeInput};
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

/// A programme as its page, its feed and the newsroom show it.
#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    pub id: i64,
    pub language: Language,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub author: Option<String>,
    pub category: Option<String>,
    pub explicit: bool,
    pub cover_id: Option<i64>,
    /// The cover image, when it is still in the library.
    pub cover: Option<MediaItem>,
    /// Published episodes (articles with audio).
    pub episode_count: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Programme {
    /// The programme as its newsroom form edits it.
    pub fn input(&self) -> ProgrammeInput {
        ProgrammeInput {
            language: self.language,
            slug: self.slug.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            author: self.author.clone(),
            category: self.category.clone(),
            explicit: self.explicit,
            cover_id: self.cover_id,
        }
    }
}

/// One episode: a published article of the programme with its audio.
#[derive(Debug, Clone, Serialize)]
pub struct Episode {
    pub article_id: i64,
    pub path: String,
    pub headline: String,
    pub standfirst: Option<String>,
    pub byline: Option<String>,
    pub body_markdown: String,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
    pub audio: MediaItem,
}

/// Published articles of a programme that carry audio: its episodes.
const EPISODES: &str = "FROM articles a JOIN media m ON m.id = a.audio_id AND m.kind = 'audio'
     WHERE a.programme_id = $1 AND a.status = 'published'";

const COLUMNS: &str = "p.id, p.language, p.slug, p.name, p.description, p.author, p.category, \
     p.explicit, p.cover_id, p.created_at, p.updated_at, \
     (SELECT COUNT(*) FROM articles a JOIN media m ON m.id = a.audio_id AND m.kind = 'audio' \
      WHERE a.programme_id = p.id AND a.status = 'published') AS episode_count";

fn trimmed(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Store {
    /// Creates a programme, or changes the one of the same language and
    /// slug; returns its id. The cover must be an image of the library.
    pub async fn save_programme(&self, input: &ProgrammeInput, now: OffsetDateTime) -> Result<i64> {
        if let Err(errors) = input.validate() {
            let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return Err(StoreError::Invalid(text.join("; ")));
        }
        let mut tx = self.write_tx().await?;
        if let Some(cover) = input.cover_id {
            let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM media WHERE id = $1")
                .bind(cover)
                .fetch_optional(&mut *tx)
                .await?;
            if kind.as_deref() != Some("image") {
                return Err(StoreError::Invalid(format!(
                    "cover_id: media {cover} is not an image of the library"
                )));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO programmes (language, slug, name, description, author, category, explicit,
                cover_id, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (language, slug) DO UPDATE
                SET name = excluded.name, description = excluded.description,
                    author = excluded.author, category = excluded.category,
                    explicit = excluded.explicit, cover_id = excluded.cover_id,
                    updated_at = excluded.updated_at
             RETURNING id",
        )
        .bind(input.language.code())
        .bind(&input.slug)
        .bind(input.name.trim())
        .bind(trimmed(&input.description))
        .bind(trimmed(&input.author))
        .bind(trimmed(&input.category))
        .bind(i64::from(input.explicit))
        .bind(input.cover_id)
        .bind(unix(now))
        .bind(unix(now))
        .fetch_one(&mut *tx)
        .await?;
        changes::record(&mut tx, "programme", Some(id), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn programme_rows(&self, condition: &str, binds: &[&str]) -> Result<Vec<Programme>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM programmes p WHERE {condition} ORDER BY p.language, LOWER(p.name), p.id"
        );
        let mut query = sqlx::query(&sql);
        for b in binds {
            query = query.bind(*b);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(self.programme_row(row).await?);
        }
        Ok(out)
    }

    async fn programme_row(&self, row: &sqlx::any::AnyRow) -> Result<Programme> {
        let cover_id: Option<i64> = row.try_get("cover_id")?;
        let cover = match cover_id {
            Some(id) => match self.media(id).await {
                Ok(m) if m.kind == "image" => Some(m),
                Ok(_) | Err(StoreError::NotFound) => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        let language: String = row.try_get("language")?;
        Ok(Programme {
            id: row.try_get("id")?,
            language: language
                .parse()
                .map_err(|e| StoreError::Invalid(format!("{e}")))?,
            slug: row.try_get("slug")?,
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            author: row.try_get("author")?,
            category: row.try_get("category")?,
            explicit: row.try_get::<i64, _>("explicit")? != 0,
            cover_id,
            cover,
            episode_count: row.try_get("episode_count")?,
            created_at: from_unix(row.try_get("created_at")?),
            updated_at: from_unix(row.try_get("updated_at")?),
        })
    }

    /// The programmes of one language, by name.
    pub async fn programmes(&self, language: Language) -> Result<Vec<Programme>> {
        self.programme_rows("p.language = $1", &[language.code()])
            .await
    }

    /// Whether the language has any programme (the navigation links to
    /// the programmes page then).
    pub async fn has_programmes(&self, language: Language) -> Result<bool> {
        let any: Option<i64> =
            sqlx::query_scalar("SELECT id FROM programmes WHERE language = $1 LIMIT 1")
                .bind(language.code())
                .fetch_optional(&self.pool)
                .await?;
        Ok(any.is_some())
    }

    /// Every programme, by language then name, for the newsroom.
    pub async fn all_programmes(&self) -> Result<Vec<Programme>> {
        self.programme_rows("1 = 1", &[]).await
    }

    pub async fn programme(&self, language: Language, slug: &str) -> Result<Programme> {
        self.programme_rows("p.language = $1 AND p.slug = $2", &[language.code(), slug])
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound)
    }

    pub async fn programme_by_id(&self, id: i64) -> Result<Programme> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM programmes p WHERE p.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        self.programme_row(&row).await
    }

    /// One page of a programme's episodes, newest first, with the total.
    pub async fn episodes(
        &self,
        programme_id: i64,
        limit: i64,
        offset: i64,
    ) -> Result<Page<Episode>> {
        let rows = sqlx::query(&format!(
            "SELECT a.id, a.path, a.headline, a.standfirst, a.byline, a.body_markdown,
                a.published_at, a.audio_id {EPISODES}
             ORDER BY a.published_at DESC, a.id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(programme_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {EPISODES}"))
            .bind(programme_id)
            .fetch_one(&self.pool)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            items.push(Episode {
                article_id: row.try_get("id")?,
                path: row
                    .try_get::<Option<String>, _>("path")?
                    .unwrap_or_default(),
                headline: row.try_get("headline")?,
                standfirst: row.try_get("standfirst")?,
                byline: row.try_get("byline")?,
                body_markdown: row.try_get("body_markdown")?,
                published_at: from_unix(
                    row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                ),
                audio: self.media(row.try_get("audio_id")?).await?,
            });
        }
        Ok(Page { items, total })
    }
}
