//! Articles: saving (with tags, author, path and redirects: `write`), the
//! read models the public pages need (`read`), and the lists the feeds,
//! sitemaps and the newsroom need (`lists`).

mod lists;
mod read;
mod write;

pub(crate) use lists::{newsroom_article, NEWSROOM_COLUMNS};
pub use lists::{NewsroomArticle, NewsroomFilter, SitemapEntry};
pub use write::render_body;
use write::{write_article, Revision, Target};

use crate::revisions::RevisionKind;
use crate::{changes, from_unix, unix, Result, Store, StoreError};
use dateline_core::markdown::SafeHtml;
use dateline_core::{ArticleInput, Language, Note, NoteKind, Status, Tag};
use serde::Serialize;
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
    pub image: Option<crate::CardImage>,
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

/// A card as its row holds it (see [`CARD_COLUMNS`]).
#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    path: String,
    headline: String,
    standfirst: Option<String>,
    published_at: i64,
    byline: Option<String>,
    dateline_place: Option<String>,
    image_id: Option<i64>,
    section_slug: String,
    section_name: String,
    comment_count: i64,
}

pub(crate) fn card(row: &sqlx::any::AnyRow) -> Result<ArticleCard> {
    let row = <CardRow as sqlx::FromRow<_>>::from_row(row)?;
    Ok(ArticleCard {
        id: row.id,
        path: row.path,
        headline: row.headline,
        standfirst: row.standfirst,
        published_at: from_unix(row.published_at),
        byline: row.byline,
        dateline_place: row.dateline_place,
        section_slug: row.section_slug,
        section_name: row.section_name,
        comment_count: row.comment_count,
        image_id: row.image_id,
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
}
