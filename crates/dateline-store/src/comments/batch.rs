//! Group commit for reader comments.
//!
//! Every comment posted goes to one writer task per store, which takes
//! whatever has queued while the last batch committed (up to
//! [`MOST_AT_ONCE`]), writes the lot in one transaction and commits once:
//! one fsync for the batch instead of one per comment. Nothing waits on
//! purpose; under light load a batch is one comment, committed at once.
//!
//! One comment that fails (its form spent, its article deleted meanwhile)
//! is taken back alone and the rest of the batch commits: under its own
//! savepoint on PostgreSQL, where a failed statement aborts the
//! transaction; on SQLite, where it does not, by deleting the row its form
//! could not pay for. A caller hears back only after the commit that
//! holds its comment returned, so an answer of "posted" means durable; if
//! the commit fails, every comment of the batch is answered with the
//! error and none was written.

use super::status_of;
use super::{FormUse, Posted};
use crate::{changes, unix, Engine, Result, Store, StoreError};
use dateline_core::comment::{CommentStatus, ValidComment};
use sqlx::Acquire;
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot};

/// Most comments written in one transaction: enough to carry thousands a
/// second on one fsync each few milliseconds, few enough that a batch's
/// transaction stays short.
const MOST_AT_ONCE: usize = 512;
/// Comments waiting for the writer before posters wait to queue.
const QUEUE: usize = 4096;

/// A comment ready to be written: checked and decided by the caller.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub article_id: i64,
    pub comment: ValidComment,
    pub status: CommentStatus,
    pub spam_reason: Option<String>,
    pub address_hash: String,
    pub duplicate_key: String,
    pub form: Option<FormUse>,
    pub now: OffsetDateTime,
}

struct Job {
    comment: NewComment,
    done: oneshot::Sender<Result<Option<Posted>>>,
}

/// The handle on a store's comment writer, started on first use.
#[derive(Clone, Default)]
pub(crate) struct Writer(std::sync::Arc<std::sync::OnceLock<mpsc::Sender<Job>>>);

impl Store {
    /// Writes a new comment and counts a use of its form, in the next
    /// batch. `Ok(None)` when the form has no use left (nothing written);
    /// a double submit finds its first copy (`duplicate`).
    pub async fn write_comment(&self, comment: NewComment) -> Result<Option<Posted>> {
        let (done, answer) = oneshot::channel();
        let jobs = self.comments_writer.0.get_or_init(|| {
            let (jobs, queued) = mpsc::channel(QUEUE);
            // The writer's own store has no writer: the task must not keep
            // its own queue open, or it would never end.
            let store = Store {
                comments_writer: Writer::default(),
                ..self.clone()
            };
            tokio::spawn(run(store, queued));
            jobs
        });
        jobs.send(Job { comment, done })
            .await
            .map_err(|_| writer_gone())?;
        answer.await.map_err(|_| writer_gone())?
    }
}

fn writer_gone() -> StoreError {
    StoreError::Unwritten("the comment writer has stopped".into())
}

async fn run(store: Store, mut queued: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MOST_AT_ONCE);
    while queued.recv_many(&mut batch, MOST_AT_ONCE).await > 0 {
        let jobs: Vec<Job> = std::mem::take(&mut batch);
        match write(&store, &jobs).await {
            Ok(outcomes) => {
                for (job, outcome) in jobs.into_iter().zip(outcomes) {
                    // A poster that gave up waiting is no one's loss: its
                    // comment is written all the same.
                    let _ = job.done.send(outcome);
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, comments = jobs.len(), "a batch of comments failed to commit");
                let reason = e.to_string();
                for job in jobs {
                    let _ = job.done.send(Err(StoreError::Unwritten(reason.clone())));
                }
            }
        }
    }
}

