//! The media library: uploaded images (with their responsive renditions) and
//! programme audio. A file's bytes are in the file store (`in_files`: the
//! data directory's media folder or an S3 bucket, which this crate never
//! touches; `media_place.rs` moves files between the two), or in the
//! database, as they all were before, and as a site that keeps everything
//! in one PostgreSQL may still choose.
//!
//! In the database, a file is stored in pieces of [`CHUNK_BYTES`] (`media_chunks`), described
//! by a row without bytes (`media_variants`: type and length). A byte range or
//! a streamed download reads only the pieces it needs, and a HEAD request or
//! a length reads none: a one-byte range of a 150 MB episode reads 256 KiB,
//! not 150 MB, whatever the engine. (One BLOB a file, read with `substr()`,
//! would not do: SQLite loads the whole value before it cuts the part out.)
//!
//! Readers name an upload by its token, a random name given at upload, never
//! by its sequential id; [`MediaFileInfo::public`] says whether readers may
//! have a file at all.

use crate::media_pieces::{insert_file, insert_variant, missing_piece, read_whole};
use crate::{from_unix, unix, Page, Result, Store, StoreError};
use bytes::Bytes;
use dateline_core::media::MediaKind;
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

/// The size of one stored piece of a file. Small enough that reading one for
/// a small range costs little, large enough that a 200 MB episode is 800 rows.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// A stored upload as lists and pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct MediaItem {
    pub id: i64,
    /// The upload's name in readers' URLs (`/media/{token}/...`): random,
    /// so that uploads cannot be listed by counting ids.
    pub token: String,
    pub kind: MediaKind,
    pub content_type: String,
    pub file_name: String,
    pub alt_text: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub duration_ms: Option<i64>,
    /// The original's length in bytes.
    pub byte_size: i64,
    /// (variant, width) of each image rendition, narrowest first.
    pub renditions: Vec<(String, i64)>,
    /// The widest rendition's length in bytes (what a feed's enclosure of
    /// the image says); None for audio.
    pub largest_rendition_bytes: Option<i64>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// One whole stored file: the original or a rendition. Reading one loads all
/// of it; pages and players go through [`Store::media_file_info`] and
/// [`Store::media_bytes`] instead.
#[derive(Debug, Clone)]
pub struct MediaFile {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// What is known of one stored file without reading its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFileInfo {
    pub media_id: i64,
    /// The upload's token: with the variant, the file's name in the file
    /// store.
    pub token: String,
    /// Whether the bytes are in the file store rather than the database.
    pub in_files: bool,
    /// When it was uploaded: its files never change after.
    pub created_at: OffsetDateTime,
    pub kind: MediaKind,
    pub variant: String,
    pub content_type: String,
    pub byte_size: u64,
    /// Whether readers may fetch it: the upload belongs to published content
    /// (the lead image or audio of a published article, a picture in a
    /// published body, a programme's cover, or the site's logo), and the
    /// file is not the original of an image. Image originals
    /// keep what the camera wrote (its EXIF, GPS position included), so
    /// readers get the renditions, which are re-encoded without it.
    pub public: bool,
}

/// An upload, checked and processed by the caller.
#[derive(Debug, Clone)]
pub struct NewMedia {
    pub kind: MediaKind,
    pub content_type: String,
    pub file_name: String,
    pub alt_text: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub duration_ms: Option<i64>,
    /// (variant, width, content type, bytes): `original` and, for images,
    /// `w320`, `w640`... for each rendition. `Bytes`, so that the upload the
    /// web layer received is stored without another copy of it.
    pub files: Vec<(String, Option<i64>, String, Bytes)>,
}

const COLUMNS: &str = "id, token, kind, content_type, file_name, alt_text, caption, credit, width, height, duration_ms, byte_size, created_at";

/// The `kind` column of an upload's row.
fn kind_of(row: &sqlx::any::AnyRow) -> Result<MediaKind> {
    let text: String = row.try_get("kind")?;
    text.parse().map_err(crate::corrupt("media.kind"))
}

