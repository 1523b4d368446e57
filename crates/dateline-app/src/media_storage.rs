//! Where uploads' bytes are kept: in the file store (the data directory's
//! media folder, or an S3-compatible bucket every node reads), or in the
//! database. The store records which, file by file; the configuration
//! says where new uploads go; `migrate` moves what is already stored.
//!
//! An upload's files are written to the file store before the database
//! records them, so no reader is ever sent to a file that is not there; an
//! upload whose record fails has its files removed again.

use crate::App;
use bytes::Bytes;
use dateline_files::{media_key, Files, FilesError};
use dateline_store::{MediaFileInfo, NewMedia, StoreError, StoredFile, CHUNK_BYTES};
use futures_util::StreamExt;
use time::OffsetDateTime;

/// Where this node keeps new uploads, and reads the ones in the file store.
#[derive(Debug, Clone)]
pub struct MediaStorage {
    /// The file store; None on a site that keeps every byte in the database
    /// and has no file store at all (tests of the web layer alone).
    pub files: Option<Files>,
    /// New uploads go to the file store (else to the database).
    pub uploads_in_files: bool,
}

impl MediaStorage {
    /// Everything in the database, and no file store.
    pub fn in_database() -> MediaStorage {
        MediaStorage {
            files: None,
            uploads_in_files: false,
        }
    }

    /// New uploads to `files`.
    pub fn in_files(files: Files) -> MediaStorage {
        MediaStorage {
            files: Some(files),
            uploads_in_files: true,
        }
    }

    fn files(&self) -> Result<&Files, StoreError> {
        self.files.as_ref().ok_or_else(|| {
            StoreError::Files(
                "a file is in the file store, and this node has none configured".into(),
            )
        })
    }
}

fn failed(e: FilesError) -> StoreError {
    StoreError::Files(e.to_string())
}

/// `len` bytes of a stored file from byte `start`, wherever it is (the
/// caller keeps `len` to a piece; a range past the end is cut short).
pub async fn piece(
    app: &App,
    info: &MediaFileInfo,
    start: u64,
    len: usize,
) -> Result<Bytes, StoreError> {
    if info.in_files {
        let end = start.saturating_add(len as u64).min(info.byte_size);
        if start >= end {
            return Ok(Bytes::new());
        }
        let key = media_key(&info.token, &info.variant);
        app.config
            .media
            .files()?
            .read(&key, start..end)
            .await
            .map_err(failed)
    } else {
        let bytes = app
            .store
            .media_bytes(info.media_id, &info.variant, start, len)
            .await?;
        Ok(Bytes::from(bytes))
    }
}

/// Stores a checked upload where this node keeps new ones; its id.
pub async fn keep(
    app: &App,
    new: &NewMedia,
    by: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let storage = &app.config.media;
    if !storage.uploads_in_files {
        return app.store.add_media(new, by, now).await;
    }
    let files = storage.files()?;
    let token = dateline_store::new_media_token()?;
    let mut written = Vec::new();
    let mut outcome = Ok(());
    for (variant, _, _, bytes) in &new.files {
        let key = media_key(&token, variant);
        outcome = files.put(&key, bytes.clone()).await.map_err(failed);
        written.push(key);
        if outcome.is_err() {
            break;
        }
    }
    let recorded = match outcome {
        Ok(()) => app.store.add_media_in_files(new, &token, by, now).await,
        Err(e) => Err(e),
    };
    if recorded.is_err() {
        for key in &written {
            if let Err(e) = files.delete(key).await {
                tracing::warn!(error = %e, key, "an upload's file was left in the file store");
            }
        }
    }
    recorded
}

/// The whole of one file in the file store: for archives, which carry
/// each file whole.
pub async fn whole_from_files(
    storage: &MediaStorage,
    file: &StoredFile,
) -> Result<Vec<u8>, StoreError> {
    let key = media_key(&file.token, &file.variant);
    let mut out = Vec::with_capacity(usize::try_from(file.byte_size).unwrap_or(0));
    let mut stream = storage.files()?.stream(&key).await.map_err(failed)?;
    while let Some(piece) = stream.next().await {
        out.extend_from_slice(&piece.map_err(failed)?);
    }
    Ok(out)
}

/// What a move did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moved {
    pub files: u64,
    pub bytes: u64,
}

/// Moves every stored file to the file store (`to_files`) or into the
/// database, one at a time: each is written whole at its destination
/// before it is recorded there and removed from where it was, so a move
/// that stops (a crash, Ctrl-C) loses nothing and starts again where it
/// stopped. `progress` is told (done, total) after each file.
pub async fn migrate(
    app: &App,
    to_files: bool,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<Moved, StoreError> {
    let files = app.config.media.files()?;
    let placement = app.store.media_placement().await?;
    let total = if to_files {
        placement.in_database
    } else {
        placement.in_files
    };
    let mut moved = Moved::default();
    progress(0, total);
    loop {
        let batch = app.store.media_to_move(to_files, 100).await?;
        if batch.is_empty() {
            break;
        }
        for file in &batch {
            if to_files {
                to_file_store(app, files, file).await?;
            } else {
                to_database(app, files, file).await?;
            }
            moved.files += 1;
            moved.bytes += file.byte_size;
            progress(moved.files.min(total), total);
        }
    }
    Ok(moved)
}

async fn to_file_store(app: &App, files: &Files, file: &StoredFile) -> Result<(), StoreError> {
    let key = media_key(&file.token, &file.variant);
    let mut writer = files.writer(&key);
    let step = 4 * CHUNK_BYTES;
    let mut at = 0u64;
    while at < file.byte_size {
        let bytes = app
            .store
            .media_bytes(file.media_id, &file.variant, at, step)
            .await?;
        if bytes.is_empty() {
            writer.abort().await;
            return Err(StoreError::Invalid(format!(
                "media {}, {}: shorter than its length",
                file.media_id, file.variant
            )));
        }
        at += bytes.len() as u64;
        writer.put(Bytes::from(bytes)).await.map_err(failed)?;
    }
    writer.finish().await.map_err(failed)?;
    // Checked where it landed before the pieces go.
    let size = files.size(&key).await.map_err(failed)?;
    if size != file.byte_size {
        return Err(StoreError::Files(format!(
            "{key}: {size} bytes written of {}",
            file.byte_size
        )));
    }
    app.store
        .media_moved_to_files(file.media_id, &file.variant)
        .await?;
    Ok(())
}

async fn to_database(app: &App, files: &Files, file: &StoredFile) -> Result<(), StoreError> {
    let key = media_key(&file.token, &file.variant);
    let mut stream = files.stream(&key).await.map_err(failed)?;
    let mut pieces = app.store.begin_media_pieces(file).await?;
    while let Some(piece) = stream.next().await {
        pieces.push(&piece.map_err(failed)?).await?;
    }
    pieces.finish().await?;
    files.delete(&key).await.map_err(failed)?;
    Ok(())
}
