//! The audit log: who did what to which article, comment, user or setting,
//! and when. Written in the same transaction as the change where one exists.

use crate::{from_unix, unix, Result, Store};
use serde::Serialize;
use sqlx::AnyConnection;
use time::OffsetDateTime;

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub user_email: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub detail: Option<String>,
}

/// An entry as its row holds it.
#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    user_email: Option<String>,
    action: String,
    entity: String,
    entity_id: Option<i64>,
    detail: Option<String>,
}

impl AuditRow {
    fn entry(self) -> AuditEntry {
        AuditEntry {
            id: self.id,
            at: from_unix(self.at),
            user_email: self.user_email,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            detail: self.detail,
        }
    }
}

pub(crate) async fn record_tx(
    tx: &mut AnyConnection,
    now: OffsetDateTime,
    user_id: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, user_email, action, entity, entity_id, detail)
         VALUES ($1, $2, (SELECT email FROM users WHERE id = $3), $4, $5, $6, $7)",
    )
    .bind(unix(now))
    .bind(user_id)
    .bind(user_id)
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(detail)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// What the audit page filters by.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub user_email: Option<String>,
}

impl Store {
    /// Records an action by a newsroom member (None: the system, e.g. the scheduler).
    pub async fn audit(
        &self,
        now: OffsetDateTime,
        user_id: Option<i64>,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        detail: Option<&str>,
    ) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        record_tx(&mut conn, now, user_id, action, entity, entity_id, detail).await
    }

    /// The newest entries first.
    pub async fn audit_log(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<AuditEntry>, i64)> {
        let condition = "($1 IS NULL OR entity = $1) AND ($2 IS NULL OR entity_id = $2) AND ($3 IS NULL OR user_email = $3)";
        let rows: Vec<AuditRow> = sqlx::query_as(&format!(
            "SELECT id, at, user_email, action, entity, entity_id, detail FROM audit_log
             WHERE {condition} ORDER BY id DESC LIMIT $4 OFFSET $5"
        ))
        .bind(filter.entity.as_deref())
        .bind(filter.entity_id)
        .bind(filter.user_email.as_deref())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM audit_log WHERE {condition}"))
                .bind(filter.entity.as_deref())
                .bind(filter.entity_id)
                .bind(filter.user_email.as_deref())
                .fetch_one(&self.pool)
                .await?;
        let entries = rows.into_iter().map(AuditRow::entry).collect();
        Ok((entries, total))
    }
}
