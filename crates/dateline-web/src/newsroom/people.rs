//! Administrators' page of newsroom accounts: making them (with a one-time
//! link to set a password), changing name and role, disabling, password
//! resets and logging someone out everywhere. The rules (only a role that
//! manages users; the last active administrator can be neither demoted nor
//! disabled) are the accounts' use cases' (`dateline_app::accounts::people`).

use super::auth::Member;
use super::frame::{self, CsrfForm, FieldErrors, NewsroomError, Page};
use super::passwords;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_app::accounts::people::{self, Change, NewPerson};
use dateline_app::accounts::Outcome;
use dateline_core::newsroom::Role;
use dateline_render::context;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::OffsetDateTime;

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
    let users = people::list(state.app.accounts(), member.actor()).await?;
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

/// The address of a one-time password link, shown once to the administrator.
fn link_address(state: &AppState, token: &str) -> String {
    format!("{}/newsroom/reset/{token}", state.config.base_url)
}

/// `POST /newsroom/users`: a new account, without a password until its
/// owner follows the link.
pub async fn create(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<UserForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let new = NewPerson {
        email: form.email.clone(),
        name: form.name.clone(),
        role: form.role.clone(),
        password: None,
    };
    let outcome = people::add(
        state.app.accounts(),
        member.actor(),
        new,
        OffsetDateTime::now_utc(),
    )
    .await?;
    match outcome {
        Outcome::Done(added) => {
            let link = added.link.map(|token| link_address(&state, &token));
            render_user(
                &state,
                &member,
                added.id,
                link.as_deref(),
                &FieldErrors::new(),
                StatusCode::CREATED,
            )
            .await
        }
        Outcome::Refused(problems) => {
            let errors = passwords::words(&state, member.lang, &problems);
            render_list(
                &state,
                &member,
                &form,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

async fn render_user(
    state: &AppState,
    member: &Member,
    id: i64,
    link: Option<&str>,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let person = people::person(state.app.accounts(), member.actor(), id).await?;
    Page::new(
        "nr-user.html",
        "nr-user-title",
        member.lang,
        context! { person => person.user, sessions => person.sessions, link => link, errors => errors, roles => Role::ALL.map(Role::as_str) },
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
    let change = Change {
        name: form.name,
        role: form.role,
        disabled: form.disabled.is_some(),
    };
    let outcome = people::update(
        state.app.accounts(),
        member.actor(),
        id,
        &change,
        OffsetDateTime::now_utc(),
    )
    .await?;
    match outcome {
        Outcome::Done(()) => Ok(frame::see_other(&format!(
            "/newsroom/users/{id}?done=saved"
        ))),
        Outcome::Refused(problems) => {
            let errors = passwords::words(&state, member.lang, &problems);
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
    }
}

/// `POST /newsroom/users/{id}/reset`: a new one-time password link; the
/// account's sessions end and its old password stops working once the link
/// is used.
pub async fn reset(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let token = people::reset(
        state.app.accounts(),
        member.actor(),
        id,
        OffsetDateTime::now_utc(),
    )
    .await?;
    render_user(
        &state,
        &member,
        id,
        Some(&link_address(&state, &token)),
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
    people::sign_out(
        state.app.accounts(),
        member.actor(),
        id,
        OffsetDateTime::now_utc(),
    )
    .await?;
    Ok(frame::see_other(&format!(
        "/newsroom/users/{id}?done=logout"
    )))
}
