//! Administrators' pages for the site itself: sections per language, the
//! site settings, and the audit log.

use super::auth::Member;
use super::frame::{self, FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_core::newsroom::Action;
use dateline_core::slug::is_section_slug;
use dateline_core::{Language, Section};
use dateline_render::context;
use dateline_store::AuditFilter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use time::OffsetDateTime;

#[derive(Deserialize, Serialize, Default)]
pub struct SectionForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    key: String,
    #[serde(default, skip_serializing)]
    csrf: String,
}

pub async fn sections(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageSections)?;
    let form = SectionForm {
        language: state.config.default_language.code().into(),
        ..Default::default()
    };
    render_sections(&state, &member, &form, &FieldErrors::new(), StatusCode::OK).await
}

async fn render_sections(
    state: &AppState,
    member: &Member,
    form: &SectionForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let mut groups = Vec::new();
    for lang in Language::ALL {
        let list = state.store.sections(lang).await?;
        groups.push(context! { code => lang.code(), name => lang.native_name(), sections => list });
    }
    Page::new(
        "nr-sections.html",
        "nr-sections-title",
        member.lang,
        context! { groups => groups, form => form, errors => errors },
    )
    .member(member)
    .current("/newsroom/sections")
    .status(status)
    .render(state)
}

/// `POST /newsroom/sections`: a new section, or a new name or position for
/// one (the slug is its address and does not change).
pub async fn save_section(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<SectionForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageSections)?;
    let mut errors = FieldErrors::new();
    let language: Option<Language> = form.language.parse().ok();
    if language.is_none() {
        errors.insert("language", "Choose one of the site's languages.".into());
    }
    let slug = form.slug.trim();
    if !is_section_slug(slug) {
        errors.insert("slug", "Lowercase letters, digits and hyphens, at most 80 characters; not tag, author, search, corrections, programmes or page.".into());
    }
    if form.name.trim().is_empty() || form.name.chars().count() > 100 {
        errors.insert("name", "Give a name of 1 to 100 characters.".into());
    }
    let position = match form.position.trim() {
        "" => Ok(0),
        p => p.parse::<i64>().map_err(|_| ()),
    };
    if position.is_err() {
        errors.insert(
            "position",
            "A whole number: sections are shown in this order.".into(),
        );
    }
    if let (Some(language), Ok(position), true) = (language, position, errors.is_empty()) {
        let now = OffsetDateTime::now_utc();
        let section = Section {
            language,
            slug: slug.to_string(),
            name: form.name.trim().to_string(),
            position,
            key: Some(form.key.trim().to_string()).filter(|k| !k.is_empty()),
        };
        state.store.upsert_section(&section, now).await?;
        member
            .audit(
                &state,
                now,
                "save",
                "section",
                None,
                Some(&format!("{}/{}", language.code(), slug)),
            )
            .await?;
        return Ok(frame::see_other("/newsroom/sections"));
    }
    render_sections(
        &state,
        &member,
        &form,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

pub async fn settings(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageSettings)?;
    render_settings(
        &state,
        &member,
        &BTreeMap::new(),
        &FieldErrors::new(),
        false,
        StatusCode::OK,
    )
    .await
}

async fn render_settings(
    state: &AppState,
    member: &Member,
    typed: &BTreeMap<String, String>,
    errors: &FieldErrors,
    saved: bool,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let values = state.store.settings().await?;
    let items: Vec<_> = dateline_core::settings::SPECS
        .iter()
        .map(|spec| {
            context! {
                key => spec.key,
                value => typed.get(spec.key).or(values.get(spec.key)).cloned().unwrap_or_default(),
                default => spec.default,
                help => format!("{}; {}", spec.help, spec.allowed()),
                error => errors.get(spec.key),
            }
        })
        .collect();
    Page::new(
        "nr-settings.html",
        "nr-settings-title",
        member.lang,
        context! { items => items, saved => saved },
    )
    .member(member)
    .current("/newsroom/settings")
    .status(status)
    .render(state)
}

/// `POST /newsroom/settings`: every known setting the form carries. Each
/// value is checked against its range (and a WebSub hub resolved) before
/// anything is stored; one bad value refuses the whole form, with a
/// sentence beside it, so the page never shows half a save.
pub async fn save_settings(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, NewsroomError> {
    let csrf = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    member.check_csrf(&state, csrf)?;
    member.require(Action::ManageSettings)?;
    let now = OffsetDateTime::now_utc();
    let current = state.store.settings().await?;
    let mut next = state.store.site_settings().await?;
    let mut typed = BTreeMap::new();
    let mut changed = Vec::new();
    let mut errors = FieldErrors::new();
    // In the specs' order, so the allowance for a private hub is read
    // before the hub.
    for spec in dateline_core::settings::SPECS {
        let Some((_, value)) = fields.iter().find(|(k, _)| k == spec.key) else {
            continue;
        };
        typed.insert(spec.key.to_string(), value.clone());
        if current.get(spec.key) == Some(value) {
            continue;
        }
        match next.with(spec.key, value) {
            Ok((settings, stored)) => {
                next = settings;
                changed.push((spec.key, stored));
            }
            Err(e) => {
                errors.insert(spec.key, sentence(&e.to_string()));
            }
        }
    }
    if let Some((_, hub)) = changed.iter().find(|(k, _)| *k == "feeds.websub_hub") {
        if let Err(why) = crate::announce::check_hub(hub, next.websub_allow_private).await {
            errors.insert("feeds.websub_hub", sentence(&why));
        }
    }
    if !errors.is_empty() {
        return render_settings(
            &state,
            &member,
            &typed,
            &errors,
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    for (key, value) in changed {
        match state.store.set_setting(key, &value, now).await {
            Ok(()) => {}
            // Another administrator changed a setting this one depends on.
            Err(dateline_store::StoreError::Invalid(why)) => {
                errors.insert(key, sentence(&why));
                return render_settings(
                    &state,
                    &member,
                    &typed,
                    &errors,
                    false,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            Err(e) => return Err(e.into()),
        }
        member
            .audit(
                &state,
                now,
                "set",
                "setting",
                None,
                Some(&format!("{key} = {value}")),
            )
            .await?;
    }
    render_settings(&state, &member, &typed, &errors, true, StatusCode::OK).await
}

/// A message as a sentence: capital first, full stop last.
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

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    entity: Option<String>,
    id: Option<i64>,
    user: Option<String>,
    page: Option<u32>,
}

pub async fn audit(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<AuditQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ReadAudit)?;
    const PER_PAGE: i64 = 100;
    let page = i64::from(q.page.unwrap_or(1).max(1));
    let filter = AuditFilter {
        entity: q.entity.clone().filter(|e| !e.is_empty()),
        entity_id: q.id,
        user_email: q.user.clone().filter(|u| !u.is_empty()),
    };
    let (entries, total) = state
        .store
        .audit_log(&filter, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    Page::new(
        "nr-audit.html",
        "nr-audit-title",
        member.lang,
        context! {
            entries => entries, total => total, page => page,
            pages => ((total + PER_PAGE - 1) / PER_PAGE).max(1),
            filter => context! { entity => q.entity, id => q.id, user => q.user },
        },
    )
    .member(&member)
    .current("/newsroom/audit")
    .render(&state)
}
