//! `dateline`: a news site from one binary.

mod cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Dateline: a news publishing platform. Serves a newsroom's public website
/// from one binary on an embedded SQLite database.
///
/// Settings come from flags, then DATELINE_* environment variables, then the
/// configuration file, then defaults.
#[derive(Parser)]
#[command(name = "dateline", version, propagate_version = true)]
struct Cli {
    /// Configuration file (TOML). Read when it exists; an error if named and missing.
    #[arg(long, global = true, env = "DATELINE_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (loads the demo edition into an empty database).
    Serve(cmd::serve::Args),
    /// Import content: agency wire copy, or a whole site archive.
    #[command(subcommand)]
    Import(cmd::import::Import),
    /// Apply the database migrations this binary carries, then exit.
    Migrate(cmd::migrate::Args),
    /// Write the whole site as a JSON Lines archive (see ARCHIVE-FORMAT.md).
    Export(cmd::export::Args),
    /// Back up the site while it serves: a tar file holding the SQLite
    /// database (one consistent snapshot) or, on PostgreSQL, the site archive.
    Backup(cmd::backup::BackupArgs),
    /// Restore a backup into an empty data directory or database, of either
    /// engine, and rebuild the search index.
    Restore(cmd::backup::RestoreArgs),
    /// Where uploads' bytes are kept: see, and move them between the file
    /// store and the database.
    Media(cmd::media::Args),
    /// Moderate reader comments; serve readers' requests for their data.
    Comments(cmd::comments::Args),
    /// Show and change the site settings.
    Settings(cmd::settings::Args),
    /// Newsroom accounts: make the first administrator, list accounts.
    User(cmd::user::Args),
    /// Rebuild the search index from the database (stop `serve` on this
    /// data directory first; it rebuilds a missing index by itself).
    Reindex(cmd::reindex::Args),
    /// Check the configuration, database, storage, search index, clock and
    /// disk, and say what to fix; changes nothing, so it runs beside `serve`.
    /// Exit status 1 when a check failed.
    Doctor(cmd::doctor::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    dateline_files::use_ring_for_tls();
    let (config_file, required) = match cli.config {
        Some(path) => (path, true),
        None => (PathBuf::from("dateline.toml"), false),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => cmd::serve::run(args, &config_file, required).await,
            Command::Import(import) => cmd::import::run(import, &config_file, required).await,
            Command::Migrate(args) => cmd::migrate::run(args, &config_file, required).await,
            Command::Reindex(args) => cmd::reindex::run(args, &config_file, required).await,
            Command::Export(args) => cmd::export::run(args, &config_file, required).await,
            Command::Backup(args) => cmd::backup::backup(args, &config_file, required).await,
            Command::Restore(args) => cmd::backup::restore(args, &config_file, required).await,
            Command::Media(args) => cmd::media::run(args, &config_file, required).await,
            Command::Comments(args) => cmd::comments::run(args, &config_file, required).await,
            Command::Settings(args) => cmd::settings::run(args, &config_file, required).await,
            Command::User(args) => cmd::user::run(args, &config_file, required).await,
            Command::Doctor(args) => cmd::doctor::run(args, &config_file, required).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
