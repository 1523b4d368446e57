//! Logging in and out: the login form (fields `email` and `password`, so
//! password managers and scripts find them), the second factor, the first
//! administrator's setup link and password-reset links.
//!
//! Failed logins are counted per account and per hashed address in the
//! database (so every node counts them), and the answer to a wrong email is
//! the answer to a wrong password, in the same time: nobody learns which
//! addresses have accounts. Each attempt is written before its password or
//! code is checked, in the transaction that counts those before it, so the
//! limits hold however many attempts arrive at once. Hashing goes through
//! the site's [`PasswordGate`](super::passwords::PasswordGate): when it is
//! full the form comes back with 503 and `Retry-After`.

use super::auth::{self, Member};
use super::frame::{self, CsrfForm, FieldErrors, NewsroomError, Page};
use super::passwords::{self, check_new_password, hash, hashed_address, limits, BUSY, MAX_FIELD};
use crate::AppState;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_auth::{password, token, totp};
use dateline_core::newsroom::Role;
use dateline_render::context;
use dateline_store::{LinkPurpose, SessionStage};
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// The first `max` bytes of `text`, cut at a character boundary.
fn clip(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

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

fn login_token_ok(state: &AppState, headers: &HeaderMap, presented: &str) -> bool {
    crate::cookies::read_newsroom(state, headers, crate::cookies::LOGIN)
        .is_some_and(|c| !c.is_empty() && token::equal(&c, presented))
}

/// A new session for an account (a new random token at every login, so a
/// token planted before it is worth nothing) and the cookie that carries it.
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
    stage: SessionStage,
    ttl: Duration,
    now: OffsetDateTime,
) -> Result<axum::http::HeaderValue, NewsroomError> {
    let session = token::random();
    state
        .app
        .store
        .create_session(&token::digest(&session), user_id, stage, ttl, now)
        .await?;
    Ok(crate::cookies::newsroom(
        state,
        headers,
        crate::cookies::SESSION,
        &session,
        ttl.whole_seconds(),
    ))
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
    let now = OffsetDateTime::now_utc();
    let email = dateline_core::newsroom::normalise_email(&form.email);
    let kept_email: String = form.email.chars().take(MAX_FIELD).collect();
    if email.is_empty() || form.password.is_empty() {
        return render_login(
            &state,
            &headers,
            &kept_email,
            next,
            Some("nr-login-missing"),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let too_long = email.len() > MAX_FIELD || form.password.len() > MAX_FIELD;
    let address_hash = hashed_address(&state, &headers, peer, now).await?;
    let Some(attempt) = state
        .app
        .store
        .begin_attempt(clip(&email, MAX_FIELD), &address_hash, limits(now), now)
        .await?
    else {
        return render_login(
            &state,
            &headers,
            &kept_email,
            next,
            Some("nr-login-too-many"),
            None,
            StatusCode::TOO_MANY_REQUESTS,
        );
    };
    let credentials = if too_long {
        None
    } else {
        state.app.store.credentials(&email).await?
    };
    // An over-long password is wrong whatever it is; the dummy hash of an
    // empty one spends the time without hashing megabytes.
    let given = if too_long {
        String::new()
    } else {
        form.password
    };
    let account = credentials.clone();
    let verified = state
        .passwords
        .run(move |memory| match account {
            Some(c) if !c.user.disabled => match &c.password_hash {
                Some(hash) => password::verify_with(memory, hash, &given),
                None => password::verify_dummy_with(memory, &given),
            },
            _ => password::verify_dummy_with(memory, &given),
        })
        .await?;
    let Some(ok) = verified else {
        // Not evaluated: it does not count against anyone.
        state.app.store.forget_attempt(attempt).await?;
        return Ok(passwords::busy(render_login(
            &state,
            &headers,
            &kept_email,
            next,
            Some("nr-login-busy"),
            None,
            StatusCode::SERVICE_UNAVAILABLE,
        )?));
    };
    let Some(credentials) = credentials.filter(|_| ok) else {
        return render_login(
            &state,
            &headers,
            &kept_email,
            next,
            Some("nr-login-wrong"),
            None,
            StatusCode::UNAUTHORIZED,
        );
    };
    state.app.store.attempt_succeeded(attempt).await?;
    let (stage, ttl, to) = if credentials.totp_secret.is_some() {
        (
            SessionStage::Totp,
            auth::TOTP_WAIT,
            format!(
                "/newsroom/login/code?next={}",
                percent_encoding::utf8_percent_encode(
                    &auth::safe_next(next),
                    percent_encoding::NON_ALPHANUMERIC
                )
            ),
        )
    } else {
        (
            SessionStage::Full,
            auth::SESSION_IDLE,
            auth::safe_next(next),
        )
    };
    let cookie = start_session(&state, &headers, credentials.user.id, stage, ttl, now).await?;
    if stage == SessionStage::Full {
        state
            .app
            .store
            .audit(
                now,
                Some(credentials.user.id),
                "login",
                "user",
                Some(credentials.user.id),
                None,
            )
            .await?;
    }
    let mut response = frame::see_other(&to);
    crate::cookies::set(&mut response, cookie);
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

/// The half-way session (password right, code awaited), when there is one.
async fn pending_second_factor(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(String, dateline_store::User)>, NewsroomError> {
    let Some(token) = crate::cookies::read_newsroom(state, headers, crate::cookies::SESSION) else {
        return Ok(None);
    };
    let digest = token::digest(&token);
    Ok(state
        .app
        .store
        .session(&digest, OffsetDateTime::now_utc())
        .await?
        .filter(|s| s.stage == SessionStage::Totp)
        .map(|s| (digest, s.user)))
}

pub async fn code_form(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, NewsroomError> {
    if pending_second_factor(&state, &headers).await?.is_none() {
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
    auth::check_return_path(form.next.as_deref())?;
    let Some((digest, user)) = pending_second_factor(&state, &headers).await? else {
        return Ok(frame::see_other("/newsroom/login"));
    };
    let now = OffsetDateTime::now_utc();
    let address_hash = hashed_address(&state, &headers, peer, now).await?;
    let Some(attempt) = state
        .app
        .store
        .begin_attempt(&user.email, &address_hash, limits(now), now)
        .await?
    else {
        state.app.store.end_session(&digest).await?;
        return render_code(
            &state,
            &headers,
            form.next.as_deref(),
            Some("nr-login-too-many"),
            StatusCode::TOO_MANY_REQUESTS,
        );
    };
    let secret = state
        .app
        .store
        .credentials_by_id(user.id)
        .await?
        .totp_secret;
    let code: String = form
        .code
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(16)
        .collect();
    let step = secret.and_then(|s| totp::verify(&s, &code, now.unix_timestamp()));
    let fresh = match step {
        Some(step) => state.app.store.use_totp_step(user.id, step).await?,
        None => false,
    };
    if !fresh {
        return render_code(
            &state,
            &headers,
            form.next.as_deref(),
            Some("nr-code-wrong"),
            StatusCode::UNAUTHORIZED,
        );
    }
    state.app.store.attempt_succeeded(attempt).await?;
    let session = token::random();
    state
        .app
        .store
        .upgrade_session(&digest, &token::digest(&session), auth::SESSION_IDLE, now)
        .await?;
    state
        .app
        .store
        .audit(
            now,
            Some(user.id),
            "login",
            "user",
            Some(user.id),
            Some("with a second factor"),
        )
        .await?;
    let mut response = frame::see_other(&auth::safe_next(form.next.as_deref()));
    crate::cookies::set(
        &mut response,
        crate::cookies::newsroom(
            &state,
            &headers,
            crate::cookies::SESSION,
            &session,
            auth::SESSION_IDLE.whole_seconds(),
        ),
    );
    Ok(response)
}

pub async fn logout(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    member: Member,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    state
        .app
        .store
        .end_session(&token::digest(&member.token))
        .await?;
    let mut response = frame::see_other("/newsroom/login?done=logout");
    crate::cookies::set(
        &mut response,
        crate::cookies::newsroom(&state, &headers, crate::cookies::SESSION, "", 0),
    );
    Ok(response)
}

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

/// The setup link works once, and only while the site has no accounts.
async fn setup_link_ok(state: &AppState, link: &str) -> Result<bool, NewsroomError> {
    let now = OffsetDateTime::now_utc();
    Ok(state.app.store.user_count().await? == 0
        && matches!(
            state
                .app
                .store
                .link(&token::digest(link), LinkPurpose::Setup, now)
                .await?,
            Some(None)
        ))
}

pub async fn setup_form(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(link): Path<String>,
) -> Result<Response, NewsroomError> {
    if !setup_link_ok(&state, &link).await? {
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
    if !setup_link_ok(&state, &link).await? {
        return Err(NewsroomError::NotFound);
    }
    let lang = crate::language::newsroom(&headers);
    let mut errors = FieldErrors::new();
    if form.name.trim().is_empty() || form.name.chars().count() > 100 {
        errors.insert("name", frame::say(&state, lang, "nr-err-name", &[]));
    }
    if !dateline_core::newsroom::is_plausible_email(&form.email) {
        errors.insert("email", frame::say(&state, lang, "nr-err-email", &[]));
    }
    check_new_password(
        &state,
        lang,
        &form.password,
        &form.password_again,
        &mut errors,
    );
    if !errors.is_empty() {
        let kept = PasswordForm {
            password: String::new(),
            password_again: String::new(),
            ..form
        };
        return render_password_page(
            &state,
            &headers,
            "setup",
            &kept,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let now = OffsetDateTime::now_utc();
    let Some(hashed) = hash(&state, form.password.clone()).await? else {
        errors.insert("password", frame::say(&state, lang, BUSY, &[]));
        let kept = PasswordForm {
            password: String::new(),
            password_again: String::new(),
            ..form
        };
        return Ok(passwords::busy(render_password_page(
            &state,
            &headers,
            "setup",
            &kept,
            &errors,
            StatusCode::SERVICE_UNAVAILABLE,
        )?));
    };
    if !state.app.store.use_link(&token::digest(&link), now).await? {
        return Err(NewsroomError::NotFound);
    }
    let id = state
        .app
        .store
        .create_user(&form.email, &form.name, Role::Admin, Some(&hashed), now)
        .await?;
    state
        .app
        .store
        .audit(
            now,
            Some(id),
            "create",
            "user",
            Some(id),
            Some("the first administrator, by the setup link"),
        )
        .await?;
    let cookie = start_session(
        &state,
        &headers,
        id,
        SessionStage::Full,
        auth::SESSION_IDLE,
        now,
    )
    .await?;
    let mut response = frame::see_other("/newsroom/");
    crate::cookies::set(&mut response, cookie);
    Ok(response)
}

async fn reset_user(state: &AppState, link: &str) -> Result<i64, NewsroomError> {
    match state
        .app
        .store
        .link(
            &token::digest(link),
            LinkPurpose::Reset,
            OffsetDateTime::now_utc(),
        )
        .await?
    {
        Some(Some(user_id)) => Ok(user_id),
        _ => Err(NewsroomError::NotFound),
    }
}

pub async fn reset_form(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(link): Path<String>,
) -> Result<Response, NewsroomError> {
    let user = state
        .app
        .store
        .user(reset_user(&state, &link).await?)
        .await?;
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
    let user_id = reset_user(&state, &link).await?;
    let user = state.app.store.user(user_id).await?;
    let lang = crate::language::newsroom(&headers);
    let mut errors = FieldErrors::new();
    check_new_password(
        &state,
        lang,
        &form.password,
        &form.password_again,
        &mut errors,
    );
    if !errors.is_empty() {
        let kept = PasswordForm {
            email: user.email,
            ..Default::default()
        };
        return render_password_page(
            &state,
            &headers,
            "reset",
            &kept,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let now = OffsetDateTime::now_utc();
    let Some(hashed) = hash(&state, form.password).await? else {
        errors.insert("password", frame::say(&state, lang, BUSY, &[]));
        let kept = PasswordForm {
            email: user.email,
            ..Default::default()
        };
        return Ok(passwords::busy(render_password_page(
            &state,
            &headers,
            "reset",
            &kept,
            &errors,
            StatusCode::SERVICE_UNAVAILABLE,
        )?));
    };
    if !state.app.store.use_link(&token::digest(&link), now).await? {
        return Err(NewsroomError::NotFound);
    }
    state
        .app
        .store
        .set_password(user_id, &hashed, None, now)
        .await?;
    state
        .app
        .store
        .audit(
            now,
            Some(user_id),
            "reset-password",
            "user",
            Some(user_id),
            Some("by a reset link"),
        )
        .await?;
    Ok(frame::see_other("/newsroom/login?done=reset"))
}
