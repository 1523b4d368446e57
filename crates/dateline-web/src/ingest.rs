//! Ingesting wire copy: parsed stories into the store, one file at a time,
//! so that a bad file is reported and the rest of the batch still lands.

use dateline_core::slug::slugify;
use dateline_core::{ArticleInput, Language, Status};
use dateline_import::{parse_wire, WireOptions, WireStory};
use dateline_store::Store;
use time::{OffsetDateTime, Time};

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
}

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
    let input = match to_input(store, name, story, options, now, report).await {
        Ok(input) => input,
        Err(message) => {
            report.failed.push(format!("{name}:1: {message}"));
            return;
        }
    };
    match store.save_article(None, &input, now).await {
        Ok(outcome) => {
            let what = outcome
                .path
                .unwrap_or_else(|| format!("draft #{}", outcome.id));
            if outcome.created {
                report.created.push((name.to_string(), what));
            } else {
                report.updated.push((name.to_string(), what));
            }
        }
        Err(e) => report.failed.push(format!("{name}:1: {e}")),
    }
}

async fn to_input(
    store: &Store,
    name: &str,
    story: WireStory,
    options: &IngestOptions,
    now: OffsetDateTime,
    report: &mut Report,
) -> Result<ArticleInput, String> {
    let language = story.language;
    let section = match &story.section {
        Some(s) => s.clone(),
        None => first_section(store, language).await?,
    };
    store
        .ensure_section(language, &section)
        .await
        .map_err(|e| e.to_string())?;

    let mut dateline_date = story.dateline_date;
    if dateline_date.is_none() {
        if let Some(date) = story.dateline.as_ref().and_then(|d| d.date) {
            // No year anywhere: assume this year, and say so.
            dateline_date = date.resolve(now.year());
            report.warnings.push(format!(
                "{name}: the dateline gives no year; assumed {} (use --year)",
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
    if options.desk {
        if let Some(existing) = store
            .article_by_source_key(&story.identity_key())
            .await
            .map_err(|e| e.to_string())?
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

async fn first_section(store: &Store, language: Language) -> Result<String, String> {
    let sections = store.sections(language).await.map_err(|e| e.to_string())?;
    Ok(sections
        .first()
        .map(|s| s.slug.clone())
        .unwrap_or_else(|| "news".to_string()))
}
