//! `dateline reindex`: rebuild the search index from the database.

use super::DataDir;
use dateline::config::Config;
use dateline_app::discovery::{index, Discovery};
use dateline_store::Store;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging(&config.log);
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let (search, _) = dateline::index::open(&config)?;
    let discovery = Discovery::new(search, false);
    let started = std::time::Instant::now();
    let n = index::rebuild(&store, &discovery, dateline::index::progress().as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("rebuilding the search index: {e}"))?;
    // Leaves the index merged, so that the next `serve` starts on it
    // without merging in the background.
    if let Some(search) = discovery.into_index() {
        search
            .wait_merging()
            .map_err(|e| anyhow::anyhow!("merging the search index: {e}"))?;
    }
    println!(
        "indexed {n} published article(s) in {:.1} s into {}",
        started.elapsed().as_secs_f64(),
        dateline::index::dir(&config).display()
    );
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
