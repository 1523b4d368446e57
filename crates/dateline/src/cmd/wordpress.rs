//! `dateline import wordpress FILE.xml`: move a WordPress site in.

use super::DataDir;
use dateline::config::Config;
use dateline::ingest::wordpress::{self, Options};
use dateline_core::Language;
use dateline_store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use time::OffsetDateTime;

#[derive(clap::Args, Debug)]
pub struct WordpressArgs {
    #[command(flatten)]
    data: DataDir,
    /// WordPress's uploads folder (wp-content/uploads, with its YYYY/MM/
    /// folders): featured images and pictures in posts are read from it
    /// into the media library. Pictures not in it stay links to the old
    /// site, unless --fetch
    #[arg(long, value_name = "DIR")]
    uploads: Option<PathBuf>,
    /// Fetch pictures the uploads folder does not hold from the old site's
    /// addresses (public addresses only, 20 s and 15 MiB each at most)
    #[arg(long)]
    fetch: bool,
    /// The language of what is imported [default: the export's, else the
    /// site's default]
    #[arg(long)]
    language: Option<Language>,
    /// Put a category's posts in a section of the site (its slug), e.g.
    /// --section-map news=world; other categories become sections of their own
    #[arg(long = "section-map", value_name = "CATEGORY=SECTION", value_parser = parse_pair)]
    section_map: Vec<(String, String)>,
    /// Import every post as a draft, whatever its status was
    #[arg(long)]
    draft: bool,
    /// The old site's permalink structure, as in WordPress's settings, e.g.
    /// /%year%/%monthnum%/%postname%/ [default: found from the posts' links]
    #[arg(long, value_name = "STRUCTURE")]
    permalinks: Option<String>,
    /// The export (Tools → Export in WordPress)
    #[arg(value_name = "FILE.xml")]
    file: PathBuf,
}

fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
            Ok((from.trim().to_string(), to.trim().to_string()))
        }
        _ => Err(format!("{text:?}: give CATEGORY=SECTION")),
    }
}

pub async fn run(args: WordpressArgs, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let name = args.file.display().to_string();
    let meta = std::fs::metadata(&args.file)
        .map_err(|e| anyhow::anyhow!("{name}:1: cannot read the file: {e}"))?;
    if !meta.is_file() {
        anyhow::bail!("{name}:1: not a regular file");
    }
    if let Some(dir) = &args.uploads {
        if !dir.is_dir() {
            anyhow::bail!("--uploads {}: not a folder", dir.display());
        }
    }
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let app = dateline::operator::app(store, &config).await?;
    let options = Options {
        language: args.language,
        uploads: args.uploads.clone(),
        section_map: args.section_map.clone(),
        draft: args.draft,
        fetch: args.fetch,
        progress: None,
        permalinks: args.permalinks.clone(),
    };
    let opener = wordpress::file_opener(&args.file);
    let report = wordpress::import(&app, &name, opener, &options, OffsetDateTime::now_utc()).await;
    app.store.close().await;
    let report = report?;
    for note in &report.notes {
        eprintln!("warning: {note}");
    }
    for problem in &report.problems {
        eprintln!("error: {problem}");
    }
    if report.more_problems > 0 {
        eprintln!("error: … and {} more", report.more_problems);
    }
    println!("{}", report.summary());
    Ok(if report.whole() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
