//! Backups taken while the site serves, and restoring one into an empty
//! site.
//!
//! A backup is a tar file: `backup.json` (what it holds) first, then the
//! site. A SQLite site is its database file, copied from one snapshot by
//! `VACUUM INTO` while readers and writers go on, then the files that
//! snapshot keeps in the file store (`media/…`, read from the folder or the
//! bucket); a PostgreSQL site is the site archive (ARCHIVE-FORMAT.md), read
//! in one REPEATABLE READ snapshot, which carries every file's bytes.
//! Either restores into either engine: a database file into a SQLite data
//! directory is put in place as it is; otherwise its rows go through the
//! archive's import. The search index is rebuilt after a restore, since it
//! is derived from the database and each node keeps its own.

use crate::config::Config;
use anyhow::Context;
use dateline_app::discovery::{index, Discovery};
use dateline_app::media_storage::{self, MediaStorage};
use dateline_files::media_key;
use dateline_store::archive::Exported;
use dateline_store::{engine::SQLITE_FILE, Engine, Store};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

const FORMAT: &str = "dateline-backup";
const VERSION: u32 = 1;
const MANIFEST: &str = "backup.json";
const ARCHIVE: &str = "site.jsonl";
/// The manifest is a few hundred bytes; more is not one of ours.
const MANIFEST_MAX: u64 = 64 * 1024;

/// What a backup holds, written first in it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The engine backed up: `sqlite` or `postgres`.
    pub engine: String,
    /// The file after the manifest: `dateline.db` or `site.jsonl`.
    pub content: String,
    /// Migrations the database had: a newer release restores it and
    /// migrates it on; an older one refuses it.
    pub migrations: usize,
    /// RFC 3339.
    pub taken_at: String,
    /// The release that took it.
    pub dateline: String,
}

/// What a backup took.
#[derive(Debug)]
pub struct Taken {
    pub manifest: Manifest,
    pub bytes: u64,
}

/// Writes a backup of the site `config` names to `output`, while the site
/// may be serving. Written beside `output` and renamed into place once
/// whole and synced, so `output` is never a half-written backup.
pub async fn take(config: &Config, output: &Path) -> anyhow::Result<Taken> {
    let store = Store::open_unmigrated(&config.data_dir, config.database_url.as_ref()).await?;
    let taken = take_from(&store, &config.media()?, output).await;
    store.close().await;
    taken
}

async fn take_from(store: &Store, media: &MediaStorage, output: &Path) -> anyhow::Result<Taken> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let work = tempfile::Builder::new()
        .prefix(".dateline-backup-")
        .tempdir_in(&parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    let engine = store.engine();
    let content = match engine {
        Engine::Sqlite => {
            let copy = work.path().join(SQLITE_FILE);
            store
                .snapshot_sqlite(&copy)
                .await
                .context("copying the database")?;
            copy
        }
        Engine::Postgres => {
            let path = work.path().join(ARCHIVE);
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
            crate::archive::write(store, media, &mut out)
                .await
                .context("reading the site")?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            path
        }
    };
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        engine: match engine {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
        .into(),
        content: content
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        migrations: store.migrations_applied().await?,
        taken_at: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        dateline: env!("CARGO_PKG_VERSION").into(),
    };
    let partial = work.path().join("backup.tar");
    {
        let file = std::fs::File::create(&partial)?;
        let mut tar = tar::Builder::new(std::io::BufWriter::new(file));
        let json = serde_json::to_vec_pretty(&manifest)?;
        let mut header = tar::Header::new_gnu();
        header.set_size(json.len() as u64);
        header.set_mode(0o600);
        header.set_mtime(time::OffsetDateTime::now_utc().unix_timestamp().max(0) as u64);
        header.set_cksum();
        tar.append_data(&mut header, MANIFEST, json.as_slice())?;
        tar.append_path_with_name(&content, &manifest.content)?;
        if engine == Engine::Sqlite {
            append_files(&mut tar, &content, media, work.path()).await?;
        }
        let out = tar.into_inner()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    }
    std::fs::rename(&partial, output)
        .with_context(|| format!("cannot write {}", output.display()))?;
    let bytes = std::fs::metadata(output)?.len();
    Ok(Taken { manifest, bytes })
}

