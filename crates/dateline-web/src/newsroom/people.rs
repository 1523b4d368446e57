//! Administrators' page of newsroom accounts: making them (with a one-time
//! link to set a password), changing name and role, disabling, password
//! resets and logging someone out everywhere. The last active administrator
//! can be neither demoted nor disabled.

use super::auth::Member;
use super::frame::{self, CsrfForm, FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_auth::token;
use dateline_core::newsroom::{is_plausible_email, Action, Role};
use dateline_render::context;
use dateline_store::{LinkPurpose, StoreError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// How long a password link works.
const LINK_TTL: Duration = Duration::days(3);

#[derive(Deserialize, Serialize, Default)]
pub struct UserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    disabled: Option<String>,
    #[serde(default, skip_serializing)]
    csrf: String,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageUsers)?;
    render_list(
        &state,
        &member,
        &UserForm {
            role: "contributor".into(),
            ..Default::default()
        },
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn render_list(
    state: &AppState,
    member: &Member,
    form: &UserForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let users = state.app.store.users().await?;
    Page::new(
        "nr-users.html",
        "nr-users-title",
        member.lang,
        context! { users => users, form => form, errors => errors, roles => Role::ALL.map(Role::as_str) },
    )
    .member(member)
    .current("/newsroom/users")
    .status(status)
    .render(state)
}

/// A one-time link to set a password, shown once to the administrator.
async fn password_link(
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<String, NewsroomError> {
    let link = token::random();
    state
        .app
        .store
        .create_link(
            &token::digest(&link),
            Some(user_id),
            LinkPurpose::Reset,
            LINK_TTL,
            now,
        )
        .await?;
    let _ = headers;
    Ok(format!("{}/newsroom/reset/{link}", state.config.base_url))
}

/// `POST /newsroom/users`: a new account, without a password until its
/// owner follows the link.
pub async fn create(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: HeaderMap,
    Form(form): Form<UserForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageUsers)?;
    let mut errors = FieldErrors::new();
    if !is_plausible_email(&form.email) {
        errors.insert(
            "email",
            frame::say(&state, member.lang, "nr-err-email", &[]),
        );
    }
    if form.name.trim().is_empty() || form.name.chars().count() > 100 {
        errors.insert("name", frame::say(&state, member.lang, "nr-err-name", &[]));
    }
    let role: Option<Role> = form.role.parse().ok();
    if role.is_none() {
        errors.insert("role", frame::say(&state, member.lang, "nr-err-role", &[]));
    }
    let now = OffsetDateTime::now_utc();
    if let (Some(role), true) = (role, errors.is_empty()) {
        match state
            .app
            .store
            .create_user(&form.email, &form.name, role, None, now)
            .await
        {
            Ok(id) => {
                member
                    .audit(&state, now, "create", "user", Some(id), Some(role.as_str()))
                    .await?;
                let link = password_link(&state, &headers, id, now).await?;
                return render_user(
                    &state,
                    &member,
                    id,
                    Some(&link),
                    &FieldErrors::new(),
                    StatusCode::CREATED,
                )
                .await;
            }
            Err(StoreError::Conflict(_)) => {
                errors.insert(
                    "email",
                    frame::say(&state, member.lang, "nr-err-email-taken", &[]),
                );
            }
            Err(StoreError::Invalid(_)) => {
                errors.insert(
                    "email",
                    frame::say(&state, member.lang, "nr-err-email", &[]),
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    render_list(
        &state,
        &member,
        &form,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

async fn render_user(
    state: &AppState,
    member: &Member,
    id: i64,
    link: Option<&str>,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let user = state.app.store.user(id).await?;
    let sessions = state.app.store.session_count(id).await?;
    Page::new(
        "nr-user.html",
        "nr-user-title",
        member.lang,
        context! { person => user, sessions => sessions, link => link, errors => errors, roles => Role::ALL.map(Role::as_str) },
    )
    .member(member)
    .current("/newsroom/users")
    .status(status)
    .render(state)
}

pub async fn edit(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageUsers)?;
    render_user(
        &state,
        &member,
        id,
        None,
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /newsroom/users/{id}`: name, role, disabled.
pub async fn update(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageUsers)?;
    state.app.store.user(id).await?;
    let mut errors = FieldErrors::new();
    let role: Option<Role> = form.role.parse().ok();
    if role.is_none() {
        errors.insert("role", frame::say(&state, member.lang, "nr-err-role", &[]));
    }
    if form.name.trim().is_empty() || form.name.chars().count() > 100 {
        errors.insert("name", frame::say(&state, member.lang, "nr-err-name", &[]));
    }
    let disabled = form.disabled.is_some();
    if let (Some(role), true) = (role, errors.is_empty()) {
        let now = OffsetDateTime::now_utc();
        // The store refuses, in the transaction that would do it, a change
        // that leaves no administrator who can log in: two administrators
        // demoting each other at once cannot both pass a check made first.
        match state
            .app
            .store
            .update_user(id, &form.name, role, disabled, now)
            .await
        {
            Ok(()) => {
                let detail = format!(
                    "role {}{}",
                    role.as_str(),
                    if disabled { ", disabled" } else { "" }
                );
                member
                    .audit(&state, now, "update", "user", Some(id), Some(&detail))
                    .await?;
                return Ok(frame::see_other(&format!(
                    "/newsroom/users/{id}?done=saved"
                )));
            }
            Err(StoreError::Conflict(_)) => {
                errors.insert(
                    "role",
                    frame::say(&state, member.lang, "nr-err-last-admin", &[]),
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    render_user(
        &state,
        &member,
        id,
        None,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// `POST /newsroom/users/{id}/reset`: a new one-time password link; the
/// account's sessions end and its old password stops working once the link
/// is used.
pub async fn reset(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageUsers)?;
    state.app.store.user(id).await?;
    let now = OffsetDateTime::now_utc();
    let link = password_link(&state, &headers, id, now).await?;
    state.app.store.end_sessions_of(id).await?;
    member
        .audit(&state, now, "reset-password", "user", Some(id), None)
        .await?;
    render_user(
        &state,
        &member,
        id,
        Some(&link),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /newsroom/users/{id}/logout`: ends every session of the account.
pub async fn logout(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageUsers)?;
    let now = OffsetDateTime::now_utc();
    state.app.store.end_sessions_of(id).await?;
    member
        .audit(&state, now, "logout-everywhere", "user", Some(id), None)
        .await?;
    Ok(frame::see_other(&format!(
        "/newsroom/users/{id}?done=logout"
    )))
}
