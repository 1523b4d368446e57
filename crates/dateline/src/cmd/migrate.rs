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
    /// Say what would change, and change nothing: exit 0 when the schema is
    /// this release's, 2 when migrations would be applied, 1 when this
    /// release cannot run on the database (a newer release migrated it, or
    /// a migration failed or was changed)
    #[arg(long)]
    check: bool,
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging(&config.log);
    if args.check {
        return check(&config).await;
    }
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

/// `dateline migrate --check`: reads the database's migrations, writes nothing.
async fn check(config: &Config) -> anyhow::Result<ExitCode> {
    let Some(store) = Store::open_read_only(&config.data_dir, config.database_url.as_ref()).await?
    else {
        println!(
            "no database in {} yet: `dateline migrate` (or `serve`) would make one with every migration",
            config.data_dir.display()
        );
        return Ok(ExitCode::from(2));
    };
    let status = store.schema_status().await;
    store.close().await;
    let status = status?;
    for m in &status.pending {
        println!("would apply {:04} {}", m.version, m.description);
    }
    for v in &status.newer_expand {
        println!("applied by a newer release, adding only (this release serves it): {v:04}");
    }
    for v in &status.unknown {
        println!("applied by a newer release, unknown to this one: {v:04}");
    }
    for v in &status.failed {
        println!("started and never finished: {v:04}");
    }
    for v in &status.changed {
        println!("applied from a different text than this release carries: {v:04}");
    }
    if !status.unknown.is_empty() || !status.failed.is_empty() || !status.changed.is_empty() {
        println!("this release must not migrate or serve this database");
        return Ok(ExitCode::FAILURE);
    }
    if status.pending.is_empty() {
        println!(
            "the schema is this release's ({} migrations); nothing would change",
            status.applied
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} of {} migrations applied; `dateline migrate` would apply {}",
        status.applied,
        status.carried,
        status.pending.len()
    );
    Ok(ExitCode::from(2))
}
