//! `dateline import wire FILE...`: file agency copy.

use super::DataDir;
use dateline::config::Config;
use dateline::ingest::desk::{self, Batch, Received};
use dateline::ingest::{ingest, ArrivalOptions, IngestOptions, Problem, ProblemKind, Report};
use dateline_app::Actor;
use dateline_core::{Language, Status};
use dateline_import::WireOptions;
use dateline_store::{Arrival, Store, WireSource};
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
    /// Import a site archive written by `dateline export` into an empty
    /// database of either engine. A bad line is reported with its number and
    /// the rest still imports.
    Archive(ArchiveArgs),
    /// Move a WordPress site in from its export (WXR): posts, pages,
    /// categories, tags, authors (as disabled accounts), comments and
    /// pictures, each old address answering 301 to its new one. A bad item
    /// is reported with its line and the rest still imports; importing the
    /// same export again updates instead of duplicating.
    Wordpress(super::wordpress::WordpressArgs),
}

#[derive(clap::Args, Debug)]
pub struct ArchiveArgs {
    #[command(flatten)]
    data: DataDir,
    /// The archive (JSON Lines)
    #[arg(value_name = "FILE")]
    file: PathBuf,
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
    /// Send the copy to the newsroom's wire desk queue instead of publishing
    /// it, where a member takes it as their draft or spikes it
    #[arg(long)]
    draft: bool,
    /// Wire files to import
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Largest wire file read; agency copy is a few kilobytes.
const MAX_FILE_BYTES: u64 = dateline::ingest::MAX_COPY_BYTES as u64;

pub async fn run(import: Import, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    match import {
        Import::Wire(args) => wire(args, file, required).await,
        Import::Archive(args) => archive(args, file, required).await,
        Import::Wordpress(args) => super::wordpress::run(args, file, required).await,
    }
}

async fn archive(args: ArchiveArgs, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let name = args.file.display().to_string();
    let reader = std::io::BufReader::new(
        std::fs::File::open(&args.file)
            .map_err(|e| anyhow::anyhow!("{name}:1: cannot read the file: {e}"))?,
    );
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let imported = dateline::archive::import(&store, &name, reader).await;
    store.close().await;
    let imported = imported?;
    for failure in &imported.failed {
        eprintln!("error: {failure}");
    }
    println!(
        "{} rows imported, {} failed ({} in the archive)",
        imported.rows,
        imported.failed.len(),
        imported.expected
    );
    Ok(if imported.whole() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

async fn wire(args: WireArgs, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let app = dateline::operator::app(store, &config).await?;
    let store = &app.store;
    let wire = WireOptions {
        year: args.year,
        default_language: args.language,
        default_section: args.section.clone(),
    };
    let now = OffsetDateTime::now_utc();
    let mut report = Report::default();
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = match read(path) {
            Ok(bytes) => bytes,
            Err(message) => {
                let kind = ProblemKind::Unreadable(message);
                report.failed.push(Problem::new(&name, 1, kind));
                continue;
            }
        };
        if args.draft {
            // To the wire desk's queue, as the desk's own uploads go: an
            // editor takes it or spikes it. One file at a time, so a batch
            // of any size is never held in memory at once.
            let options = ArrivalOptions {
                wire: wire.clone(),
                detect: false,
                source: WireSource::Command,
                by: None,
            };
            let mut batch = Batch::new();
            batch.add(&name, &bytes);
            let received = desk::receive(&app, Actor::Operator, batch, &options, now).await?;
            if let Received::Report(one) = received {
                report.absorb(one);
            }
        } else {
            let options = IngestOptions {
                wire: wire.clone(),
                status: Status::Published,
                desk: false,
                by: None,
            };
            ingest(store, &name, &bytes, &options, now, &mut report).await;
        }
    }
    store.close().await;
    for (name, path) in &report.created {
        println!("created {path} ({name})");
    }
    for (name, path) in &report.updated {
        println!("updated {path} ({name})");
    }
    for queued in &report.queued {
        let name = &queued.file;
        match queued.arrival {
            Arrival::New(id) => println!("queued wire item #{id} ({name})"),
            Arrival::Repeat(id) => println!("already queued as wire item #{id} ({name})"),
            Arrival::Replaced(id) => println!("replaced the copy of wire item #{id} ({name})"),
            Arrival::Update { id, of } => {
                println!("queued wire item #{id}, an update of #{of} ({name})")
            }
        }
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
