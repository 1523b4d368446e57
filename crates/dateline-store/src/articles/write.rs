//! One save of an article inside the caller's transaction.

use super::SaveOutcome;
use crate::revisions::{insert_revision, RevisionKind};
use crate::{changes, unix, Result, StoreError};
use dateline_core::markdown::{self, SafeHtml};
use dateline_core::slug::slugify;
use dateline_core::{article_path, ArticleInput, Language, Status};
use sqlx::AnyConnection;
use time::OffsetDateTime;

/// A save inside the caller's transaction: validates, stores the rendered body,
/// links author and tags, gives a published article its path (adding `-2`,
/// `-3`... if another article holds it), keeps the old path as a redirect
/// when it changes, bumps the edit version, keeps the content as a revision,
/// and records the change in the outbox.
/// Which row a save writes.
#[derive(Debug, Clone, Copy)]
pub(super) enum Target {
    /// This article.
    Id(i64),
    /// The article imported before with the input's source key, else a
    /// new one.
    SourceKey,
    /// A new article, whatever else carries its source key (the unique
    /// key then refuses it).
    New,
}

impl Target {
    pub(super) fn of(id: Option<i64>) -> Target {
        id.map_or(Target::SourceKey, Target::Id)
    }
}

/// A body rendered for saving, or why it cannot be (as the field error the
/// forms and import reports show).
pub fn render_body(input: &ArticleInput) -> Result<SafeHtml> {
    markdown::render(&input.body_markdown)
        .map_err(|e| StoreError::Invalid(format!("body: the body {e}")))
}

/// Whether a save is recorded in the article's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Revision {
    Keep,
    Skip,
}

pub(super) async fn write_article(
    tx: &mut AnyConnection,
    target: Target,
    input: &ArticleInput,
    body_html: &SafeHtml,
    now: OffsetDateTime,
    by: Option<i64>,
    revision: Revision,
) -> Result<SaveOutcome> {
    if let Err(errors) = input.validate() {
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        return Err(StoreError::Invalid(text.join("; ")));
    }
    let lang = input.language.code();

    let section_id: i64 =
        sqlx::query_scalar("SELECT id FROM sections WHERE language = $1 AND slug = $2")
            .bind(lang)
            .bind(&input.section)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "there is no section {:?} in language {lang}",
                    input.section
                ))
            })?;

    if let Some(programme) = input.programme_id {
        let language: Option<String> =
            sqlx::query_scalar("SELECT language FROM programmes WHERE id = $1")
                .bind(programme)
                .fetch_optional(&mut *tx)
                .await?;
        match language {
            Some(l) if l == lang => {}
            Some(l) => {
                return Err(StoreError::Invalid(format!(
                    "programme {programme} is in language {l}, the article in {lang}"
                )))
            }
            None => {
                return Err(StoreError::Invalid(format!(
                    "there is no programme {programme}"
                )))
            }
        }
    }

    let existing: Option<(i64, Option<String>, i64)> = match (target, &input.source_key) {
        (Target::Id(id), _) => Some(
            sqlx::query_as("SELECT id, path, created_at FROM articles WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?,
        ),
        (Target::SourceKey, Some(key)) => {
            sqlx::query_as("SELECT id, path, created_at FROM articles WHERE source_key = $1")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?
        }
        (Target::SourceKey | Target::New, _) => None,
    };

    let author_id = match input
        .byline
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        Some(byline) => Some(upsert_author(tx, byline).await?),
        None => None,
    };
    let dateline = input.dateline.as_ref();
    let old_path = existing.as_ref().and_then(|(_, p, _)| p.clone());
    let article_id = existing.as_ref().map(|(id, _, _)| *id);

    let path = match (input.status, input.published_at) {
        (Status::Published | Status::Unpublished, Some(at)) => {
            Some(free_path(tx, input, at, article_id).await?)
        }
        // A draft or scheduled article keeps the path it had, so that its
        // old URL still answers once it is published again.
        _ => old_path.clone(),
    };

    let columns = Columns {
        language: lang,
        section_id,
        slug: path
            .as_deref()
            .and_then(|p| p.rsplit('/').next())
            .unwrap_or(&input.slug),
        headline: input.headline.trim(),
        standfirst: trimmed(input.standfirst.as_deref()),
        dateline_place: dateline.map(|d| d.place.trim()),
        dateline_date: input.dateline_date.map(|d| d.to_string()),
        dateline_agency: dateline.and_then(|d| d.agency.as_deref()),
        byline: trimmed(input.byline.as_deref()),
        author_id,
        body_markdown: &input.body_markdown,
        body_html: body_html.as_str(),
        status: input.status.as_str(),
        published_at: input.published_at.map(unix),
        created_at: existing.as_ref().map(|(_, _, c)| *c).unwrap_or(unix(now)),
        updated_at: unix(now),
        story_key: input.story_key.as_deref(),
        source_key: input.source_key.as_deref(),
        path: path.as_deref(),
        image_id: input.image_id,
        audio_id: input.audio_id,
        programme_id: input.programme_id,
    };
    let row_id = match article_id {
        Some(id) => update_row(tx, id, &columns).await?,
        None => insert_row(tx, &columns, by).await?,
    };

    set_tags(tx, row_id, input.language, &input.tags).await?;
    set_body_media(tx, row_id, &input.body_markdown).await?;

    if let Some(new) = &path {
        sqlx::query("DELETE FROM redirects WHERE path = $1")
            .bind(new)
            .execute(&mut *tx)
            .await?;
        if let Some(old) = old_path.as_ref().filter(|old| *old != new) {
            sqlx::query(
                "INSERT INTO redirects (path, article_id) VALUES ($1, $2)
                     ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id",
            )
            .bind(old)
            .bind(row_id)
            .execute(&mut *tx)
            .await?;
        }
    }
    let version: i64 = sqlx::query_scalar("SELECT version FROM articles WHERE id = $1")
        .bind(row_id)
        .fetch_one(&mut *tx)
        .await?;
    if revision == Revision::Keep {
        insert_revision(
            &mut *tx,
            row_id,
            version,
            RevisionKind::Save,
            by,
            input,
            now,
        )
        .await?;
    }
    changes::record(&mut *tx, "article", Some(row_id), now).await?;
    Ok(SaveOutcome {
        id: row_id,
        created: article_id.is_none(),
        path,
        version,
    })
}

