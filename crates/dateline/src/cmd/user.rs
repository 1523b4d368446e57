//! `dateline user`: newsroom accounts from the command line, for the first
//! administrator and for scripts.

use super::DataDir;
use dateline::config::Config;
use dateline_app::accounts::people::{self, NewPerson};
use dateline_app::accounts::{Accounts, Outcome, PasswordGate};
use dateline_app::Actor;
use dateline_core::newsroom::Role;
use dateline_store::Store;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use time::OffsetDateTime;

/// The command line acts as the site's operator.
const OPERATOR: Actor<'static> = Actor::Operator;

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
    /// Print a one-time link (valid three days) to choose a new password;
    /// the account's sessions end at once.
    ResetPassword {
        #[command(flatten)]
        data: DataDir,
        /// The account's email
        email: String,
    },
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let data = match &args.command {
        Command::Add { data, .. }
        | Command::List { data }
        | Command::ResetPassword { data, .. } => data,
    };
    let config = Config::load(file, required, data.overrides())?;
    let _log = super::init_logging("warn");
    // One hash at a time is all a command needs.
    let gate = PasswordGate::new(1, std::time::Duration::from_secs(60));
    let password = match &args.command {
        Command::Add { .. } => Some(read_password()?),
        _ => None,
    };
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let accounts = Accounts {
        store: &store,
        passwords: &gate,
    };
    let result = act(accounts, &config, args.command, password).await;
    store.close().await;
    result
}

async fn act(
    accounts: Accounts<'_>,
    config: &Config,
    command: Command,
    password: Option<String>,
) -> anyhow::Result<ExitCode> {
    let now = OffsetDateTime::now_utc();
    match command {
        Command::Add {
            role, name, email, ..
        } => {
            let new = NewPerson {
                name: name.unwrap_or_else(|| email.clone()),
                email: email.clone(),
                role: role.as_str().to_string(),
                password,
            };
            match people::add(accounts, OPERATOR, new, now).await? {
                Outcome::Done(added) => {
                    println!("made the {role} account {email} (#{})", added.id);
                    Ok(ExitCode::SUCCESS)
                }
                Outcome::Refused(problems) => {
                    let why: Vec<String> = problems.iter().map(|(_, p)| p.to_string()).collect();
                    anyhow::bail!("cannot make the account {email}: {}", why.join(" "))
                }
            }
        }
        Command::List { .. } => {
            for u in people::list(accounts, OPERATOR).await? {
                println!(
                    "{}\t{}\t{}\t{}{}",
                    u.id,
                    u.email,
                    u.role,
                    u.name,
                    if u.disabled { "\t(disabled)" } else { "" }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::ResetPassword { email, .. } => {
            let wanted = dateline_core::newsroom::normalise_email(&email);
            let Some(user) = people::list(accounts, OPERATOR)
                .await?
                .into_iter()
                .find(|u| u.email == wanted)
            else {
                anyhow::bail!("no account has the email {email}");
            };
            let token = people::reset(accounts, OPERATOR, user.id, now).await?;
            println!("{}/newsroom/reset/{token}", config.base_url());
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
