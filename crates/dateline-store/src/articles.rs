//! Articles: saving (with tags, author, path and redirects) and the read
//! models the public pages need.

use crate::revisions::{insert_revision, RevisionKind};
use crate::{changes, from_unix, unix, Result, Store, StoreError};
use dateline_core::markdown::{self, SafeHtml};
use dateline_core::slug::slugify;
use dateline_core::{article_path, ArticleInput, Language, Note, NoteKind, Status, Tag};
use serde::Serialize;
use sqlx::{AnyConnection, Row};
use time::{Date, OffsetDateTime};

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOutcome {
    pub id: i64,
    /// False when an existing article (same id or same source key) was updated.
    pub created: bool,
    /// The public path, once the article has been published.
    pub path: Option<String>,
    /// The article's edit version after this save.
    pub version: i64,
}

/// What a checked save from the newsroom did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Done(SaveOutcome),
    /// Someone saved the article after this form was opened: nothing was
    /// overwritten, and the refused content is kept as a revision.
    Conflict {
        current_version: i64,
        kept_revision: i64,
    },
}

/// An article as a list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCard {
    pub id: i64,
    pub path: String,
    pub headline: String,
    pub standfirst: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
    pub byline: Option<String>,
    pub dateline_place: Option<String>,
    pub section_slug: String,
    pub section_name: String,
    /// Approved comments.
    pub comment_count: i64,
    /// The lead image's id, read with the card; `image` is filled from it.
    #[serde(skip)]
    pub image_id: Option<i64>,
    /// The lead image as a list shows it, when the story has one.
    pub image: Option<crate::media::CardImage>,
}

/// An article as its own page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: i64,
    pub language: Language,
    pub path: String,
    pub slug: String,
    pub headline: String,
    pub standfirst: Option<String>,
    pub dateline_place: Option<String>,
    pub dateline_date: Option<Date>,
    pub dateline_agency: Option<String>,
    pub byline: Option<String>,
    pub author_slug: Option<String>,
    pub body_html: String,
    pub body_markdown: String,
    pub section_slug: String,
    pub section_name: String,
    pub tags: Vec<Tag>,
    pub notes: Vec<Note>,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    pub story_key: Option<String>,
    /// The lead image and the programme audio, in the media library.
    pub image_id: Option<i64>,
    pub audio_id: Option<i64>,
    /// The programme whose episode this is.
    pub programme_id: Option<i64>,
}

/// What a public path leads to.
#[derive(Debug)]
pub enum PathLookup {
    Article(Box<ArticleView>),
    /// The article moved: answer 301 to this path.
    Redirect(String),
    /// The article was unpublished: answer 410.
    Gone,
}

/// One page of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

pub(crate) const CARD_COLUMNS: &str = "a.id, a.path, a.headline, a.standfirst, a.published_at, a.byline, \
     a.dateline_place, a.image_id, s.slug AS section_slug, s.name AS section_name, \
     (SELECT COUNT(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved') AS comment_count";

pub(crate) fn card(row: &sqlx::any::AnyRow) -> Result<ArticleCard> {
    Ok(ArticleCard {
        id: row.try_get("id")?,
        path: row.try_get("path")?,
        headline: row.try_get("headline")?,
        standfirst: row.try_get("standfirst")?,
        published_at: from_unix(row.try_get("published_at")?),
        byline: row.try_get("byline")?,
        dateline_place: row.try_get("dateline_place")?,
        section_slug: row.try_get("section_slug")?,
        section_name: row.try_get("section_name")?,
        comment_count: row.try_get("comment_count")?,
        image_id: row.try_get("image_id")?,
        image: None,
    })
}

