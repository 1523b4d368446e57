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
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::Row;
use std::cmp::Ordering;

/// Bumped whenever a table or column below changes; an importer reads the
/// versions in [`READABLE_VERSIONS`] and refuses others with a clear message.
pub const FORMAT_VERSION: u32 = 8;
pub const FORMAT_NAME: &str = "dateline-archive";

/// The versions this release imports: its own, and versions 2 to 4, whose
/// rows are subsets of version 5's (the newer tables are absent and the
/// newer columns take their defaults; uploads without a `token` are given
/// one).
pub const READABLE_VERSIONS: &[u32] = &[2, 3, 4, 5, 6, 7, FORMAT_VERSION];

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

/// Tables in dependency order (a row only refers to rows of tables above
/// it), each with its columns and their kinds. A table whose first column
/// is `id` is keyed by it; any other by its first two columns.
///
/// `media_files` is a file a row, whole, as it was stored before files were
/// kept in pieces: the export puts each file's pieces (`media_chunks`) back
/// together and the import cuts them again, so the archive does not depend
/// on the size of a piece.
const TABLES: &[(&str, &[(&str, Kind)])] = {
    use Kind::{Bytes, Int, Text};
    &[
        ("settings", &[("key", Text), ("value", Text)]),
        (
            "users",
            &[
                ("id", Int),
                ("email", Text),
                ("name", Text),
                ("role", Text),
                ("password_hash", Text),
                ("totp_secret", Text),
                ("totp_last_step", Int),
                ("disabled", Int),
                ("created_at", Int),
                ("updated_at", Int),
            ],
        ),
        (
            "sections",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("name", Text),
                ("position", Int),
                ("comments_open", Int),
                ("key", Text),
            ],
        ),
        (
            "authors",
            &[("id", Int), ("slug", Text), ("name", Text), ("bio", Text)],
        ),
        (
            "tags",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("name", Text),
            ],
        ),
        (
            "media",
            &[
                ("id", Int),
                ("kind", Text),
                ("content_type", Text),
                ("file_name", Text),
                ("alt_text", Text),
                ("caption", Text),
                ("credit", Text),
                ("width", Int),
                ("height", Int),
                ("duration_ms", Int),
                ("byte_size", Int),
                ("uploaded_by", Int),
                ("created_at", Int),
                ("token", Text),
            ],
        ),
        (
            "media_files",
            &[
                ("media_id", Int),
                ("variant", Text),
                ("width", Int),
                ("content_type", Text),
                ("bytes", Bytes),
            ],
        ),
        (
            "programmes",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("name", Text),
                ("description", Text),
                ("author", Text),
                ("category", Text),
                ("explicit", Int),
                ("cover_id", Int),
                ("created_at", Int),
                ("updated_at", Int),
                ("position", Int),
            ],
        ),
        (
            "section_redirects",
            &[("language", Text), ("slug", Text), ("section_id", Int)],
        ),
        (
            "programme_redirects",
            &[("language", Text), ("slug", Text), ("programme_id", Int)],
        ),
        (
            "articles",
            &[
                ("id", Int),
                ("language", Text),
                ("section_id", Int),
                ("slug", Text),
                ("headline", Text),
                ("standfirst", Text),
                ("dateline_place", Text),
                ("dateline_date", Text),
                ("dateline_agency", Text),
                ("byline", Text),
                ("author_id", Int),
                ("body_markdown", Text),
                ("body_html", Text),
                ("status", Text),
                ("published_at", Int),
                ("created_at", Int),
                ("updated_at", Int),
                ("story_key", Text),
                ("source_key", Text),
                ("path", Text),
                ("comments_open", Int),
                ("version", Int),
                ("created_by", Int),
                ("image_id", Int),
                ("audio_id", Int),
                ("programme_id", Int),
            ],
        ),
        (
            "article_tags",
            &[("article_id", Int), ("tag_id", Int), ("position", Int)],
        ),
        (
            "article_notes",
            &[
                ("id", Int),
                ("article_id", Int),
                ("kind", Text),
                ("body", Text),
                ("created_at", Int),
            ],
        ),
        ("redirects", &[("path", Text), ("article_id", Int)]),
        ("body_media", &[("article_id", Int), ("media_id", Int)]),
        (
            "related_pins",
            &[("article_id", Int), ("related_id", Int), ("position", Int)],
        ),
        (
            "view_counts",
            &[("article_id", Int), ("hour", Int), ("views", Int)],
        ),
        (
            "revisions",
            &[
                ("id", Int),
                ("article_id", Int),
                ("version", Int),
                ("kind", Text),
                ("user_id", Int),
                ("content", Text),
                ("created_at", Int),
            ],
        ),
        (
            "comments",
            &[
                ("id", Int),
                ("article_id", Int),
                ("parent_id", Int),
                ("name", Text),
                ("email", Text),
                ("body", Text),
                ("status", Text),
                ("spam_reason", Text),
                ("address_hash", Text),
                ("duplicate_key", Text),
                ("created_at", Int),
                ("moderated_at", Int),
                ("staff", Int),
                ("edited_at", Int),
            ],
        ),
        (
            "commenter_blocks",
            &[
                ("id", Int),
                ("email", Text),
                ("address_hash", Text),
                ("created_at", Int),
            ],
        ),
        (
            "audit_log",
            &[
                ("id", Int),
                ("at", Int),
                ("user_id", Int),
                ("user_email", Text),
                ("action", Text),
                ("entity", Text),
                ("entity_id", Int),
                ("detail", Text),
            ],
        ),
        (
            "front_pins",
            &[
                ("language", Text),
                ("place", Text),
                ("position", Int),
                ("article_id", Int),
            ],
        ),
        (
            "breaking_news",
            &[
                ("language", Text),
                ("text", Text),
                ("link", Text),
                ("ends_at", Int),
                ("updated_at", Int),
                ("updated_by", Int),
            ],
        ),
        (
            "pages",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("title", Text),
                ("body_markdown", Text),
                ("body_html", Text),
                ("story_key", Text),
                ("position", Int),
                ("published", Int),
                ("created_at", Int),
                ("updated_at", Int),
                ("updated_by", Int),
            ],
        ),
        (
            "wire_items",
            &[
                ("id", Int),
                ("language", Text),
                ("agency", Text),
                ("headline", Text),
                ("dateline", Text),
                ("first_lines", Text),
                ("story_key", Text),
                ("content_hash", Text),
                ("copy", Text),
                ("file_name", Text),
                ("source", Text),
                ("default_section", Text),
                ("year", Int),
                ("arrived_at", Int),
                ("arrived_by", Int),
                ("update_of", Int),
                ("state", Text),
                ("taken_by", Int),
                ("taken_at", Int),
                ("article_id", Int),
                ("spiked_by", Int),
                ("spiked_at", Int),
            ],
        ),
    ]
};

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

