//! The wire desk's incoming queue (`wire_items`): agency copy as it arrived,
//! waiting for a member to take it or spike it, as Superdesk's ingest view
//! keeps it.
//!
//! An arrival is filed in one transaction that decides what it is: the
//! same text again is a repeat (nothing new); copy of a story (`story_key`)
//! whose latest item is still waiting or spiked replaces that item's copy;
//! copy of a story already taken is a new item marked as an update of the
//! taken one. Taking claims an item with a conditional update, so two
//! members pressing Take at once cannot both make a draft of it.

use crate::corrupt;
use crate::{from_unix, unix, Page, Result, Store, StoreError};
use dateline_core::Language;
use serde::Serialize;
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// How long a spiked item is kept (restorable) before it is purged.
pub const SPIKED_KEPT: Duration = Duration::days(30);

/// Where copy came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WireSource {
    /// Pasted into the desk's box.
    Paste,
    /// A file uploaded on the desk.
    Upload,
    /// `dateline import wire --draft`.
    Command,
}

impl WireSource {
    pub fn as_str(self) -> &'static str {
        match self {
            WireSource::Paste => "paste",
            WireSource::Upload => "upload",
            WireSource::Command => "command",
        }
    }
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WireState {
    Queued,
    Taken,
    Spiked,
}

impl WireState {
    pub const ALL: [WireState; 3] = [WireState::Queued, WireState::Taken, WireState::Spiked];

    pub fn as_str(self) -> &'static str {
        match self {
            WireState::Queued => "queued",
            WireState::Taken => "taken",
            WireState::Spiked => "spiked",
        }
    }
}

impl std::str::FromStr for WireState {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Self, ()> {
        WireState::ALL
            .into_iter()
            .find(|w| w.as_str() == s)
            .ok_or(())
    }
}

/// Copy arriving, read by the importer.
#[derive(Debug, Clone)]
pub struct NewWireItem {
    pub language: Language,
    pub agency: Option<String>,
    pub headline: String,
    /// The dateline as printed ("HAVANA, Nov 24 (Reuters)").
    pub dateline: Option<String>,
    /// The body's opening, as plain text.
    pub first_lines: String,
    /// The story's identity (the importer's `identity_key`).
    pub story_key: String,
    /// A digest of the normalised text: one item per text.
    pub content_hash: String,
    /// The copy as the agency sent it (UTF-8).
    pub copy: String,
    pub file_name: String,
    pub source: WireSource,
    /// What the sender chose for copy that does not say: its section, the
    /// year of a dateline without one.
    pub default_section: Option<String>,
    pub year: Option<i32>,
    pub arrived_by: Option<i64>,
}

/// What an arrival turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// A new item in the queue.
    New(i64),
    /// This very text is already item `0`: nothing changed.
    Repeat(i64),
    /// Newer copy of a story still waiting (or spiked): the item now holds it.
    Replaced(i64),
    /// A new item: an update of the story already taken as item `of`.
    Update { id: i64, of: i64 },
}

impl Arrival {
    pub fn id(self) -> i64 {
        match self {
            Arrival::New(id) | Arrival::Repeat(id) | Arrival::Replaced(id) => id,
            Arrival::Update { id, .. } => id,
        }
    }
}

/// An item as the queue shows it.
#[derive(Debug, Clone, Serialize)]
pub struct WireItem {
    pub id: i64,
    pub language: Language,
    pub agency: Option<String>,
    pub headline: String,
    pub dateline: Option<String>,
    pub first_lines: String,
    pub file_name: String,
    pub source: WireSource,
    #[serde(with = "time::serde::rfc3339")]
    pub arrived_at: OffsetDateTime,
    pub arrived_by_name: Option<String>,
    pub update_of: Option<i64>,
    pub state: WireState,
    pub taken_by: Option<i64>,
    pub taken_by_name: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub taken_at: Option<OffsetDateTime>,
    pub article_id: Option<i64>,
    pub spiked_by_name: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub spiked_at: Option<OffsetDateTime>,
}

/// An item's copy and what its sender chose, for taking it.
#[derive(Debug, Clone)]
pub struct WireCopy {
    pub id: i64,
    pub language: Language,
    pub copy: String,
    pub file_name: String,
    pub default_section: Option<String>,
    pub year: Option<i32>,
}

/// How many items stand in each state (of one language, or all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WireCounts {
    pub queued: i64,
    pub taken: i64,
    pub spiked: i64,
}

/// What a claim on an item found.
#[derive(Debug, Clone)]
pub enum Claim {
    /// The item is this member's to turn into a draft.
    Claimed(WireCopy),
    /// Someone took it first, or it was spiked: as it stands now.
    Gone(Box<WireItem>),
}

const COLUMNS: &str = "w.id, w.language, w.agency, w.headline, w.dateline, w.first_lines,
    w.file_name, w.source, w.arrived_at, a.name AS arrived_by_name, w.update_of, w.state,
    w.taken_by, t.name AS taken_by_name, w.taken_at, w.article_id, s.name AS spiked_by_name,
    w.spiked_at";