/// Appends the files the database copy `snapshot` keeps in the file store,
/// as `media/…` under their names there.
async fn append_files(
    tar: &mut tar::Builder<impl Write>,
    snapshot: &Path,
    media: &MediaStorage,
    work: &Path,
) -> anyhow::Result<()> {
    let dir = snapshot.parent().unwrap_or(work);
    let copy = Store::open_unmigrated(dir, None).await?;
    let listed = copy.media_in_files().await;
    copy.close().await;
    let listed = listed?;
    if listed.is_empty() {
        return Ok(());
    }
    let files = media.files.as_ref().ok_or_else(|| {
        anyhow::anyhow!("the site keeps files in a file store, and none is configured")
    })?;
    for file in &listed {
        let key = media_key(&file.token, &file.variant);
        match files.folder_path() {
            Some(folder) => tar.append_path_with_name(folder.join(&key), &key)?,
            None => {
                // From a bucket: through a file of its own, so that a long
                // episode is never held in memory.
                let local = work.join("file-from-store");
                let mut out = std::fs::File::create(&local)?;
                let mut stream = files.stream(&key).await?;
                while let Some(piece) = stream.next().await {
                    out.write_all(&piece?)?;
                }
                out.sync_all()?;
                tar.append_path_with_name(&local, &key)?;
                std::fs::remove_file(&local)?;
            }
        }
    }
    Ok(())
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    pub manifest: Manifest,
    /// Rows that went through the archive's import (0 when the database
    /// file was put in place whole).
    pub rows: usize,
    pub failed: Vec<String>,
    pub indexed: u64,
}

/// Restores the backup `file` into the empty site `config` names, then
/// rebuilds the search index. Refuses a site that holds anything.
pub async fn restore(config: &Config, file: &Path) -> anyhow::Result<Restored> {
    let name = file.display().to_string();
    let reader = std::fs::File::open(file).with_context(|| format!("cannot read {name}"))?;
    let mut tar = tar::Archive::new(BufReader::new(reader));
    let mut entries = tar
        .entries()
        .with_context(|| format!("{name} is not a Dateline backup"))?;
    let manifest = read_manifest(&name, entries.next())?;
    let mut entry = match entries.next() {
        Some(Ok(entry)) => entry,
        _ => anyhow::bail!("{name}: the backup ends after its manifest; it holds no site"),
    };
    let path = entry.path()?.to_string_lossy().into_owned();
    if path != manifest.content {
        anyhow::bail!(
            "{name}: expected {} after the manifest, found {path}",
            manifest.content
        );
    }
    let target_sqlite = config
        .database_url
        .as_ref()
        .and_then(|u| u.engine())
        .is_none();
    let media = config.media()?;
    let (rows, failed) = match manifest.content.as_str() {
        SQLITE_FILE if target_sqlite => {
            put_database_in_place(&config.data_dir, &mut entry)?;
            drop(entry);
            put_files(&name, entries, &media).await?;
            (0, Vec::new())
        }
        SQLITE_FILE => {
            // Into PostgreSQL: the copy is opened (and migrated to this
            // release's schema) where it lies, and its rows imported.
            let work = tempfile::tempdir()?;
            let mut copy = std::fs::File::create(work.path().join(SQLITE_FILE))?;
            std::io::copy(&mut entry, &mut copy)?;
            copy.sync_all()?;
            drop(entry);
            put_files(&name, entries, &media).await?;
            let source = Store::open(work.path(), None).await?;
            let target = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
            let moved = copy_rows(&source, &target, &media).await;
            source.close().await;
            target.close().await;
            moved?
        }
        ARCHIVE => {
            let target = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
            let label = format!("{name}:{ARCHIVE}");
            let imported = crate::archive::import(&target, &label, BufReader::new(entry)).await;
            target.close().await;
            let imported = imported?;
            (imported.rows, imported.failed)
        }
        other => anyhow::bail!("{name}: unknown content {other:?}"),
    };
    // Every file where this site keeps new ones.
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let app = crate::operator::app(store, config).await?;
    let placed = media_storage::migrate(&app, media.uploads_in_files, &|_, _| {}).await;
    app.store.close().await;
    placed.context("placing the restored files")?;
    let indexed = rebuild_index(config).await?;
    Ok(Restored {
        manifest,
        rows,
        failed,
        indexed,
    })
}

fn read_manifest<R: Read>(
    name: &str,
    first: Option<std::io::Result<tar::Entry<'_, R>>>,
) -> anyhow::Result<Manifest> {
    let not_ours = || anyhow::anyhow!("{name} is not a Dateline backup (no {MANIFEST} first)");
    let entry = first.ok_or_else(not_ours)?.map_err(|_| not_ours())?;
    if entry
        .path()
        .map(|p| p.as_os_str() != MANIFEST)
        .unwrap_or(true)
    {
        return Err(not_ours());
    }
    if entry.header().size().unwrap_or(u64::MAX) > MANIFEST_MAX {
        return Err(not_ours());
    }
    let mut text = Vec::new();
    entry.take(MANIFEST_MAX).read_to_end(&mut text)?;
    let manifest: Manifest = serde_json::from_slice(&text)
        .map_err(|e| anyhow::anyhow!("{name}: its {MANIFEST} is unreadable: {e}"))?;
    if manifest.format != FORMAT || manifest.version != VERSION {
        anyhow::bail!(
            "{name} is a {} backup, version {}; this release reads {FORMAT} version {VERSION}",
            manifest.format,
            manifest.version
        );
    }
    Ok(manifest)
}

