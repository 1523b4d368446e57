//! The site archive: every table that is part of the site, row by row, as
//! JSON Lines. `dateline export` writes it; `dateline import archive` reads
//! it into an empty database of either engine. The format is documented in
//! `ARCHIVE-FORMAT.md` beside this crate's manifest.
//!
//! The outbox (`changes`) is not part of the site: it describes how derived
//! state caught up, and a new database starts its own. Nor are the daily
//! address salts: they exist to be forgotten. Nor are sessions, one-time
//! links and login attempts: they are about who is logged in now, and the
//! members of a moved site log in again.

use crate::{Engine, Result, Store, StoreError};
use data_encoding::BASE64;
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::Row;

mod import;
mod tables;

pub use import::ArchiveImport;
use tables::TABLES;

/// Bumped whenever a table or column below changes; an importer reads the
/// versions in [`READABLE_VERSIONS`] and refuses others with a clear message.
pub const FORMAT_VERSION: u32 = 9;
pub const FORMAT_NAME: &str = "dateline-archive";

/// The versions this release imports: its own, and versions 2 to 4, whose
/// rows are subsets of version 5's (the newer tables are absent and the
/// newer columns take their defaults; uploads without a `token` are given
/// one).
pub const READABLE_VERSIONS: &[u32] = &[2, 3, 4, 5, 6, 7, 8, FORMAT_VERSION];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
    /// Bytes, as standard base64 with padding in the JSON.
    Bytes,
}

impl Kind {
    fn expected(self) -> &'static str {
        match self {
            Kind::Int => "an integer",
            Kind::Text => "a string",
            Kind::Bytes => "a base64 string",
        }
    }
}

/// The first line of an archive.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// Unix seconds.
    pub exported_at: i64,
    /// Rows per table, so an importer can check it read everything.
    pub counts: Map<String, Value>,
}

impl Header {
    /// Whether this release reads the archive this header opens; the error
    /// names the archive's format and version and the ones read here.
    pub fn check(&self) -> std::result::Result<(), String> {
        if self.format == FORMAT_NAME && READABLE_VERSIONS.contains(&self.version) {
            return Ok(());
        }
        let readable: Vec<String> = READABLE_VERSIONS.iter().map(u32::to_string).collect();
        Err(format!(
            "this is {} version {}; this release reads {FORMAT_NAME} versions {}",
            self.format,
            self.version,
            match readable.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            }
        ))
    }
}

/// Every line after the header: one row of one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveRow {
    pub table: String,
    pub row: Map<String, Value>,
}

fn columns_of(table: &str) -> Option<&'static [(&'static str, Kind)]> {
    TABLES.iter().find(|(t, _)| *t == table).map(|(_, c)| *c)
}