const FROM: &str = "FROM wire_items w LEFT JOIN users a ON a.id = w.arrived_by
    LEFT JOIN users t ON t.id = w.taken_by LEFT JOIN users s ON s.id = w.spiked_by";

/// A queue item as its row holds it (the columns `list` and `wire_item`
/// read).
#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    language: String,
    agency: Option<String>,
    headline: String,
    dateline: Option<String>,
    first_lines: String,
    file_name: String,
    source: String,
    arrived_at: i64,
    arrived_by_name: Option<String>,
    update_of: Option<i64>,
    state: String,
    taken_by: Option<i64>,
    taken_by_name: Option<String>,
    taken_at: Option<i64>,
    article_id: Option<i64>,
    spiked_by_name: Option<String>,
    spiked_at: Option<i64>,
}

fn item(row: &sqlx::any::AnyRow) -> Result<WireItem> {
    let row = <ItemRow as sqlx::FromRow<_>>::from_row(row)?;
    Ok(WireItem {
        id: row.id,
        language: row
            .language
            .parse()
            .map_err(corrupt("wire_items.language"))?,
        agency: row.agency,
        headline: row.headline,
        dateline: row.dateline,
        first_lines: row.first_lines,
        file_name: row.file_name,
        source: match row.source.as_str() {
            "paste" => WireSource::Paste,
            "upload" => WireSource::Upload,
            "command" => WireSource::Command,
            other => return Err(corrupt("wire_items.source")(format!("{other:?}"))),
        },
        arrived_at: from_unix(row.arrived_at),
        arrived_by_name: row.arrived_by_name,
        update_of: row.update_of,
        state: row
            .state
            .parse()
            .map_err(|_| corrupt("wire_items.state")(format!("{:?}", row.state)))?,
        taken_by: row.taken_by,
        taken_by_name: row.taken_by_name,
        taken_at: row.taken_at.map(from_unix),
        article_id: row.article_id,
        spiked_by_name: row.spiked_by_name,
        spiked_at: row.spiked_at.map(from_unix),
    })
}

