//! What search, related articles and "more views" read from the database:
//! articles as the index wants them, the change feed's rows, cards by id,
//! editors' pinned related articles, and view counts.

use crate::articles::{card, CARD_COLUMNS};
use crate::corrupt;
use crate::{changes, ArticleCard, Result, Store, StoreError};
use dateline_core::Language;
use sqlx::Row;
use std::collections::HashMap;
use time::OffsetDateTime;

/// A published article as the search index takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexArticle {
    pub id: i64,
    pub language: Language,
    pub section_id: i64,
    /// (slug, name) of each tag.
    pub tags: Vec<(String, String)>,
    pub published_at: i64,
    pub headline: String,
    pub standfirst: String,
    pub body_markdown: String,
}

/// One row of the change feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: i64,
    pub entity: String,
    pub entity_id: Option<i64>,
}

/// Most pinned related articles an article may carry.
pub const MAX_PINS: usize = 5;

/// How a batch of views was taken.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewsWritten {
    /// Views that counted (first of their reader, article and day).
    pub counted: usize,
    /// Views not counted: already counted today (by this node or another),
    /// or of an article that is not published.
    pub repeated: usize,
}

/// A view to record: a reader (already a salted hash that includes the
/// article) read an article in an hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub article_id: i64,
    pub visitor: String,
    /// Unix seconds.
    pub at: i64,
}

const INDEX_COLUMNS: &str = "a.id, a.language, a.section_id, a.published_at, a.headline, \
     a.standfirst, a.body_markdown";

