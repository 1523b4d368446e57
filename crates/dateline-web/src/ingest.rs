//! Ingesting wire copy: parsed stories into the store, one file at a time,
//! so that a bad file is reported and the rest of the batch still lands.
//!
//! Copy filed by an operator (`dateline import wire`) may create sections
//! and updates whatever article came from the same copy before. Copy a
//! newsroom member files through the wire desk meets the newsroom's rules:
//! it updates an earlier article only when the member may edit that
//! article (`dateline_core::newsroom::may_edit`), and otherwise becomes a
//! new draft of its own for an editor, leaving the article as it was; it
//! creates a section only for a member who may manage sections. Revisions
//! and the audit log name the member and each article touched.

use dateline_core::newsroom::{may_edit, Action, Role};
use dateline_core::slug::slugify;
use dateline_core::{ArticleInput, Language, Status};
use dateline_import::{parse_wire, WireOptions, WireStory};
use dateline_store::{Saved, Store, StoreError};
use time::{OffsetDateTime, Time};

/// The newsroom member filing copy through the wire desk.
#[derive(Debug, Clone, Copy)]
pub struct Filer {
    pub user_id: i64,
    pub role: Role,
}

/// How imported copy is filed.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub wire: WireOptions,
    /// Published at once (the default) or held as a draft for an editor.
    pub status: Status,
    /// For the newsroom's wire desk: a draft is dated when an editor
    /// publishes it (unless the copy names its own time), and copy that
    /// updates an article already past draft keeps that article's status
    /// instead of taking it off the site.
    pub desk: bool,
    /// The member filing the copy, whose rights it meets; None for an
    /// operator at the command line, who may do anything.
    pub by: Option<Filer>,
}

/// An article a file created or updated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    pub id: i64,
    pub file: String,
    pub created: bool,
    /// For a new draft made because the member may not change the article
    /// the copy would have updated: that article.
    pub copy_of: Option<i64>,
}

/// What happened to each file of a batch.
#[derive(Debug, Default)]
pub struct Report {
    pub created: Vec<(String, String)>,
    pub updated: Vec<(String, String)>,
    /// `file:line: message` for each file that was refused.
    pub failed: Vec<String>,
    /// Things worth knowing that did not stop a file.
    pub warnings: Vec<String>,
    /// Each article touched, by id.
    pub touched: Vec<Touched>,
}

impl Report {
    pub fn summary(&self) -> String {
        format!(
            "{} created, {} updated, {} failed",
            self.created.len(),
            self.updated.len(),
            self.failed.len()
        )
    }

