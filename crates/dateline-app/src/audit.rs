//! The audit log, as administrators read it.

use crate::{Actor, App, Denied};
use dateline_core::newsroom::Action;
use dateline_store::{AuditEntry, AuditFilter};

/// Entries of the audit log the filter keeps, newest first, from `offset`
/// at most `limit`, with how many it keeps in all.
pub async fn log(
    app: &App,
    by: Actor<'_>,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AuditEntry>, i64), Denied> {
    by.require(Action::ReadAudit)?;
    Ok(app.store.audit_log(filter, limit, offset).await?)
}
