//! Where each stored file's bytes are: in the database's pieces or in the
//! file store. The moves between the two are one file at a time, each
//! complete in itself, so a move stopped anywhere starts again where it
//! stopped (`dateline media migrate`).

use crate::media::{new_token, CHUNK_BYTES};
use crate::media_pieces::insert_file;
use crate::{Result, Store, StoreError};

/// One stored file, wherever its bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub media_id: i64,
    pub token: String,
    pub variant: String,
    pub byte_size: u64,
}

/// How many files are where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placement {
    pub in_database: u64,
    pub in_files: u64,
}

fn stored(row: (i64, Option<String>, String, i64)) -> StoredFile {
    StoredFile {
        media_id: row.0,
        token: row.1.unwrap_or_default(),
        variant: row.2,
        byte_size: u64::try_from(row.3).unwrap_or(0),
    }
}

impl Store {
    /// Brings uploads made before media were stored in pieces up to date:
    /// gives each a token, and moves each file from the old one-BLOB table
    /// (`media_files`) into pieces, one file at a time (each read whole once),
    /// emptying that table. Nodes started together share the work: a file is
    /// claimed by deleting its old row. Returns how many files moved.
    pub(crate) async fn upgrade_media(&self) -> Result<usize> {
        let untokened: Vec<i64> = sqlx::query_scalar("SELECT id FROM media WHERE token IS NULL")
            .fetch_all(&self.pool)
            .await?;
        for id in untokened {
            sqlx::query("UPDATE media SET token = $1 WHERE id = $2 AND token IS NULL")
                .bind(new_token()?)
                .bind(id)
                .execute(&self.pool)
                .await?;
        }
        let mut moved = 0;
        loop {
            let next: Option<(i64, String)> =
                sqlx::query_as("SELECT media_id, variant FROM media_files LIMIT 1")
                    .fetch_optional(&self.pool)
                    .await?;
            let Some((media_id, variant)) = next else {
                break;
            };
            let mut tx = self.write_tx().await?;
            let old: Option<(Option<i64>, String, Vec<u8>)> = sqlx::query_as(
                "DELETE FROM media_files WHERE media_id = $1 AND variant = $2
                 RETURNING width, content_type, bytes",
            )
            .bind(media_id)
            .bind(&variant)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((width, content_type, bytes)) = old {
                insert_file(&mut tx, media_id, &variant, width, &content_type, &bytes).await?;
                moved += 1;
            }
            tx.commit().await?;
        }
        if moved > 0 {
            tracing::info!(files = moved, "media files moved into pieces");
        }
        Ok(moved)
    }

    pub async fn media_placement(&self) -> Result<Placement> {
        let (db, files): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN in_files = 0 THEN 1 ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN in_files = 0 THEN 0 ELSE 1 END), 0) AS BIGINT)
             FROM media_variants",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Placement {
            in_database: u64::try_from(db).unwrap_or(0),
            in_files: u64::try_from(files).unwrap_or(0),
        })
    }

    /// Up to `limit` files whose bytes are not yet where `to_files` says.
    pub async fn media_to_move(&self, to_files: bool, limit: i64) -> Result<Vec<StoredFile>> {
        let rows: Vec<(i64, Option<String>, String, i64)> = sqlx::query_as(
            "SELECT v.media_id, m.token, v.variant, v.byte_size
             FROM media_variants v JOIN media m ON m.id = v.media_id
             WHERE v.in_files = $1 ORDER BY v.media_id, v.variant LIMIT $2",
        )
        .bind(i64::from(!to_files))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(stored).collect())
    }

    /// Every file whose bytes are in the file store (what a backup of the
    /// database must carry beside it).
    pub async fn media_in_files(&self) -> Result<Vec<StoredFile>> {
        let rows: Vec<(i64, Option<String>, String, i64)> = sqlx::query_as(
            "SELECT v.media_id, m.token, v.variant, v.byte_size
             FROM media_variants v JOIN media m ON m.id = v.media_id
             WHERE v.in_files <> 0 ORDER BY v.media_id, v.variant",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(stored).collect())
    }

    /// Once the file store holds a file's bytes: marks it as there and
    /// drops its pieces, in one transaction. False when another process
    /// moved it first.
    pub async fn media_moved_to_files(&self, media_id: i64, variant: &str) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let moved = sqlx::query(
            "UPDATE media_variants SET in_files = 1 WHERE media_id = $1 AND variant = $2 AND in_files = 0",
        )
        .bind(media_id)
        .bind(variant)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if moved {
            sqlx::query("DELETE FROM media_chunks WHERE media_id = $1 AND variant = $2")
                .bind(media_id)
                .bind(variant)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(moved)
    }

    /// Begins putting a file's bytes back into the database: pieces are
    /// written as they come, and [`MediaPieces::finish`] marks the file as
    /// in the database, all in one transaction.
    pub async fn begin_media_pieces(&self, file: &StoredFile) -> Result<MediaPieces> {
        let mut tx = self.write_tx().await?;
        // Pieces a stopped move left behind (there are none after a commit).
        sqlx::query("DELETE FROM media_chunks WHERE media_id = $1 AND variant = $2")
            .bind(file.media_id)
            .bind(&file.variant)
            .execute(&mut *tx)
            .await?;
        Ok(MediaPieces {
            tx,
            file: file.clone(),
            waiting: Vec::with_capacity(CHUNK_BYTES),
            seq: 0,
            written: 0,
        })
    }
}

/// See [`Store::begin_media_pieces`].
pub struct MediaPieces {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    file: StoredFile,
    waiting: Vec<u8>,
    seq: i64,
    written: u64,
}

impl MediaPieces {
    pub async fn push(&mut self, mut bytes: &[u8]) -> Result<()> {
        while !bytes.is_empty() {
            let room = CHUNK_BYTES - self.waiting.len();
            let (now, later) = bytes.split_at(room.min(bytes.len()));
            self.waiting.extend_from_slice(now);
            bytes = later;
            if self.waiting.len() == CHUNK_BYTES {
                self.write_waiting().await?;
            }
        }
        Ok(())
    }

    async fn write_waiting(&mut self) -> Result<()> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO media_chunks (media_id, variant, seq, bytes) VALUES ($1, $2, $3, $4)",
        )
        .bind(self.file.media_id)
        .bind(&self.file.variant)
        .bind(self.seq)
        .bind(self.waiting.as_slice())
        .execute(&mut *self.tx)
        .await?;
        self.seq += 1;
        self.written += self.waiting.len() as u64;
        self.waiting.clear();
        Ok(())
    }

    /// Writes the last piece and, if the bytes add up to the file's length,
    /// marks it as in the database.
    pub async fn finish(mut self) -> Result<()> {
        self.write_waiting().await?;
        if self.written != self.file.byte_size {
            return Err(StoreError::Invalid(format!(
                "media {}, {}: the file store gave {} bytes of {}",
                self.file.media_id, self.file.variant, self.written, self.file.byte_size
            )));
        }
        sqlx::query("UPDATE media_variants SET in_files = 0 WHERE media_id = $1 AND variant = $2")
            .bind(self.file.media_id)
            .bind(&self.file.variant)
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(())
    }
}
