//! What an import from WordPress keeps beside the content it writes
//! through the usual doors (articles, pages, sections, media, accounts):
//! which local row each WordPress thing became (`wordpress_ids`), so that a
//! second import of the same export updates instead of duplicating; the old
//! site's addresses (`wordpress_links`), answered with 301s; and imported
//! reader comments, which keep their own date, status and thread.

use crate::{changes, unix, Result, Store, StoreError};
use dateline_core::comment::{comment_body, CommentStatus};
use dateline_core::page::page_path;
use dateline_core::Language;
use sqlx::Row;
use time::OffsetDateTime;

/// Longest old address kept; a request longer than this finds nothing.
pub const MAX_LINK_BYTES: usize = 2048;

/// Where an old address leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// An article, wherever its path is when the link is followed.
    Article(i64),
    /// A page, likewise.
    Page(i64),
    /// A path on this site (a section, a tag, an author, a feed).
    Path(String),
}

/// The comment an imported comment answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentParent {
    /// None: it starts a thread.
    Top,
    /// A comment already stored.
    Id(i64),
    /// An earlier comment of the same batch (its index).
    Earlier(usize),
}

/// A reader comment from an export, as it is kept.
#[derive(Debug, Clone)]
pub struct ImportedComment {
    pub article_id: i64,
    pub parent: CommentParent,
    pub name: String,
    /// May be empty: WordPress keeps comments without an address.
    pub email: String,
    /// Plain text, as readers type it here; it is escaped when shown.
    pub body: String,
    pub status: CommentStatus,
    pub created_at: OffsetDateTime,
    /// Its identity on the old site, unique among comments (the duplicate
    /// key of a reader's comment is a digest, never this shape).
    pub key: String,
}

/// Comments written in one transaction, at most: the write lock is not
/// held for long, whatever a post's comments.
pub const COMMENT_BATCH: usize = 200;