impl Store {
    /// Creates a section with a name made from its slug, unless it exists.
    /// Importers use it so that copy for a new section is not refused.
    pub async fn ensure_section(&self, language: Language, slug: &str) -> Result<()> {
        if !dateline_core::slug::is_section_slug(slug) {
            return Err(StoreError::Invalid(format!(
                "section slug {slug:?} (a section slug is lowercase letters, digits and hyphens, and not {})",
                dateline_core::slug::RESERVED_SECTION_SLUGS.join(", ")
            )));
        }
        let mut name: Vec<char> = slug.replace('-', " ").chars().collect();
        if let Some(first) = name.first_mut() {
            *first = first.to_uppercase().next().unwrap_or(*first);
        }
        let name: String = name.into_iter().collect();
        sqlx::query(
            "INSERT INTO sections (language, slug, name, position)
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM sections WHERE language = $4))
             ON CONFLICT (language, slug) DO NOTHING",
        )
        .bind(language.code())
        .bind(slug)
        .bind(name)
        .bind(language.code())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Saves an article: a new one, the one with `id`, or (when `id` is None)
    /// the one imported before with the same source key. The demo edition
    /// and tests save this way; the body is rendered here, on the caller's
    /// thread, before the transaction opens. The newsroom uses
    /// [`Store::save_checked`] and importers [`Store::save_rendered`], with
    /// a body they rendered off the async threads.
    pub async fn save_article(
        &self,
        id: Option<i64>,
        input: &ArticleInput,
        now: OffsetDateTime,
    ) -> Result<SaveOutcome> {
        let html = render_body(input)?;
        self.save_rendered(id, input, &html, now, None).await
    }

    /// Saves an article as [`Store::save_article`] does, with its body
    /// already rendered (`html` must be the render of `input`'s body), as
    /// the member `by` when a member saves it (None: an operator or the
    /// system). The transaction holds the write lock only for the writes.
    pub async fn save_rendered(
        &self,
        id: Option<i64>,
        input: &ArticleInput,
        html: &SafeHtml,
        now: OffsetDateTime,
        by: Option<i64>,
    ) -> Result<SaveOutcome> {
        let mut tx = self.write_tx().await?;
        let outcome = write_article(
            &mut tx,
            Target::of(id),
            input,
            html,
            now,
            by,
            Revision::Keep,
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Saves a new article, as `by`, even when another already carries its
    /// source key: that one is left alone and the unique key refuses this
    /// save ([`StoreError::Conflict`]). The wire desk files a member's copy
    /// of an article they may not change this way.
    pub async fn save_new_rendered(
        &self,
        input: &ArticleInput,
        html: &SafeHtml,
        now: OffsetDateTime,
        by: Option<i64>,
    ) -> Result<SaveOutcome> {
        let mut tx = self.write_tx().await?;
        let outcome =
            match write_article(&mut tx, Target::New, input, html, now, by, Revision::Keep).await {
                Ok(outcome) => outcome,
                Err(StoreError::Database(sqlx::Error::Database(d))) if d.is_unique_violation() => {
                    return Err(StoreError::Conflict(
                        "another article took this copy's identity a moment ago".into(),
                    ))
                }
                Err(e) => return Err(e),
            };
        tx.commit().await?;
        Ok(outcome)
    }

    /// Saves an article from the newsroom: `by` is the member saving, and
    /// `version` the version their form was opened at. When someone else
    /// saved in between, nothing is overwritten: this member's content is
    /// kept as a `conflict` revision and [`Saved::Conflict`] says so. The
    /// body is rendered on the caller's thread before the transaction
    /// opens; the newsroom itself uses [`Store::save_checked_rendered`].
    pub async fn save_checked(
        &self,
        id: Option<i64>,
        input: &ArticleInput,
        version: Option<i64>,
        by: i64,
        now: OffsetDateTime,
    ) -> Result<Saved> {
        let html = render_body(input)?;
        self.save_checked_rendered(id, input, &html, version, by, now)
            .await
    }

    /// [`Store::save_checked`] with the body already rendered: `html` is
    /// the render of `input`'s body, made before this call (off the async
    /// threads) so that no transaction waits for it.
    pub async fn save_checked_rendered(
        &self,
        id: Option<i64>,
        input: &ArticleInput,
        html: &SafeHtml,
        version: Option<i64>,
        by: i64,
        now: OffsetDateTime,
    ) -> Result<Saved> {
        self.save_checked_as(id, input, html, version, by, now, Revision::Keep)
            .await
    }

    /// A draft's autosave: saved like [`Store::save_checked_rendered`]
    /// (the version moves, a conflict is kept aside), but without a
    /// revision, so that typing does not fill the history; the member's next
    /// Save records one. For articles readers cannot see: a published one's
    /// autosave goes aside ([`Store::autosave`]).
    pub async fn autosave_draft(
        &self,
        id: Option<i64>,
        input: &ArticleInput,
        html: &SafeHtml,
        version: Option<i64>,
        by: i64,
        now: OffsetDateTime,
    ) -> Result<Saved> {
        self.save_checked_as(id, input, html, version, by, now, Revision::Skip)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn save_checked_as(
        &self,
        id: Option<i64>,
        input: &ArticleInput,
        html: &SafeHtml,
        version: Option<i64>,
        by: i64,
        now: OffsetDateTime,
        revision: Revision,
    ) -> Result<Saved> {
        let mut tx = self.write_tx().await?;
        if let (Some(id), Some(version)) = (id, version) {
            // Claims the row first (a row lock on PostgreSQL; SQLite has one
            // writer), so two saves of one version cannot both pass.
            let claimed =
                sqlx::query("UPDATE articles SET version = version WHERE id = $1 AND version = $2")
                    .bind(id)
                    .bind(version)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            if claimed == 0 {
                tx.rollback().await?;
                let current = self.article_version(id).await?;
                let kept = self
                    .add_revision(id, current, RevisionKind::Conflict, Some(by), input, now)
                    .await?;
                return Ok(Saved::Conflict {
                    current_version: current,
                    kept_revision: kept,
                });
            }
        }
        let outcome = write_article(
            &mut tx,
            Target::of(id),
            input,
            html,
            now,
            Some(by),
            revision,
        )
        .await?;
        tx.commit().await?;
        Ok(Saved::Done(outcome))
    }

    /// The body as it was rendered when the article was last saved.
    pub async fn stored_body(&self, id: i64) -> Result<SafeHtml> {
        let html: String = sqlx::query_scalar("SELECT body_html FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(SafeHtml::from_stored(html))
    }

    /// The current edit version of an article.
    pub async fn article_version(&self, id: i64) -> Result<i64> {
        sqlx::query_scalar("SELECT version FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Publishes every scheduled article whose time has come, each exactly
    /// once however many nodes run this at the same moment: an article is
    /// claimed by a conditional update inside its own transaction, and only
    /// the node whose update changed the row goes on. Returns the ids this
    /// call published.
    pub async fn publish_due(&self, now: OffsetDateTime) -> Result<Vec<i64>> {
        let due: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM articles WHERE status = 'scheduled' AND published_at <= $1
             ORDER BY published_at, id LIMIT 100",
        )
        .bind(unix(now))
        .fetch_all(&self.pool)
        .await?;
        let mut published = Vec::new();
        for id in due {
            let mut input = self.article_input(id).await?;
            // The content is as it was saved, and so is its render.
            let html = self.stored_body(id).await?;
            input.status = Status::Published;
            let mut tx = self.write_tx().await?;
            let claimed = sqlx::query(
                "UPDATE articles SET status = 'published' WHERE id = $1 AND status = 'scheduled' AND published_at <= $2",
            )
            .bind(id)
            .bind(unix(now))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                tx.rollback().await?;
                continue;
            }
            match write_article(
                &mut tx,
                Target::Id(id),
                &input,
                &html,
                now,
                None,
                Revision::Keep,
            )
            .await
            {
                Ok(_) => {
                    crate::audit::record_tx(
                        &mut tx,
                        now,
                        None,
                        "publish-scheduled",
                        "article",
                        Some(id),
                        None,
                    )
                    .await?;
                    tx.commit().await?;
                    published.push(id);
                }
                Err(e) => {
                    // One bad article must not hold up the others.
                    tx.rollback().await?;
                    tracing::warn!(article = id, error = %e, "a scheduled article could not be published");
                }
            }
        }
        Ok(published)
    }

    /// Appends a correction, clarification or update note to an article.
    pub async fn add_note(
        &self,
        article_id: i64,
        kind: NoteKind,
        text: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        if text.trim().is_empty() {
            return Err(StoreError::Invalid("a note needs text".into()));
        }
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO article_notes (article_id, kind, body, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(article_id)
        .bind(kind.as_str())
        .bind(text.trim())
        .bind(unix(now))
        .execute(&mut *tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound,
            e => e.into(),
        })?;
        sqlx::query("UPDATE articles SET updated_at = $1 WHERE id = $2")
            .bind(unix(now))
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        changes::record(&mut tx, "article", Some(article_id), now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes an article's status (publish, unpublish). Publishing an
    /// article that never had a time gets `now`. For tests only: the
    /// newsroom changes a status through its workflow.
    #[cfg(feature = "testing")]
    pub async fn set_status(
        &self,
        article_id: i64,
        status: Status,
        now: OffsetDateTime,
    ) -> Result<SaveOutcome> {
        let mut input = self.article_input(article_id).await?;
        input.status = status;
        if status == Status::Published && input.published_at.is_none() {
            input.published_at = Some(now);
        }
        let html = self.stored_body(article_id).await?;
        self.save_rendered(Some(article_id), &input, &html, now, None)
            .await
    }

    /// The editable content of an article, as it was saved.
    pub async fn article_input(&self, article_id: i64) -> Result<ArticleInput> {
        let row = sqlx::query(
            "SELECT a.*, s.slug AS section_slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = $1",
        )
        .bind(article_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let tags = self.tags_of(article_id).await?;
        let language: String = row.try_get("language")?;
        let place: Option<String> = row.try_get("dateline_place")?;
        Ok(ArticleInput {
            language: language
                .parse()
                .map_err(|e| StoreError::Invalid(format!("{e}")))?,
            section: row.try_get("section_slug")?,
            slug: row.try_get("slug")?,
            headline: row.try_get("headline")?,
            standfirst: row.try_get("standfirst")?,
            dateline: place.map(|place| dateline_core::Dateline {
                place,
                date: None,
                agency: row.try_get("dateline_agency").ok().flatten(),
            }),
            dateline_date: parse_date(row.try_get("dateline_date")?),
            byline: row.try_get("byline")?,
            tags: tags.into_iter().map(|t| t.name).collect(),
            body_markdown: row.try_get("body_markdown")?,
            status: row
                .try_get::<String, _>("status")?
                .parse()
                .map_err(|e| StoreError::Invalid(format!("{e}")))?,
            published_at: row
                .try_get::<Option<i64>, _>("published_at")?
                .map(from_unix),
            story_key: row.try_get("story_key")?,
            source_key: row.try_get("source_key")?,
            image_id: row.try_get("image_id")?,
            audio_id: row.try_get("audio_id")?,
            programme_id: row.try_get("programme_id")?,
        })
    }

    /// Finds what a public path leads to: a published article, a redirect to
    /// its current path, or Gone for an unpublished one.
    pub async fn lookup_path(&self, path: &str) -> Result<PathLookup> {
        let current: Option<(i64, String)> =
            sqlx::query_as("SELECT id, status FROM articles WHERE path = $1")
                .bind(path)
                .fetch_optional(&self.pool)
                .await?;
        if let Some((id, status)) = current {
            return match status.as_str() {
                "published" => Ok(PathLookup::Article(Box::new(self.article_view(id).await?))),
                "unpublished" => Ok(PathLookup::Gone),
                _ => Err(StoreError::NotFound),
            };
        }
        let moved: Option<(Option<String>, String)> = sqlx::query_as(
            "SELECT a.path, a.status FROM redirects r JOIN articles a ON a.id = r.article_id WHERE r.path = $1",
        )
        .bind(path)
        .fetch_optional(&self.pool)
        .await?;
        match moved {
            Some((Some(to), status)) if status == "published" => Ok(PathLookup::Redirect(to)),
            Some((_, status)) if status == "unpublished" => Ok(PathLookup::Gone),
            _ => Err(StoreError::NotFound),
        }
    }

    /// An article as its page shows it, by id, whatever its status.
    pub async fn article_view(&self, id: i64) -> Result<ArticleView> {
        let row = sqlx::query(
            "SELECT a.*, s.slug AS section_slug, s.name AS section_name, au.slug AS author_slug
             FROM articles a JOIN sections s ON s.id = a.section_id
             LEFT JOIN authors au ON au.id = a.author_id
             WHERE a.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let language: String = row.try_get("language")?;
        Ok(ArticleView {
            id,
            language: language
                .parse()
                .map_err(|e| StoreError::Invalid(format!("{e}")))?,
            path: row
                .try_get::<Option<String>, _>("path")?
                .unwrap_or_default(),
            slug: row.try_get("slug")?,
            headline: row.try_get("headline")?,
            standfirst: row.try_get("standfirst")?,
            dateline_place: row.try_get("dateline_place")?,
            dateline_date: parse_date(row.try_get("dateline_date")?),
            dateline_agency: row.try_get("dateline_agency")?,
            byline: row.try_get("byline")?,
            author_slug: row.try_get("author_slug")?,
            body_html: row.try_get("body_html")?,
            body_markdown: row.try_get("body_markdown")?,
            section_slug: row.try_get("section_slug")?,
            section_name: row.try_get("section_name")?,
            tags: self.tags_of(id).await?,
            notes: self.notes_of(id).await?,
            published_at: from_unix(row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0)),
            updated_at: from_unix(row.try_get("updated_at")?),
            story_key: row.try_get("story_key")?,
            image_id: row.try_get("image_id")?,
            audio_id: row.try_get("audio_id")?,
            programme_id: row.try_get("programme_id")?,
        })
    }

    async fn tags_of(&self, article_id: i64) -> Result<Vec<Tag>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT t.slug, t.name FROM article_tags atg JOIN tags t ON t.id = atg.tag_id
             WHERE atg.article_id = $1 ORDER BY atg.position",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(slug, name)| Tag { slug, name })
            .collect())
    }

    async fn notes_of(&self, article_id: i64) -> Result<Vec<Note>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT kind, body, created_at FROM article_notes WHERE article_id = $1 ORDER BY created_at, id",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(kind, text, at)| {
                Ok(Note {
                    kind: kind
                        .parse()
                        .map_err(|e| StoreError::Invalid(format!("{e}")))?,
                    text,
                    at: from_unix(at),
                })
            })
            .collect()
    }

    /// The latest published articles of a language.
    pub async fn latest(
        &self,
        language: Language,
        limit: i64,
        offset: i64,
    ) -> Result<Page<ArticleCard>> {
        self.list(Filter::Language(language), limit, offset).await
    }

    /// The latest published articles of one section.
    pub async fn section_articles(
        &self,
        language: Language,
        section: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Page<ArticleCard>> {
        self.list(Filter::Section(language, section), limit, offset)
            .await
    }

    /// A tag and the latest published articles that carry it.
    pub async fn tag_articles(
        &self,
        language: Language,
        tag_slug: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Tag, Page<ArticleCard>)> {
        let (tag_id, name): (i64, String) =
            sqlx::query_as("SELECT id, name FROM tags WHERE language = $1 AND slug = $2")
                .bind(language.code())
                .bind(tag_slug)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound)?;
        let page = self.list(Filter::Tag(tag_id), limit, offset).await?;
        Ok((
            Tag {
                slug: tag_slug.to_string(),
                name,
            },
            page,
        ))
    }

    /// An author's name and their latest published articles in one language.
    pub async fn author_articles(
        &self,
        language: Language,
        author_slug: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(dateline_core::Author, Page<ArticleCard>)> {
        let (author_id, name, bio): (i64, String, Option<String>) =
            sqlx::query_as("SELECT id, name, bio FROM authors WHERE slug = $1")
                .bind(author_slug)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound)?;
        let page = self
            .list(Filter::Author(author_id, language), limit, offset)
            .await?;
        let author = dateline_core::Author {
            slug: author_slug.to_string(),
            name,
            bio,
        };
        Ok((author, page))
    }

    /// One page of published articles matching `filter`, newest first, with
    /// the total for pagination.
    async fn list(&self, filter: Filter<'_>, limit: i64, offset: i64) -> Result<Page<ArticleCard>> {
        let (join, condition, binds) = match filter {
            Filter::Language(_) => ("", "a.language = $1", 1),
            Filter::Section(..) => ("", "s.language = $1 AND s.slug = $2", 2),
            Filter::Tag(_) => (
                "JOIN article_tags atg ON atg.article_id = a.id",
                "atg.tag_id = $1",
                1,
            ),
            Filter::Author(..) => ("", "a.author_id = $1 AND a.language = $2", 2),
        };
        let from = format!(
            "FROM articles a JOIN sections s ON s.id = a.section_id {join}
             WHERE {condition} AND a.status = 'published'"
        );
        let rows_sql = format!(
            "SELECT {CARD_COLUMNS} {from} ORDER BY a.published_at DESC, a.id DESC LIMIT ${} OFFSET ${}",
            binds + 1,
            binds + 2
        );
        let count_sql = format!("SELECT COUNT(*) {from}");
        let rows = filter
            .bind(sqlx::query(&rows_sql))
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        let total: i64 = filter
            .bind(sqlx::query(&count_sql))
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        let mut items: Vec<ArticleCard> = rows.iter().map(card).collect::<Result<_>>()?;
        self.attach_images(&mut items).await?;
        Ok(Page { items, total })
    }
}

/// Which published articles a list shows.
#[derive(Clone, Copy)]
enum Filter<'a> {
    Language(Language),
    Section(Language, &'a str),
    Tag(i64),
    Author(i64, Language),
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

impl<'a> Filter<'a> {
    /// Binds the filter's values, in the order of its condition.
    fn bind<'q>(self, q: Query<'q>) -> Query<'q>
    where
        'a: 'q,
    {
        match self {
            Filter::Language(l) => q.bind(l.code()),
            Filter::Section(l, slug) => q.bind(l.code()).bind(slug),
            Filter::Tag(id) => q.bind(id),
            Filter::Author(id, l) => q.bind(id).bind(l.code()),
        }
    }
}

fn parse_date(text: Option<String>) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    text.and_then(|t| Date::parse(&t, &format).ok())
}

