//! The media library: uploaded images (with their responsive renditions) and
//! programme audio. The bytes are kept in the database, so that every node
//! serves every file and an archive or backup of the database holds them.

use crate::{from_unix, unix, Result, Store, StoreError};
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

/// A stored upload as lists and pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct MediaItem {
    pub id: i64,
    /// `image` or `audio`.
    pub kind: String,
    pub content_type: String,
    pub file_name: String,
    pub alt_text: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub duration_ms: Option<i64>,
    pub byte_size: i64,
    /// (variant, width) of each image rendition, narrowest first.
    pub renditions: Vec<(String, i64)>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// One stored file: the original or a rendition.
#[derive(Debug, Clone)]
pub struct MediaFile {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An upload, checked and processed by the caller.
#[derive(Debug, Clone)]
pub struct NewMedia {
    pub kind: &'static str,
    pub content_type: String,
    pub file_name: String,
    pub alt_text: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub duration_ms: Option<i64>,
    /// (variant, width, content type, bytes): `original` and, for images,
    /// `w320`, `w640`... for each rendition.
    pub files: Vec<(String, Option<i64>, String, Vec<u8>)>,
}

const COLUMNS: &str = "id, kind, content_type, file_name, alt_text, caption, credit, width, height, duration_ms, byte_size, created_at";

impl Store {
    /// Stores an upload; `by` is the member who uploaded it (None for what
    /// the site brings itself, like the demo edition's audio).
    pub async fn add_media(
        &self,
        media: &NewMedia,
        by: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<i64> {
        let size = media
            .files
            .iter()
            .find(|(v, ..)| v == "original")
            .map(|(.., b)| b.len() as i64)
            .ok_or_else(|| StoreError::Invalid("an upload needs its original".into()))?;
        let mut tx = self.write_tx().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO media (kind, content_type, file_name, alt_text, caption, credit, width, height,
                duration_ms, byte_size, uploaded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(media.kind)
        .bind(&media.content_type)
        .bind(&media.file_name)
        .bind(&media.alt_text)
        .bind(&media.caption)
        .bind(&media.credit)
        .bind(media.width)
        .bind(media.height)
        .bind(media.duration_ms)
        .bind(size)
        .bind(by)
        .bind(unix(now))
        .fetch_one(&mut *tx)
        .await?;
        for (variant, width, content_type, bytes) in &media.files {
            sqlx::query(
                "INSERT INTO media_files (media_id, variant, width, content_type, bytes) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(variant)
            .bind(*width)
            .bind(content_type)
            .bind(bytes.as_slice())
            .execute(&mut *tx)
            .await?;
        }
        crate::audit::record_tx(
            &mut tx,
            now,
            by,
            "upload",
            "media",
            Some(id),
            Some(&media.file_name),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn media_row(&self, row: &sqlx::any::AnyRow) -> Result<MediaItem> {
        let id: i64 = row.try_get("id")?;
        let renditions: Vec<(String, Option<i64>)> = sqlx::query_as(
            "SELECT variant, width FROM media_files WHERE media_id = $1 AND variant <> 'original' ORDER BY width",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(MediaItem {
            id,
            kind: row.try_get("kind")?,
            content_type: row.try_get("content_type")?,
            file_name: row.try_get("file_name")?,
            alt_text: row.try_get("alt_text")?,
            caption: row.try_get("caption")?,
            credit: row.try_get("credit")?,
            width: row.try_get("width")?,
            height: row.try_get("height")?,
            duration_ms: row.try_get("duration_ms")?,
            byte_size: row.try_get("byte_size")?,
            renditions: renditions
                .into_iter()
                .map(|(v, w)| (v, w.unwrap_or(0)))
                .collect(),
            created_at: from_unix(row.try_get("created_at")?),
        })
    }

    pub async fn media(&self, id: i64) -> Result<MediaItem> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM media WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        self.media_row(&row).await
    }

    /// The library, newest first; `kind` filters to `image` or `audio`.
    pub async fn media_list(
        &self,
        kind: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<MediaItem>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM media WHERE ($1 IS NULL OR kind = $1) ORDER BY id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(kind)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(self.media_row(row).await?);
        }
        Ok(out)
    }

    /// The bytes of one variant of an upload.
    pub async fn media_file(&self, id: i64, variant: &str) -> Result<MediaFile> {
        let (content_type, bytes): (String, Vec<u8>) = sqlx::query_as(
            "SELECT content_type, bytes FROM media_files WHERE media_id = $1 AND variant = $2",
        )
        .bind(id)
        .bind(variant)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(MediaFile {
            content_type,
            bytes,
        })
    }
}
