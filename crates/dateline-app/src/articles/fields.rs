//! The editor's fields, as typed, and reading them into an article.

use super::problem::{Problem, Problems};
use dateline_core::media::MediaKind;
use dateline_core::slug::{is_valid_slug, slugify};
use dateline_core::zone::SiteZone;
use dateline_core::{ArticleInput, Dateline, Language, Status};
use dateline_store::{Store, StoreError};
use serde::{Deserialize, Serialize};

/// The editor's fields as typed: strings, so that whatever was typed comes
/// back to the form when something is wrong with it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Fields {
    pub headline: String,
    pub standfirst: String,
    pub dateline_place: String,
    pub dateline_date: String,
    pub dateline_agency: String,
    pub byline: String,
    pub language: String,
    pub section: String,
    pub slug: String,
    pub tags: String,
    pub story_key: String,
    pub body: String,
    pub published_at: String,
    pub image_id: String,
    pub audio_id: String,
    pub programme_id: String,
    pub version: String,
    #[serde(skip_serializing)]
    pub csrf: String,
    #[serde(skip_serializing)]
    pub intent: String,
}

const DAY: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl Fields {
    /// The fields of a stored article; its schedule on the site's clock
    /// (`zone`), as the `datetime-local` field shows it.
    pub fn from_input(
        input: &ArticleInput,
        version: i64,
        zone: &dateline_core::zone::SiteZone,
    ) -> Fields {
        let dateline = input.dateline.as_ref();
        Fields {
            headline: input.headline.clone(),
            standfirst: input.standfirst.clone().unwrap_or_default(),
            dateline_place: dateline.map(|d| d.place.clone()).unwrap_or_default(),
            dateline_date: input
                .dateline_date
                .and_then(|d| d.format(DAY).ok())
                .unwrap_or_default(),
            dateline_agency: dateline.and_then(|d| d.agency.clone()).unwrap_or_default(),
            byline: input.byline.clone().unwrap_or_default(),
            language: input.language.code().to_string(),
            section: input.section.clone(),
            slug: input.slug.clone(),
            tags: input.tags.join(", "),
            story_key: input.story_key.clone().unwrap_or_default(),
            body: input.body_markdown.clone(),
            published_at: input
                .published_at
                .map(|t| zone.datetime_local(t))
                .unwrap_or_default(),
            image_id: input.image_id.map(|i| i.to_string()).unwrap_or_default(),
            audio_id: input.audio_id.map(|i| i.to_string()).unwrap_or_default(),
            programme_id: input
                .programme_id
                .map(|i| i.to_string())
                .unwrap_or_default(),
            version: version.to_string(),
            csrf: String::new(),
            intent: String::new(),
        }
    }
}

/// What reading the fields needs to know of the site.
pub struct Site<'a> {
    /// Where a `datetime-local` time is read.
    pub zone: &'a SiteZone,
    /// The language of fields that name none the site has.
    pub default_language: Language,
}

/// Reads the fields into an article on this site (see [`read`]).
pub async fn read_on(
    app: &crate::App,
    form: &Fields,
    base: Option<&ArticleInput>,
    id: Option<i64>,
) -> Result<(ArticleInput, Problems), StoreError> {
    let site = app.site();
    let reading = Site {
        zone: &site.time_zone,
        default_language: app.config.default_language,
    };
    read(&app.store, &reading, form, base, id).await
}

/// Reads the fields into an article, collecting every problem by field.
/// `base` is the saved article (its status and import key are kept); `id`
/// is its id, so that its own slug is not taken for another's.
pub async fn read(
    store: &Store,
    site: &Site<'_>,
    form: &Fields,
    base: Option<&ArticleInput>,
    id: Option<i64>,
) -> Result<(ArticleInput, Problems), StoreError> {
    let mut errors = Problems::new();
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let language = match form.language.parse::<Language>() {
        Ok(l) => l,
        Err(_) => {
            errors.insert("language", Problem::Language);
            site.default_language
        }
    };
    if !errors.has("language")
        && !store
            .sections(language)
            .await?
            .iter()
            .any(|s| s.slug == form.section)
    {
        errors.insert("section", Problem::Section);
    }
    let slug = match text(&form.slug) {
        Some(s) => s,
        None => slugify(&form.headline),
    };
    if !slug.is_empty()
        && is_valid_slug(&slug)
        && !errors.has("section")
        && store.slug_taken(language, &form.section, &slug, id).await?
    {
        errors.insert("slug", Problem::SlugTaken);
    }
    let dateline_date = match text(&form.dateline_date) {
        None => None,
        Some(d) => match time::Date::parse(&d, DAY) {
            Ok(d) => Some(d),
            Err(_) => {
                errors.insert("dateline_date", Problem::DatelineDate);
                None
            }
        },
    };
    let dateline = match text(&form.dateline_place) {
        Some(place) => Some(Dateline {
            place,
            date: None,
            agency: text(&form.dateline_agency),
        }),
        None => {
            if dateline_date.is_some() || text(&form.dateline_agency).is_some() {
                errors.insert("dateline_place", Problem::DatelinePlace);
            }
            None
        }
    };
    // A `datetime-local` value is a time on the site's clock.
    let published_at = match text(&form.published_at) {
        None => None,
        Some(t) => match site.zone.parse_datetime_local(&t) {
            Some(at) => Some(at),
            None => {
                errors.insert(
                    "published_at",
                    Problem::PublishedAt {
                        zone: site.zone.name().to_string(),
                    },
                );
                None
            }
        },
    };
    let mut media = |field: &'static str, value: &str| -> Option<i64> {
        let v = text(value)?;
        match v.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.insert(field, Problem::Media);
                None
            }
        }
    };
    let image_id = media("image_id", &form.image_id);
    let audio_id = media("audio_id", &form.audio_id);
    for (field, id, kind) in [
        ("image_id", image_id, MediaKind::Image),
        ("audio_id", audio_id, MediaKind::Audio),
    ] {
        if let Some(id) = id {
            match store.media(id).await {
                Ok(m) if m.kind == kind => {}
                _ => errors.insert(field, Problem::Media),
            }
        }
    }
    // A programme of the article's language.
    let programme_id = match text(&form.programme_id) {
        None => None,
        Some(v) => {
            let found = match v.parse::<i64>() {
                Ok(id) => match store.programme_by_id(id).await {
                    Ok(p) => Some(p),
                    Err(StoreError::NotFound) => None,
                    Err(e) => return Err(e),
                },
                Err(_) => None,
            };
            match found {
                Some(p) if p.language == language => Some(p.id),
                Some(_) => {
                    errors.insert("programme_id", Problem::ProgrammeLanguage);
                    None
                }
                None => {
                    errors.insert("programme_id", Problem::Programme);
                    None
                }
            }
        }
    };
    let input = ArticleInput {
        language,
        section: form.section.trim().to_string(),
        slug,
        headline: form.headline.trim().to_string(),
        standfirst: text(&form.standfirst),
        dateline,
        dateline_date,
        byline: text(&form.byline),
        tags: form
            .tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        body_markdown: form.body.replace("\r\n", "\n"),
        status: base.map(|b| b.status).unwrap_or(Status::Draft),
        published_at: published_at.or(base.and_then(|b| b.published_at)),
        story_key: text(&form.story_key),
        source_key: base.and_then(|b| b.source_key.clone()),
        image_id,
        audio_id,
        programme_id,
    };
    errors.add_article_rules(&input);
    if form.headline.trim().is_empty() && form.slug.trim().is_empty() {
        // The slug is made from the headline: one error is enough.
        errors.remove("slug");
    }
    Ok((input, errors))
}