impl Store {
    /// The local id a WordPress thing became in an earlier import.
    #[tracing::instrument(skip_all)]
    pub async fn wordpress_id(&self, site: &str, kind: &str, key: &str) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT local_id FROM wordpress_ids WHERE site = $1 AND kind = $2 AND wp_key = $3",
        )
        .bind(site)
        .bind(kind)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Records what a WordPress thing became.
    #[tracing::instrument(skip_all)]
    pub async fn set_wordpress_id(
        &self,
        site: &str,
        kind: &str,
        key: &str,
        local_id: i64,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO wordpress_ids (site, kind, wp_key, local_id, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (site, kind, wp_key)
             DO UPDATE SET local_id = excluded.local_id, updated_at = excluded.updated_at",
        )
        .bind(site)
        .bind(kind)
        .bind(key)
        .bind(local_id)
        .bind(unix(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// How many things of `kind` came from `site`.
    #[tracing::instrument(skip_all)]
    pub async fn wordpress_count(&self, site: &str, kind: &str) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM wordpress_ids WHERE site = $1 AND kind = $2")
                .bind(site)
                .bind(kind)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Keeps an old address (normalised as
    /// `dateline_app::reading::old_links::key` does). With `replace`, it
    /// leads to `target` whatever it led to before; without, an address
    /// already kept stays as it was (an address worked out from the
    /// permalink structure gives way to one the export names).
    #[tracing::instrument(skip_all)]
    pub async fn add_wordpress_link(
        &self,
        path: &str,
        target: &LinkTarget,
        replace: bool,
        now: OffsetDateTime,
    ) -> Result<()> {
        if path.len() > MAX_LINK_BYTES || !path.starts_with('/') {
            return Err(StoreError::Invalid(format!(
                "an old address must be a path of at most {MAX_LINK_BYTES} bytes"
            )));
        }
        let (kind, local_id, text) = match target {
            LinkTarget::Article(id) => ("article", Some(*id), None),
            LinkTarget::Page(id) => ("page", Some(*id), None),
            LinkTarget::Path(p) => ("path", None, Some(p.as_str())),
        };
        let sql = if replace {
            "INSERT INTO wordpress_links (path, kind, local_id, target, created_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (path) DO UPDATE SET kind = excluded.kind,
                local_id = excluded.local_id, target = excluded.target"
        } else {
            "INSERT INTO wordpress_links (path, kind, local_id, target, created_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (path) DO NOTHING"
        };
        sqlx::query(sql)
            .bind(path)
            .bind(kind)
            .bind(local_id)
            .bind(text)
            .bind(unix(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Where an old address leads now: one lookup by primary key. None
    /// when it is not an old address, or leads to an article or a page
    /// readers cannot see.
    #[tracing::instrument(skip_all)]
    pub async fn wordpress_link(&self, path: &str) -> Result<Option<String>> {
        if path.len() > MAX_LINK_BYTES {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT l.kind, l.target, a.path AS article_path, a.status AS article_status,
                    p.language AS page_language, p.slug AS page_slug, p.published AS page_published
             FROM wordpress_links l
             LEFT JOIN articles a ON l.kind = 'article' AND a.id = l.local_id
             LEFT JOIN pages p ON l.kind = 'page' AND p.id = l.local_id
             WHERE l.path = $1",
        )
        .bind(path)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let kind: String = row.try_get("kind")?;
        Ok(match kind.as_str() {
            "article" => {
                let status: Option<String> = row.try_get("article_status")?;
                let path: Option<String> = row.try_get("article_path")?;
                path.filter(|_| status.as_deref() == Some("published"))
            }
            "page" => {
                let published: Option<i64> = row.try_get("page_published")?;
                let language: Option<String> = row.try_get("page_language")?;
                let slug: Option<String> = row.try_get("page_slug")?;
                match (
                    published,
                    language.and_then(|l| l.parse::<Language>().ok()),
                    slug,
                ) {
                    (Some(1), Some(language), Some(slug)) => Some(page_path(language, &slug)),
                    _ => None,
                }
            }
            _ => row.try_get("target")?,
        })
    }

    /// Writes imported comments of one article (at most
    /// [`COMMENT_BATCH`]), each new or updating the one an earlier import of
    /// the same comment made (found by its key), in one transaction; for
    /// each, its id and whether it is new, or why it was refused (its text
    /// is checked as a reader's is; a reply to a refused comment starts a
    /// thread). Their dates, statuses and threads are kept.
    #[tracing::instrument(skip_all)]
    pub async fn import_comments(
        &self,
        batch: &[ImportedComment],
    ) -> Result<Vec<std::result::Result<(i64, bool), String>>> {
        let Some(first) = batch.first() else {
            return Ok(Vec::new());
        };
        if batch.len() > COMMENT_BATCH || batch.iter().any(|c| c.article_id != first.article_id) {
            return Err(StoreError::Invalid(format!(
                "at most {COMMENT_BATCH} comments of one article at a time"
            )));
        }
        let mut tx = self.write_tx().await?;
        let mut done: Vec<std::result::Result<(i64, bool), String>> =
            Vec::with_capacity(batch.len());
        for c in batch {
            let body = match comment_body(&c.body) {
                Ok(body) => body,
                Err(e) => {
                    done.push(Err(format!("the comment's text: {e:?}")));
                    continue;
                }
            };
            let parent = match c.parent {
                CommentParent::Top => None,
                CommentParent::Id(id) => Some(id),
                CommentParent::Earlier(i) => done.get(i).and_then(|r| r.as_ref().ok()).map(|r| r.0),
            };
            let name: String = c.name.trim().chars().take(80).collect();
            let name = if name.is_empty() {
                "Anonymous".to_string()
            } else {
                name
            };
            let email: String = c.email.trim().chars().take(254).collect();
            let at = unix(c.created_at);
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT id FROM comments WHERE duplicate_key = $1")
                    .bind(&c.key)
                    .fetch_optional(&mut *tx)
                    .await?;
            let id =
                match existing {
                    Some(id) => {
                        sqlx::query(
                            "UPDATE comments SET parent_id = $1, name = $2, email = $3, body = $4,
                            status = $5, created_at = $6 WHERE id = $7",
                        )
                        .bind(parent)
                        .bind(&name)
                        .bind(&email)
                        .bind(&body)
                        .bind(c.status.as_str())
                        .bind(at)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                        id
                    }
                    None => sqlx::query_scalar(
                        "INSERT INTO comments (article_id, parent_id, name, email, body, status,
                            address_hash, duplicate_key, created_at, moderated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, $9) RETURNING id",
                    )
                    .bind(c.article_id)
                    .bind(parent)
                    .bind(&name)
                    .bind(&email)
                    .bind(&body)
                    .bind(c.status.as_str())
                    .bind(&c.key)
                    .bind(at)
                    .bind((c.status != CommentStatus::Pending).then_some(at))
                    .fetch_one(&mut *tx)
                    .await?,
                };
            done.push(Ok((id, existing.is_none())));
        }
        changes::record(&mut tx, "comment", Some(first.article_id), first.created_at).await?;
        tx.commit().await?;
        Ok(done)
    }
}