/// An upload's row and its renditions ((variant, width, bytes), narrowest
/// first) as a [`MediaItem`].
fn media_item(
    row: &sqlx::any::AnyRow,
    renditions: Vec<(String, Option<i64>, i64)>,
) -> Result<MediaItem> {
    Ok(MediaItem {
        id: row.try_get("id")?,
        token: row
            .try_get::<Option<String>, _>("token")?
            .unwrap_or_default(),
        kind: kind_of(row)?,
        content_type: row.try_get("content_type")?,
        file_name: row.try_get("file_name")?,
        alt_text: row.try_get("alt_text")?,
        caption: row.try_get("caption")?,
        credit: row.try_get("credit")?,
        width: row.try_get("width")?,
        height: row.try_get("height")?,
        duration_ms: row.try_get("duration_ms")?,
        byte_size: row.try_get("byte_size")?,
        largest_rendition_bytes: renditions.last().map(|(.., size)| *size),
        renditions: renditions
            .into_iter()
            .map(|(v, w, _)| (v, w.unwrap_or(0)))
            .collect(),
        created_at: from_unix(row.try_get("created_at")?),
    })
}

/// A name for a new upload, for a caller that writes its files to the file
/// store before [`Store::add_media_in_files`] records them.
pub fn new_media_token() -> Result<String> {
    new_token()
}

