//! The site archive (`crates/dateline-store/ARCHIVE-FORMAT.md`) written to
//! and read from a stream: `dateline export` and `import archive`, and the
//! backups of a PostgreSQL site.

use data_encoding::BASE64;
use dateline_app::media_storage::{self, MediaStorage};
use dateline_store::archive::{ArchiveRow, Exported, Header};
use dateline_store::{Store, StoredFile};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, Write};

/// Writes the whole site; returns the number of rows. Files whose bytes
/// are in the file store are read from there, so the archive carries every
/// file wherever it is kept.
pub async fn write(
    store: &Store,
    media: &MediaStorage,
    out: &mut dyn Write,
) -> anyhow::Result<usize> {
    let mut written = 0;
    let mut bytes = FileBytes::default();
    let mut items = rows(store);
    while let Some(item) = items.recv().await {
        match item {
            Exported::Header(header) => serde_json::to_writer(&mut *out, &header)?,
            Exported::Row(row) => {
                match bytes.fill(media, &row).await? {
                    Some(filled) => serde_json::to_writer(&mut *out, &filled)?,
                    None => serde_json::to_writer(&mut *out, &row)?,
                }
                written += 1;
            }
        }
        out.write_all(b"\n")?;
    }
    items.finish().await?;
    out.flush()?;
    Ok(written)
}

/// The site's archive items as the store reads them, a few at a time.
pub fn rows(store: &Store) -> Items {
    let (sender, receiver) = tokio::sync::mpsc::channel(256);
    let store = store.clone();
    Items {
        receiver,
        export: tokio::spawn(async move { store.export_stream(sender).await }),
    }
}

/// See [`rows`].
pub struct Items {
    receiver: tokio::sync::mpsc::Receiver<Exported>,
    export: tokio::task::JoinHandle<dateline_store::Result<()>>,
}

impl Items {
    pub async fn recv(&mut self) -> Option<Exported> {
        self.receiver.recv().await
    }

    /// Whether the store read everything: an export that stopped half-way
    /// is an error, not a short archive.
    pub async fn finish(self) -> anyhow::Result<()> {
        drop(self.receiver);
        self.export
            .await
            .map_err(|e| anyhow::anyhow!("the export stopped: {e}"))??;
        Ok(())
    }
}

/// Gives the archive's rows of files kept in the file store their bytes
/// (the store exports them as `"bytes": null`), reading the rows in the
/// archive's order, where an upload comes before its files.
#[derive(Default)]
pub struct FileBytes {
    tokens: HashMap<i64, String>,
}

impl FileBytes {
    /// `row` with its bytes, when it is a file in the file store; None for
    /// any other row, which is written as it is.
    pub async fn fill(
        &mut self,
        media: &MediaStorage,
        row: &ArchiveRow,
    ) -> anyhow::Result<Option<ArchiveRow>> {
        if row.table == "media" {
            if let (Some(id), Some(token)) = (row.row["id"].as_i64(), row.row["token"].as_str()) {
                self.tokens.insert(id, token.to_string());
            }
        }
        if row.table != "media_files" || !row.row.get("bytes").is_some_and(Value::is_null) {
            return Ok(None);
        }
        let media_id = row.row["media_id"].as_i64().unwrap_or_default();
        let token = self
            .tokens
            .get(&media_id)
            .ok_or_else(|| anyhow::anyhow!("media {media_id}: no upload row before its files"))?;
        let file = StoredFile {
            media_id,
            token: token.clone(),
            variant: row.row["variant"].as_str().unwrap_or_default().to_string(),
            byte_size: 0,
        };
        let bytes = media_storage::whole_from_files(media, &file).await?;
        let mut filled = row.clone();
        filled
            .row
            .insert("bytes".into(), Value::from(BASE64.encode(&bytes)));
        Ok(Some(filled))
    }
}

/// What an import did: each failed line as `NAME:LINE: why`.
#[derive(Debug, Default)]
pub struct Imported {
    pub rows: usize,
    pub failed: Vec<String>,
    /// The rows the header says the archive holds.
    pub expected: u64,
}

impl Imported {
    /// Every row the archive holds went in.
    pub fn whole(&self) -> bool {
        self.failed.is_empty() && self.rows as u64 == self.expected
    }
}

/// Reads an archive into `store`, which must hold no site yet. A bad line
/// is reported with its number and the rest still goes in; a bad header
/// stops everything before the database is touched.
pub async fn import(store: &Store, name: &str, reader: impl BufRead) -> anyhow::Result<Imported> {
    let mut lines = reader.lines().enumerate();
    let header: Header = match lines.next() {
        Some((_, Ok(line))) => serde_json::from_str(&line)
            .map_err(|e| anyhow::anyhow!("{name}:1: not a Dateline archive header: {e}"))?,
        Some((_, Err(e))) => anyhow::bail!("{name}:1: {e}"),
        None => anyhow::bail!("{name}:1: the file is empty"),
    };
    header
        .check()
        .map_err(|message| anyhow::anyhow!("{name}:1: {message}"))?;
    let mut import = store.begin_import().await?;
    let mut done = Imported {
        expected: header.counts.values().filter_map(|v| v.as_u64()).sum(),
        ..Imported::default()
    };
    for (index, line) in lines {
        let number = index + 1;
        let result = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => match serde_json::from_str::<ArchiveRow>(&line) {
                Ok(row) => import.insert(&row).await.map_err(|e| e.to_string()),
                Err(e) => Err(format!("not an archive row: {e}")),
            },
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(()) => done.rows += 1,
            Err(message) => done.failed.push(format!("{name}:{number}: {message}")),
        }
    }
    import.finish().await?;
    Ok(done)
}