/// Placeholders for a list: `$from, $from+1, …` for `n` values.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Published articles with an id above `after`, by id, for a rebuild.
    pub async fn index_articles_after(&self, after: i64, limit: i64) -> Result<Vec<IndexArticle>> {
        let sql = format!(
            "SELECT {INDEX_COLUMNS} FROM articles a
             WHERE a.status = 'published' AND a.id > $1 ORDER BY a.id LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        self.index_rows(rows).await
    }

    /// Those of `ids` that are published, as the index takes them; an id
    /// missing from the answer is not (or no longer) published.
    pub async fn index_articles(&self, ids: &[i64]) -> Result<Vec<IndexArticle>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {INDEX_COLUMNS} FROM articles a
             WHERE a.status = 'published' AND a.id IN ({}) ORDER BY a.id",
            placeholders(1, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        let rows = q.fetch_all(&self.pool).await?;
        self.index_rows(rows).await
    }

    async fn index_rows(&self, rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<IndexArticle>> {
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let code: String = row.try_get("language")?;
            out.push(IndexArticle {
                id: row.try_get("id")?,
                language: code.parse().map_err(corrupt("articles.language"))?,
                section_id: row.try_get("section_id")?,
                tags: Vec::new(),
                published_at: row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                headline: row.try_get("headline")?,
                standfirst: row
                    .try_get::<Option<String>, _>("standfirst")?
                    .unwrap_or_default(),
                body_markdown: row.try_get("body_markdown")?,
            });
        }
        if out.is_empty() {
            return Ok(out);
        }
        let sql = format!(
            "SELECT atg.article_id, t.slug, t.name FROM article_tags atg
             JOIN tags t ON t.id = atg.tag_id
             WHERE atg.article_id IN ({}) ORDER BY atg.article_id, atg.position",
            placeholders(1, out.len())
        );
        let mut q = sqlx::query(&sql);
        for a in &out {
            q = q.bind(a.id);
        }
        let mut tags: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        for row in q.fetch_all(&self.pool).await? {
            tags.entry(row.try_get("article_id")?)
                .or_default()
                .push((row.try_get("slug")?, row.try_get("name")?));
        }
        for a in &mut out {
            a.tags = tags.remove(&a.id).unwrap_or_default();
        }
        Ok(out)
    }

    /// A section's id (what the index files articles under), by slug.
    pub async fn section_id(&self, language: Language, slug: &str) -> Result<i64> {
        sqlx::query_scalar("SELECT id FROM sections WHERE language = $1 AND slug = $2")
            .bind(language.code())
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Published articles, for a rebuild's progress.
    pub async fn published_total(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE status = 'published'")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Changes after `cursor`, and any recorded in the last `look_back`
    /// seconds whatever their id: on PostgreSQL a transaction that took its
    /// id first may commit last, so a follower looks back a few seconds (on
    /// the database's clock, which also stamped the changes) and skips what
    /// it has already applied. None reads only what follows the cursor.
    ///
    /// Both are read as one range of ids, from the lower of the cursor and
    /// the oldest recent change, so that a poll reads only new rows through
    /// the indexes, however long the feed (`id + 0` keeps the planner from
    /// walking the ids in order to find that minimum).
    pub async fn changes_after(
        &self,
        cursor: i64,
        look_back: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Change>> {
        let sql = format!(
            "SELECT id, entity, entity_id FROM changes
             WHERE id > (SELECT CASE WHEN MIN(id + 0) - 1 < $1 THEN MIN(id + 0) - 1 ELSE $1 END
                         FROM changes WHERE $2 >= 0 AND at >= {} - $2)
             ORDER BY id LIMIT $3",
            self.engine.unix_now_sql()
        );
        let rows = sqlx::query(&sql)
            .bind(cursor)
            .bind(look_back.unwrap_or(-1))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Change {
                    id: r.try_get("id")?,
                    entity: r.try_get("entity")?,
                    entity_id: r.try_get("entity_id")?,
                })
            })
            .collect()
    }

    /// Which of `ids` are published articles.
    async fn published_ids(&self, ids: &[i64]) -> Result<Vec<i64>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id FROM articles WHERE status = 'published' AND id IN ({})",
            placeholders(1, ids.len())
        );
        let mut q = sqlx::query_scalar(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }

    /// Cards of the published ones among `ids`, in the order given.
    pub async fn cards(&self, ids: &[i64]) -> Result<Vec<ArticleCard>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id
             WHERE a.status = 'published' AND a.id IN ({})",
            placeholders(1, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        let mut found: HashMap<i64, ArticleCard> = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| card(r).map(|c| (c.id, c)))
            .collect::<Result<_>>()?;
        let mut cards: Vec<ArticleCard> = ids.iter().filter_map(|id| found.remove(id)).collect();
        self.attach_images(&mut cards).await?;
        Ok(cards)
    }

    /// The related articles an editor pinned to an article, in their order
    /// (whatever their status: the page shows only published ones).
    pub async fn related_pins(&self, article_id: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT related_id FROM related_pins WHERE article_id = $1 ORDER BY position",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Replaces an article's pinned related articles. Each must exist, be
    /// in the article's language and not be the article itself; at most
    /// [`MAX_PINS`], duplicates dropped.
    pub async fn set_related_pins(
        &self,
        article_id: i64,
        related: &[i64],
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut unique: Vec<i64> = Vec::new();
        for id in related {
            if !unique.contains(id) {
                unique.push(*id);
            }
        }
        if unique.len() > MAX_PINS {
            return Err(StoreError::Invalid(format!(
                "at most {MAX_PINS} related articles can be pinned"
            )));
        }
        if unique.contains(&article_id) {
            return Err(StoreError::Invalid(
                "an article cannot be related to itself".into(),
            ));
        }
        let mut tx = self.write_tx().await?;
        let language: String = sqlx::query_scalar("SELECT language FROM articles WHERE id = $1")
            .bind(article_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        for id in &unique {
            let other: Option<String> =
                sqlx::query_scalar("SELECT language FROM articles WHERE id = $1")
                    .bind(*id)
                    .fetch_optional(&mut *tx)
                    .await?;
            match other {
                None => return Err(StoreError::Invalid(format!("there is no article {id}"))),
                Some(l) if l != language => {
                    return Err(StoreError::Invalid(format!(
                        "article {id} is in another language"
                    )))
                }
                Some(_) => {}
            }
        }
        sqlx::query("DELETE FROM related_pins WHERE article_id = $1")
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        for (position, id) in unique.iter().enumerate() {
            sqlx::query(
                "INSERT INTO related_pins (article_id, related_id, position) VALUES ($1, $2, $3)",
            )
            .bind(article_id)
            .bind(*id)
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
        }
        changes::record(&mut tx, "article", Some(article_id), now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a batch of views in one transaction: each counts only if its
    /// reader has not been counted for that article today, on any node.
    pub async fn record_views(&self, views: &[View]) -> Result<ViewsWritten> {
        let mut written = ViewsWritten::default();
        if views.is_empty() {
            return Ok(written);
        }
        let mut counts: HashMap<(i64, i64), i64> = HashMap::new();
        // Only published articles are read; a beacon for any other id
        // (made up, or withdrawn since) leaves no row.
        let mut ids: Vec<i64> = views.iter().map(|v| v.article_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let live: std::collections::HashSet<i64> =
            self.published_ids(&ids).await?.into_iter().collect();
        let mut tx = self.write_tx().await?;
        for view in views {
            if !live.contains(&view.article_id) {
                written.repeated += 1;
                continue;
            }
            let inserted = sqlx::query(
                "INSERT INTO view_visitors (day, visitor) VALUES ($1, $2)
                 ON CONFLICT (day, visitor) DO NOTHING",
            )
            .bind(view.at.div_euclid(86_400))
            .bind(&view.visitor)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                written.repeated += 1;
                continue;
            }
            written.counted += 1;
            *counts
                .entry((view.article_id, view.at.div_euclid(3600)))
                .or_default() += 1;
        }
        for ((article_id, hour), n) in counts {
            // An article deleted since its view was taken has no row to
            // count on; the view is dropped with it.
            sqlx::query(
                "INSERT INTO view_counts (article_id, hour, views)
                 SELECT id, $2, $3 FROM articles WHERE id = $1
                 ON CONFLICT (article_id, hour) DO UPDATE SET views = view_counts.views + excluded.views",
            )
            .bind(article_id)
            .bind(hour)
            .bind(n)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(written)
    }

    /// Forgets who was counted before `day` (Unix days) and hourly counts
    /// older than `hour`: nothing shows them any more.
    pub async fn prune_views(&self, day: i64, hour: i64) -> Result<()> {
        sqlx::query("DELETE FROM view_visitors WHERE day < $1")
            .bind(day)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM view_counts WHERE hour < $1")
            .bind(hour)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The most-read published articles of a language (and section, by
    /// slug) since `since` (Unix seconds), with their views.
    pub async fn most_viewed(
        &self,
        language: Language,
        section: Option<&str>,
        since: i64,
        limit: i64,
    ) -> Result<Vec<(ArticleCard, i64)>> {
        let section_condition = if section.is_some() {
            "AND s.slug = $4"
        } else {
            ""
        };
        // CROSS JOIN fixes the order on SQLite: the hour's counts first (a
        // range of the hour index), each looked up in articles by key;
        // PostgreSQL plans it as the inner join it is.
        let sql = format!(
            "SELECT vc.article_id, CAST(SUM(vc.views) AS BIGINT) AS total
             FROM view_counts vc
             CROSS JOIN articles a
             CROSS JOIN sections s
             WHERE vc.hour >= $1 AND a.id = vc.article_id AND s.id = a.section_id
               AND a.status = 'published' AND a.language = $2 {section_condition}
             GROUP BY vc.article_id
             ORDER BY total DESC, vc.article_id DESC LIMIT $3"
        );
        let mut q = sqlx::query_as::<_, (i64, i64)>(&sql)
            .bind(since.div_euclid(3600))
            .bind(language.code())
            .bind(limit);
        if let Some(slug) = section {
            q = q.bind(slug);
        }
        let ranked = q.fetch_all(&self.pool).await?;
        let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
        let totals: HashMap<i64, i64> = ranked.into_iter().collect();
        Ok(self
            .cards(&ids)
            .await?
            .into_iter()
            .map(|c| {
                let views = totals.get(&c.id).copied().unwrap_or(0);
                (c, views)
            })
            .collect())
    }

    /// Views of one article since `since` (Unix seconds), for the newsroom
    /// and tests.
    pub async fn article_views(&self, article_id: i64, since: i64) -> Result<i64> {
        let total: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(SUM(views) AS BIGINT) FROM view_counts WHERE article_id = $1 AND hour >= $2",
        )
        .bind(article_id)
        .bind(since.div_euclid(3600))
        .fetch_one(&self.pool)
        .await?;
        Ok(total.unwrap_or(0))
    }
}
