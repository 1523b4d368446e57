//! `dateline settings`: the site settings (the site's identity and time
//! zone, comment policy, limits, blocklists, feeds, datelines), shared by
//! every node through the database.

use super::DataDir;
use dateline::config::Config;
use dateline_store::Store;
use std::path::Path;
use std::process::ExitCode;
use time::OffsetDateTime;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Every setting with its value and what it does.
    List,
    /// One setting's value.
    Get { key: String },
    /// Change a setting, e.g. `settings set comments.policy hold-first-time`.
    Set { key: String, value: String },
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let result = act(&store, args.action).await;
    store.close().await;
    result
}

async fn act(store: &Store, action: Action) -> anyhow::Result<ExitCode> {
    match action {
        Action::List => {
            let values = store.settings().await?;
            for spec in dateline_core::settings::SPECS {
                println!(
                    "{} = {:?}\n    {} ({}; default {:?})",
                    spec.key,
                    values.get(spec.key).cloned().unwrap_or_default(),
                    spec.help,
                    spec.allowed(),
                    spec.default
                );
            }
        }
        Action::Get { key } => match store.setting(&key).await? {
            Some(value) => println!("{value}"),
            None => anyhow::bail!("unknown setting {key:?}; `dateline settings list` shows them"),
        },
        Action::Set { key, value } => {
            // The same checks as the newsroom's: the range (again in the
            // store, which refuses what it could not use), and a WebSub
            // hub's addresses.
            let current = store.site_settings().await?;
            let (next, stored) = current.with(&key, &value)?;
            if let (Some(id), "site.logo") = (next.logo_id, key.as_str()) {
                let is_image = matches!(store.media(id).await, Ok(item) if item.kind == dateline_core::media::MediaKind::Image);
                if !is_image {
                    anyhow::bail!("{key}: there is no image number {id} in the media library");
                }
            }
            if key == "feeds.websub_hub" {
                dateline_app::announce::check_hub(&stored, next.websub_allow_private)
                    .await
                    .map_err(|why| anyhow::anyhow!("{key}: {why}"))?;
            }
            store
                .set_setting(&key, &stored, OffsetDateTime::now_utc())
                .await?;
            println!("{key} = {stored:?}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
