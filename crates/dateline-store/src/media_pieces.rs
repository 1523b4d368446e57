//! A file's bytes in the database: its description (`media_variants`) and
//! its pieces of [`CHUNK_BYTES`] (`media_chunks`).

use crate::media::CHUNK_BYTES;
use crate::{Result, StoreError};

/// Writes one file's description and its pieces.
pub(crate) async fn insert_file(
    tx: &mut sqlx::AnyConnection,
    media_id: i64,
    variant: &str,
    width: Option<i64>,
    content_type: &str,
    bytes: &[u8],
) -> Result<()> {
    insert_variant(
        tx,
        media_id,
        variant,
        width,
        content_type,
        bytes.len(),
        false,
    )
    .await?;
    insert_pieces(tx, media_id, variant, bytes).await
}

/// One file's description; `in_files` when its bytes are in the file store.
pub(crate) async fn insert_variant(
    tx: &mut sqlx::AnyConnection,
    media_id: i64,
    variant: &str,
    width: Option<i64>,
    content_type: &str,
    size: usize,
    in_files: bool,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO media_variants (media_id, variant, width, content_type, byte_size, in_files) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(media_id)
    .bind(variant)
    .bind(width)
    .bind(content_type)
    .bind(size as i64)
    .bind(i64::from(in_files))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A file's bytes as pieces, numbered from 0.
pub(crate) async fn insert_pieces(
    tx: &mut sqlx::AnyConnection,
    media_id: i64,
    variant: &str,
    bytes: &[u8],
) -> Result<()> {
    for (seq, piece) in bytes.chunks(CHUNK_BYTES).enumerate() {
        sqlx::query(
            "INSERT INTO media_chunks (media_id, variant, seq, bytes) VALUES ($1, $2, $3, $4)",
        )
        .bind(media_id)
        .bind(variant)
        .bind(seq as i64)
        .bind(piece)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// One whole file, piece after piece (for the archive and for tests).
pub(crate) async fn read_whole(
    conn: &mut sqlx::AnyConnection,
    media_id: i64,
    variant: &str,
) -> Result<Vec<u8>> {
    let size: i64 = sqlx::query_scalar(
        "SELECT byte_size FROM media_variants WHERE media_id = $1 AND variant = $2",
    )
    .bind(media_id)
    .bind(variant)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    let pieces: Vec<Vec<u8>> = sqlx::query_scalar(
        "SELECT bytes FROM media_chunks WHERE media_id = $1 AND variant = $2 ORDER BY seq",
    )
    .bind(media_id)
    .bind(variant)
    .fetch_all(&mut *conn)
    .await?;
    let whole = pieces.concat();
    if whole.len() as i64 != size {
        return Err(missing_piece(media_id, variant));
    }
    Ok(whole)
}

pub(crate) fn missing_piece(media_id: i64, variant: &str) -> StoreError {
    StoreError::Invalid(format!(
        "media {media_id}, {variant}: its stored pieces do not add up to its length"
    ))
}
