//! Editors' fronts: the lead and featured stories of each language's front
//! page (in order: buttons to move them, and dragging where script runs),
//! each section page's lead story, and the breaking-news line.

use super::auth::Member;
use super::frame::{self, FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_core::fronts::{Breaking, BREAKING_MAX_CHARS, MAX_FRONT_PINS};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_render::context;
use dateline_store::{StoreError, FRONT_PAGE};
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

/// Stories offered to pin: the language's (or section's) newest.
const OFFERED: i64 = 60;

#[derive(Deserialize, Default)]
pub struct FrontsQuery {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    saved: Option<String>,
}

/// What the breaking-news form holds, as typed.
#[derive(Default, serde::Serialize)]
struct BreakingForm {
    text: String,
    link: String,
    ends_at: String,
}

fn language(code: &str, state: &AppState) -> Language {
    code.parse().unwrap_or(state.config.default_language)
}

/// `GET /newsroom/fronts?lang=en`.
pub async fn page(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<FrontsQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::EditFronts)?;
    let lang = language(&q.lang, &state);
    let now = OffsetDateTime::now_utc();
    let current = state.app.store.breaking(lang, now).await?;
    let form = current
        .as_ref()
        .map(|b| BreakingForm {
            text: b.text.clone(),
            link: b.link.clone().unwrap_or_default(),
            ends_at: b
                .ends_at
                .map(|t| state.app.site().time_zone.datetime_local(t))
                .unwrap_or_default(),
        })
        .unwrap_or_default();
    render(
        &state,
        &member,
        lang,
        None,
        &form,
        &FieldErrors::new(),
        q.saved.is_some(),
        StatusCode::OK,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    member: &Member,
    lang: Language,
    order_error: Option<String>,
    breaking: &BreakingForm,
    errors: &FieldErrors,
    saved: bool,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let store = &state.app.store;
    let pins = store.front_pins(lang, FRONT_PAGE).await?;
    // Every pin, published or not, so that an editor sees what dropped out.
    let pinned = store.cards(&pins).await?;
    let offered: Vec<_> = store
        .latest(lang, OFFERED, 0)
        .await?
        .items
        .into_iter()
        .filter(|c| !pins.contains(&c.id))
        .collect();
    let mut sections = Vec::new();
    for s in store.sections(lang).await? {
        let lead = store.front_pins(lang, &s.slug).await?.first().copied();
        let stories = store
            .section_articles(lang, &s.slug, OFFERED, 0)
            .await?
            .items;
        sections
            .push(context! { slug => s.slug, name => s.name, lead => lead, stories => stories });
    }
    let languages: Vec<_> = Language::ALL
        .iter()
        .map(|l| context! { code => l.code(), name => l.native_name(), current => *l == lang })
        .collect();
    Page::new(
        "nr-fronts.html",
        "nr-fronts-title",
        member.lang,
        context! {
            lang => lang.code(), languages, pinned, offered, sections,
            most => MAX_FRONT_PINS, order_error, breaking, errors, saved,
            breaking_max => BREAKING_MAX_CHARS,
        },
    )
    .member(member)
    .current("/newsroom/fronts")
    .status(status)
    .render(state)
}

/// `POST /newsroom/fronts/order`: the front page's pinned stories, in the
/// order of the form's `id` fields, after the button pressed (`op`):
/// `save`, `add` (the story chosen in `add`), `up:ID`, `down:ID`,
/// `remove:ID`.
pub async fn order(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, NewsroomError> {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    member.check_csrf(&state, get("csrf"))?;
    member.require(Action::EditFronts)?;
    let lang = language(get("lang"), &state);
    let mut ids: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| v.parse().ok())
        .take(MAX_FRONT_PINS + 1)
        .collect();
    let op = get("op");
    let target = |prefix: &str| {
        op.strip_prefix(prefix)
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| ids.iter().position(|x| *x == id))
    };
    if op == "add" {
        if let Ok(id) = get("add").parse::<i64>() {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    } else if let Some(i) = target("up:") {
        if i > 0 {
            ids.swap(i, i - 1);
        }
    } else if let Some(i) = target("down:") {
        if i + 1 < ids.len() {
            ids.swap(i, i + 1);
        }
    } else if let Some(i) = target("remove:") {
        ids.remove(i);
    }
    pin(&state, &member, lang, FRONT_PAGE, &ids).await
}

/// Saves the pins of a place and goes back to the page; a refusal (a
/// story not published, of another language or section) is shown above
/// the fronts with the page as it was.
async fn pin(
    state: &AppState,
    member: &Member,
    lang: Language,
    place: &str,
    ids: &[i64],
) -> Result<Response, NewsroomError> {
    let now = OffsetDateTime::now_utc();
    match state
        .app
        .store
        .set_front_pins(lang, place, ids, Some(member.user.id), now)
        .await
    {
        Ok(()) => Ok(saved(lang)),
        Err(StoreError::Invalid(why)) => {
            let current = breaking_form(state, lang, now).await?;
            render(
                state,
                member,
                lang,
                Some(why),
                &current,
                &FieldErrors::new(),
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct SectionLeadForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    section: String,
    /// A story's id, or empty: newest first.
    #[serde(default)]
    lead: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /newsroom/fronts/section`: a section page's lead story, or none.
pub async fn section_lead(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<SectionLeadForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::EditFronts)?;
    let lang = language(&form.lang, &state);
    // The section must exist in this language.
    state.app.store.section(lang, &form.section).await?;
    let ids: Vec<i64> = form.lead.trim().parse().ok().into_iter().collect();
    pin(&state, &member, lang, &form.section, &ids).await
}

#[derive(Deserialize)]
pub struct BreakingFields {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    link: String,
    /// `YYYY-MM-DDTHH:MM` on the site's clock; empty: until removed.
    #[serde(default)]
    ends_at: String,
    /// `save` or `remove`.
    #[serde(default)]
    op: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /newsroom/fronts/breaking`: sets or removes the language's line.
pub async fn breaking(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<BreakingFields>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::EditFronts)?;
    let lang = language(&form.lang, &state);
    let now = OffsetDateTime::now_utc();
    if form.op == "remove" {
        state
            .app
            .store
            .set_breaking(lang, None, Some(member.user.id), now)
            .await?;
        return Ok(saved(lang));
    }
    let mut errors = FieldErrors::new();
    let ends_at = match form.ends_at.trim() {
        "" => None,
        // A `datetime-local` value is a time on the site's clock.
        typed => match state.app.site().time_zone.parse_datetime_local(typed) {
            Some(t) => Some(t.unix_timestamp()),
            None => {
                errors.insert(
                    "ends_at",
                    frame::say(&state, member.lang, "nr-err-date-time", &[]),
                );
                None
            }
        },
    };
    let checked = Breaking::new(&form.text, &form.link, ends_at, now.unix_timestamp());
    match (checked, errors.is_empty()) {
        (Ok(line), true) => {
            state
                .app
                .store
                .set_breaking(lang, Some(&line), Some(member.user.id), now)
                .await?;
            Ok(saved(lang))
        }
        (checked, _) => {
            if let Err(refused) = checked {
                for (field, why) in refused {
                    errors.entry(field).or_insert(why);
                }
            }
            let typed = BreakingForm {
                text: form.text,
                link: form.link,
                ends_at: form.ends_at,
            };
            render(
                &state,
                &member,
                lang,
                None,
                &typed,
                &errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

fn saved(lang: Language) -> Response {
    frame::see_other(&format!("/newsroom/fronts?lang={}&saved=1", lang.code()))
}

async fn breaking_form(
    state: &AppState,
    lang: Language,
    now: OffsetDateTime,
) -> Result<BreakingForm, NewsroomError> {
    Ok(state
        .app
        .store
        .breaking(lang, now)
        .await?
        .map(|b| BreakingForm {
            text: b.text,
            link: b.link.unwrap_or_default(),
            ends_at: b
                .ends_at
                .map(|t| state.app.site().time_zone.datetime_local(t))
                .unwrap_or_default(),
        })
        .unwrap_or_default())
}