/// Records which library pictures the body shows (see `body_media`).
async fn set_body_media(tx: &mut AnyConnection, article_id: i64, body: &str) -> Result<()> {
    sqlx::query("DELETE FROM body_media WHERE article_id = $1")
        .bind(article_id)
        .execute(&mut *tx)
        .await?;
    for token in markdown::media_tokens(body).into_iter().take(500) {
        sqlx::query(
            "INSERT INTO body_media (article_id, media_id)
             SELECT $1, id FROM media WHERE token = $2
             ON CONFLICT (article_id, media_id) DO NOTHING",
        )
        .bind(article_id)
        .bind(token)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

async fn upsert_author(tx: &mut AnyConnection, byline: &str) -> Result<i64> {
    let slug = slugify(byline);
    let slug = if slug.is_empty() {
        "staff".to_string()
    } else {
        slug
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO authors (slug, name) VALUES ($1, $2)
         ON CONFLICT (slug) DO UPDATE SET name = authors.name RETURNING id",
    )
    .bind(slug)
    .bind(byline)
    .fetch_one(&mut *tx)
    .await?)
}

async fn set_tags(
    tx: &mut AnyConnection,
    article_id: i64,
    language: Language,
    tags: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
        .bind(article_id)
        .execute(&mut *tx)
        .await?;
    let mut seen = Vec::new();
    for (position, name) in tags.iter().map(|t| t.trim()).enumerate() {
        let slug = slugify(name);
        if slug.is_empty() || seen.contains(&slug) {
            continue;
        }
        let tag_id: i64 = sqlx::query_scalar(
            "INSERT INTO tags (language, slug, name) VALUES ($1, $2, $3)
             ON CONFLICT (language, slug) DO UPDATE SET name = tags.name RETURNING id",
        )
        .bind(language.code())
        .bind(&slug)
        .bind(name)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO article_tags (article_id, tag_id, position) VALUES ($1, $2, $3)")
            .bind(article_id)
            .bind(tag_id)
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
        seen.push(slug);
    }
    Ok(())
}

/// The article's path, or the same with `-2`, `-3`... when another article
/// already answers at it (two stories with one slug on one day).
async fn free_path(
    tx: &mut AnyConnection,
    input: &ArticleInput,
    at: OffsetDateTime,
    own_id: Option<i64>,
) -> Result<String> {
    for n in 1..100 {
        let slug = if n == 1 {
            input.slug.clone()
        } else {
            format!("{}-{n}", input.slug)
        };
        let path = article_path(input.language, &input.section, at, &slug);
        let holder: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM articles WHERE path = $1
             UNION ALL SELECT article_id FROM redirects WHERE path = $2",
        )
        .bind(&path)
        .bind(&path)
        .fetch_optional(&mut *tx)
        .await?;
        match holder {
            None => return Ok(path),
            Some(h) if Some(h) == own_id => return Ok(path),
            Some(_) => continue,
        }
    }
    Err(StoreError::Conflict(format!(
        "no free path for slug {:?}",
        input.slug
    )))
}