    /// The summary with the ids of the articles touched, for the audit log.
    pub fn summary_with_ids(&self) -> String {
        let ids = |created: bool| {
            self.touched
                .iter()
                .filter(|t| t.created == created)
                .map(|t| format!("#{}", t.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{} created ({}), {} updated ({}), {} failed",
            self.created.len(),
            ids(true),
            self.updated.len(),
            ids(false),
            self.failed.len()
        )
    }
}

/// The most copies of one identity a member may keep as drafts of their
/// own beside articles they may not change.
const MAX_COPIES: usize = 20;

/// Imports one file's bytes, recording the outcome in `report`.
pub async fn ingest(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    now: OffsetDateTime,
    report: &mut Report,
) {
    let story = match parse_wire(name, bytes, &options.wire) {
        Ok(story) => story,
        Err(e) => {
            report.failed.push(e.to_string());
            return;
        }
    };
    let input = match to_input(store, name, bytes, story, options, now, report).await {
        Ok(input) => input,
        Err(message) => {
            report.failed.push(message);
            return;
        }
    };
    // Rendered off the async threads, before any transaction opens.
    let html = match crate::body::render(&input.body_markdown).await {
        Ok(html) => html,
        Err(e) => {
            report.failed.push(format!("{name}:1: {e}"));
            return;
        }
    };
    let filed = match options.by {
        None => store
            .save_rendered(None, &input, &html, now, None)
            .await
            .map(|o| (o, None))
            .map_err(|e| e.to_string()),
        Some(filer) => as_member(store, filer, input, &html, now).await,
    };
    match filed {
        Ok((outcome, copy_of)) => {
            let what = outcome
                .path
                .clone()
                .unwrap_or_else(|| format!("draft #{}", outcome.id));
            if outcome.created {
                report.created.push((name.to_string(), what));
            } else {
                report.updated.push((name.to_string(), what));
            }
            if let Some(other) = copy_of {
                report.warnings.push(format!(
                    "{name}: this copy would change article #{other}, which you may not edit; \
                     it is a new draft (#{}) for an editor instead",
                    outcome.id
                ));
            }
            report.touched.push(Touched {
                id: outcome.id,
                file: name.to_string(),
                created: outcome.created,
                copy_of,
            });
            if let Some(filer) = options.by {
                let detail = match (outcome.created, copy_of) {
                    (_, Some(other)) => {
                        format!("new draft from {name}: a copy of #{other}, which this member may not edit")
                    }
                    (true, None) => format!("created from {name}"),
                    (false, None) => format!("updated from {name}"),
                };
                if let Err(e) = store
                    .audit(
                        now,
                        Some(filer.user_id),
                        "import-wire",
                        "article",
                        Some(outcome.id),
                        Some(&detail),
                    )
                    .await
                {
                    tracing::error!(error = %e, article = outcome.id, "the audit entry was not written");
                }
            }
        }
        Err(message) => report.failed.push(format!("{name}:1: {message}")),
    }
}

/// Files copy as a member: it updates the article of its identity only
/// when the member may edit that article, else it goes to a draft of its
/// own (under a key of its own, so neither collides with the other and the
/// same copy filed again updates that draft). Returns the outcome and, for
/// such a draft, the article it is a copy of.
async fn as_member(
    store: &Store,
    filer: Filer,
    mut input: ArticleInput,
    html: &dateline_core::markdown::SafeHtml,
    now: OffsetDateTime,
) -> Result<(dateline_store::SaveOutcome, Option<i64>), String> {
    let key = input.source_key.clone().unwrap_or_default();
    let copy_status = input.status;
    let copy_published = input.published_at;
    let mut refused: Option<i64> = None;
    for n in 0..=MAX_COPIES {
        let candidate = match n {
            0 => key.clone(),
            1 => format!("{key}#copy:{}", filer.user_id),
            n => format!("{key}#copy:{}:{n}", filer.user_id),
        };
        input.source_key = Some(candidate.clone());
        let existing = store
            .newsroom_article_by_source_key(&candidate)
            .await
            .map_err(|e| e.to_string())?;
        let Some(meta) = existing else {
            if refused.is_some() {
                // A copy is the member's draft, whatever the copy says.
                input.status = Status::Draft;
            }
            let outcome = store
                .save_new_rendered(&input, html, now, Some(filer.user_id))
                .await
                .map_err(|e| e.to_string())?;
            return Ok((outcome, refused));
        };
        let is_author = meta.created_by == Some(filer.user_id);
        if !may_edit(filer.role, is_author, meta.status) {
            refused.get_or_insert(meta.id);
            continue;
        }
        // Copy that updates an article past draft keeps it where it is.
        (input.status, input.published_at) = if meta.status != Status::Draft {
            (meta.status, meta.published_at.or(copy_published))
        } else {
            (copy_status, copy_published)
        };
        return match store
            .save_checked_rendered(
                Some(meta.id),
                &input,
                html,
                Some(meta.version),
                filer.user_id,
                now,
            )
            .await
        {
            Ok(Saved::Done(outcome)) => Ok((outcome, refused)),
            Ok(Saved::Conflict { .. }) => Err(format!(
                "article #{} changed while this copy came in; send the file again",
                meta.id
            )),
            Err(StoreError::Invalid(why)) => Err(why),
            Err(e) => Err(e.to_string()),
        };
    }
    Err(format!(
        "you already have {MAX_COPIES} drafts of this copy; ask an editor to look at them"
    ))
}

async fn to_input(
    store: &Store,
    name: &str,
    bytes: &[u8],
    story: WireStory,
    options: &IngestOptions,
    now: OffsetDateTime,
    report: &mut Report,
) -> Result<ArticleInput, String> {
    let language = story.language;
    let section = match &story.section {
        Some(s) => s.clone(),
        None => first_section(store, language)
            .await
            .map_err(|e| format!("{name}:1: {e}"))?,
    };
    let may_create = options
        .by
        .is_none_or(|filer| filer.role.may(Action::ManageSections));
    if may_create {
        store
            .ensure_section(language, &section)
            .await
            .map_err(|e| format!("{name}:{}: {e}", section_line(bytes)))?;
    } else {
        let exists = store
            .sections(language)
            .await
            .map_err(|e| format!("{name}:1: {e}"))?
            .iter()
            .any(|s| s.slug == section);
        if !exists {
            return Err(format!(
                "{name}:{}: no section \"{section}\"; ask an administrator",
                section_line(bytes)
            ));
        }
    }

    let mut dateline_date = story.dateline_date;
    if dateline_date.is_none() {
        if let Some(date) = story.dateline.as_ref().and_then(|d| d.date) {
            // No year anywhere: assume this year, and say so.
            dateline_date = date.resolve(now.year());
            // In the newsroom's words on the desk; the flag at the command line.
            let hint = if options.desk {
                "check the date before publishing"
            } else {
                "use --year"
            };
            report.warnings.push(format!(
                "{name}: the dateline gives no year; assumed {} ({hint})",
                now.year()
            ));
        }
    }
    // Copy without a publication time is dated by its dateline's day when
    // that is in the past, so archives keep their dates; else it is news now.
    let published_at = story.published.or_else(|| {
        dateline_date
            .map(|d| {
                d.with_time(Time::from_hms(12, 0, 0).unwrap_or(Time::MIDNIGHT))
                    .assume_utc()
            })
            .filter(|at| *at <= now)
    });
    let published_at = if options.desk && options.status == Status::Draft {
        story.published
    } else {
        Some(published_at.unwrap_or(now))
    };
    let slug = match &story.slug {
        Some(s) => s.clone(),
        None => {
            let s = slugify(&story.headline);
            if s.is_empty() {
                "story".to_string()
            } else {
                s
            }
        }
    };
    let source_key = Some(story.identity_key());
    let mut status = options.status;
    let mut published_at = published_at;
    // An operator's copy for the desk keeps a published article published
    // (a member's copy is decided in `as_member`).
    if options.desk && options.by.is_none() {
        if let Some(existing) = store
            .article_by_source_key(&story.identity_key())
            .await
            .map_err(|e| format!("{name}:1: {e}"))?
        {
            if existing.status != Status::Draft {
                status = existing.status;
                published_at = existing.published_at.or(published_at);
            }
        }
    }
    Ok(ArticleInput {
        language,
        section,
        slug,
        headline: story.headline,
        standfirst: story.standfirst,
        dateline: story.dateline,
        dateline_date,
        byline: story.byline,
        tags: story.tags,
        body_markdown: story.body_markdown,
        status,
        published_at,
        story_key: story.story,
        source_key,
        image_id: None,
        audio_id: None,
        programme_id: None,
    })
}

/// The line of the copy's `Section:` header, else 1.
fn section_line(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes)
        .lines()
        .take(50)
        .position(|l| {
            l.get(..8)
                .is_some_and(|h| h.eq_ignore_ascii_case("section:"))
        })
        .map_or(1, |i| i + 1)
}

async fn first_section(store: &Store, language: Language) -> Result<String, StoreError> {
    let sections = store.sections(language).await?;
    Ok(sections
        .first()
        .map(|s| s.slug.clone())
        .unwrap_or_else(|| "news".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_header_is_found_by_line() {
        assert_eq!(section_line(b"Headline: x\nSection: sport\n\nBody"), 2);
        assert_eq!(section_line(b"SECTION: sport"), 1);
        assert_eq!(section_line(b"Plain copy\nwithout headers"), 1);
    }
}
