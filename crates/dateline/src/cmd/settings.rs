//! `dateline settings`: the site settings (the site's identity and time
//! zone, comment policy, limits, blocklists, feeds, datelines), shared by
//! every node through the database.

use super::DataDir;
use dateline::config::Config;
use dateline_app::settings::{self, Saved, SettingsInput};
use dateline_app::Actor;
use dateline_core::settings::{Problem, SettingError};
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
            // The newsroom's use case: the same checks (the range, the
            // other settings, a logo against the library, a WebSub hub's
            // addresses), stored in the audit log as the operator's.
            let Some(spec) = dateline_core::settings::spec(&key) else {
                return Err(SettingError::Unknown(key).into());
            };
            let mut input = SettingsInput::default();
            input.values.insert(spec.key.to_string(), value.clone());
            let now = OffsetDateTime::now_utc();
            match settings::apply(store, Actor::Operator, &input, now).await? {
                Saved::Done { stored } => {
                    let stored = match stored.into_iter().find(|(k, _)| k == spec.key) {
                        Some((_, v)) => v,
                        // Unchanged: the value it has.
                        None => store.setting(spec.key).await?.unwrap_or_default(),
                    };
                    println!("{key} = {stored:?}");
                }
                Saved::Refused(problems) => {
                    let sentences: Vec<String> = problems
                        .into_values()
                        .map(|problem| sentence(spec.key, &value, problem))
                        .collect();
                    anyhow::bail!("{}", sentences.join("; "));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A refused value, in the command line's English.
fn sentence(key: &'static str, value: &str, problem: Problem) -> String {
    match problem {
        Problem::NotAnImage => {
            format!(
                "{key}: there is no image number {} in the media library",
                value.trim()
            )
        }
        problem => SettingError::Invalid {
            key,
            value: value.to_string(),
            problem,
        }
        .to_string(),
    }
}
