//! Moving in from WordPress: an export (WXR, as Tools → Export writes it)
//! into the site, through the same doors the newsroom uses (articles,
//! pages, sections, media uploads, accounts), so the same validation and
//! sanitising apply: a `<script>` in a post or a comment never comes
//! through.
//!
//! The file is read twice, as a stream each time (`dateline_import::
//! wordpress::WxrReader` on a thread of its own, a few entries ahead):
//! first for the small facts the second needs before it meets a post
//! ([`plan`]: attachments, the pages' and categories' trees, the posts'
//! links for the permalink structure), then to import ([`terms`] for
//! categories, tags and authors, [`posts`] for posts, pages and their
//! comments, [`pictures`] for the media). Memory holds those facts and one
//! item, whatever the file's size.
//!
//! Importing the same export again updates what the first import made:
//! `wordpress_ids` maps each WordPress thing (by the site's address, its
//! kind and its id) to its local row. A bad item is reported with its line
//! and the rest goes on; [`Report`] counts what was imported, updated and
//! skipped, and why. Every old address is kept in `wordpress_links` and
//! answered with a 301 (`reading::old_links`).
//!
//! Least privilege: authors become bylines, and newsroom accounts that are
//! disabled and have no password until an administrator invites them.

mod comments;
mod expand;
mod fetch;
mod pictures;
mod plan;
mod posts;
mod report;
pub mod runs;
mod terms;

pub use report::{Problem, Report, Tally};

use crate::App;
use dateline_core::slug::is_section_slug;
use dateline_core::Language;
use dateline_import::wordpress::wxr::Entry;
use dateline_import::wordpress::{permalinks::PermalinkError, Structure};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// How an export is brought in.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language of everything imported [default: the export's, else
    /// the site's default].
    pub language: Option<Language>,
    /// WordPress's `wp-content/uploads` folder, with its `YYYY/MM/` paths.
    pub uploads: Option<PathBuf>,
    /// Category slug → section slug; other categories become sections of
    /// their own.
    pub section_map: Vec<(String, String)>,
    /// Everything comes in as a draft, whatever its status was.
    pub draft: bool,
    /// Fetch pictures the uploads folder does not hold from their
    /// addresses (public ones only, within a deadline and the library's
    /// size limit).
    pub fetch: bool,
    /// Counted as the import goes, for whoever follows it.
    pub progress: Option<std::sync::Arc<Progress>>,
    /// The old site's permalink structure (`/%year%/%monthnum%/%postname%/`)
    /// [default: found from the posts' links].
    pub permalinks: Option<String>,
}

/// How far an import has come.
#[derive(Debug, Default)]
pub struct Progress {
    /// Entries (authors, terms, items) read.
    pub entries: std::sync::atomic::AtomicU64,
    /// The line of the last item read.
    pub line: std::sync::atomic::AtomicU64,
}

/// Why an import did not start.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("--permalinks: {0}")]
    Permalinks(#[from] PermalinkError),
    #[error(
        "--section-map {0}: give CATEGORY=SECTION, the section a slug of lowercase letters, \
         digits and hyphens"
    )]
    SectionMap(String),
}

/// What every part of the import shares.
pub(super) struct Context<'a> {
    pub app: &'a App,
    pub options: &'a Options,
    /// The old site, as `wordpress_ids` names it.
    pub site: String,
    pub language: Language,
    pub structure: Structure,
    pub now: OffsetDateTime,
    pub report: Report,
}

/// Opens the export, once a reading.
pub type Opener = Box<dyn Fn() -> std::io::Result<Box<dyn BufRead + Send>> + Send + Sync>;

/// An opener of the file at `path`.
pub fn file_opener(path: &Path) -> Opener {
    let path = path.to_path_buf();
    Box::new(move || {
        let file = std::fs::File::open(&path)?;
        Ok(Box::new(std::io::BufReader::with_capacity(64 * 1024, file)) as Box<dyn BufRead + Send>)
    })
}

/// Imports the export `open` reads (named `name` in messages) as an
/// operator. Problems with single entries are in the report; only options
/// that make no sense refuse the whole import.
pub async fn import(
    app: &App,
    name: &str,
    open: Opener,
    options: &Options,
    now: OffsetDateTime,
) -> Result<Report, Refused> {
    for (category, section) in &options.section_map {
        if category.is_empty() || !is_section_slug(section) {
            return Err(Refused::SectionMap(format!("{category}={section}")));
        }
    }
    let given = options
        .permalinks
        .as_deref()
        .map(Structure::parse)
        .transpose()?;
    let open = std::sync::Arc::new(open);
    let first = open.clone();
    let plan = plan::Plan::read(plan::entries(move || (**first)())).await;
    let (structure, how) = match given {
        Some(s) => {
            let how = format!("{:?}, as given", s.as_str());
            (s, how)
        }
        None => plan.infer(),
    };
    let mut cx = Context {
        app,
        options,
        site: site_key(&plan.base),
        language: options.language.unwrap_or(app.config.default_language),
        structure,
        now,
        report: Report::new(name),
    };
    cx.report.permalinks = how;
    let mut terms = terms::Terms::default();
    let mut pictures = pictures::Pictures::new(options.uploads.clone());
    let second = open.clone();
    let mut rx = plan::entries(move || (**second)());
    while let Some(entry) = rx.recv().await {
        if let Some(progress) = &options.progress {
            use std::sync::atomic::Ordering::Relaxed;
            progress.entries.fetch_add(1, Relaxed);
            if let Ok(Entry::Item(item)) = &entry {
                progress.line.store(item.position.line, Relaxed);
            }
        }
        match entry {
            Ok(Entry::Site(site)) => {
                if options.language.is_none() {
                    match site.language.parse::<Language>() {
                        Ok(language) => cx.language = language,
                        Err(_) if !site.language.trim().is_empty() => {
                            let note = format!(
                                "the export's language {:?} is not one of the site's;                                  everything is imported in {} (see --language)",
                                site.language,
                                cx.language.code()
                            );
                            cx.report.note(note);
                        }
                        Err(_) => {}
                    }
                }
                terms.site(&mut cx).await;
            }
            Ok(Entry::Author(author)) => terms.author(&mut cx, author).await,
            Ok(Entry::Category(category)) => terms.category(&mut cx, &plan, category).await,
            Ok(Entry::Tag(tag)) => terms.tag(&mut cx, tag).await,
            Ok(Entry::Term(_)) => {}
            Ok(Entry::Item(item)) => {
                posts::item(&mut cx, &plan, &mut terms, &mut pictures, *item).await;
            }
            Err(e) => {
                let fatal = e.is_fatal();
                cx.report.problem(e.line(), strip_line(&e.to_string()));
                if fatal {
                    return Ok(cx.report);
                }
            }
        }
    }
    cx.report.complete = true;
    Ok(cx.report)
}

/// The old site as `wordpress_ids` names it: its address without the
/// scheme's case or a trailing slash.
fn site_key(base: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    let base = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
        .unwrap_or(base);
    base.to_lowercase()
}

/// The reader's errors begin with "line N: "; the report says the line.
fn strip_line(message: &str) -> String {
    match message.strip_prefix("line ") {
        Some(rest) => match rest.split_once(": ") {
            Some((n, text)) if n.bytes().all(|b| b.is_ascii_digit()) => text.to_string(),
            _ => message.to_string(),
        },
        None => message.to_string(),
    }
}