/// A save inside the caller's transaction: validates, stores the rendered body,
/// links author and tags, gives a published article its path (adding `-2`,
/// `-3`... if another article holds it), keeps the old path as a redirect
/// when it changes, bumps the edit version, keeps the content as a revision,
/// and records the change in the outbox.
/// Which row a save writes.
#[derive(Debug, Clone, Copy)]
enum Target {
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
    fn of(id: Option<i64>) -> Target {
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
enum Revision {
    Keep,
    Skip,
}

async fn write_article(
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

    let query = match existing {
            None => sqlx::query_scalar(
                "INSERT INTO articles (language, section_id, slug, headline, standfirst,
                    dateline_place, dateline_date, dateline_agency, byline, author_id,
                    body_markdown, body_html, status, published_at, created_at, updated_at,
                    story_key, source_key, path, image_id, audio_id, programme_id, version, created_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, 1, $23)
                 RETURNING id",
            ),
            Some(_) => sqlx::query_scalar(
                "UPDATE articles SET language = $1, section_id = $2, slug = $3, headline = $4,
                    standfirst = $5, dateline_place = $6, dateline_date = $7, dateline_agency = $8,
                    byline = $9, author_id = $10, body_markdown = $11, body_html = $12, status = $13,
                    published_at = $14, created_at = $15, updated_at = $16, story_key = $17,
                    source_key = $18, path = $19, image_id = $20, audio_id = $21,
                    programme_id = $22, version = version + 1
                 WHERE id = $23 RETURNING id",
            ),
        }
        .bind(lang)
        .bind(section_id)
        .bind(
            path.as_deref()
                .and_then(|p| p.rsplit('/').next())
                .unwrap_or(&input.slug),
        )
        .bind(input.headline.trim())
        .bind(
            input
                .standfirst
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
        )
        .bind(dateline.map(|d| d.place.trim()))
        .bind(input.dateline_date.map(|d| d.to_string()))
        .bind(dateline.and_then(|d| d.agency.as_deref()))
        .bind(
            input
                .byline
                .as_deref()
                .map(str::trim)
                .filter(|b| !b.is_empty()),
        )
        .bind(author_id)
        .bind(&input.body_markdown)
        .bind(body_html.as_str())
        .bind(input.status.as_str())
        .bind(input.published_at.map(unix))
        .bind(existing.as_ref().map(|(_, _, c)| *c).unwrap_or(unix(now)))
        .bind(unix(now))
        .bind(&input.story_key)
        .bind(&input.source_key)
        .bind(&path)
        .bind(input.image_id)
        .bind(input.audio_id)
        .bind(input.programme_id);
    let row_id: i64 = match article_id {
        Some(id) => query.bind(id),
        None => query.bind(by),
    }
    .fetch_one(&mut *tx)
    .await?;

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
                    language: language
                        .parse()
                        .map_err(|e| StoreError::Invalid(format!("{e}")))?,
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
                        kind: kind
                            .parse()
                            .map_err(|e| StoreError::Invalid(format!("{e}")))?,
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
