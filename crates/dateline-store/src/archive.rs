//! The site archive: every table that is part of the site, row by row, as
//! JSON Lines. `dateline export` writes it; `dateline import archive` reads
//! it into an empty database of either engine. The format is documented in
//! `ARCHIVE-FORMAT.md` beside this crate's manifest.
//!
//! The outbox (`changes`) is not part of the site: it describes how derived
//! state caught up, and a new database starts its own. Nor are the daily
//! address salts: they exist to be forgotten.

use crate::{Engine, Result, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::Row;

/// Bumped whenever a table or column below changes; an importer reads its
/// own version and refuses others with a clear message.
pub const FORMAT_VERSION: u32 = 2;
pub const FORMAT_NAME: &str = "dateline-archive";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
}

/// Tables in dependency order (a row only refers to rows of tables above
/// it), each with its columns and their kinds.
const TABLES: &[(&str, &[(&str, Kind)])] = {
    use Kind::{Int, Text};
    &[
        (
            "sections",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("name", Text),
                ("position", Int),
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
    /// Every row of the site, table by table in dependency order, each table
    /// ordered by its key so that two exports of equal sites are equal.
    pub async fn export_rows(&self) -> Result<(Header, Vec<ArchiveRow>)> {
        let mut rows = Vec::new();
        let mut counts = Map::new();
        for (table, columns) in TABLES {
            let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
            let order = if columns[0].0 == "id" {
                "id".to_string()
            } else {
                names[..2].join(", ")
            };
            let sql = format!("SELECT {} FROM {table} ORDER BY {order}", names.join(", "));
            let fetched = sqlx::query(&sql).fetch_all(&self.pool).await?;
            counts.insert(table.to_string(), Value::from(fetched.len()));
            for r in fetched {
                let mut row = Map::new();
                for (i, (name, kind)) in columns.iter().enumerate() {
                    let value = match kind {
                        Kind::Int => r.try_get::<Option<i64>, _>(i)?.map(Value::from),
                        Kind::Text => r.try_get::<Option<String>, _>(i)?.map(Value::from),
                    };
                    row.insert(name.to_string(), value.unwrap_or(Value::Null));
                }
                rows.push(ArchiveRow {
                    table: table.to_string(),
                    row,
                });
            }
        }
        let header = Header {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            exported_at: time::OffsetDateTime::now_utc().unix_timestamp(),
            counts,
        };
        Ok((header, rows))
    }

    /// Opens an import into this database, which must hold no site yet.
    pub async fn begin_import(&self) -> Result<ArchiveImport<'_>> {
        if !self.is_empty().await? {
            return Err(StoreError::Conflict(
                "the database already holds a site; import into an empty one".into(),
            ));
        }
        Ok(ArchiveImport {
            store: self,
            tx: self.pool.begin().await?,
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
        let names: Vec<&str> = present.iter().map(|(c, _)| *c).collect();
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            row.table,
            names.join(", "),
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for (name, kind) in &present {
            let value = row.row.get(*name).unwrap_or(&Value::Null);
            query = match (kind, value) {
                (Kind::Int, Value::Null) => query.bind(None::<i64>),
                (Kind::Text, Value::Null) => query.bind(None::<String>),
                (Kind::Int, Value::Number(n)) if n.is_i64() => query.bind(n.as_i64()),
                (Kind::Text, Value::String(s)) => query.bind(s.clone()),
                _ => {
                    return Err(StoreError::Invalid(format!(
                        "{}.{name}: expected {}, found {value}",
                        row.table,
                        if *kind == Kind::Int {
                            "an integer"
                        } else {
                            "a string"
                        }
                    )))
                }
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
