//! `dateline user`: newsroom accounts from the command line, for the first
//! administrator and for scripts.

use super::DataDir;
use anyhow::Context;
use dateline::config::Config;
use dateline_core::newsroom::Role;
use dateline_store::Store;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use time::OffsetDateTime;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Make an account. The password is read from standard input (asked for
    /// twice on a terminal; one line when piped, so scripts can make users).
    Add {
        #[command(flatten)]
        data: DataDir,
        /// contributor, editor or admin
        #[arg(long, default_value = "contributor")]
        role: Role,
        /// The name shown in the newsroom [default: the email]
        #[arg(long)]
        name: Option<String>,
        /// The account's email, which is its login
        email: String,
    },
    /// List the accounts.
    List {
        #[command(flatten)]
        data: DataDir,
    },
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Add {
            data,
            role,
            name,
            email,
        } => {
            let config = Config::load(file, required, data.overrides())?;
            let _log = super::init_logging("warn");
            let password = read_password()?;
            if let Err(reason) = dateline_auth::password::check_new(&password) {
                anyhow::bail!("{reason}");
            }
            let hash = dateline_auth::password::hash(&password)?;
            let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
            let now = OffsetDateTime::now_utc();
            let id = store
                .create_user(
                    &email,
                    name.as_deref().unwrap_or(&email),
                    role,
                    Some(&hash),
                    now,
                )
                .await
                .with_context(|| format!("cannot make the account {email}"))?;
            store
                .audit(
                    now,
                    None,
                    "create",
                    "user",
                    Some(id),
                    Some(&format!("{role} by `dateline user add`")),
                )
                .await?;
            println!("made the {role} account {email} (#{id})");
            store.close().await;
            Ok(ExitCode::SUCCESS)
        }
        Command::List { data } => {
            let config = Config::load(file, required, data.overrides())?;
            let _log = super::init_logging("warn");
            let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
            for u in store.users().await? {
                println!(
                    "{}\t{}\t{}\t{}{}",
                    u.id,
                    u.email,
                    u.role,
                    u.name,
                    if u.disabled { "\t(disabled)" } else { "" }
                );
            }
            store.close().await;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The password: asked for twice on a terminal (without echo is beyond the
/// standard library, so the terminal user is told it shows), else the first
/// line of standard input.
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let ask = |prompt: &str| -> anyhow::Result<String> {
            eprint!("{prompt}");
            std::io::stderr().flush()?;
            let mut line = String::new();
            stdin.lock().read_line(&mut line)?;
            Ok(line.trim_end_matches(['\r', '\n']).to_string())
        };
        let first = ask("Password (it shows as you type; or pipe it in): ")?;
        let again = ask("The same again: ")?;
        if first != again {
            anyhow::bail!("the two passwords are not the same");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
