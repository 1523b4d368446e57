//! The pages of one-time links: the first administrator's setup link and
//! password-reset links. The rules (each link works once; the setup link
//! only while the site has no accounts) are the accounts' use cases'
//! (`dateline_app::accounts::links`).

use super::frame::{self, FieldErrors, NewsroomError, Page};
use super::login::{login_token_ok, session_cookie};
use super::passwords;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_app::accounts::links::{self, Followed, NewAdmin};
use dateline_auth::token;
use dateline_render::context;
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

#[derive(Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
    #[serde(default)]
    csrf: String,
}

fn render_password_page(
    state: &AppState,
    headers: &HeaderMap,
    mode: &str,
    form: &PasswordForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let login_token = token::random();
    let mut response = Page::new(
        "nr-password.html",
        if mode == "setup" {
            "nr-setup-title"
        } else {
            "nr-reset-title"
        },
        crate::language::newsroom(headers),
        context! {
            mode => mode,
            name => form.name,
            email => form.email,
            errors => errors,
            login_csrf => login_token,
        },
    )
    .status(status)
    .render(state)?;
    crate::cookies::set(
        &mut response,
        crate::cookies::newsroom(state, headers, crate::cookies::LOGIN, &login_token, 3600),
    );
    Ok(response)
}

pub async fn setup_form(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(link): Path<String>,
) -> Result<Response, NewsroomError> {
    if !links::setup_open(state.app.accounts(), &link, OffsetDateTime::now_utc()).await? {
        return Err(NewsroomError::NotFound);
    }
    render_password_page(
        &state,
        &headers,
        "setup",
        &PasswordForm::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
}

pub async fn setup_submit(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(link): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, NewsroomError> {
    if !login_token_ok(&state, &headers, &form.csrf) {
        return Err(NewsroomError::Forbidden);
    }
    let admin = NewAdmin {
        name: form.name,
        email: form.email,
        password: form.password,
        password_again: form.password_again,
    };
    let outcome = links::setup(
        state.app.accounts(),
        &link,
        &admin,
        OffsetDateTime::now_utc(),
    )
    .await?;
    match outcome {
        Followed::Gone => Err(NewsroomError::NotFound),
        Followed::Refused(problems) => {
            let lang = crate::language::newsroom(&headers);
            let kept = PasswordForm {
                name: admin.name,
                email: admin.email,
                ..Default::default()
            };
            let page = render_password_page(
                &state,
                &headers,
                "setup",
                &kept,
                &passwords::words(&state, lang, &problems),
                passwords::status(&problems),
            )?;
            Ok(passwords::refused(page, &problems))
        }
        Followed::Done(session) => {
            let mut response = frame::see_other("/newsroom/");
            if let Some(session) = session {
                crate::cookies::set(&mut response, session_cookie(&state, &headers, &session));
            }
            Ok(response)
        }
    }
}

pub async fn reset_form(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(link): Path<String>,
) -> Result<Response, NewsroomError> {
    let Some(user) =
        links::reset_account(state.app.accounts(), &link, OffsetDateTime::now_utc()).await?
    else {
        return Err(NewsroomError::NotFound);
    };
    let form = PasswordForm {
        email: user.email,
        ..Default::default()
    };
    render_password_page(
        &state,
        &headers,
        "reset",
        &form,
        &FieldErrors::new(),
        StatusCode::OK,
    )
}

pub async fn reset_submit(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(link): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, NewsroomError> {
    if !login_token_ok(&state, &headers, &form.csrf) {
        return Err(NewsroomError::Forbidden);
    }
    let now = OffsetDateTime::now_utc();
    let Some(user) = links::reset_account(state.app.accounts(), &link, now).await? else {
        return Err(NewsroomError::NotFound);
    };
    let outcome = links::reset(
        state.app.accounts(),
        &link,
        &form.password,
        &form.password_again,
        now,
    )
    .await?;
    match outcome {
        Followed::Gone => Err(NewsroomError::NotFound),
        Followed::Refused(problems) => {
            let lang = crate::language::newsroom(&headers);
            let kept = PasswordForm {
                email: user.email,
                ..Default::default()
            };
            let page = render_password_page(
                &state,
                &headers,
                "reset",
                &kept,
                &passwords::words(&state, lang, &problems),
                passwords::status(&problems),
            )?;
            Ok(passwords::refused(page, &problems))
        }
        Followed::Done(_) => Ok(frame::see_other("/newsroom/login?done=reset")),
    }
}
