//! `dateline backup` and `dateline restore`.

use super::DataDir;
use dateline::config::Config;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    #[command(flatten)]
    data: DataDir,
    /// Write the backup here (a tar file; replaced only once whole)
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    #[command(flatten)]
    data: DataDir,
    /// A backup written by `dateline backup`
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub async fn backup(args: BackupArgs, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let started = std::time::Instant::now();
    let taken = dateline::backup::take(&config, &args.output).await?;
    println!(
        "backed up the {} site ({}, {} migrations) to {}: {} bytes in {:.1} s",
        taken.manifest.engine,
        taken.manifest.content,
        taken.manifest.migrations,
        args.output.display(),
        taken.bytes,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(args: RestoreArgs, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let started = std::time::Instant::now();
    let restored = dateline::backup::restore(&config, &args.file).await?;
    for failure in &restored.failed {
        eprintln!("error: {failure}");
    }
    let place = match &config.database_url {
        Some(url) => url.redacted(),
        None => config.data_dir.display().to_string(),
    };
    let how = if restored.rows > 0 || !restored.failed.is_empty() {
        format!(
            "{} rows imported, {} failed",
            restored.rows,
            restored.failed.len()
        )
    } else {
        "the database file put in place".to_string()
    };
    println!(
        "restored the backup of {} ({} site) into {place}: {how}; {} articles indexed; {:.1} s",
        restored.manifest.taken_at,
        restored.manifest.engine,
        restored.indexed,
        started.elapsed().as_secs_f64()
    );
    Ok(if restored.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
