//! Writing and the workflow: the desk, the article list, the editor (with
//! autosave where script runs; previews are in `previews`), saving with
//! edit-conflict detection, workflow moves, correction notes, and revisions
//! with diffs and restore.

use super::auth::Member;
use super::frame::{self, CsrfForm, FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use dateline_core::newsroom::{may_edit, transition, Action, Transition};
use dateline_core::slug::{is_valid_slug, slugify};
use dateline_core::{ArticleInput, Dateline, Language, NoteKind, Status};
use dateline_render::context;
use dateline_store::{NewsroomFilter, Saved};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

const PER_PAGE: i64 = 50;

/// The editor's fields as typed: strings, so that whatever was typed comes
/// back to the form when something is wrong with it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ArticleForm {
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

impl ArticleForm {
    /// The form filled from a saved article.
    /// The form of a stored article; its schedule on the site's clock
    /// (`zone`), as the `datetime-local` field shows it.
    pub fn from_input(
        input: &ArticleInput,
        version: i64,
        zone: &dateline_core::zone::SiteZone,
    ) -> ArticleForm {
        let dateline = input.dateline.as_ref();
        ArticleForm {
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

/// Reads the form into an article, collecting every problem by field.
/// `base` is the saved article (its status and import key are kept).
pub(super) async fn parse(
    state: &AppState,
    lang: Language,
    form: &ArticleForm,
    base: Option<&ArticleInput>,
    id: Option<i64>,
) -> Result<(ArticleInput, FieldErrors), NewsroomError> {
    let mut errors = FieldErrors::new();
    let say = |key: &str| frame::say(state, lang, key, &[]);
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let language = match form.language.parse::<Language>() {
        Ok(l) => l,
        Err(_) => {
            errors.insert("language", say("nr-err-language"));
            state.config.default_language
        }
    };
    if !errors.contains_key("language")
        && !state
            .app
            .store
            .sections(language)
            .await?
            .iter()
            .any(|s| s.slug == form.section)
    {
        errors.insert("section", say("nr-err-section"));
    }
    let slug = match text(&form.slug) {
        Some(s) => s,
        None => slugify(&form.headline),
    };
    if !slug.is_empty()
        && is_valid_slug(&slug)
        && !errors.contains_key("section")
        && state
            .app
            .store
            .slug_taken(language, &form.section, &slug, id)
            .await?
    {
        errors.insert("slug", say("nr-err-slug-taken"));
    }
    let dateline_date = match text(&form.dateline_date) {
        None => None,
        Some(d) => match time::Date::parse(&d, DAY) {
            Ok(d) => Some(d),
            Err(_) => {
                errors.insert("dateline_date", say("nr-err-dateline-date"));
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
                errors.insert("dateline_place", say("nr-err-dateline-place"));
            }
            None
        }
    };
    // A `datetime-local` value is a time on the site's clock.
    let published_at = match text(&form.published_at) {
        None => None,
        Some(t) => match state.app.site().time_zone.parse_datetime_local(&t) {
            Some(at) => Some(at),
            None => {
                errors.insert(
                    "published_at",
                    frame::say(
                        state,
                        lang,
                        "nr-err-published-at",
                        &[("zone", state.app.site().time_zone.name().to_string())],
                    ),
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
                errors.insert(field, say("nr-err-media"));
                None
            }
        }
    };
    let image_id = media("image_id", &form.image_id);
    let audio_id = media("audio_id", &form.audio_id);
    for (field, id, kind) in [
        ("image_id", image_id, "image"),
        ("audio_id", audio_id, "audio"),
    ] {
        if let Some(id) = id {
            match state.app.store.media(id).await {
                Ok(m) if m.kind == kind => {}
                _ => {
                    errors.insert(field, say("nr-err-media"));
                }
            }
        }
    }
    // A programme of the article's language.
    let programme_id = match text(&form.programme_id) {
        None => None,
        Some(v) => {
            let found = match v.parse::<i64>() {
                Ok(id) => match state.app.store.programme_by_id(id).await {
                    Ok(p) => Some(p),
                    Err(dateline_store::StoreError::NotFound) => None,
                    Err(e) => return Err(e.into()),
                },
                Err(_) => None,
            };
            match found {
                Some(p) if p.language == language => Some(p.id),
                Some(_) => {
                    errors.insert("programme_id", say("nr-err-programme-language"));
                    None
                }
                None => {
                    errors.insert("programme_id", say("nr-err-programme"));
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
    collect_model_errors(state, lang, &input, &mut errors);
    if form.headline.trim().is_empty() && form.slug.trim().is_empty() {
        // The slug is made from the headline: one error is enough.
        errors.remove("slug");
    }
    Ok((input, errors))
}

/// The model's own rules, by form field, in the member's language.
fn collect_model_errors(
    state: &AppState,
    lang: Language,
    input: &ArticleInput,
    errors: &mut FieldErrors,
) {
    for (field, problem) in input.problems() {
        let field = match field {
            "dateline" => "dateline_place",
            other => other,
        };
        errors
            .entry(field)
            .or_insert_with(|| frame::say_problem(state, lang, &problem));
    }
}

/// A sentence from elsewhere (the store), with a capital and a full stop.
fn sentence(message: &str) -> String {
    let mut s: String = message
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .collect();
    s.push_str(&message.chars().skip(1).collect::<String>());
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// Applies a workflow move to an article about to be saved: the member's
/// right, the move's legality, and the time it needs.
fn apply(
    state: &AppState,
    member: &Member,
    current: Status,
    t: Transition,
    input: &mut ArticleInput,
    now: OffsetDateTime,
    errors: &mut FieldErrors,
) -> Result<(), NewsroomError> {
    member.require(t.action())?;
    let to = match transition(current, t) {
        Ok(to) => to,
        Err(_) => {
            let args = [
                (
                    "status",
                    frame::say(state, member.lang, &format!("nr-status-{current}"), &[]),
                ),
                (
                    "move",
                    frame::say(state, member.lang, &format!("nr-move-{}", t.as_str()), &[]),
                ),
            ];
            errors.insert(
                "form",
                frame::say(state, member.lang, "nr-err-move-not-allowed", &args),
            );
            return Ok(());
        }
    };
    match t {
        Transition::Publish => match input.published_at {
            Some(at) if at > now + Duration::minutes(1) && current != Status::Unpublished => {
                errors.insert(
                    "published_at",
                    frame::say(state, member.lang, "nr-err-publish-future", &[]),
                );
            }
            Some(_) => {}
            None => input.published_at = Some(now),
        },
        Transition::Schedule => match input.published_at {
            Some(at) if at > now => {
                // Embargoes are to the minute.
                input.published_at = Some(
                    at.replace_second(0)
                        .unwrap_or(at)
                        .replace_nanosecond(0)
                        .unwrap_or(at),
                );
            }
            _ => {
                errors.insert(
                    "published_at",
                    frame::say(state, member.lang, "nr-err-schedule-time", &[]),
                );
            }
        },
        _ => {}
    }
    input.status = to;
    collect_model_errors(state, member.lang, input, errors);
    Ok(())
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

/// What the editor shows above the form: a notice of what was done.
#[derive(Default)]
struct Shown {
    notice: Option<&'static str>,
}

/// Everything the editor page shows besides the form.
async fn editor(
    state: &AppState,
    member: &Member,
    id: Option<i64>,
    form: &ArticleForm,
    errors: &FieldErrors,
    shown: Shown,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let Shown { notice } = shown;
    let meta = match id {
        Some(id) => Some(state.app.store.newsroom_article(id).await?),
        None => None,
    };
    let current = meta.as_ref().map(|m| m.status).unwrap_or(Status::Draft);
    let is_author = meta
        .as_ref()
        .map(|m| m.created_by == Some(member.user.id))
        .unwrap_or(true);
    let editable = may_edit(member.user.role, is_author, current);
    let moves: Vec<&str> = Transition::from_status(current)
        .into_iter()
        .filter(|t| member.user.role.may(t.action()))
        .map(Transition::as_str)
        .collect();
    let sections: Vec<_> = state
        .app
        .store
        .all_sections()
        .await?
        .into_iter()
        .map(|s| context! { language => s.language.code(), slug => s.slug, name => s.name })
        .collect();
    let languages: Vec<Choice> = Language::ALL
        .into_iter()
        .map(|l| Choice {
            value: l.code().into(),
            label: l.native_name().into(),
        })
        .collect();
    let mut images = state.app.store.media_list(Some("image"), 200, 0).await?;
    let mut audio = state.app.store.media_list(Some("audio"), 200, 0).await?;
    // The files an article carries are offered even when they are old.
    for (list, chosen) in [(&mut images, &form.image_id), (&mut audio, &form.audio_id)] {
        if let Ok(id) = chosen.trim().parse::<i64>() {
            if !list.iter().any(|m| m.id == id) {
                if let Ok(m) = state.app.store.media(id).await {
                    list.push(m);
                }
            }
        }
    }
    // The picker's thumbnails (the narrowest rendition).
    let images: Vec<_> = images
        .iter()
        .map(|m| {
            context! {
                id => m.id, file_name => m.file_name, alt_text => m.alt_text,
                thumb => m.renditions.first().map(|(v, _)| super::media::member_path(&crate::public::media_path(m, v))),
            }
        })
        .collect();
    let programmes: Vec<_> = state
        .app
        .store
        .all_programmes()
        .await?
        .into_iter()
        .map(|p| context! { id => p.id, language => p.language.code(), name => p.name })
        .collect();
    let pinned = match (id, errors.get("related_kept")) {
        (_, Some(kept)) => kept.clone(),
        (Some(id), None) if member.user.role.may(Action::EditAny) => pinned_text(state, id).await?,
        _ => String::new(),
    };
    let autosaved = match id {
        Some(id) => state
            .app.store
            .pending_autosave(id, member.user.id)
            .await?
            .map(|r| context! { form => ArticleForm::from_input(&r.content, r.version, &state.app.site().time_zone), at => r.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default() }),
        None => None,
    };
    Page::new(
        "nr-editor.html",
        if id.is_some() {
            "nr-edit-title"
        } else {
            "nr-new-title"
        },
        member.lang,
        context! {
            id => id,
            form => form,
            errors => errors,
            notice => notice,
            article => meta,
            editable => editable,
            moves => moves,
            sections => sections,
            languages => languages,
            images => images,
            audio => audio,
            programmes => programmes,
            autosaved => autosaved,
            may_note => member.user.role.may(Action::AddNote) && current == Status::Published,
            may_pin => member.user.role.may(Action::EditAny),
            pinned => pinned,
            editor_js => dateline_render::assets::editor_script(),
            editor_css => dateline_render::assets::editor_stylesheet(),
        },
    )
    .member(member)
    .current(if id.is_some() {
        "/newsroom/articles"
    } else {
        "/newsroom/articles/new"
    })
    .status(status)
    .render(state)
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    language: Option<String>,
    mine: Option<String>,
    q: Option<String>,
    page: Option<u32>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<ListQuery>,
) -> Result<Response, NewsroomError> {
    let page = i64::from(q.page.unwrap_or(1).max(1));
    let filter = NewsroomFilter {
        status: q.status.as_deref().and_then(|s| s.parse().ok()),
        language: q.language.as_deref().and_then(|s| s.parse().ok()),
        created_by: q.mine.is_some().then_some(member.user.id),
        headline: q.q.clone().map(|s| s.chars().take(200).collect()),
    };
    let found = state
        .app
        .store
        .newsroom_articles(&filter, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    Page::new(
        "nr-articles.html",
        "nr-articles-title",
        member.lang,
        context! {
            articles => found.items,
            total => found.total,
            page => page,
            pages => pages,
            filter => context! {
                status => q.status.unwrap_or_default(),
                language => q.language.unwrap_or_default(),
                mine => q.mine.is_some(),
                q => q.q.unwrap_or_default(),
            },
            statuses => ["draft", "submitted", "scheduled", "published", "unpublished"],
            languages => Language::ALL.iter().map(|l| Choice { value: l.code().into(), label: l.native_name().into() }).collect::<Vec<_>>(),
        },
    )
    .member(&member)
    .current("/newsroom/articles")
    .render(&state)
}

pub async fn new(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    member.require(Action::CreateArticle)?;
    let lang = state.config.default_language;
    let form = ArticleForm {
        language: lang.code().into(),
        section: state
            .app
            .store
            .sections(lang)
            .await?
            .first()
            .map(|s| s.slug.clone())
            .unwrap_or_default(),
        byline: member.user.name.clone(),
        ..Default::default()
    };
    editor(
        &state,
        &member,
        None,
        &form,
        &FieldErrors::new(),
        Shown::default(),
        StatusCode::OK,
    )
    .await
}

fn intent_transition(intent: &str) -> Option<Transition> {
    match intent {
        "submit" => Some(Transition::Submit),
        "publish" => Some(Transition::Publish),
        "schedule" => Some(Transition::Schedule),
        _ => None,
    }
}

/// `POST /newsroom/articles`: a new article, saved as a draft (or at once
/// submitted, published or scheduled, as the button pressed says).
pub async fn create(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<ArticleForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::CreateArticle)?;
    store_form(&state, &member, None, form).await
}

pub async fn edit(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Result<Response, NewsroomError> {
    let input = state.app.store.article_input(id).await?;
    let version = state.app.store.article_version(id).await?;
    let notice = q.get("done").map(|d| match d.as_str() {
        "restored" => "nr-notice-restored",
        "note" => "nr-notice-note",
        "related" => "nr-notice-related",
        "moved" => "nr-notice-moved",
        "published" => "nr-notice-published",
        "scheduled" => "nr-notice-scheduled",
        "submitted" => "nr-notice-submitted",
        _ => "nr-notice-saved",
    });
    editor(
        &state,
        &member,
        Some(id),
        &ArticleForm::from_input(&input, version, &state.app.site().time_zone),
        &FieldErrors::new(),
        Shown { notice },
        StatusCode::OK,
    )
    .await
}

/// `POST /newsroom/articles/{id}`: saves the editor's form.
pub async fn save(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<ArticleForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    store_form(&state, &member, Some(id), form).await
}

async fn store_form(
    state: &AppState,
    member: &Member,
    id: Option<i64>,
    form: ArticleForm,
) -> Result<Response, NewsroomError> {
    let now = OffsetDateTime::now_utc();
    let base = match id {
        Some(id) => {
            let meta = state.app.store.newsroom_article(id).await?;
            if !may_edit(
                member.user.role,
                meta.created_by == Some(member.user.id),
                meta.status,
            ) {
                return Err(NewsroomError::Forbidden);
            }
            Some(state.app.store.article_input(id).await?)
        }
        None => None,
    };
    let (mut input, mut errors) = parse(state, member.lang, &form, base.as_ref(), id).await?;
    let current = base.as_ref().map(|b| b.status).unwrap_or(Status::Draft);
    let moved = intent_transition(&form.intent);
    if let Some(t) = moved {
        apply(state, member, current, t, &mut input, now, &mut errors)?;
    }
    if !errors.is_empty() {
        return editor(
            state,
            member,
            id,
            &form,
            &errors,
            Shown::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    // Rendered before the store's transaction opens, off the async threads.
    let html = match dateline_app::body::render(&input.body_markdown).await {
        Ok(html) => html,
        Err(e) => {
            errors.insert("body", frame::say_body(state, member.lang, &e));
            return editor(
                state,
                member,
                id,
                &form,
                &errors,
                Shown::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let version = form.version.trim().parse::<i64>().ok();
    match state
        .app
        .store
        .save_checked_rendered(id, &input, &html, version, member.user.id, now)
        .await
    {
        Ok(Saved::Done(outcome)) => {
            let action = match (moved, outcome.created) {
                (Some(t), _) => t.as_str(),
                (None, true) => "create",
                (None, false) => "save",
            };
            member
                .audit(
                    state,
                    now,
                    action,
                    "article",
                    Some(outcome.id),
                    Some(&input.headline),
                )
                .await?;
            state
                .app
                .store
                .discard_autosave(outcome.id, member.user.id)
                .await?;
            if input.status == Status::Published {
                announce(state, &input).await;
            }
            // The notice says what happened: published (with a link to
            // the live page), scheduled (and when), sent to the editors.
            let done = match moved {
                Some(Transition::Publish) => "published",
                Some(Transition::Schedule) => "scheduled",
                Some(Transition::Submit) => "submitted",
                _ => "saved",
            };
            Ok(frame::see_other(&format!(
                "/newsroom/articles/{}?done={done}",
                outcome.id
            )))
        }
        Ok(Saved::Conflict {
            current_version,
            kept_revision,
        }) => {
            errors.insert(
                "form",
                format!("conflict:{kept_revision}:{current_version}"),
            );
            editor(
                state,
                member,
                id,
                &form,
                &errors,
                Shown::default(),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(dateline_store::StoreError::Invalid(message)) => {
            errors.insert("form", sentence(&message));
            editor(
                state,
                member,
                id,
                &form,
                &errors,
                Shown::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    transition: String,
    #[serde(default)]
    version: String,
}

/// Tells the WebSub hub (if the site names one) that the article's feeds
/// changed.
async fn announce(state: &AppState, input: &ArticleInput) {
    let topics =
        dateline_app::announce::topics(&state.config.base_url, input.language, &input.section);
    dateline_app::announce::feeds_changed(&state.app, topics).await;
}

/// `POST /newsroom/articles/{id}/workflow`: a move without changing the
/// content (unpublish, unschedule, send back...).
pub async fn workflow(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let t: Transition = form
        .transition
        .parse()
        .map_err(|_| NewsroomError::BadRequest("unknown workflow action".into()))?;
    member.require(t.action())?;
    let meta = state.app.store.newsroom_article(id).await?;
    if t == Transition::Submit
        && !may_edit(
            member.user.role,
            meta.created_by == Some(member.user.id),
            meta.status,
        )
    {
        return Err(NewsroomError::Forbidden);
    }
    let mut input = state.app.store.article_input(id).await?;
    let now = OffsetDateTime::now_utc();
    let mut errors = FieldErrors::new();
    apply(
        &state,
        &member,
        meta.status,
        t,
        &mut input,
        now,
        &mut errors,
    )?;
    let version = form
        .version
        .trim()
        .parse::<i64>()
        .ok()
        .or(Some(meta.version));
    if errors.is_empty() {
        // The content does not change, so neither does its render.
        let html = state.app.store.stored_body(id).await?;
        if let Saved::Done(_) = state
            .app
            .store
            .save_checked_rendered(Some(id), &input, &html, version, member.user.id, now)
            .await?
        {
            if matches!(t, Transition::Publish | Transition::Unpublish) {
                announce(&state, &input).await;
            }
            member
                .audit(
                    &state,
                    now,
                    t.as_str(),
                    "article",
                    Some(id),
                    Some(&input.headline),
                )
                .await?;
            return Ok(frame::see_other(&format!(
                "/newsroom/articles/{id}?done=moved"
            )));
        }
        errors.insert(
            "form",
            frame::say(&state, member.lang, "nr-err-moved-meanwhile", &[]),
        );
    }
    let current = state.app.store.article_input(id).await?;
    let version = state.app.store.article_version(id).await?;
    editor(
        &state,
        &member,
        Some(id),
        &ArticleForm::from_input(&current, version, &state.app.site().time_zone),
        &errors,
        Shown::default(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
}

/// `POST /newsroom/articles/{id}/notes`: a correction, clarification or update.
pub async fn note(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<NoteForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::AddNote)?;
    let kind: Option<NoteKind> = form.kind.parse().ok();
    let text = form.text.trim();
    let mut errors = FieldErrors::new();
    if kind.is_none() {
        errors.insert(
            "note_kind",
            frame::say(&state, member.lang, "nr-err-note-kind", &[]),
        );
    }
    if text.is_empty() || text.chars().count() > 2000 {
        errors.insert(
            "note_text",
            frame::say(&state, member.lang, "nr-err-note-text", &[]),
        );
    }
    let meta = state.app.store.newsroom_article(id).await?;
    if meta.status != Status::Published {
        errors.insert(
            "form",
            frame::say(
                &state,
                member.lang,
                "nr-err-note-published",
                &[(
                    "status",
                    frame::say(
                        &state,
                        member.lang,
                        &format!("nr-status-{}", meta.status),
                        &[],
                    ),
                )],
            ),
        );
    }
    if let (Some(kind), true) = (kind, errors.is_empty()) {
        let now = OffsetDateTime::now_utc();
        state.app.store.add_note(id, kind, text, now).await?;
        member
            .audit(
                &state,
                now,
                &format!("note-{}", kind.as_str()),
                "article",
                Some(id),
                Some(text),
            )
            .await?;
        return Ok(frame::see_other(&format!(
            "/newsroom/articles/{id}?done=note"
        )));
    }
    let input = state.app.store.article_input(id).await?;
    let mut page_form = ArticleForm::from_input(&input, meta.version, &state.app.site().time_zone);
    page_form.intent = String::new();
    let mut errors_with_note = errors;
    errors_with_note.insert("note_kept", form.text.clone());
    editor(
        &state,
        &member,
        Some(id),
        &page_form,
        &errors_with_note,
        Shown::default(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[derive(Deserialize)]
pub struct RelatedForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    related: String,
}

/// Longest pin list accepted, in characters (five URLs fit many times).
const MAX_RELATED_TEXT: usize = 4_000;

/// `POST /newsroom/articles/{id}/related`: the related articles an editor
/// pins, one per line, by public address or id; shown first on the page.
pub async fn related(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<RelatedForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::EditAny)?;
    let meta = state.app.store.newsroom_article(id).await?;
    let mut errors = FieldErrors::new();
    let mut ids = Vec::new();
    if form.related.chars().count() > MAX_RELATED_TEXT {
        errors.insert(
            "related",
            frame::say(
                &state,
                member.lang,
                "nr-err-related-long",
                &[("max", MAX_RELATED_TEXT.to_string())],
            ),
        );
    } else {
        for line in form
            .related
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            match pinned_id(&state, line).await {
                Some(other) => ids.push(other),
                None => {
                    errors.insert(
                        "related",
                        frame::say(
                            &state,
                            member.lang,
                            "nr-err-related-unknown",
                            &[("line", line.to_string())],
                        ),
                    );
                    break;
                }
            }
        }
    }
    if errors.is_empty() {
        let now = OffsetDateTime::now_utc();
        match state.app.store.set_related_pins(id, &ids, now).await {
            Ok(()) => {
                let detail = ids
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                member
                    .audit(
                        &state,
                        now,
                        "pin-related",
                        "article",
                        Some(id),
                        Some(&detail),
                    )
                    .await?;
                return Ok(frame::see_other(&format!(
                    "/newsroom/articles/{id}?done=related"
                )));
            }
            Err(dateline_store::StoreError::Invalid(why)) => {
                errors.insert(
                    "related",
                    frame::say(
                        &state,
                        member.lang,
                        "nr-err-related-refused",
                        &[("why", why)],
                    ),
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    let input = state.app.store.article_input(id).await?;
    let mut page_form = ArticleForm::from_input(&input, meta.version, &state.app.site().time_zone);
    page_form.intent = String::new();
    errors.insert("related_kept", form.related.clone());
    editor(
        &state,
        &member,
        Some(id),
        &page_form,
        &errors,
        Shown::default(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// The article a pin line names: its id, its public path, or its full
/// address on this site (an old path that redirects counts).
async fn pinned_id(state: &AppState, line: &str) -> Option<i64> {
    if let Ok(n) = line.parse::<i64>() {
        return Some(n);
    }
    let path = line
        .strip_prefix(state.config.base_url.as_str())
        .unwrap_or(line);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut path = path.trim_end_matches('/').to_string();
    for _ in 0..3 {
        match state.app.store.lookup_path(&path).await.ok()? {
            dateline_store::PathLookup::Article(a) => return Some(a.id),
            dateline_store::PathLookup::Redirect(to) => path = to,
            dateline_store::PathLookup::Gone => return None,
        }
    }
    None
}

/// What the pin box shows: each pinned article's public path, or its id
/// while it is not published.
async fn pinned_text(state: &AppState, id: i64) -> Result<String, NewsroomError> {
    let pins = state.app.store.related_pins(id).await?;
    let cards = state.app.store.cards(&pins).await?;
    Ok(pins
        .iter()
        .map(|p| {
            cards
                .iter()
                .find(|c| c.id == *p)
                .map(|c| c.path.clone())
                .unwrap_or_else(|| p.to_string())
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The CSRF token of a script's request: the header, else the form field.
pub(super) fn csrf_of(headers: &HeaderMap, form: &ArticleForm) -> String {
    headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .unwrap_or_else(|| form.csrf.clone())
}

/// The editor's autosave answer: when, the article's version now (the
/// script puts it in the form, so the next Save is not taken for a
/// conflict), and whether it went aside rather than into the article.
fn autosaved(at: OffsetDateTime, id: i64, version: Option<i64>, aside: bool) -> Response {
    frame::private(
        Json(serde_json::json!({
            "saved_at": at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            "id": id,
            "version": version,
            "aside": aside,
        }))
        .into_response(),
    )
}

/// A refused autosave, as JSON: the first problem, in a sentence, and
/// every field's.
fn not_autosaved(errors: &FieldErrors) -> Response {
    let first = errors
        .iter()
        .find(|(field, _)| **field != "form")
        .or_else(|| errors.iter().next())
        .map(|(_, message)| message.clone())
        .unwrap_or_default();
    frame::private(
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({ "error": first, "fields": errors })),
        )
            .into_response(),
    )
}

/// `POST /newsroom/articles/autosave`: the first pause in typing a new
/// article saves it as a draft, so that nothing typed lives only in the
/// browser; the script then carries on as in the draft's own editor.
pub async fn autosave_new(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: HeaderMap,
    Form(form): Form<ArticleForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &csrf_of(&headers, &form))?;
    member.require(Action::CreateArticle)?;
    let (input, errors) = parse(&state, member.lang, &form, None, None).await?;
    if !errors.is_empty() {
        return Ok(not_autosaved(&errors));
    }
    let html = match dateline_app::body::render(&input.body_markdown).await {
        Ok(html) => html,
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.insert("body", frame::say_body(&state, member.lang, &e));
            return Ok(not_autosaved(&errors));
        }
    };
    let now = OffsetDateTime::now_utc();
    match state
        .app
        .store
        .autosave_draft(None, &input, &html, None, member.user.id, now)
        .await?
    {
        Saved::Done(outcome) => {
            member
                .audit(
                    &state,
                    now,
                    "create",
                    "article",
                    Some(outcome.id),
                    Some(&input.headline),
                )
                .await?;
            Ok(autosaved(now, outcome.id, Some(outcome.version), false))
        }
        Saved::Conflict { .. } => Err(NewsroomError::Internal(
            "a new article cannot conflict".into(),
        )),
    }
}

/// `POST /newsroom/articles/{id}/autosave`: keeps what is typed. A draft
/// (or a story readers cannot see) is saved in place, without a revision;
/// a published or scheduled one, and one someone else changed meanwhile,
/// keeps it aside as this member's autosave, so that readers and the other
/// member's work are untouched until a Save.
pub async fn autosave(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<ArticleForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &csrf_of(&headers, &form))?;
    let meta = state.app.store.newsroom_article(id).await?;
    if !may_edit(
        member.user.role,
        meta.created_by == Some(member.user.id),
        meta.status,
    ) {
        return Err(NewsroomError::Forbidden);
    }
    let base = state.app.store.article_input(id).await?;
    let (input, errors) = parse(&state, member.lang, &form, Some(&base), Some(id)).await?;
    // What is kept must be what a save could render.
    let html = match dateline_app::body::render(&input.body_markdown).await {
        Ok(html) => html,
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.insert("body", frame::say_body(&state, member.lang, &e));
            return Ok(not_autosaved(&errors));
        }
    };
    let now = OffsetDateTime::now_utc();
    let version = form.version.trim().parse::<i64>().ok();
    let hidden = matches!(
        meta.status,
        Status::Draft | Status::Submitted | Status::Unpublished
    );
    if hidden && errors.is_empty() && version == Some(meta.version) {
        if let Saved::Done(outcome) = state
            .app
            .store
            .autosave_draft(Some(id), &input, &html, version, member.user.id, now)
            .await?
        {
            state.app.store.discard_autosave(id, member.user.id).await?;
            return Ok(autosaved(now, id, Some(outcome.version), false));
        }
    }
    state
        .app
        .store
        .autosave(id, meta.version, member.user.id, &input, now)
        .await?;
    Ok(autosaved(now, id, None, true))
}

#[derive(Deserialize, Default)]
pub struct DiffQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// `GET /newsroom/articles/{id}/revisions?from=&to=`: the history, and the
/// diff between any two revisions (by default the last two).
pub async fn revisions(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Query(q): Query<DiffQuery>,
) -> Result<Response, NewsroomError> {
    let meta = state.app.store.newsroom_article(id).await?;
    let list = state.app.store.revisions(id).await?;
    // By default the newest revision against the one before it (or, when
    // only `from` is given, against the newest other one).
    let to =
        q.to.or_else(|| list.iter().map(|r| r.id).find(|id| Some(*id) != q.from));
    let from = q
        .from
        .or_else(|| list.iter().map(|r| r.id).find(|id| Some(*id) != to));
    let diff = match (from, to) {
        (Some(a), Some(b)) => {
            let (a, b) = (
                state.app.store.revision(id, a).await?,
                state.app.store.revision(id, b).await?,
            );
            Some(dateline_core::revision::diff(&a.content, &b.content))
        }
        _ => None,
    };
    Page::new(
        "nr-revisions.html",
        "nr-revisions-title",
        member.lang,
        context! {
            article => meta,
            revisions => list.iter().map(|r| context! {
                id => r.id, version => r.version, kind => r.kind, user_name => r.user_name,
                at => r.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            }).collect::<Vec<_>>(),
            from => from,
            to => to,
            diff => diff,
            may_restore => member.user.role.may(Action::RestoreRevision),
        },
    )
    .member(&member)
    .current("/newsroom/articles")
    .render(&state)
}

/// `POST /newsroom/articles/{id}/revisions/{rev}/restore`: the revision's
/// content becomes the article's (its status and time stay as they are).
pub async fn restore(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path((id, rev)): Path<(i64, i64)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::RestoreRevision)?;
    let revision = state.app.store.revision(id, rev).await?;
    let current = state.app.store.article_input(id).await?;
    let mut input = revision.content;
    input.status = current.status;
    input.published_at = current.published_at;
    input.source_key = current.source_key;
    let now = OffsetDateTime::now_utc();
    let html = dateline_app::body::render(&input.body_markdown)
        .await
        .map_err(|e| NewsroomError::BadRequest(e.to_string()))?;
    match state
        .app
        .store
        .save_checked_rendered(Some(id), &input, &html, None, member.user.id, now)
        .await
    {
        Ok(Saved::Done(_)) => {
            member
                .audit(
                    &state,
                    now,
                    "restore",
                    "article",
                    Some(id),
                    Some(&format!("revision {rev}")),
                )
                .await?;
            Ok(frame::see_other(&format!(
                "/newsroom/articles/{id}?done=restored"
            )))
        }
        Ok(Saved::Conflict { .. }) => {
            Err(NewsroomError::Internal("unchecked save conflicted".into()))
        }
        Err(dateline_store::StoreError::Invalid(m)) => Err(NewsroomError::BadRequest(sentence(&m))),
        Err(e) => Err(e.into()),
    }
}
