//! Programmes (audio series in one language) and their episodes: the
//! published articles of a programme that carry audio.
//!
//! A programme is edited by its id: a new slug is a new address, and the
//! old programme page and podcast feed answer 301 to the new ones (podcast
//! apps follow a permanent redirect and keep the new feed). Deleting a
//! programme leaves its episodes as articles without a programme, or moves
//! them to another programme of the language, whose page and feed the old
//! addresses then lead to.

use crate::corrupt;
use crate::{changes, from_unix, unix, MediaItem, Page, Result, Store, StoreError};
use dateline_core::{Language, ProgrammeInput};
use serde::Serialize;
use sqlx::{AnyConnection, Row};
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
    /// Its place in the language's order (1 first).
    pub position: i64,
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
     p.explicit, p.cover_id, p.position, p.created_at, p.updated_at, \
     (SELECT COUNT(*) FROM articles a JOIN media m ON m.id = a.audio_id AND m.kind = 'audio' \
      WHERE a.programme_id = p.id AND a.status = 'published') AS episode_count";

fn trimmed(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The cover must be an image of the library.
async fn check_cover(tx: &mut AnyConnection, cover: Option<i64>) -> Result<()> {
    if let Some(cover) = cover {
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
    Ok(())
}

/// A programme's language and slug, in the caller's transaction.
async fn programme_key(tx: &mut AnyConnection, id: i64) -> Result<(String, String)> {
    sqlx::query_as("SELECT language, slug FROM programmes WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)
}

impl Store {
    /// Changes the programme `id`: everything but its language (its
    /// episodes are articles of that language) and its place. A new slug
    /// is a new address: the old page and podcast feed answer 301. A slug
    /// another programme of the language has is a `Conflict`.
    pub async fn update_programme(
        &self,
        id: i64,
        input: &ProgrammeInput,
        now: OffsetDateTime,
    ) -> Result<()> {
        if let Err(errors) = input.validate() {
            let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return Err(StoreError::Invalid(text.join("; ")));
        }
        let mut tx = self.write_tx().await?;
        let (language, old_slug) = programme_key(&mut tx, id).await?;
        if language != input.language.code() {
            return Err(StoreError::Invalid(
                "language: a programme keeps its language".into(),
            ));
        }
        check_cover(&mut tx, input.cover_id).await?;
        if old_slug != input.slug {
            let taken: Option<i64> =
                sqlx::query_scalar("SELECT id FROM programmes WHERE language = $1 AND slug = $2")
                    .bind(&language)
                    .bind(&input.slug)
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_some() {
                return Err(StoreError::Conflict(format!("slug: {:?}", input.slug)));
            }
            sqlx::query("DELETE FROM programme_redirects WHERE language = $1 AND slug = $2")
                .bind(&language)
                .bind(&input.slug)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO programme_redirects (language, slug, programme_id) VALUES ($1, $2, $3)
                 ON CONFLICT (language, slug) DO UPDATE SET programme_id = excluded.programme_id",
            )
            .bind(&language)
            .bind(&old_slug)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE programmes SET slug = $1, name = $2, description = $3, author = $4,
                category = $5, explicit = $6, cover_id = $7, updated_at = $8
             WHERE id = $9",
        )
        .bind(&input.slug)
        .bind(input.name.trim())
        .bind(trimmed(&input.description))
        .bind(trimmed(&input.author))
        .bind(trimmed(&input.category))
        .bind(i64::from(input.explicit))
        .bind(input.cover_id)
        .bind(unix(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        changes::record(&mut tx, "programme", Some(id), now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a programme. Its articles stay; they name `move_to` (another
    /// programme of the language, whose page and feed the old addresses
    /// then lead to) or no programme. Returns how many articles it named.
    pub async fn delete_programme(
        &self,
        id: i64,
        move_to: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<u64> {
        let mut tx = self.write_tx().await?;
        let (language, slug) = programme_key(&mut tx, id).await?;
        if let Some(target) = move_to {
            let (target_language, _) = match programme_key(&mut tx, target).await {
                Err(StoreError::NotFound) => {
                    return Err(StoreError::Invalid("move_to: no such programme".into()))
                }
                other => other?,
            };
            if target == id || target_language != language {
                return Err(StoreError::Invalid(
                    "move_to: another programme of the same language".into(),
                ));
            }
            sqlx::query("UPDATE programme_redirects SET programme_id = $1 WHERE programme_id = $2")
                .bind(target)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO programme_redirects (language, slug, programme_id) VALUES ($1, $2, $3)
                 ON CONFLICT (language, slug) DO UPDATE SET programme_id = excluded.programme_id",
            )
            .bind(&language)
            .bind(&slug)
            .bind(target)
            .execute(&mut *tx)
            .await?;
            changes::record(&mut tx, "programme", Some(target), now).await?;
        }
        let articles: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM articles WHERE programme_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        sqlx::query("UPDATE articles SET programme_id = $1 WHERE programme_id = $2")
            .bind(move_to)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for article in &articles {
            changes::record(&mut tx, "article", Some(*article), now).await?;
        }
        sqlx::query("DELETE FROM programmes WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        changes::record(&mut tx, "programme", Some(id), now).await?;
        tx.commit().await?;
        Ok(articles.len() as u64)
    }

    /// Puts a language's programmes in the order of `ids`; the ones the
    /// list leaves out follow in their order before. An id of another
    /// language, or named twice, is refused and nothing changes.
    pub async fn reorder_programmes(
        &self,
        language: Language,
        ids: &[i64],
        now: OffsetDateTime,
    ) -> Result<()> {
        if ids.len() > crate::MAX_SECTIONS {
            return Err(StoreError::Invalid(format!(
                "at most {} programmes",
                crate::MAX_SECTIONS
            )));
        }
        let mut tx = self.write_tx().await?;
        let current: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM programmes WHERE language = $1 ORDER BY position, LOWER(name), id",
        )
        .bind(language.code())
        .fetch_all(&mut *tx)
        .await?;
        let order = crate::sections::full_order(&current, ids)?;
        for (i, id) in order.iter().enumerate() {
            sqlx::query("UPDATE programmes SET position = $1 WHERE id = $2")
                .bind(i as i64 + 1)
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        changes::record(&mut tx, "programme", None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many articles (of any status) name the programme.
    pub async fn programme_article_count(&self, id: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE programme_id = $1")
                .bind(id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Where an old programme slug of a language leads now: the current
    /// slug of the programme it was renamed to or merged into.
    pub async fn programme_moved(&self, language: Language, slug: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT p.slug FROM programme_redirects r JOIN programmes p ON p.id = r.programme_id
             WHERE r.language = $1 AND r.slug = $2",
        )
        .bind(language.code())
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?)
    }
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
        check_cover(&mut tx, input.cover_id).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO programmes (language, slug, name, description, author, category, explicit,
                cover_id, created_at, updated_at, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                (SELECT COALESCE(MAX(position), 0) + 1 FROM programmes WHERE language = $11))
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
        .bind(input.language.code())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM programme_redirects WHERE language = $1 AND slug = $2")
            .bind(input.language.code())
            .bind(&input.slug)
            .execute(&mut *tx)
            .await?;
        changes::record(&mut tx, "programme", Some(id), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn programme_rows(&self, condition: &str, binds: &[&str]) -> Result<Vec<Programme>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM programmes p WHERE {condition} ORDER BY p.language, p.position, LOWER(p.name), p.id"
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
                Ok(m) if m.kind == dateline_core::media::MediaKind::Image => Some(m),
                Ok(_) | Err(StoreError::NotFound) => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        let language: String = row.try_get("language")?;
        Ok(Programme {
            id: row.try_get("id")?,
            language: language.parse().map_err(corrupt("programmes.language"))?,
            slug: row.try_get("slug")?,
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            author: row.try_get("author")?,
            category: row.try_get("category")?,
            explicit: row.try_get::<i64, _>("explicit")? != 0,
            cover_id,
            position: row.try_get("position")?,
            cover,
            episode_count: row.try_get("episode_count")?,
            created_at: from_unix(row.try_get("created_at")?),
            updated_at: from_unix(row.try_get("updated_at")?),
        })
    }

    /// The programmes of one language, in their order.
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

    /// Every programme, by language then in its order, for the newsroom.
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
