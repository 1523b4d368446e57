//! `dateline migrate`: bring the database schema up to date.

use super::DataDir;
use dateline::config::{Config, Overrides};
use dateline_store::Store;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(
        file,
        required,
        Overrides {
            data_dir: args.data.data_dir,
            ..Default::default()
        },
    )?;
    super::init_logging(&config.log);
    let store = Store::open_unmigrated(&config.data_dir).await?;
    let applied = store.migrate().await?;
    println!(
        "{applied} migration(s) applied; the database in {} is up to date",
        config.data_dir.display()
    );
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
