//! The read models of an article and of the public lists.

use super::{card, ArticleCard, ArticleView, Page, PathLookup, CARD_COLUMNS};
use crate::corrupt;
use crate::{from_unix, Result, Store, StoreError};
use dateline_core::{ArticleInput, Language, Note, Tag};
use sqlx::Row;
use time::Date;

impl Store {
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
            language: language.parse().map_err(corrupt("articles.language"))?,
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
                .map_err(corrupt("articles.status"))?,
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
            language: language.parse().map_err(corrupt("articles.language"))?,
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
                    kind: kind.parse().map_err(corrupt("notes.kind"))?,
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

    /// The newest `limit` published articles of a language, without
    /// counting them all: the front page and the feeds show no total, and
    /// at a million articles the count alone takes over a second.
    pub async fn newest(&self, language: Language, limit: i64) -> Result<Vec<ArticleCard>> {
        self.cards_of(Filter::Language(language), limit, 0).await
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

    /// The newest `limit` published articles of one section, uncounted:
    /// an article page's "latest in the section" shows no total.
    pub async fn section_newest(
        &self,
        language: Language,
        section: &str,
        limit: i64,
    ) -> Result<Vec<ArticleCard>> {
        self.cards_of(Filter::Section(language, section), limit, 0)
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
        let (rows_sql, from) = list_sql(filter);
        let count_sql = format!("SELECT COUNT(*) {from}");
        let items = self.cards_from(filter, &rows_sql, limit, offset).await?;
        let total: i64 = filter
            .bind(sqlx::query(&count_sql))
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        Ok(Page { items, total })
    }

    /// One page of a list's cards, uncounted.
    async fn cards_of(
        &self,
        filter: Filter<'_>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ArticleCard>> {
        let (rows_sql, _) = list_sql(filter);
        self.cards_from(filter, &rows_sql, limit, offset).await
    }

    async fn cards_from(
        &self,
        filter: Filter<'_>,
        rows_sql: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ArticleCard>> {
        let rows = filter
            .bind(sqlx::query(rows_sql))
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        let mut items: Vec<ArticleCard> = rows.iter().map(card).collect::<Result<_>>()?;
        self.attach_images(&mut items).await?;
        Ok(items)
    }
}

/// A list's SQL: the query of one page of its cards (the limit and offset
/// bound after the filter's values), and its FROM … WHERE for counting.
fn list_sql(filter: Filter<'_>) -> (String, String) {
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
    (rows_sql, from)
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