/// Orders two exported values of one key column: integers by value, text by
/// its bytes (the engines' collations differ, so the export does not use
/// them), `null` first.
fn value_order(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_i64().cmp(&y.as_i64()),
        (Value::String(x), Value::String(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

impl Store {
    /// Every row of the site, table by table in dependency order, each table
    /// ordered by its key so that two exports of equal sites are equal. All
    /// tables are read in one snapshot, so the rows refer to one another even
    /// while the site is being written to.
    pub async fn export_rows(&self) -> Result<(Header, Vec<ArchiveRow>)> {
        let mut rows = Vec::new();
        let mut counts = Map::new();
        // SQLite (in WAL mode) keeps a read transaction's snapshot without
        // holding writers up; PostgreSQL needs REPEATABLE READ for one.
        let mut tx = self.pool.begin().await?;
        if self.engine == Engine::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        for (table, columns) in TABLES {
            let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
            let keyed_by_id = columns[0].0 == "id";
            let sql = if *table == "media_files" {
                // Described in media_variants; the bytes are read below.
                "SELECT media_id, variant, width, content_type, NULL AS bytes FROM media_variants"
                    .to_string()
            } else if keyed_by_id {
                format!("SELECT {} FROM {table} ORDER BY id", names.join(", "))
            } else {
                // Sorted below, byte-wise, whatever the engine's collation.
                format!("SELECT {} FROM {table}", names.join(", "))
            };
            let fetched = sqlx::query(&sql).fetch_all(&mut *tx).await?;
            counts.insert(table.to_string(), Value::from(fetched.len()));
            let mut table_rows = Vec::with_capacity(fetched.len());
            for r in fetched {
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
                if *table == "media_files" {
                    let media_id: i64 = r.try_get(0)?;
                    let variant: String = r.try_get(1)?;
                    let bytes = crate::media::read_whole(&mut tx, media_id, &variant).await?;
                    row.insert("bytes".into(), Value::from(BASE64.encode(&bytes)));
                }
                table_rows.push(row);
            }
            if !keyed_by_id {
                let key = &names[..2];
                table_rows.sort_by(|a, b| {
                    key.iter()
                        .map(|k| value_order(&a[*k], &b[*k]))
                        .find(|o| o.is_ne())
                        .unwrap_or(Ordering::Equal)
                });
            }
            rows.extend(table_rows.into_iter().map(|row| ArchiveRow {
                table: table.to_string(),
                row,
            }));
        }
        tx.commit().await?;
        let header = Header {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            exported_at: time::OffsetDateTime::now_utc().unix_timestamp(),
            counts,
        };
        Ok((header, rows))
    }

    /// Opens an import into this database, which must hold no site yet: no
    /// rows in any table of the archive but `settings` (a setting made
    /// before the import gives way to the archive's). An account made there
    /// first, say, would clash with the archive's ids.
    pub async fn begin_import(&self) -> Result<ArchiveImport<'_>> {
        for (table, _) in TABLES.iter().filter(|(t, _)| *t != "settings") {
            let any = sqlx::query(&format!("SELECT 1 FROM {table} LIMIT 1"))
                .fetch_optional(&self.pool)
                .await?;
            if any.is_some() {
                return Err(StoreError::Conflict(format!(
                    "the database already holds a site (its {table} table has rows); import into an empty one"
                )));
            }
        }
        Ok(ArchiveImport {
            store: self,
            tx: self.write_tx().await?,
        })
    }
}

/// An import under way: rows go in one transaction, each under a savepoint
/// so that a bad row is reported and the rest still go in.
pub struct ArchiveImport<'a> {
    store: &'a Store,
    tx: sqlx::Transaction<'static, sqlx::Any>,
}

impl ArchiveImport<'_> {
    /// Inserts one row, keeping its ids. A row that does not fit (unknown
    /// table or column, wrong kind, a reference to a missing row) is an
    /// error for that row alone.
    pub async fn insert(&mut self, row: &ArchiveRow) -> Result<()> {
        let columns = columns_of(&row.table)
            .ok_or_else(|| StoreError::Invalid(format!("unknown table {:?}", row.table)))?;
        if let Some(extra) = row
            .row
            .keys()
            .find(|k| !columns.iter().any(|(c, _)| c == k))
        {
            return Err(StoreError::Invalid(format!(
                "unknown column {extra:?} in {}",
                row.table
            )));
        }
        // Only the columns the row has: an absent one takes its default.
        let present: Vec<(&str, Kind)> = columns
            .iter()
            .filter(|(c, _)| row.row.contains_key(*c))
            .map(|(c, k)| (*c, *k))
            .collect();
        let mut values = Vec::with_capacity(present.len());
        for (name, kind) in &present {
            let value = row.row.get(*name).unwrap_or(&Value::Null);
            values.push(param(&row.table, name, *kind, value)?);
        }
        if row.table == "media_files" {
            return self.insert_media_file(&present, values).await;
        }
        let names: Vec<&str> = present.iter().map(|(c, _)| *c).collect();
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
        let mut sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            row.table,
            names.join(", "),
            placeholders.join(", ")
        );
        if row.table == "settings" {
            // A setting made in the new database before the import (its
            // form secret, say) gives way to the site's own.
            sql.push_str(" ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        }
        let mut query = sqlx::query(&sql);
        for value in values {
            query = match value {
                Param::Int(v) => query.bind(v),
                Param::Text(v) => query.bind(v),
                Param::Bytes(v) => query.bind(v),
            };
        }
        let mut savepoint = sqlx::Connection::begin(&mut *self.tx).await?;
        match query.execute(&mut *savepoint).await {
            Ok(_) => {
                savepoint.commit().await?;
                Ok(())
            }
            Err(e) => {
                savepoint.rollback().await?;
                Err(e.into())
            }
        }
    }

    /// A file of the archive (`media_files`): its description and its pieces.
    async fn insert_media_file(
        &mut self,
        present: &[(&str, Kind)],
        values: Vec<Param>,
    ) -> Result<()> {
        let (mut media_id, mut variant, mut width, mut content_type, mut bytes) =
            (None, None, None, None, None);
        for ((name, _), value) in present.iter().zip(values) {
            match (*name, value) {
                ("media_id", Param::Int(v)) => media_id = v,
                ("variant", Param::Text(v)) => variant = v,
                ("width", Param::Int(v)) => width = v,
                ("content_type", Param::Text(v)) => content_type = v,
                ("bytes", Param::Bytes(v)) => bytes = v,
                _ => {}
            }
        }
        let missing = |column: &str| StoreError::Invalid(format!("media_files.{column}: missing"));
        let media_id = media_id.ok_or_else(|| missing("media_id"))?;
        let variant = variant.ok_or_else(|| missing("variant"))?;
        let content_type = content_type.ok_or_else(|| missing("content_type"))?;
        let bytes = bytes.ok_or_else(|| missing("bytes"))?;
        let mut savepoint = sqlx::Connection::begin(&mut *self.tx).await?;
        match crate::media::insert_file(
            &mut savepoint,
            media_id,
            &variant,
            width,
            &content_type,
            &bytes,
        )
        .await
        {
            Ok(()) => {
                savepoint.commit().await?;
                Ok(())
            }
            Err(e) => {
                savepoint.rollback().await?;
                Err(e)
            }
        }
    }

    /// Commits the import and moves each identity sequence past the
    /// imported ids, so the next row the site writes gets a fresh one.
    pub async fn finish(mut self) -> Result<()> {
        if self.store.engine == Engine::Postgres {
            for (table, columns) in TABLES {
                if columns[0].0 == "id" {
                    let sql = format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                    );
                    sqlx::query(&format!("SELECT 1 FROM ({sql}) s"))
                        .execute(&mut *self.tx)
                        .await?;
                }
            }
        }
        // Uploads from archives older than version 5 have no name yet.
        let untokened: Vec<i64> = sqlx::query_scalar("SELECT id FROM media WHERE token IS NULL")
            .fetch_all(&mut *self.tx)
            .await?;
        for id in untokened {
            sqlx::query("UPDATE media SET token = $1 WHERE id = $2")
                .bind(crate::media::new_token()?)
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
        }
        // The site changed wholesale: tell every follower.
        sqlx::query("INSERT INTO changes (entity, entity_id, at) VALUES ($1, $2, $3)")
            .bind("archive")
            .bind(None::<i64>)
            .bind(time::OffsetDateTime::now_utc().unix_timestamp())
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(())
    }
}

