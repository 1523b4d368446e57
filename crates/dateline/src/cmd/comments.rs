//! `dateline comments`: the moderation queue and readers' data requests
//! from the command line. It reads and writes the same database as the
//! server, so the site sees each change at once.

use super::DataDir;
use dateline::config::Config;
use dateline_app::comments::{self, Moderation, Place};
use dateline_app::Actor;
use dateline_app::App;
use dateline_core::comment::CommentStatus;
use dateline_core::Language;
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
    /// List comments, newest first, with each commenter's history.
    List {
        /// pending, approved, rejected or spam [default: all]
        #[arg(long)]
        status: Option<CommentStatus>,
        /// Only comments on this article (its id)
        #[arg(long)]
        article: Option<i64>,
        /// At most this many
        #[arg(long, default_value_t = 100)]
        limit: i64,
        /// Print JSON Lines instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Approve comments (by id); they appear under their article.
    Approve {
        ids: Vec<i64>,
        #[arg(long)]
        all_pending: bool,
    },
    /// Reject comments (by id).
    Reject {
        ids: Vec<i64>,
        #[arg(long)]
        all_pending: bool,
    },
    /// Mark comments as spam (by id).
    Spam {
        ids: Vec<i64>,
        #[arg(long)]
        all_pending: bool,
    },
    /// Delete comments (by id), with the replies to them.
    Delete { ids: Vec<i64> },
    /// Block a commenter: their next comments go straight to spam.
    Block {
        /// The commenter's email
        #[arg(long, required_unless_present = "comment")]
        email: Option<String>,
        /// Block the author of this comment, by email and by hashed address
        #[arg(long)]
        comment: Option<i64>,
    },
    /// Lift the blocks on an email.
    Unblock {
        #[arg(long)]
        email: String,
    },
    /// A reader's comments, as JSON Lines, for their request for their data.
    Export {
        #[arg(long)]
        email: String,
    },
    /// Erase a reader's comments (and the replies to them) and blocks.
    Erase {
        #[arg(long)]
        email: String,
    },
    /// Open comments on an article (by id) or a section (LANG/SLUG).
    Open {
        #[arg(long, conflicts_with = "section", required_unless_present = "section")]
        article: Option<i64>,
        #[arg(long, value_name = "LANG/SLUG")]
        section: Option<String>,
    },
    /// Close comments on an article (by id) or a section (LANG/SLUG).
    Close {
        #[arg(long, conflicts_with = "section", required_unless_present = "section")]
        article: Option<i64>,
        #[arg(long, value_name = "LANG/SLUG")]
        section: Option<String>,
    },
}

/// The command line acts as the site's operator.
const OPERATOR: Actor<'static> = Actor::Operator;

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let config = Config::load(file, required, args.data.overrides())?;
    let _log = super::init_logging("warn");
    let store = Store::open(&config.data_dir, config.database_url.as_ref()).await?;
    let app = dateline::operator::app(store, &config).await?;
    let result = act(&app, args.action).await;
    app.store.close().await;
    result
}

async fn ids_or_pending(app: &App, ids: Vec<i64>, all_pending: bool) -> anyhow::Result<Vec<i64>> {
    if all_pending {
        let queue =
            comments::queue(app, OPERATOR, Some(CommentStatus::Pending), None, i64::MAX).await?;
        return Ok(queue.into_iter().map(|c| c.id).collect());
    }
    if ids.is_empty() {
        anyhow::bail!("name the comments by id, or give --all-pending");
    }
    Ok(ids)
}

async fn act(app: &App, action: Action) -> anyhow::Result<ExitCode> {
    let now = OffsetDateTime::now_utc();
    match action {
        Action::List {
            status,
            article,
            limit,
            json,
        } => {
            let items = comments::queue(app, OPERATOR, status, article, limit).await?;
            for c in &items {
                if json {
                    println!("{}", serde_json::to_string(c)?);
                    continue;
                }
                let h = &c.history;
                println!(
                    "#{} [{}] {} <{}> on #{} {:?} at {}  (history: {} approved, {} rejected, {} spam, {} pending){}",
                    c.id,
                    c.status,
                    c.name,
                    c.email,
                    c.article_id,
                    c.article_headline,
                    c.created_at.date(),
                    h.approved,
                    h.rejected,
                    h.spam,
                    h.pending,
                    c.spam_reason.as_deref().map(|r| format!(" spam: {r}")).unwrap_or_default()
                );
                for line in c.body.lines() {
                    println!("    {line}");
                }
            }
            if !json {
                println!("{} comment(s)", items.len());
            }
        }
        Action::Approve { ids, all_pending } => {
            moderate(app, ids, all_pending, CommentStatus::Approved, now).await?
        }
        Action::Reject { ids, all_pending } => {
            moderate(app, ids, all_pending, CommentStatus::Rejected, now).await?
        }
        Action::Spam { ids, all_pending } => {
            moderate(app, ids, all_pending, CommentStatus::Spam, now).await?
        }
        Action::Delete { ids } => {
            if ids.is_empty() {
                anyhow::bail!("name the comments to delete by id");
            }
            let n = comments::moderate(app, OPERATOR, Moderation::Delete, &ids, now).await?;
            println!("{n} comment(s) deleted");
            if n < ids.len() as u64 {
                return Ok(ExitCode::from(2));
            }
        }
        Action::Block { email, comment } => {
            let email = comments::block(app, OPERATOR, email.as_deref(), comment, now).await?;
            println!("blocked {email}");
        }
        Action::Unblock { email } => {
            let n = comments::unblock(app, OPERATOR, &email, now).await?;
            println!("{n} block(s) lifted for {email}");
        }
        Action::Export { email } => {
            for c in app.store.comments_by_email(&email).await? {
                println!("{}", serde_json::to_string(&c)?);
            }
        }
        Action::Erase { email } => {
            let n = comments::erase(app, OPERATOR, &email, now).await?;
            println!("{n} comment(s) by {email} erased");
        }
        Action::Open { article, section } => set_open(app, article, section, true, now).await?,
        Action::Close { article, section } => set_open(app, article, section, false, now).await?,
    }
    Ok(ExitCode::SUCCESS)
}

async fn moderate(
    app: &App,
    ids: Vec<i64>,
    all_pending: bool,
    status: CommentStatus,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let ids = ids_or_pending(app, ids, all_pending).await?;
    let action = match status {
        CommentStatus::Approved => Moderation::Approve,
        CommentStatus::Rejected => Moderation::Reject,
        _ => Moderation::Spam,
    };
    let n = comments::moderate(app, OPERATOR, action, &ids, now).await?;
    println!("{n} comment(s) now {status}");
    if n < ids.len() as u64 {
        anyhow::bail!(
            "{} of the comments named do not exist",
            ids.len() as u64 - n
        );
    }
    Ok(())
}

async fn set_open(
    app: &App,
    article: Option<i64>,
    section: Option<String>,
    open: bool,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let word = if open { "open" } else { "closed" };
    match (article, section) {
        (Some(id), _) => {
            comments::set_open(app, OPERATOR, Place::Article(id), open, now).await?;
            println!("comments {word} on article #{id}");
        }
        (None, Some(section)) => {
            let (lang, slug) = section
                .split_once('/')
                .ok_or_else(|| anyhow::anyhow!("give the section as LANG/SLUG, e.g. en/world"))?;
            let lang: Language = lang.parse()?;
            comments::set_open(app, OPERATOR, Place::Section(lang, slug), open, now).await?;
            println!("comments {word} on section {section}");
        }
        (None, None) => anyhow::bail!("name an --article or a --section"),
    }
    Ok(())
}
