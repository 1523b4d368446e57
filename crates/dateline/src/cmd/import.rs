//! `dateline import wire FILE...`: file agency copy.

use super::DataDir;
use dateline::config::Config;
use dateline::ingest::{ingest, IngestOptions, Report};
use dateline_core::{Language, Status};
use dateline_import::WireOptions;
use dateline_store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use time::OffsetDateTime;

#[derive(clap::Subcommand, Debug)]
pub enum Import {
    /// Import agency wire copy: plain text with a dateline, or our headered
    /// format (see crates/dateline-import/WIRE-FORMAT.md). Each bad file is
    /// reported with its line; the rest still import. Importing the same copy
    /// again updates it instead of duplicating it.
    Wire(WireArgs),
}

#[derive(clap::Args, Debug)]
pub struct WireArgs {
    #[command(flatten)]
    data: DataDir,
    /// Year of datelines that give none, e.g. 2016 [default: the year found in the file, else this year]
    #[arg(long)]
    year: Option<i32>,
    /// Language of copy without a Language: header
    #[arg(long, default_value = "en")]
    language: Language,
    /// Section (slug) of copy without a Section: header [default: the language's first section]
    #[arg(long)]
    section: Option<String>,
    /// File the copy as drafts for an editor instead of publishing it
    #[arg(long)]
    draft: bool,
    /// Wire files to import
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Largest wire file read; agency copy is a few kilobytes.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

pub async fn run(import: Import, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let Import::Wire(args) = import;
    let config = Config::load(file, required, args.data.overrides())?;
    super::init_logging("warn");
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let options = IngestOptions {
        wire: WireOptions {
            year: args.year,
            default_language: args.language,
            default_section: args.section.clone(),
        },
        status: if args.draft {
            Status::Draft
        } else {
            Status::Published
        },
    };
    let now = OffsetDateTime::now_utc();
    let mut report = Report::default();
    for path in &args.files {
        let name = path.display().to_string();
        match read(path) {
            Ok(bytes) => ingest(&store, &name, &bytes, &options, now, &mut report).await,
            Err(message) => report.failed.push(format!("{name}:1: {message}")),
        }
    }
    store.close().await;
    for (name, path) in &report.created {
        println!("created {path} ({name})");
    }
    for (name, path) in &report.updated {
        println!("updated {path} ({name})");
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for failure in &report.failed {
        eprintln!("error: {failure}");
    }
    println!("{}", report.summary());
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} bytes; wire copy is limited to {MAX_FILE_BYTES}",
            meta.len()
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))
}
