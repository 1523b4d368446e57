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
use dateline_app::fronts::{self, BreakingInput, BreakingProblem, Broke, Pinned};
use dateline_core::fronts::{BREAKING_MAX_CHARS, MAX_FRONT_PINS};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_render::context;
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

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
    let current = fronts::breaking(&state.app, member.actor(), lang, now).await?;
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
    let desk = fronts::desk(&state.app, member.actor(), lang).await?;
    let (pinned, offered) = (desk.pinned, desk.offered);
    let sections: Vec<_> = desk
        .sections
        .into_iter()
        .map(|s| context! { slug => s.slug, name => s.name, lead => s.lead, stories => s.stories })
        .collect();
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
    let now = OffsetDateTime::now_utc();
    let pinned = fronts::pin_front(&state.app, member.actor(), lang, &ids, now).await?;
    after_pin(&state, &member, lang, pinned, now).await
}

/// Back to the page after new pins; a refusal (a story not published, of
/// another language or section) is shown above the fronts with the page as
/// it was.
async fn after_pin(
    state: &AppState,
    member: &Member,
    lang: Language,
    pinned: Pinned,
    now: OffsetDateTime,
) -> Result<Response, NewsroomError> {
    match pinned {
        Pinned::Done => Ok(saved(lang)),
        Pinned::Refused(why) => {
            let current = breaking_form(state, member, lang, now).await?;
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
    let lead = form.lead.trim().parse().ok();
    let now = OffsetDateTime::now_utc();
    let pinned =
        fronts::lead_section(&state.app, member.actor(), lang, &form.section, lead, now).await?;
    after_pin(&state, &member, lang, pinned, now).await
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
    let input = BreakingInput {
        text: form.text,
        link: form.link,
        ends_at: form.ends_at,
    };
    let line = (form.op != "remove").then_some(&input);
    match fronts::set_breaking(&state.app, member.actor(), lang, line, now).await? {
        Broke::Done => Ok(saved(lang)),
        Broke::Refused(problems) => {
            let mut errors = FieldErrors::new();
            for (field, problem) in problems {
                let why = match problem {
                    BreakingProblem::EndsAt => {
                        frame::say(&state, member.lang, "nr-err-date-time", &[])
                    }
                    BreakingProblem::Line(why) => why,
                };
                errors.insert(field, why);
            }
            let typed = BreakingForm {
                text: input.text,
                link: input.link,
                ends_at: input.ends_at,
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
    member: &Member,
    lang: Language,
    now: OffsetDateTime,
) -> Result<BreakingForm, NewsroomError> {
    Ok(fronts::breaking(&state.app, member.actor(), lang, now)
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