impl Store {
    /// Files copy that arrived (see the module's rules); also purges items
    /// spiked longer ago than [`SPIKED_KEPT`].
    pub async fn wire_arrive(&self, new: &NewWireItem, now: OffsetDateTime) -> Result<Arrival> {
        let mut tx = self.write_tx().await?;
        // Two arrivals of one story wait for each other (PostgreSQL; the
        // write transaction already serialises SQLite).
        self.lock_keys(&mut tx, &[&format!("wire:{}", new.story_key)])
            .await?;
        sqlx::query("DELETE FROM wire_items WHERE state = 'spiked' AND spiked_at < $1")
            .bind(unix(now - SPIKED_KEPT))
            .execute(&mut *tx)
            .await?;
        let same: Option<i64> =
            sqlx::query_scalar("SELECT id FROM wire_items WHERE content_hash = $1")
                .bind(&new.content_hash)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(id) = same {
            tx.commit().await?;
            return Ok(Arrival::Repeat(id));
        }
        // The story's latest item: waiting or spiked, it takes the newer
        // copy; taken, the copy is an update of it.
        let latest: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, state FROM wire_items WHERE story_key = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(&new.story_key)
        .fetch_optional(&mut *tx)
        .await?;
        let arrival = match latest {
            Some((id, state)) if state != "taken" => {
                sqlx::query(
                    "UPDATE wire_items SET language = $1, agency = $2, headline = $3,
                     dateline = $4, first_lines = $5, content_hash = $6, copy = $7,
                     file_name = $8, source = $9, default_section = $10, year = $11,
                     arrived_at = $12, arrived_by = $13 WHERE id = $14",
                )
                .bind(new.language.code())
                .bind(new.agency.as_deref())
                .bind(&new.headline)
                .bind(new.dateline.as_deref())
                .bind(&new.first_lines)
                .bind(&new.content_hash)
                .bind(&new.copy)
                .bind(&new.file_name)
                .bind(new.source.as_str())
                .bind(new.default_section.as_deref())
                .bind(new.year.map(i64::from))
                .bind(unix(now))
                .bind(new.arrived_by)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                Arrival::Replaced(id)
            }
            other => {
                let of = other.map(|(id, _)| id);
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO wire_items (language, agency, headline, dateline, first_lines,
                     story_key, content_hash, copy, file_name, source, default_section, year,
                     arrived_at, arrived_by, update_of)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                     RETURNING id",
                )
                .bind(new.language.code())
                .bind(new.agency.as_deref())
                .bind(&new.headline)
                .bind(new.dateline.as_deref())
                .bind(&new.first_lines)
                .bind(&new.story_key)
                .bind(&new.content_hash)
                .bind(&new.copy)
                .bind(&new.file_name)
                .bind(new.source.as_str())
                .bind(new.default_section.as_deref())
                .bind(new.year.map(i64::from))
                .bind(unix(now))
                .bind(new.arrived_by)
                .bind(of)
                .fetch_one(&mut *tx)
                .await?;
                match of {
                    Some(of) => Arrival::Update { id, of },
                    None => Arrival::New(id),
                }
            }
        };
        tx.commit().await?;
        Ok(arrival)
    }

    /// A page of items in one state, of one language or all: the queue and
    /// the spiked newest arrival first, the taken most recently taken first.
    pub async fn wire_items(
        &self,
        state: WireState,
        language: Option<Language>,
        limit: i64,
        offset: i64,
    ) -> Result<Page<WireItem>> {
        let order = match state {
            WireState::Taken => "w.taken_at DESC, w.id DESC",
            WireState::Spiked => "w.spiked_at DESC, w.id DESC",
            WireState::Queued => "w.arrived_at DESC, w.id DESC",
        };
        let condition = "w.state = $1 AND ($2 IS NULL OR w.language = $2)";
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} {FROM} WHERE {condition} ORDER BY {order} LIMIT $3 OFFSET $4"
        ))
        .bind(state.as_str())
        .bind(language.map(Language::code))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM wire_items w WHERE {condition}"
        ))
        .bind(state.as_str())
        .bind(language.map(Language::code))
        .fetch_one(&self.pool)
        .await?;
        Ok(Page {
            items: rows.iter().map(item).collect::<Result<_>>()?,
            total,
        })
    }

    /// The newest items waiting, without their total (the desk counts apart).
    pub async fn wire_newest(&self, limit: i64) -> Result<Vec<WireItem>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} {FROM} WHERE w.state = 'queued'
             ORDER BY w.arrived_at DESC, w.id DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(item).collect()
    }

    /// How many items stand in each state, in one query.
    pub async fn wire_counts(&self, language: Option<Language>) -> Result<WireCounts> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT state, COUNT(*) FROM wire_items WHERE ($1 IS NULL OR language = $1)
             GROUP BY state",
        )
        .bind(language.map(Language::code))
        .fetch_all(&self.pool)
        .await?;
        let mut counts = WireCounts::default();
        for (state, n) in rows {
            match state.as_str() {
                "queued" => counts.queued = n,
                "taken" => counts.taken = n,
                _ => counts.spiked = n,
            }
        }
        Ok(counts)
    }

    pub async fn wire_item(&self, id: i64) -> Result<WireItem> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} {FROM} WHERE w.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        item(&row)
    }

    /// Claims a waiting item for `user` (marked taken by them, with no
    /// draft yet): one claim wins, whoever else asks is told how it stands.
    pub async fn wire_claim(&self, id: i64, user: i64, now: OffsetDateTime) -> Result<Claim> {
        let mut tx = self.write_tx().await?;
        let row = sqlx::query(
            "UPDATE wire_items SET state = 'taken', taken_by = $1, taken_at = $2, article_id = NULL
             WHERE id = $3 AND state = 'queued'
             RETURNING id, language, copy, file_name, default_section, year",
        )
        .bind(user)
        .bind(unix(now))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        let Some(row) = row else {
            return Ok(Claim::Gone(Box::new(self.wire_item(id).await?)));
        };
        let language: String = row.try_get("language")?;
        Ok(Claim::Claimed(WireCopy {
            id: row.try_get("id")?,
            language: language.parse().map_err(corrupt("wire_items.language"))?,
            copy: row.try_get("copy")?,
            file_name: row.try_get("file_name")?,
            default_section: row.try_get("default_section")?,
            year: row
                .try_get::<Option<i64>, _>("year")?
                .and_then(|y| i32::try_from(y).ok()),
        }))
    }

    /// Records the draft a claimed item became.
    pub async fn wire_taken(&self, id: i64, user: i64, article_id: i64) -> Result<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "UPDATE wire_items SET article_id = $1 WHERE id = $2 AND state = 'taken' AND taken_by = $3",
        )
        .bind(article_id)
        .bind(id)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts back an item this member claimed but could not turn into a draft.
    pub async fn wire_release(&self, id: i64, user: i64) -> Result<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "UPDATE wire_items SET state = 'queued', taken_by = NULL, taken_at = NULL
             WHERE id = $1 AND state = 'taken' AND taken_by = $2 AND article_id IS NULL",
        )
        .bind(id)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Spikes a waiting item; false when it was not waiting.
    pub async fn wire_spike(&self, id: i64, user: i64, now: OffsetDateTime) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE wire_items SET state = 'spiked', spiked_by = $1, spiked_at = $2
             WHERE id = $3 AND state = 'queued'",
        )
        .bind(user)
        .bind(unix(now))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(done == 1)
    }

    /// Returns a spiked item to the queue; false when it was not spiked.
    pub async fn wire_restore(&self, id: i64) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE wire_items SET state = 'queued', spiked_by = NULL, spiked_at = NULL
             WHERE id = $1 AND state = 'spiked'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(done == 1)
    }
}
