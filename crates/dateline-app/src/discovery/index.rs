//! The search index from the store: whole rebuilds, and changes as the
//! change feed brings them.

use super::Discovery;
use dateline_search::Doc;
use dateline_store::{IndexArticle, Store};
use std::sync::Arc;

/// Articles read from the database per round of a rebuild.
const REBUILD_BATCH: i64 = 2_000;
/// A rebuild commits this often, so searches see its progress.
const REBUILD_COMMIT_EVERY: u64 = 20_000;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(transparent)]
    Store(#[from] dateline_store::StoreError),
    #[error(transparent)]
    Search(#[from] dateline_search::SearchError),
    #[error("the indexing task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}

pub fn doc(a: IndexArticle) -> Doc {
    Doc {
        id: a.id,
        language: a.language,
        section_id: a.section_id,
        tags: a.tags,
        published_at: a.published_at,
        headline: a.headline,
        standfirst: a.standfirst,
        body: dateline_core::markdown::plain_text(&a.body_markdown),
    }
}

/// Fills the index with every published article, calling `progress(done,
/// total)` as it goes, and marks it whole. Changes written meanwhile are
/// applied afterwards by the follower, from the cursor read at the start.
pub async fn rebuild(
    store: &Store,
    discovery: &Discovery,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<u64, IndexError> {
    let cursor = store.change_cursor().await?;
    let total = store.published_total().await?.max(0) as u64;
    let index = discovery.index.clone();
    blocking({
        let index = index.clone();
        move || index.clear()
    })
    .await?;
    let mut after = 0;
    let mut done = 0u64;
    let mut since_commit = 0u64;
    progress(0, total);
    loop {
        let batch = store.index_articles_after(after, REBUILD_BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        let n = batch.len() as u64;
        let docs: Vec<Doc> = batch.into_iter().map(doc).collect();
        let commit = since_commit + n >= REBUILD_COMMIT_EVERY;
        blocking({
            let index = index.clone();
            move || {
                index.put(&docs)?;
                if commit {
                    index.commit(cursor, false)?;
                }
                Ok(())
            }
        })
        .await?;
        since_commit = if commit { 0 } else { since_commit + n };
        done += n;
        progress(done, total.max(done));
    }
    blocking({
        let index = index.clone();
        move || index.commit(cursor, true)
    })
    .await?;
    discovery.related.clear();
    discovery.set_ready();
    Ok(done)
}

/// Brings the index up to date for articles that changed: those still
/// published are indexed again, the others taken out. Then their related
/// lists are computed afresh, and the lists of the articles they are like,
/// and every list that named a removed article, are forgotten (computed
/// again when next asked for). Returns the articles they are like, whose
/// pages may now list them as related.
pub async fn apply(
    store: &Store,
    discovery: &Discovery,
    ids: &[i64],
    cursor: i64,
) -> Result<Vec<i64>, IndexError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let published = store.index_articles(ids).await?;
    let kept: Vec<i64> = published.iter().map(|a| a.id).collect();
    let gone: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| !kept.contains(id))
        .collect();
    let docs: Vec<Doc> = published.into_iter().map(doc).collect();
    let index = discovery.index.clone();
    {
        let gone = gone.clone();
        blocking(move || {
            index.put(&docs)?;
            index.remove(&gone)?;
            index.commit(cursor, true)
        })
        .await?;
    }
    discovery.related.changed(ids, &gone);
    let mut alike = Vec::new();
    for id in kept {
        let list = discovery.related.compute(discovery, id).await;
        // Likeness goes both ways: the articles this one is like may now
        // have it among theirs, so their lists are computed afresh when
        // next shown.
        discovery.related.changed(&list, &[]);
        alike.extend(list.iter().copied().filter(|a| !ids.contains(a)));
    }
    alike.sort_unstable();
    alike.dedup();
    Ok(alike)
}

/// Runs index work off the async threads: tantivy's calls block.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, dateline_search::SearchError> + Send + 'static,
) -> Result<T, IndexError> {
    Ok(tokio::task::spawn_blocking(f).await??)
}

/// Rebuilds in the background when the index was not whole at start; the
/// site serves meanwhile.
pub fn spawn_rebuild(
    state: Arc<crate::App>,
    progress: Arc<dyn Fn(u64, u64) + Send + Sync>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match rebuild(&state.store, &state.discovery, progress.as_ref()).await {
            Ok(n) => tracing::info!(
                articles = n,
                seconds = started.elapsed().as_secs_f32(),
                "search index rebuilt"
            ),
            Err(e) => tracing::error!(error = %e, "could not rebuild the search index"),
        }
    })
}