/// One value of an archive row, checked against its column's kind.
enum Param {
    Int(Option<i64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

fn param(table: &str, name: &str, kind: Kind, value: &Value) -> Result<Param> {
    Ok(match (kind, value) {
        (Kind::Int, Value::Null) => Param::Int(None),
        (Kind::Text, Value::Null) => Param::Text(None),
        (Kind::Bytes, Value::Null) => Param::Bytes(None),
        (Kind::Int, Value::Number(n)) if n.is_i64() => Param::Int(n.as_i64()),
        (Kind::Text, Value::String(s)) => Param::Text(Some(s.clone())),
        (Kind::Bytes, Value::String(s)) => {
            let bytes = BASE64.decode(s.as_bytes()).map_err(|e| {
                StoreError::Invalid(format!(
                    "{table}.{name}: not standard base64 with padding: {e}"
                ))
            })?;
            Param::Bytes(Some(bytes))
        }
        _ => {
            return Err(StoreError::Invalid(format!(
                "{table}.{name}: expected {}, found {value}",
                kind.expected()
            )))
        }
    })
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
    fn reads_versions_2_to_8_and_names_them_when_refusing() {
        assert_eq!(FORMAT_VERSION, 8);
        for version in 2..=8 {
            assert!(header(FORMAT_NAME, version).check().is_ok());
        }
        for version in [1, 9, 10] {
            assert_eq!(
                header(FORMAT_NAME, version).check(),
                Err(format!(
                    "this is dateline-archive version {version}; this release reads dateline-archive versions 2, 3, 4, 5, 6, 7 and 8"
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