/// The batch in one transaction; each comment's outcome, or the error that
/// kept the whole batch from committing.
async fn write(store: &Store, jobs: &[Job]) -> Result<Vec<Result<Option<Posted>>>> {
    let mut tx = store.write_tx().await?;
    if let Some(now) = jobs
        .iter()
        .filter(|j| j.comment.form.is_some())
        .map(|j| j.comment.now)
        .max()
    {
        sqlx::query("DELETE FROM comment_form_uses WHERE expires_at < $1")
            .bind(unix(now))
            .execute(&mut *tx)
            .await?;
    }
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs {
        outcomes.push(match store.engine {
            // A failed statement leaves a SQLite transaction as it was, so
            // a comment needs no savepoint of its own: two statements
            // fewer on the one writer's path, which bounds its rate. A
            // comment whose form turns out spent is taken back.
            Engine::Sqlite => match write_one(&mut tx, &job.comment).await {
                Ok(Spent(id)) => {
                    sqlx::query("DELETE FROM comments WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    Ok(None)
                }
                other => other.map(Written::posted),
            },
            // On PostgreSQL a failed statement aborts the transaction: each
            // comment runs under a savepoint, rolled back alone.
            Engine::Postgres => {
                let mut one = tx.begin().await?;
                match write_one(&mut one, &job.comment).await {
                    Ok(Written::Posted(posted)) => {
                        one.commit().await?;
                        Ok(Some(posted))
                    }
                    other => {
                        one.rollback().await?;
                        other.map(Written::posted)
                    }
                }
            }
        });
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// What writing one comment did.
enum Written {
    Posted(Posted),
    /// Written as comment `id`, but its form had no use left: to be
    /// taken back.
    Spent(i64),
}

use Written::Spent;

impl Written {
    fn posted(self) -> Option<Posted> {
        match self {
            Written::Posted(posted) => Some(posted),
            Written::Spent(_) => None,
        }
    }
}

async fn write_one(tx: &mut sqlx::Transaction<'_, sqlx::Any>, new: &NewComment) -> Result<Written> {
    let comment = &new.comment;
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO comments (article_id, parent_id, name, email, body, status, spam_reason,
                               address_hash, duplicate_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (duplicate_key) DO NOTHING
         RETURNING id",
    )
    .bind(new.article_id)
    .bind(comment.parent_id)
    .bind(&comment.name)
    .bind(&comment.email)
    .bind(&comment.body)
    .bind(new.status.as_str())
    .bind(new.spam_reason.as_deref())
    .bind(&new.address_hash)
    .bind(&new.duplicate_key)
    .bind(unix(new.now))
    .fetch_optional(&mut **tx)
    .await?;
    let Some(id) = inserted else {
        let (id, status): (i64, String) =
            sqlx::query_as("SELECT id, status FROM comments WHERE duplicate_key = $1")
                .bind(&new.duplicate_key)
                .fetch_one(&mut **tx)
                .await?;
        return Ok(Written::Posted(Posted {
            id,
            status: status_of(&status)?,
            duplicate: true,
        }));
    };
    if let Some(form) = &new.form {
        // One use more, unless the form has none left; the row lock (one
        // writer on SQLite) makes this hold under any concurrency, on any
        // number of nodes.
        let used: Option<i64> = sqlx::query_scalar(
            "INSERT INTO comment_form_uses (digest, uses, expires_at) VALUES ($1, 1, $2)
             ON CONFLICT (digest) DO UPDATE SET uses = comment_form_uses.uses + 1
             WHERE comment_form_uses.uses < $3
             RETURNING uses",
        )
        .bind(&form.digest)
        .bind(unix(form.expires_at))
        .bind(form.max_uses)
        .fetch_optional(&mut **tx)
        .await?;
        if used.is_none() {
            return Ok(Spent(id));
        }
    }
    if new.status == CommentStatus::Approved {
        changes::record(tx, "comment", Some(new.article_id), new.now).await?;
    }
    Ok(Written::Posted(Posted {
        id,
        status: new.status,
        duplicate: false,
    }))
}
