//! Administrators' pages for the site itself: the site settings and the
//! audit log (sections have their own page, `sections.rs`).

use super::auth::Member;
use super::frame::{FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_core::newsroom::Action;
use dateline_render::context;
use dateline_store::AuditFilter;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use time::OffsetDateTime;

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
