//! Reading an archive into an empty database, row by row.

use super::tables::TABLES;
use super::{columns_of, ArchiveRow, Kind};
use crate::{Engine, Result, Store, StoreError};
use data_encoding::BASE64;
use serde_json::Value;

impl Store {
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
        match crate::media_pieces::insert_file(
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