/// Writes the database file into the data directory, which must hold
/// none: beside it first, synced, then renamed into place.
fn put_database_in_place(data_dir: &Path, entry: &mut impl Read) -> anyhow::Result<()> {
    let target = data_dir.join(SQLITE_FILE);
    if target.exists() {
        anyhow::bail!(
            "{} already holds a database ({SQLITE_FILE}); restore into an empty data directory, or move it away first",
            data_dir.display()
        );
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot make {}", data_dir.display()))?;
    let partial = data_dir.join(format!("{SQLITE_FILE}.restoring"));
    let mut out = std::fs::File::create(&partial)
        .with_context(|| format!("cannot write in {}", data_dir.display()))?;
    std::io::copy(entry, &mut out)?;
    out.flush()?;
    out.sync_all()?;
    std::fs::rename(&partial, &target)?;
    Ok(())
}

/// The backup's `media/…` entries into the file store, each written
/// whole before the next is read.
async fn put_files<R: Read>(
    name: &str,
    entries: tar::Entries<'_, R>,
    media: &MediaStorage,
) -> anyhow::Result<()> {
    for entry in entries {
        let mut entry = entry.with_context(|| format!("{name}: unreadable after the database"))?;
        let key = entry.path()?.to_string_lossy().into_owned();
        if !is_media_key(&key) {
            anyhow::bail!("{name}: unexpected {key:?} after the database");
        }
        let files = media.files.as_ref().ok_or_else(|| {
            anyhow::anyhow!("the backup holds files, and no file store is configured")
        })?;
        let mut writer = files.writer(&key);
        let mut buf = vec![0u8; 1024 * 1024];
        loop {
            let n = entry.read(&mut buf)?;
            if n == 0 {
                break;
            }
            writer.put(bytes::Bytes::copy_from_slice(&buf[..n])).await?;
        }
        writer.finish().await?;
    }
    Ok(())
}

/// `media/ab/ab…/variant` as the file store names files, and nothing else
/// (no `..`, no absolute path).
fn is_media_key(key: &str) -> bool {
    let parts: Vec<&str> = key.split('/').collect();
    matches!(parts.as_slice(), ["media", shard, token, variant]
        if dateline_store::is_media_token(token)
            && token.starts_with(shard)
            && shard.len() == 2
            && !variant.is_empty()
            && variant.len() <= 16
            && variant.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Every row of `source` into the empty `target`, as an archive import
/// would put them; bytes in the file store are read from there.
async fn copy_rows(
    source: &Store,
    target: &Store,
    media: &MediaStorage,
) -> anyhow::Result<(usize, Vec<String>)> {
    let mut import = target.begin_import().await?;
    let mut failed = Vec::new();
    let mut bytes = crate::archive::FileBytes::default();
    let mut items = crate::archive::rows(source);
    let mut n = 0;
    while let Some(item) = items.recv().await {
        let Exported::Row(row) = item else { continue };
        n += 1;
        let filled = bytes.fill(media, &row).await?;
        let row = filled.as_ref().unwrap_or(&row);
        if let Err(e) = import.insert(row).await {
            failed.push(format!("row {n} ({}): {e}", row.table));
        }
    }
    items.finish().await?;
    import.finish().await?;
    Ok((n - failed.len(), failed))
}

/// Opens the restored site (bringing its schema up to this release's) and
/// builds its search index afresh in the data directory.
async fn rebuild_index(config: &Config) -> anyhow::Result<u64> {
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let dir = crate::index::dir(config);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("cannot clear the old search index in {}", dir.display()))?;
    }
    let (search, _) = crate::index::open(config)?;
    let discovery = Discovery::new(search, false);
    let indexed = index::rebuild(&store, &discovery, crate::index::progress().as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("rebuilding the search index: {e}"));
    if let Some(search) = discovery.into_index() {
        search
            .wait_merging()
            .map_err(|e| anyhow::anyhow!("merging the search index: {e}"))?;
    }
    store.close().await;
    indexed
}
