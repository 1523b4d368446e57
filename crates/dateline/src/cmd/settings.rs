//! `dateline settings`: the site settings (comment policy, limits,
//! blocklists), shared by every node through the database.

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
    super::init_logging("warn");
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let result = act(&store, args.action).await;
    store.close().await;
    result
}

async fn act(store: &Store, action: Action) -> anyhow::Result<ExitCode> {
    match action {
        Action::List => {
            let values = store.settings().await?;
            for (key, _, about) in dateline_store::settings::KNOWN {
                println!(
                    "{key} = {:?}\n    {about}",
                    values.get(*key).cloned().unwrap_or_default()
                );
            }
        }
        Action::Get { key } => match store.setting(&key).await? {
            Some(value) => println!("{value}"),
            None => anyhow::bail!("unknown setting {key:?}; `dateline settings list` shows them"),
        },
        Action::Set { key, value } => {
            validate(&key, &value)?;
            store
                .set_setting(&key, &value, OffsetDateTime::now_utc())
                .await?;
            println!("{key} = {value:?}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses values the site could not use, before they are stored.
fn validate(key: &str, value: &str) -> anyhow::Result<()> {
    match key {
        "comments.policy" => {
            value.parse::<dateline_core::comment::ModerationPolicy>()?;
        }
        "comments.blocked_words" | "comments.blocked_domains" => {}
        "feeds.full_content" => {
            if value != "true" && value != "false" {
                anyhow::bail!("{key} is true or false, not {value:?}");
            }
        }
        _ => {
            let n: i64 = value
                .trim()
                .parse()
                .map_err(|_| anyhow::anyhow!("{key} takes a whole number, not {value:?}"))?;
            if n < 0 {
                anyhow::bail!("{key} cannot be negative");
            }
        }
    }
    Ok(())
}
