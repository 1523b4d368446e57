//! What the newsroom's desk reads: how much waits in each place, counted in
//! one query, and short lists without their totals (the desk shows the
//! counts above, so each list is one query and reads only the rows shown).

use crate::articles::{newsroom_article, NEWSROOM_COLUMNS};
use crate::{NewsroomArticle, Result, Store};
use serde::Serialize;
use sqlx::Row;

/// How much waits for the newsroom.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DeskCounts {
    /// Articles submitted, waiting for an editor.
    pub submitted: i64,
    pub scheduled: i64,
    /// Wire copy in the incoming queue.
    pub wire: i64,
    /// Reader comments waiting for a moderator.
    pub comments: i64,
}

/// The desk's short lists, each at most the limit asked for.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DeskLists {
    /// Submitted, waiting for an editor: latest change first.
    pub submitted: Vec<NewsroomArticle>,
    /// Scheduled: the soonest first.
    pub scheduled: Vec<NewsroomArticle>,
    /// Drafts and submitted articles made from wire copy: latest change first.
    pub from_wire: Vec<NewsroomArticle>,
    /// The member's own: latest change first.
    pub mine: Vec<NewsroomArticle>,
}

const FROM: &str = "FROM articles a JOIN sections s ON s.id = a.section_id
    LEFT JOIN users u ON u.id = a.created_by";

impl Store {
    /// Every count the desk shows, in one query.
    pub async fn desk_counts(&self) -> Result<DeskCounts> {
        let (submitted, scheduled, wire, comments): (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM articles WHERE status = 'submitted'),
                    (SELECT COUNT(*) FROM articles WHERE status = 'scheduled'),
                    (SELECT COUNT(*) FROM wire_items WHERE state = 'queued'),
                    (SELECT COUNT(*) FROM comments WHERE status = 'pending')",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(DeskCounts {
            submitted,
            scheduled,
            wire,
            comments,
        })
    }

    /// Every list of the desk for member `user`, in one query (a branch
    /// per list, each ordered and limited on its own).
    pub async fn desk_lists(&self, user: i64, limit: i64) -> Result<DeskLists> {
        let branch = |list: &str, condition: &str, order: &str| {
            format!(
                "SELECT * FROM (SELECT '{list}' AS list, {NEWSROOM_COLUMNS} {FROM}
                 WHERE {condition} ORDER BY {order} LIMIT $1) {list}"
            )
        };
        let latest = "a.updated_at DESC, a.id DESC";
        let sql = [
            branch("submitted", "a.status = 'submitted'", latest),
            branch(
                "scheduled",
                "a.status = 'scheduled'",
                "a.published_at ASC, a.id ASC",
            ),
            branch(
                "from_wire",
                "a.source_key IS NOT NULL AND a.status IN ('draft', 'submitted')",
                latest,
            ),
            branch("mine", "a.created_by = $2", latest),
        ]
        .join(" UNION ALL ");
        let rows = sqlx::query(&sql)
            .bind(limit)
            .bind(user)
            .fetch_all(&self.pool)
            .await?;
        let mut lists = DeskLists::default();
        for row in &rows {
            let list: String = row.try_get("list")?;
            let article = newsroom_article(row)?;
            match list.as_str() {
                "submitted" => lists.submitted.push(article),
                "scheduled" => lists.scheduled.push(article),
                "from_wire" => lists.from_wire.push(article),
                _ => lists.mine.push(article),
            }
        }
        Ok(lists)
    }
}
