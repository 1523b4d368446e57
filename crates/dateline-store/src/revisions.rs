//! Revisions: every saved version of an article, kept as JSON of its
//! editable content, so any two can be compared and any one restored.

use crate::corrupt;
use crate::{from_unix, unix, Result, Store, StoreError};
use dateline_core::ArticleInput;
use serde::Serialize;
use sqlx::AnyConnection;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RevisionKind {
    /// A save that became the article.
    Save,
    /// A save refused because someone saved first; kept so nothing is lost.
    Conflict,
    /// A restore of an earlier revision (the article's content after it).
    Restore,
    /// What a writer had typed, saved in the background; one per article and
    /// member, replaced as they type; never the article itself.
    Autosave,
}

impl RevisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionKind::Save => "save",
            RevisionKind::Conflict => "conflict",
            RevisionKind::Restore => "restore",
            RevisionKind::Autosave => "autosave",
        }
    }
    fn parse(s: &str) -> RevisionKind {
        match s {
            "conflict" => RevisionKind::Conflict,
            "restore" => RevisionKind::Restore,
            "autosave" => RevisionKind::Autosave,
            _ => RevisionKind::Save,
        }
    }
}

/// One revision as the history lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    pub id: i64,
    pub article_id: i64,
    pub version: i64,
    pub kind: RevisionKind,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub content: ArticleInput,
}

pub(crate) async fn insert_revision(
    tx: &mut AnyConnection,
    article_id: i64,
    version: i64,
    kind: RevisionKind,
    by: Option<i64>,
    input: &ArticleInput,
    now: OffsetDateTime,
) -> Result<i64> {
    let content = serde_json::to_string(input).map_err(corrupt("revisions.content"))?;
    Ok(sqlx::query_scalar(
        "INSERT INTO revisions (article_id, version, kind, user_id, content, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(article_id)
    .bind(version)
    .bind(kind.as_str())
    .bind(by)
    .bind(content)
    .bind(unix(now))
    .fetch_one(&mut *tx)
    .await?)
}

/// A revision as its row holds it (see [`COLUMNS`]).
#[derive(sqlx::FromRow)]
struct RevisionRow {
    id: i64,
    article_id: i64,
    version: i64,
    kind: String,
    user_id: Option<i64>,
    user_name: Option<String>,
    content: String,
    created_at: i64,
}

fn revision(row: &sqlx::any::AnyRow) -> Result<Revision> {
    let row = <RevisionRow as sqlx::FromRow<_>>::from_row(row)?;
    Ok(Revision {
        id: row.id,
        article_id: row.article_id,
        version: row.version,
        kind: RevisionKind::parse(&row.kind),
        user_id: row.user_id,
        user_name: row.user_name,
        created_at: from_unix(row.created_at),
        content: serde_json::from_str(&row.content).map_err(corrupt("revisions.content"))?,
    })
}

const COLUMNS: &str = "r.id, r.article_id, r.version, r.kind, r.user_id, u.name AS user_name, r.content, r.created_at";

impl Store {
    /// Keeps a revision outside a save (a conflict copy).
    pub async fn add_revision(
        &self,
        article_id: i64,
        version: i64,
        kind: RevisionKind,
        by: Option<i64>,
        input: &ArticleInput,
        now: OffsetDateTime,
    ) -> Result<i64> {
        let mut conn = self.pool.acquire().await?;
        insert_revision(&mut conn, article_id, version, kind, by, input, now).await
    }

    /// An article's revisions, newest first, autosaves left out.
    pub async fn revisions(&self, article_id: i64) -> Result<Vec<Revision>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM revisions r LEFT JOIN users u ON u.id = r.user_id
             WHERE r.article_id = $1 AND r.kind <> 'autosave' ORDER BY r.id DESC"
        ))
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(revision).collect()
    }

    pub async fn revision(&self, article_id: i64, id: i64) -> Result<Revision> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM revisions r LEFT JOIN users u ON u.id = r.user_id
             WHERE r.article_id = $1 AND r.id = $2"
        ))
        .bind(article_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        revision(&row)
    }

    /// Replaces this member's autosave of an article with what they have typed.
    pub async fn autosave(
        &self,
        article_id: i64,
        version: i64,
        by: i64,
        input: &ArticleInput,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "DELETE FROM revisions WHERE article_id = $1 AND user_id = $2 AND kind = 'autosave'",
        )
        .bind(article_id)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        insert_revision(
            &mut tx,
            article_id,
            version,
            RevisionKind::Autosave,
            Some(by),
            input,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// This member's autosave of an article, when it is newer than the
    /// article's last save.
    pub async fn pending_autosave(&self, article_id: i64, by: i64) -> Result<Option<Revision>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM revisions r LEFT JOIN users u ON u.id = r.user_id
             JOIN articles a ON a.id = r.article_id
             WHERE r.article_id = $1 AND r.user_id = $2 AND r.kind = 'autosave'
               AND r.created_at >= a.updated_at"
        ))
        .bind(article_id)
        .bind(by)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(revision).transpose()
    }

    /// Drops this member's autosave once they have saved.
    pub async fn discard_autosave(&self, article_id: i64, by: i64) -> Result<()> {
        sqlx::query(
            "DELETE FROM revisions WHERE article_id = $1 AND user_id = $2 AND kind = 'autosave'",
        )
        .bind(article_id)
        .bind(by)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
