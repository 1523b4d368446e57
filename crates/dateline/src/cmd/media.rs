//! `dateline media`: where uploads' bytes are kept, and moving them.

use super::DataDir;
use dateline::config::{Config, MediaPlace};
use dateline_app::media_storage;
use dateline_store::Store;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// How many files are in the file store and how many in the database.
    Status(StatusArgs),
    /// Move every stored file into the file store or into the database,
    /// one at a time; safe to stop and run again, and beside a serving site.
    Migrate(MigrateArgs),
}

#[derive(clap::Args, Debug)]
struct StatusArgs {
    #[command(flatten)]
    data: DataDir,
}

#[derive(clap::Args, Debug)]
struct MigrateArgs {
    #[command(flatten)]
    data: DataDir,
    /// Where the files go
    #[arg(long, value_name = "WHERE")]
    to: MediaPlace,
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Status(a) => status(a, file, required).await,
        Command::Migrate(a) => migrate(a, file, required).await,
    }
}

async fn status(args: StatusArgs, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let placement = store.media_placement().await;
    store.close().await;
    let placement = placement?;
    let media = config.media()?;
    let place = media
        .files
        .as_ref()
        .map(|f| f.place().to_string())
        .unwrap_or_default();
    println!(
        "{} file(s) in the file store ({place}), {} in the database; new uploads go to the {}",
        placement.in_files,
        placement.in_database,
        if media.uploads_in_files {
            "file store"
        } else {
            "database"
        }
    );
    Ok(ExitCode::SUCCESS)
}

async fn migrate(args: MigrateArgs, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let app = dateline::operator::app(store, &config).await?;
    let started = std::time::Instant::now();
    let to_files = args.to == MediaPlace::Files;
    let bar = progress();
    let moved = media_storage::migrate(&app, to_files, &bar).await;
    app.store.close().await;
    let moved = moved?;
    println!(
        "moved {} file(s), {} bytes, to the {} in {:.1} s",
        moved.files,
        moved.bytes,
        if to_files { "file store" } else { "database" },
        started.elapsed().as_secs_f64()
    );
    if to_files != (config.media_storage == MediaPlace::Files) {
        eprintln!(
            "note: new uploads still go to the {}; set media_storage = \"{}\" (or DATELINE_MEDIA_STORAGE) to send them there too",
            if to_files { "database" } else { "file store" },
            if to_files { "files" } else { "database" }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A bar on a terminal; elsewhere (a log, a pipe) a line at every tenth.
fn progress() -> impl Fn(u64, u64) + Send + Sync {
    use std::io::IsTerminal;
    let terminal = std::io::stderr().is_terminal();
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("moving {bar:40} {pos}/{len} files ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    let logged = Mutex::new(0u64);
    move |done, total| {
        bar.set_length(total);
        bar.set_position(done);
        if let Ok(mut last) = logged.lock() {
            let tenth = (done * 10).checked_div(total).unwrap_or(10);
            if !terminal && tenth > *last {
                eprintln!("moved {done} of {total} file(s)");
                *last = tenth;
            }
        }
        if done >= total {
            bar.finish_and_clear();
        }
    }
}
