//! Copy filed as articles: published by an operator, or a draft of the
//! member who takes it from the desk's queue, within the newsroom's rules.

use super::{refused, Filer, IngestOptions, Notice, Problem, ProblemKind, Report, Touched};
use dateline_core::newsroom::{may_edit, Action};
use dateline_core::slug::slugify;
use dateline_core::{ArticleInput, Language, Status};
use dateline_import::{parse_wire, WireOptions, WireStory};
use dateline_store::{Saved, Store, StoreError, WireCopy};
use time::{OffsetDateTime, Time};

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
    match file(store, name, bytes, options, now, &mut report.warnings).await {
        Ok((touched, what)) => {
            if touched.created {
                report.created.push((name.to_string(), what));
            } else {
                report.updated.push((name.to_string(), what));
            }
            report.touched.push(touched);
        }
        Err(problem) => report.failed.push(problem),
    }
}

/// Files one copy as an article; returns what was touched and its path
/// (or `draft #id`).
async fn file(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    now: OffsetDateTime,
    warnings: &mut Vec<Notice>,
) -> Result<(Touched, String), Problem> {
    let story = parse_wire(name, bytes, &options.wire)
        .map_err(|e| Problem::new(name, e.line, ProblemKind::Wire(e.kind)))?;
    let input = to_input(store, name, bytes, story, options, now, warnings).await?;
    // Rendered off the async threads, before any transaction opens.
    let html = crate::body::render(&input.body_markdown)
        .await
        .map_err(|e| Problem::new(name, 1, ProblemKind::Body(e)))?;
    let filed = match options.by {
        None => store
            .save_rendered(None, &input, &html, now, None)
            .await
            .map(|o| (o, None))
            .map_err(refused),
        Some(filer) => as_member(store, filer, input, &html, now).await,
    };
    let (outcome, copy_of) = filed.map_err(|kind| Problem::new(name, 1, kind))?;
    let what = outcome
        .path
        .clone()
        .unwrap_or_else(|| format!("draft #{}", outcome.id));
    if let Some(other) = copy_of {
        warnings.push(Notice::CopyOf {
            file: name.to_string(),
            other,
            id: outcome.id,
        });
    }
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
    Ok((
        Touched {
            id: outcome.id,
            file: name.to_string(),
            created: outcome.created,
            copy_of,
        },
        what,
    ))
}

/// Turns a queue item into a draft of `filer`'s (or updates the draft an
/// earlier take of the same story made, when they may edit it). Returns
/// the article touched and what is worth knowing.
pub async fn take(
    store: &Store,
    copy: &WireCopy,
    filer: Filer,
    now: OffsetDateTime,
) -> Result<(Touched, Vec<Notice>), Problem> {
    let options = IngestOptions {
        wire: WireOptions {
            year: copy.year,
            default_language: copy.language,
            default_section: copy.default_section.clone(),
        },
        status: Status::Draft,
        desk: true,
        by: Some(filer),
    };
    let mut warnings = Vec::new();
    let (touched, _) = file(
        store,
        &copy.file_name,
        copy.copy.as_bytes(),
        &options,
        now,
        &mut warnings,
    )
    .await?;
    Ok((touched, warnings))
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
) -> Result<(dateline_store::SaveOutcome, Option<i64>), ProblemKind> {
    let key = input.source_key.clone().unwrap_or_default();
    let copy_status = input.status;
    let copy_published = input.published_at;
    let mut refused_by: Option<i64> = None;
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
            .map_err(refused)?;
        let Some(meta) = existing else {
            if refused_by.is_some() {
                // A copy is the member's draft, whatever the copy says.
                input.status = Status::Draft;
            }
            let outcome = store
                .save_new_rendered(&input, html, now, Some(filer.user_id))
                .await
                .map_err(refused)?;
            return Ok((outcome, refused_by));
        };
        let is_author = meta.created_by == Some(filer.user_id);
        if !may_edit(filer.role, is_author, meta.status) {
            refused_by.get_or_insert(meta.id);
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
            Ok(Saved::Done(outcome)) => Ok((outcome, refused_by)),
            Ok(Saved::Conflict { .. }) => Err(ProblemKind::Changed(meta.id)),
            Err(e) => Err(refused(e)),
        };
    }
    Err(ProblemKind::TooManyCopies(MAX_COPIES))
}

async fn to_input(
    store: &Store,
    name: &str,
    bytes: &[u8],
    story: WireStory,
    options: &IngestOptions,
    now: OffsetDateTime,
    warnings: &mut Vec<Notice>,
) -> Result<ArticleInput, Problem> {
    let fail = |line: usize| move |e: StoreError| Problem::new(name, line, refused(e));
    let language = story.language;
    let section = match &story.section {
        Some(s) => s.clone(),
        None => first_section(store, language).await.map_err(fail(1))?,
    };
    let may_create = options
        .by
        .is_none_or(|filer| filer.role.may(Action::ManageSections));
    if may_create {
        store
            .ensure_section(language, &section)
            .await
            .map_err(fail(section_line(bytes)))?;
    } else {
        let exists = store
            .sections(language)
            .await
            .map_err(fail(1))?
            .iter()
            .any(|s| s.slug == section);
        if !exists {
            let kind = ProblemKind::NoSection(section);
            return Err(Problem::new(name, section_line(bytes), kind));
        }
    }

    let mut dateline_date = story.dateline_date;
    if dateline_date.is_none() {
        if let Some(date) = story.dateline.as_ref().and_then(|d| d.date) {
            // No year anywhere: assume this year, and say so.
            dateline_date = date.resolve(now.year());
            // In the newsroom's words on the desk; the flag at the command line.
            warnings.push(Notice::NoYear {
                file: name.to_string(),
                year: now.year(),
                desk: options.desk,
            });
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
            .map_err(fail(1))?
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