/// An article's columns, as both the INSERT and the UPDATE write them.
struct Columns<'a> {
    language: &'a str,
    section_id: i64,
    slug: &'a str,
    headline: &'a str,
    standfirst: Option<&'a str>,
    dateline_place: Option<&'a str>,
    dateline_date: Option<String>,
    dateline_agency: Option<&'a str>,
    byline: Option<&'a str>,
    author_id: Option<i64>,
    body_markdown: &'a str,
    body_html: &'a str,
    status: &'a str,
    published_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
    story_key: Option<&'a str>,
    source_key: Option<&'a str>,
    path: Option<&'a str>,
    image_id: Option<i64>,
    audio_id: Option<i64>,
    programme_id: Option<i64>,
}

type RowQuery<'q> = sqlx::query::QueryScalar<'q, sqlx::Any, i64, sqlx::any::AnyArguments<'q>>;

impl<'a> Columns<'a> {
    /// Binds the columns in the order both statements list them: after
    /// the id in the UPDATE (`$2`…`$23`), before `created_by` in the
    /// INSERT (`$1`…`$22`).
    fn bind<'q>(&'q self, q: RowQuery<'q>) -> RowQuery<'q>
    where
        'a: 'q,
    {
        q.bind(self.language)
            .bind(self.section_id)
            .bind(self.slug)
            .bind(self.headline)
            .bind(self.standfirst)
            .bind(self.dateline_place)
            .bind(self.dateline_date.as_deref())
            .bind(self.dateline_agency)
            .bind(self.byline)
            .bind(self.author_id)
            .bind(self.body_markdown)
            .bind(self.body_html)
            .bind(self.status)
            .bind(self.published_at)
            .bind(self.created_at)
            .bind(self.updated_at)
            .bind(self.story_key)
            .bind(self.source_key)
            .bind(self.path)
            .bind(self.image_id)
            .bind(self.audio_id)
            .bind(self.programme_id)
    }
}

/// A new article at version 1, made by `created_by`; its id.
async fn insert_row(
    tx: &mut AnyConnection,
    c: &Columns<'_>,
    created_by: Option<i64>,
) -> Result<i64> {
    let insert = sqlx::query_scalar(
        "INSERT INTO articles (language, section_id, slug, headline, standfirst,
            dateline_place, dateline_date, dateline_agency, byline, author_id,
            body_markdown, body_html, status, published_at, created_at, updated_at,
            story_key, source_key, path, image_id, audio_id, programme_id,
            version, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
            $16, $17, $18, $19, $20, $21, $22, 1, $23)
         RETURNING id",
    );
    Ok(c.bind(insert).bind(created_by).fetch_one(&mut *tx).await?)
}

/// Article `id` rewritten, its version one up; its id.
async fn update_row(tx: &mut AnyConnection, id: i64, c: &Columns<'_>) -> Result<i64> {
    let update = sqlx::query_scalar(
        "UPDATE articles SET language = $2, section_id = $3, slug = $4, headline = $5,
            standfirst = $6, dateline_place = $7, dateline_date = $8,
            dateline_agency = $9, byline = $10, author_id = $11, body_markdown = $12,
            body_html = $13, status = $14, published_at = $15, created_at = $16,
            updated_at = $17, story_key = $18, source_key = $19, path = $20,
            image_id = $21, audio_id = $22, programme_id = $23, version = version + 1
         WHERE id = $1 RETURNING id",
    );
    Ok(c.bind(update.bind(id)).fetch_one(&mut *tx).await?)
}

/// The text without surrounding space; None when nothing is left.
fn trimmed(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}
