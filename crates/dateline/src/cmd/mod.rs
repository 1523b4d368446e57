//! One file per subcommand.

pub mod backup;
pub mod comments;
pub mod doctor;
pub mod export;
pub mod import;
pub mod media;
pub mod migrate;
pub mod reindex;
pub mod serve;
pub mod settings;
pub mod user;
pub mod wordpress;

use clap::Args;
use dateline::config::{LogFormat, Overrides};
use dateline_store::DatabaseUrl;
use std::path::PathBuf;

/// Where the data lives; shared by every subcommand that opens the store.
#[derive(Args, Debug, Clone)]
pub struct DataDir {
    /// Data directory holding the SQLite database [default: ./dateline-data]
    #[arg(long, env = "DATELINE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Run on PostgreSQL instead: postgres://user:password@host/database
    #[arg(
        long,
        env = "DATELINE_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<DatabaseUrl>,
    /// Where new uploads' bytes go: the file store, or the database [default: files]
    #[arg(long, env = "DATELINE_MEDIA_STORAGE", value_name = "WHERE")]
    pub media_storage: Option<dateline::config::MediaPlace>,
    /// The file store in an S3-compatible bucket, s3://bucket[/prefix]
    /// (AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
    /// [default: the data directory's media folder]
    #[arg(long, env = "DATELINE_MEDIA_STORE_URL", value_name = "URL")]
    pub media_store_url: Option<String>,
}

impl DataDir {
    /// These settings as configuration overrides.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
            media_storage: self.media_storage,
            media_store_url: self.media_store_url.clone(),
            ..Default::default()
        }
    }
}

/// Logs to standard error as text; see [`init_logging_as`].
#[must_use = "the log's last lines are written when the guard is dropped"]
pub fn init_logging(filter: &str) -> tracing_appender::non_blocking::WorkerGuard {
    init_logging_as(filter, LogFormat::Text)
}

/// Logs to standard error; RUST_LOG overrides the configured filter.
/// Text has colour only on a terminal: a log file or journal gets plain
/// text. JSON is one object per line, the event's fields at its top level
/// beside `timestamp`, `level` and `target`, never coloured.
///
/// The lines are written by a thread of their own, so a slow terminal or
/// pipe never holds up a request; up to [`LOG_LINES_WAITING`] wait for it,
/// and past that (a flood) lines are dropped rather than memory taken.
/// Keep the guard until the command ends: dropping it writes what waits.
#[must_use = "the log's last lines are written when the guard is dropped"]
pub fn init_logging_as(
    filter: &str,
    format: LogFormat,
) -> tracing_appender::non_blocking::WorkerGuard {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(filter))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_LINES_WAITING)
        .lossy(true)
        .thread_name("dateline-log")
        // Written in batches: the thread writes what waits, then flushes.
        .finish(std::io::BufWriter::with_capacity(
            64 * 1024,
            std::io::stderr(),
        ));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_ansi(false)
            .try_init(),
    };
    guard
}

/// Log lines waiting to be written, at most (a few megabytes).
const LOG_LINES_WAITING: usize = 16 * 1024;
