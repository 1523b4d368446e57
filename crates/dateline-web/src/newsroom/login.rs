//! Logging in and out: the login form (fields `email` and `password`, so
//! password managers and scripts find them) and the second factor. The
//! rules (attempt limits per account and per address, the same answer to a
//! wrong email as to a wrong password, the password gate) are the accounts'
//! use cases' (`dateline_app::accounts::sign_in`); here a session's token
//! becomes a cookie, and each outcome a page. When the password gate is
//! full the form comes back with 503 and `Retry-After`.

use super::auth::{self, Member};
use super::frame::{self, CsrfForm, NewsroomError, Page};
use super::passwords::{self, address};
use crate::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_app::accounts::sessions::{self, NewSession};
use dateline_app::accounts::sign_in::{self, Code, SignIn};
use dateline_app::accounts::MAX_FIELD;
use dateline_auth::token;
use dateline_render::context;
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;
use time::OffsetDateTime;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

/// The login page; a new double-submit token with every showing.
pub async fn form(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, NewsroomError> {
    let notice = q
        .done
        .as_deref()
        .filter(|d| matches!(*d, "reset" | "logout"))
        .map(|d| format!("nr-login-done-{d}"));
    render_login(
        &state,
        &headers,
        "",
        q.next.as_deref(),
        None,
        notice,
        StatusCode::OK,
    )
}

fn render_login(
    state: &AppState,
    headers: &HeaderMap,
    email: &str,
    next: Option<&str>,
    error: Option<&str>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let lang = crate::language::newsroom(headers);
    let login_token = token::random();
    let mut response = Page::new(
        "nr-login.html",
        "nr-login-title",
        lang,
        context! {
            email => email,
            next => auth::safe_next(next),
            login_csrf => login_token,
            error => error,
            notice => notice,
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

/// Whether the form carries the login cookie's double-submit token.
pub(super) fn login_token_ok(state: &AppState, headers: &HeaderMap, presented: &str) -> bool {
    crate::cookies::read_newsroom(state, headers, crate::cookies::LOGIN)
        .is_some_and(|c| !c.is_empty() && token::equal(&c, presented))
}

/// The cookie that carries a new session.
pub(super) fn session_cookie(
    state: &AppState,
    headers: &HeaderMap,
    session: &NewSession,
) -> HeaderValue {
    crate::cookies::newsroom(
        state,
        headers,
        crate::cookies::SESSION,
        &session.token,
        session.ttl.whole_seconds(),
    )
}

pub async fn submit(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, NewsroomError> {
    if !login_token_ok(&state, &headers, &form.csrf) {
        return Err(NewsroomError::Forbidden);
    }
    let next = form.next.as_deref();
    auth::check_return_path(next)?;
    let kept_email: String = form.email.chars().take(MAX_FIELD).collect();
    let outcome = sign_in::sign_in(
        state.app.accounts(),
        &form.email,
        form.password,
        address(&state, &headers, peer),
        OffsetDateTime::now_utc(),
    )
    .await?;
    let refuse = |key: &str, status: StatusCode| {
        render_login(&state, &headers, &kept_email, next, Some(key), None, status)
    };
    let (session, to) = match outcome {
        SignIn::Missing => {
            return refuse("nr-login-missing", StatusCode::UNPROCESSABLE_ENTITY);
        }
        SignIn::TooMany => return refuse("nr-login-too-many", StatusCode::TOO_MANY_REQUESTS),
        SignIn::Busy => {
            return Ok(passwords::busy(refuse(
                "nr-login-busy",
                StatusCode::SERVICE_UNAVAILABLE,
            )?));
        }
        SignIn::Wrong => return refuse("nr-login-wrong", StatusCode::UNAUTHORIZED),
        SignIn::CodeNeeded(session) => (
            session,
            format!(
                "/newsroom/login/code?next={}",
                percent_encoding::utf8_percent_encode(
                    &auth::safe_next(next),
                    percent_encoding::NON_ALPHANUMERIC
                )
            ),
        ),
        SignIn::Welcome(session) => (session, auth::safe_next(next)),
    };
    let mut response = frame::see_other(&to);
    crate::cookies::set(&mut response, session_cookie(&state, &headers, &session));
    Ok(response)
}

#[derive(Deserialize, Default)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

/// The session cookie's token, if any.
fn session_token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    crate::cookies::read_newsroom(state, headers, crate::cookies::SESSION)
}

pub async fn code_form(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, NewsroomError> {
    let awaiting = match session_token(&state, &headers) {
        Some(token) => {
            sessions::awaiting_code(state.app.accounts(), &token, OffsetDateTime::now_utc()).await?
        }
        None => None,
    };
    if awaiting.is_none() {
        return Ok(frame::see_other("/newsroom/login"));
    }
    render_code(&state, &headers, q.next.as_deref(), None, StatusCode::OK)
}

fn render_code(
    state: &AppState,
    headers: &HeaderMap,
    next: Option<&str>,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let login_token = token::random();
    let mut response = Page::new(
        "nr-code.html",
        "nr-code-title",
        crate::language::newsroom(headers),
        context! { next => auth::safe_next(next), login_csrf => login_token, error => error },
    )
    .status(status)
    .render(state)?;
    crate::cookies::set(
        &mut response,
        crate::cookies::newsroom(state, headers, crate::cookies::LOGIN, &login_token, 3600),
    );
    Ok(response)
}

pub async fn code_submit(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, NewsroomError> {
    if !login_token_ok(&state, &headers, &form.csrf) {
        return Err(NewsroomError::Forbidden);
    }
    let next = form.next.as_deref();
    auth::check_return_path(next)?;
    let Some(token) = session_token(&state, &headers) else {
        return Ok(frame::see_other("/newsroom/login"));
    };
    let outcome = sign_in::second_factor(
        state.app.accounts(),
        &token,
        &form.code,
        address(&state, &headers, peer),
        OffsetDateTime::now_utc(),
    )
    .await?;
    match outcome {
        Code::NoSession => Ok(frame::see_other("/newsroom/login")),
        Code::TooMany => render_code(
            &state,
            &headers,
            next,
            Some("nr-login-too-many"),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Code::Wrong => render_code(
            &state,
            &headers,
            next,
            Some("nr-code-wrong"),
            StatusCode::UNAUTHORIZED,
        ),
        Code::Welcome(session) => {
            let mut response = frame::see_other(&auth::safe_next(next));
            crate::cookies::set(&mut response, session_cookie(&state, &headers, &session));
            Ok(response)
        }
    }
}

pub async fn logout(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    member: Member,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    sessions::end(state.app.accounts(), &member.token).await?;
    let mut response = frame::see_other("/newsroom/login?done=logout");
    crate::cookies::set(
        &mut response,
        crate::cookies::newsroom(&state, &headers, crate::cookies::SESSION, "", 0),
    );
    Ok(response)
}
