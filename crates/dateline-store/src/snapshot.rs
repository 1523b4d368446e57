//! A consistent copy of a SQLite site while it serves, for backups.

use crate::{Engine, Result, Store, StoreError};
use std::path::Path;

impl Store {
    /// Writes a copy of the SQLite database to `path` (which must not
    /// exist): `VACUUM INTO` reads one snapshot, as a reader does in WAL
    /// mode, so writers go on meanwhile and the copy holds every
    /// transaction committed before it began. PostgreSQL sites are backed
    /// up as an archive (or with `pg_dump`) instead.
    pub async fn snapshot_sqlite(&self, path: &Path) -> Result<()> {
        if self.engine != Engine::Sqlite {
            return Err(StoreError::Invalid(
                "a database snapshot is taken of SQLite sites only".into(),
            ));
        }
        let path = path
            .to_str()
            .ok_or_else(|| StoreError::Invalid(format!("{} is not UTF-8", path.display())))?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
