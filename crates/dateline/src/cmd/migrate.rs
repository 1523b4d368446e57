//! `dateline migrate`: bring the database schema up to date.

use super::DataDir;
use dateline::config::Config;
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
    let store = Store::open_unmigrated(&config.data_dir, config.database_url.as_ref()).await?;
    let applied = store.migrate().await?;
    let place = match &config.database_url {
        Some(url) => url.redacted(),
        None => config.data_dir.display().to_string(),
    };
    println!("{applied} migration(s) applied; the database in {place} is up to date");
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
