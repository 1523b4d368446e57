//! Where uploads' bytes live when not in the database: the `media` folder
//! of the data directory (the default, for one node), or an S3-compatible
//! object store that every node of a site reads (`s3://bucket/prefix`,
//! with the standard `AWS_*` variables for the endpoint, region and keys).
//!
//! Files are named by their upload's random token and their variant
//! (`media/3f/3f…c2/w640`): unguessable, and never written twice with
//! different bytes, so readers may cache them for good.

use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::StreamExt;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Makes ring the process's TLS provider (for S3's HTTP client, which has
/// none of its own, and for any other rustls user that asks for the
/// default). Idempotent; call it before making an HTTP client.
pub fn use_ring_for_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Why a file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    #[error("{0} is not in the file store")]
    NotFound(String),
    #[error("the file store ({place}): {source}")]
    Store {
        place: String,
        #[source]
        source: object_store::Error,
    },
    #[error("the file store's address {0:?} is not s3://bucket[/prefix]")]
    Address(String),
}

pub type Result<T, E = FilesError> = std::result::Result<T, E>;

/// A file store: cheap to clone.
#[derive(Clone)]
pub struct Files {
    inner: Arc<dyn ObjectStore>,
    /// Where it is, for messages: a folder or an `s3://` address.
    place: String,
    folder: Option<PathBuf>,
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Files").field("place", &self.place).finish()
    }
}

impl Files {
    /// A folder on this machine (made when missing).
    pub fn folder(dir: &Path) -> Result<Files> {
        let place = dir.display().to_string();
        std::fs::create_dir_all(dir).map_err(|e| FilesError::Store {
            place: place.clone(),
            source: object_store::Error::Generic {
                store: "LocalFileSystem",
                source: Box::new(e),
            },
        })?;
        let local =
            object_store::local::LocalFileSystem::new_with_prefix(dir).map_err(|source| {
                FilesError::Store {
                    place: place.clone(),
                    source,
                }
            })?;
        Ok(Files {
            inner: Arc::new(local),
            place,
            folder: Some(dir.to_path_buf()),
        })
    }

    /// An S3-compatible bucket, `s3://bucket` or `s3://bucket/prefix`; the
    /// endpoint, region and keys come from the standard `AWS_*` variables
    /// (`AWS_ENDPOINT_URL`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`; `AWS_ALLOW_HTTP=true` for a plain-HTTP
    /// endpoint).
    pub fn s3(address: &str) -> Result<Files> {
        let rest = address
            .strip_prefix("s3://")
            .ok_or_else(|| FilesError::Address(address.to_string()))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(FilesError::Address(address.to_string()));
        }
        use_ring_for_tls();
        let s3 = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(|source| FilesError::Store {
                place: address.to_string(),
                source,
            })?;
        let prefix = prefix.trim_matches('/');
        let inner: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(s3)
        } else {
            Arc::new(object_store::prefix::PrefixStore::new(s3, prefix))
        };
        Ok(Files {
            inner,
            place: address.to_string(),
            folder: None,
        })
    }

    /// Where the files are, for messages.
    pub fn place(&self) -> &str {
        &self.place
    }

    /// The folder, when the files are on this machine.
    pub fn folder_path(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    fn fail(&self, key: &str) -> impl FnOnce(object_store::Error) -> FilesError + '_ {
        let key = key.to_string();
        move |source| match source {
            object_store::Error::NotFound { .. } => FilesError::NotFound(key),
            source => FilesError::Store {
                place: self.place.clone(),
                source,
            },
        }
    }

    /// Writes a whole file (replacing one of the same name).
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<()> {
        self.inner
            .put(&Key::from(key), bytes.into())
            .await
            .map_err(self.fail(key))?;
        Ok(())
    }

    /// A file written piece by piece, in parts for a large one: memory
    /// stays at a few parts whatever the file's size.
    pub fn writer(&self, key: &str) -> Writer {
        Writer {
            inner: object_store::buffered::BufWriter::new(self.inner.clone(), Key::from(key)),
            files: self.clone(),
            key: key.to_string(),
        }
    }

    /// Bytes `range` of a file (cut short at its end).
    pub async fn read(&self, key: &str, range: Range<u64>) -> Result<Bytes> {
        if range.is_empty() {
            return Ok(Bytes::new());
        }
        self.inner
            .get_range(&Key::from(key), range)
            .await
            .map_err(self.fail(key))
    }

    /// A whole file as a stream of pieces.
    pub async fn stream(&self, key: &str) -> Result<BoxStream<'static, Result<Bytes>>> {
        let got = self
            .inner
            .get(&Key::from(key))
            .await
            .map_err(self.fail(key))?;
        let place = self.place.clone();
        Ok(got
            .into_stream()
            .map(move |piece| {
                piece.map_err(|source| FilesError::Store {
                    place: place.clone(),
                    source,
                })
            })
            .boxed())
    }

    /// The length of a file, or NotFound.
    pub async fn size(&self, key: &str) -> Result<u64> {
        Ok(self
            .inner
            .head(&Key::from(key))
            .await
            .map_err(self.fail(key))?
            .size)
    }

    /// Removes a file; one already gone is no error.
    pub async fn delete(&self, key: &str) -> Result<()> {
        match self.inner.delete(&Key::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.fail(key)(e)),
        }
    }
}

/// See [`Files::writer`].
pub struct Writer {
    inner: object_store::buffered::BufWriter,
    files: Files,
    key: String,
}

impl Writer {
    pub async fn put(&mut self, bytes: Bytes) -> Result<()> {
        let key = self.key.clone();
        self.inner.put(bytes).await.map_err(self.files.fail(&key))
    }

    /// Completes the file; until then it does not exist.
    pub async fn finish(mut self) -> Result<()> {
        use tokio::io::AsyncWriteExt;
        self.inner.shutdown().await.map_err(|e| FilesError::Store {
            place: self.files.place.clone(),
            source: object_store::Error::Generic {
                store: "writer",
                source: Box::new(e),
            },
        })
    }

    /// Gives the file up.
    pub async fn abort(mut self) {
        let _ = self.inner.abort().await;
    }
}

/// The name of one file of an upload.
pub fn media_key(token: &str, variant: &str) -> String {
    let shard = token.get(..2).unwrap_or("00");
    format!("media/{shard}/{token}/{variant}")
}