/// A random name for an upload: 128 bits from the operating system, as hex.
pub(crate) fn new_token() -> Result<String> {
    let mut raw = [0u8; 16];
    getrandom::getrandom(&mut raw).map_err(|e| StoreError::Randomness(e.to_string()))?;
    Ok(raw.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `token` has the shape of an upload's name (32 lowercase hex
/// digits); anything else is not looked up.
pub fn is_token(token: &str) -> bool {
    token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// How a file's upload is named: by readers (its token) or by the newsroom.
#[derive(Clone, Copy)]
enum Key<'a> {
    Token(&'a str),
    Id(i64),
}

impl Store {
    /// Stores an upload; `by` is the member who uploaded it (None for what
    /// the site brings itself, like the demo edition's audio). Returns its id.
    pub async fn add_media(
        &self,
        media: &NewMedia,
        by: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<i64> {
        self.insert_media(media, &new_token()?, false, by, now)
            .await
    }

    /// Records an upload whose files the caller has written to the file
    /// store under `token` (from [`new_media_token`]): the database keeps
    /// their descriptions, not their bytes.
    pub async fn add_media_in_files(
        &self,
        media: &NewMedia,
        token: &str,
        by: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<i64> {
        if !is_token(token) {
            return Err(StoreError::Invalid("not an upload token".into()));
        }
        self.insert_media(media, token, true, by, now).await
    }

    async fn insert_media(
        &self,
        media: &NewMedia,
        token: &str,
        in_files: bool,
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
                duration_ms, byte_size, uploaded_by, created_at, token)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(media.kind.as_str())
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
        .bind(token)
        .fetch_one(&mut *tx)
        .await?;
        for (variant, width, content_type, bytes) in &media.files {
            if in_files {
                insert_variant(
                    &mut tx,
                    id,
                    variant,
                    *width,
                    content_type,
                    bytes.len(),
                    true,
                )
                .await?;
            } else {
                insert_file(&mut tx, id, variant, *width, content_type, bytes).await?;
            }
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
        let renditions: Vec<(String, Option<i64>, i64)> = sqlx::query_as(
            "SELECT variant, width, byte_size FROM media_variants WHERE media_id = $1 AND variant <> 'original' ORDER BY width",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        media_item(row, renditions)
    }

    /// Uploads with their renditions, in two queries however many there
    /// are (a list of a hundred was a hundred and one).
    async fn media_rows(&self, rows: &[sqlx::any::AnyRow]) -> Result<Vec<MediaItem>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = rows
            .iter()
            .map(|r| r.try_get::<i64, _>("id"))
            .collect::<std::result::Result<_, _>>()?;
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT media_id, variant, width, byte_size FROM media_variants
             WHERE variant <> 'original' AND media_id IN ({}) ORDER BY media_id, width",
            marks.join(", ")
        );
        let mut query = sqlx::query_as::<_, (i64, String, Option<i64>, i64)>(&sql);
        for id in &ids {
            query = query.bind(*id);
        }
        let mut by_id: std::collections::HashMap<i64, Vec<(String, Option<i64>, i64)>> =
            std::collections::HashMap::new();
        for (id, variant, width, size) in query.fetch_all(&self.pool).await? {
            by_id.entry(id).or_default().push((variant, width, size));
        }
        rows.iter()
            .zip(ids)
            .map(|(row, id)| media_item(row, by_id.remove(&id).unwrap_or_default()))
            .collect()
    }

    pub async fn media(&self, id: i64) -> Result<MediaItem> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM media WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        self.media_row(&row).await
    }

    /// The library, newest first; `kind` filters to pictures or sounds.
    pub async fn media_list(
        &self,
        kind: Option<MediaKind>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<MediaItem>> {
        Ok(self.media_search(kind, "", limit, offset).await?.items)
    }

    /// One page of the library, newest first: of one kind, and whose name,
    /// alt text, caption or credit holds `words` (any case), with how many
    /// there are in all.
    pub async fn media_search(
        &self,
        kind: Option<MediaKind>,
        words: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Page<MediaItem>> {
        let words: String = words.trim().chars().take(200).collect();
        let pattern = (!words.is_empty()).then(|| {
            let escaped = words
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{escaped}%")
        });
        const FILTER: &str = "($1 IS NULL OR kind = $1) AND ($2 IS NULL
            OR LOWER(file_name) LIKE $2 ESCAPE '\\' OR LOWER(COALESCE(alt_text, '')) LIKE $2 ESCAPE '\\'
            OR LOWER(COALESCE(caption, '')) LIKE $2 ESCAPE '\\' OR LOWER(COALESCE(credit, '')) LIKE $2 ESCAPE '\\')";
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM media WHERE {FILTER}"))
            .bind(kind.map(MediaKind::as_str))
            .bind(pattern.as_deref())
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM media WHERE {FILTER} ORDER BY id DESC LIMIT $3 OFFSET $4"
        ))
        .bind(kind.map(MediaKind::as_str))
        .bind(pattern.as_deref())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok(Page {
            items: self.media_rows(&rows).await?,
            total,
        })
    }

    /// One whole file (tests, small files). Pages and players read with
    /// [`Store::media_file_info`] and [`Store::media_bytes`].
    pub async fn media_file(&self, id: i64, variant: &str) -> Result<MediaFile> {
        let mut conn = self.pool.acquire().await?;
        let content_type: String = sqlx::query_scalar(
            "SELECT content_type FROM media_variants WHERE media_id = $1 AND variant = $2",
        )
        .bind(id)
        .bind(variant)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
        let bytes = read_whole(&mut conn, id, variant).await?;
        Ok(MediaFile {
            content_type,
            bytes,
        })
    }

    /// What the file `variant` of the upload named `token` is, without
    /// reading its bytes; NotFound when there is no such file.
    pub async fn media_file_by_token(&self, token: &str, variant: &str) -> Result<MediaFileInfo> {
        if !is_token(token) {
            return Err(StoreError::NotFound);
        }
        self.media_file_info(Key::Token(token), variant).await
    }

    /// As [`Store::media_file_by_token`], by the upload's id (the newsroom's
    /// own links).
    pub async fn media_file_by_id(&self, id: i64, variant: &str) -> Result<MediaFileInfo> {
        self.media_file_info(Key::Id(id), variant).await
    }

    async fn media_file_info(&self, key: Key<'_>, variant: &str) -> Result<MediaFileInfo> {
        let condition = match key {
            Key::Token(_) => "m.token = $1",
            Key::Id(_) => "m.id = $1",
        };
        let sql = format!(
            "SELECT m.id, m.token, m.created_at, m.kind, v.content_type, v.byte_size, v.in_files,
                CAST(CASE WHEN EXISTS (SELECT 1 FROM articles a WHERE a.image_id = m.id AND a.status = 'published')
                    OR EXISTS (SELECT 1 FROM articles a WHERE a.audio_id = m.id AND a.status = 'published')
                    OR EXISTS (SELECT 1 FROM body_media b JOIN articles a ON a.id = b.article_id
                               WHERE b.media_id = m.id AND a.status = 'published')
                    OR EXISTS (SELECT 1 FROM programmes p WHERE p.cover_id = m.id)
                    OR EXISTS (SELECT 1 FROM settings s WHERE s.key = 'site.logo' AND s.value = CAST(m.id AS TEXT))
                THEN 1 ELSE 0 END AS BIGINT) AS used
             FROM media m JOIN media_variants v ON v.media_id = m.id
             WHERE {condition} AND v.variant = $2"
        );
        let query = match key {
            Key::Token(token) => sqlx::query(&sql).bind(token),
            Key::Id(id) => sqlx::query(&sql).bind(id),
        };
        let row = query
            .bind(variant)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let kind = kind_of(&row)?;
        let used: i64 = row.try_get("used")?;
        let public = used == 1 && !(kind == MediaKind::Image && variant == "original");
        Ok(MediaFileInfo {
            media_id: row.try_get("id")?,
            token: row
                .try_get::<Option<String>, _>("token")?
                .unwrap_or_default(),
            in_files: row.try_get::<i64, _>("in_files")? != 0,
            created_at: from_unix(row.try_get("created_at")?),
            kind,
            variant: variant.to_string(),
            content_type: row.try_get("content_type")?,
            byte_size: u64::try_from(row.try_get::<i64, _>("byte_size")?).unwrap_or(0),
            public,
        })
    }

    /// `len` bytes of one stored file from byte `start`, reading only the
    /// pieces that hold them. The caller keeps `len` small (a range, or a
    /// download read a piece at a time); a range past the end is cut short.
    pub async fn media_bytes(
        &self,
        media_id: i64,
        variant: &str,
        start: u64,
        len: usize,
    ) -> Result<Vec<u8>> {
        if len == 0 {
            return Ok(Vec::new());
        }
        let chunk = CHUNK_BYTES as u64;
        let end = start.saturating_add(len as u64); // exclusive
        let (first, last) = (start / chunk, (end - 1) / chunk);
        let pieces: Vec<(i64, Vec<u8>)> = sqlx::query_as(
            "SELECT seq, bytes FROM media_chunks
             WHERE media_id = $1 AND variant = $2 AND seq >= $3 AND seq <= $4 ORDER BY seq",
        )
        .bind(media_id)
        .bind(variant)
        .bind(i64::try_from(first).unwrap_or(i64::MAX))
        .bind(i64::try_from(last).unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(len);
        for (expected, (seq, bytes)) in (first..).zip(&pieces) {
            if u64::try_from(*seq).ok() != Some(expected) {
                return Err(missing_piece(media_id, variant));
            }
            let piece_start = expected * chunk;
            let from = usize::try_from(start.saturating_sub(piece_start)).unwrap_or(usize::MAX);
            let to = usize::try_from(end - piece_start)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            if from < to {
                out.extend_from_slice(&bytes[from..to]);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex() {
        let (a, b) = (new_token().expect("a"), new_token().expect("b"));
        assert_ne!(a, b);
        assert!(is_token(&a) && is_token(&b), "{a} {b}");
        for bad in [
            "",
            "12",
            &a.to_uppercase(),
            &format!("{a}0"),
            "../../etc/passwd",
        ] {
            assert!(!is_token(bad), "{bad}");
        }
    }
}
