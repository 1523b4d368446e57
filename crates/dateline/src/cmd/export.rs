//! `dateline export`: the whole site as a JSON Lines archive.

use super::DataDir;
use dateline::config::Config;
use dateline_store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    /// Write the archive here instead of to standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let written = dateline::archive::write(&store, &config.media()?, &mut out).await;
    store.close().await;
    let rows = written?;
    if let Some(path) = &args.output {
        eprintln!("exported {rows} rows to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
