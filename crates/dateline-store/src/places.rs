//! Where articles appear: what a change to one makes stale in the page
//! caches (the node's own and a CDN's; see `dateline_core::surrogate`).

use crate::discovery::placeholders;
use crate::{corrupt, Result, Store};
use dateline_core::Language;
use sqlx::Row;
use std::collections::HashMap;

/// An article's addresses and the lists it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticlePlaces {
    pub id: i64,
    pub language: Language,
    /// Its public path now (once published), then every path it had.
    pub paths: Vec<String>,
    pub section_slug: String,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
}

/// Most ids asked for in one query.
const CHUNK: usize = 500;

impl Store {
    /// The places of those of `ids` that exist (whatever their status); an
    /// id missing from the answer names no article any more.
    pub async fn article_places(&self, ids: &[i64]) -> Result<Vec<ArticlePlaces>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            out.extend(self.places_of(chunk).await?);
        }
        Ok(out)
    }

    async fn places_of(&self, ids: &[i64]) -> Result<Vec<ArticlePlaces>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = placeholders(1, ids.len());
        fn bind_all<'q>(
            sql: &'q str,
            ids: &[i64],
        ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
            let mut q = sqlx::query(sql);
            for id in ids {
                q = q.bind(*id);
            }
            q
        }
        let sql = format!(
            "SELECT a.id, a.language, a.path, s.slug AS section, au.slug AS author
             FROM articles a JOIN sections s ON s.id = a.section_id
             LEFT JOIN authors au ON au.id = a.author_id
             WHERE a.id IN ({list}) ORDER BY a.id"
        );
        let mut out = Vec::with_capacity(ids.len());
        for row in bind_all(&sql, ids).fetch_all(&self.pool).await? {
            let code: String = row.try_get("language")?;
            out.push(ArticlePlaces {
                id: row.try_get("id")?,
                language: code.parse().map_err(corrupt("articles.language"))?,
                paths: row
                    .try_get::<Option<String>, _>("path")?
                    .into_iter()
                    .collect(),
                section_slug: row.try_get("section")?,
                tags: Vec::new(),
                authors: row
                    .try_get::<Option<String>, _>("author")?
                    .into_iter()
                    .collect(),
            });
        }
        let mut more: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
        let sql = format!("SELECT article_id, path FROM redirects WHERE article_id IN ({list})");
        for row in bind_all(&sql, ids).fetch_all(&self.pool).await? {
            more.entry(row.try_get("article_id")?)
                .or_default()
                .0
                .push(row.try_get("path")?);
        }
        let sql = format!(
            "SELECT atg.article_id, t.slug FROM article_tags atg JOIN tags t ON t.id = atg.tag_id
             WHERE atg.article_id IN ({list})"
        );
        for row in bind_all(&sql, ids).fetch_all(&self.pool).await? {
            more.entry(row.try_get("article_id")?)
                .or_default()
                .1
                .push(row.try_get("slug")?);
        }
        for a in &mut out {
            if let Some((paths, tags)) = more.remove(&a.id) {
                a.paths.extend(paths);
                a.tags = tags;
            }
        }
        Ok(out)
    }
}
