//! One file per subcommand.

pub mod comments;
pub mod export;
pub mod import;
pub mod migrate;
pub mod reindex;
pub mod serve;
pub mod settings;
pub mod user;

use clap::Args;
use dateline::config::Overrides;
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
}

impl DataDir {
    /// These settings as configuration overrides.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
            ..Default::default()
        }
    }
}

/// Logs to standard error; RUST_LOG overrides the configured filter.
pub fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(filter))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