impl Store {
    /// Every row of the site, sent a row at a time to `out` (the header
    /// first, with each table's count), table by table in dependency order, each table
    /// ordered by its key so that two exports of equal sites are equal. All
    /// tables are read in one snapshot, so the rows refer to one another even
    /// while the site is being written to. A file whose bytes are in the
    /// file store comes with `"bytes": null`, for the caller to fill from
    /// there (this crate never reads the file store).
    /// Memory stays at the channel's rows and one stored file, whatever the
    /// site's size.
    /// Stops with an error when the receiver goes away.
    pub async fn export_stream(&self, out: tokio::sync::mpsc::Sender<Exported>) -> Result<()> {
        let gone = || StoreError::Invalid("the export's reader went away".into());
        // SQLite (in WAL mode) keeps a read transaction's snapshot without
        // holding writers up; PostgreSQL needs REPEATABLE READ for one.
        let mut tx = self.pool.begin().await?;
        if self.engine == Engine::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let mut counts = Map::new();
        for (table, _) in TABLES {
            let from = if *table == "media_files" {
                "media_variants"
            } else {
                table
            };
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {from}"))
                .fetch_one(&mut *tx)
                .await?;
            counts.insert(table.to_string(), Value::from(n));
        }
        let header = Header {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            exported_at: time::OffsetDateTime::now_utc().unix_timestamp(),
            counts,
        };
        out.send(Exported::Header(header))
            .await
            .map_err(|_| gone())?;
        for (table, columns) in TABLES {
            if *table == "media_files" {
                self.export_files(&mut tx, columns, &out).await?;
                continue;
            }
            let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
            // Ordered by key, byte-wise whatever the engine's collation, so
            // that two exports of equal sites are equal.
            let key: Vec<String> = if columns[0].0 == "id" {
                vec!["id".into()]
            } else {
                columns[..2]
                    .iter()
                    .map(|(c, k)| match (self.engine, k) {
                        (Engine::Postgres, Kind::Text) => format!("{c} COLLATE \"C\""),
                        _ => c.to_string(),
                    })
                    .collect()
            };
            let sql = format!(
                "SELECT {} FROM {table} ORDER BY {}",
                names.join(", "),
                key.join(", ")
            );
            let mut fetched = sqlx::query(&sql).fetch(&mut *tx);
            while let Some(r) = fetched.try_next().await? {
                let row = ArchiveRow {
                    table: table.to_string(),
                    row: row_values(&r, columns)?,
                };
                out.send(Exported::Row(row)).await.map_err(|_| gone())?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The files: described in media_variants (a few rows an upload, read
    /// first), their bytes read one file at a time; a file whose bytes are
    /// in the file store comes with `"bytes": null`.
    async fn export_files(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        columns: &[(&str, Kind)],
        out: &tokio::sync::mpsc::Sender<Exported>,
    ) -> Result<()> {
        let variant = match self.engine {
            Engine::Postgres => "variant COLLATE \"C\"",
            Engine::Sqlite => "variant",
        };
        let described = sqlx::query(&format!(
            "SELECT media_id, variant, width, content_type, NULL AS bytes, in_files
             FROM media_variants ORDER BY media_id, {variant}"
        ))
        .fetch_all(&mut **tx)
        .await?;
        for r in described {
            let mut row = row_values(&r, columns)?;
            if r.try_get::<i64, _>(5)? == 0 {
                let media_id: i64 = r.try_get(0)?;
                let variant: String = r.try_get(1)?;
                let bytes = crate::media_pieces::read_whole(tx, media_id, &variant).await?;
                row.insert("bytes".into(), Value::from(BASE64.encode(&bytes)));
            }
            let row = ArchiveRow {
                table: "media_files".into(),
                row,
            };
            out.send(Exported::Row(row))
                .await
                .map_err(|_| StoreError::Invalid("the export's reader went away".into()))?;
        }
        Ok(())
    }
}

/// One archive item, in the order of the archive.
#[derive(Debug)]
pub enum Exported {
    Header(Header),
    Row(ArchiveRow),
}

/// A fetched row's columns as the archive writes them.
fn row_values(r: &sqlx::any::AnyRow, columns: &[(&str, Kind)]) -> Result<Map<String, Value>> {
    let mut row = Map::new();
    for (i, (name, kind)) in columns.iter().enumerate() {
        let value = match kind {
            Kind::Int => r.try_get::<Option<i64>, _>(i)?.map(Value::from),
            Kind::Text => r.try_get::<Option<String>, _>(i)?.map(Value::from),
            Kind::Bytes => r
                .try_get::<Option<Vec<u8>>, _>(i)?
                .map(|b| Value::from(BASE64.encode(&b))),
        };
        row.insert(name.to_string(), value.unwrap_or(Value::Null));
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(format: &str, version: u32) -> Header {
        Header {
            format: format.into(),
            version,
            exported_at: 0,
            counts: Map::new(),
        }
    }

    #[test]
    fn reads_versions_2_to_9_and_names_them_when_refusing() {
        assert_eq!(FORMAT_VERSION, 9);
        for version in 2..=9 {
            assert!(header(FORMAT_NAME, version).check().is_ok());
        }
        for version in [1, 10, 11] {
            assert_eq!(
                header(FORMAT_NAME, version).check(),
                Err(format!(
                    "this is dateline-archive version {version}; this release reads dateline-archive versions 2, 3, 4, 5, 6, 7, 8 and 9"
                ))
            );
        }
        assert!(header("other-archive", 3)
            .check()
            .is_err_and(|e| e.starts_with("this is other-archive version 3;")));
    }

    #[test]
    fn tables_come_after_the_ones_they_refer_to() {
        for (i, (table, columns)) in TABLES.iter().enumerate() {
            assert!(columns.len() >= 2, "{table}");
            let above: Vec<&str> = TABLES[..i].iter().map(|(t, _)| *t).collect();
            let needs: &[&str] = match *table {
                "media" => &["users"],
                "media_files" => &["media"],
                "programmes" => &["media"],
                "articles" => &["sections", "authors", "users", "media", "programmes"],
                "revisions" | "audit_log" => &["articles", "users"],
                "front_pins" => &["articles"],
                "body_media" => &["articles", "media"],
                "breaking_news" | "pages" => &["users"],
                "wire_items" => &["users", "articles"],
                _ => &[],
            };
            for needed in needs {
                assert!(above.contains(needed), "{needed} before {table}");
            }
        }
    }
}
