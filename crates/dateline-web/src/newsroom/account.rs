//! A member's own account: their password, two-factor login (TOTP), and
//! logging out of every other session.
//!
//! Checking the current password is a login attempt like any other: it
//! meets the same limits (5 failures per account, 20 per address, in 15
//! minutes), so a stolen session cannot be used to guess the password, and
//! it goes through the site's password gate.

use super::auth::Member;
use super::frame::{self, CsrfForm, FieldErrors, NewsroomError, Page};
use super::passwords;
use super::passwords::{check_new_password, hash, hashed_address, limits, BUSY, MAX_FIELD};
use crate::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_auth::{password, token, totp};
use dateline_render::context;
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;
use time::OffsetDateTime;

#[derive(Deserialize, Default)]
pub struct AccountQuery {
    done: Option<String>,
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<AccountQuery>,
) -> Result<Response, NewsroomError> {
    render(
        &state,
        &member,
        &FieldErrors::new(),
        None,
        q.done.as_deref(),
        StatusCode::OK,
    )
    .await
}

async fn render(
    state: &AppState,
    member: &Member,
    errors: &FieldErrors,
    new_secret: Option<&str>,
    done: Option<&str>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let sessions = state.app.store.session_count(member.user.id).await?;
    let setup = new_secret.map(|s| {
        context! {
            secret => s,
            uri => totp::provisioning_uri(s, &member.user.email, &state.app.site_name()),
        }
    });
    Page::new(
        "nr-account.html",
        "nr-account-title",
        member.lang,
        context! {
            account => member.user,
            sessions => sessions,
            errors => errors,
            totp_setup => setup,
            done => done.filter(|d| matches!(*d, "password" | "totp-on" | "totp-off" | "logout")),
        },
    )
    .member(member)
    .current("/newsroom/account")
    .status(status)
    .render(state)
}

#[derive(Deserialize, Default)]
pub struct PasswordChange {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// What checking the current password found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Current {
    Right,
    Wrong,
    /// Too many failures lately: not checked.
    TooMany,
    /// The password gate stayed full: not checked, and not counted.
    Busy,
}

impl Current {
    /// The sentence for the password field, and the status, unless right.
    fn refusal(self) -> Option<(&'static str, StatusCode)> {
        match self {
            Current::Right => None,
            Current::Wrong => Some(("nr-err-current-wrong", StatusCode::UNPROCESSABLE_ENTITY)),
            Current::TooMany => Some(("nr-err-current-too-many", StatusCode::TOO_MANY_REQUESTS)),
            Current::Busy => Some((BUSY, StatusCode::SERVICE_UNAVAILABLE)),
        }
    }
}

/// Checks the member's current password as a login attempt: written
/// before it is checked, refused unchecked over the limits.
async fn check_current(
    state: &AppState,
    member: &Member,
    headers: &HeaderMap,
    peer: SocketAddr,
    given: String,
) -> Result<Current, NewsroomError> {
    let now = OffsetDateTime::now_utc();
    let address_hash = hashed_address(state, headers, peer, now).await?;
    let Some(attempt) = state
        .app
        .store
        .begin_attempt(&member.user.email, &address_hash, limits(now), now)
        .await?
    else {
        return Ok(Current::TooMany);
    };
    let stored = state
        .app
        .store
        .credentials_by_id(member.user.id)
        .await?
        .password_hash;
    let verified = state
        .passwords
        .run(move |memory| match stored {
            Some(h) if given.len() <= MAX_FIELD => password::verify_with(memory, &h, &given),
            _ => password::verify_dummy_with(memory, ""),
        })
        .await?;
    match verified {
        Some(true) => {
            state.app.store.attempt_succeeded(attempt).await?;
            Ok(Current::Right)
        }
        Some(false) => Ok(Current::Wrong),
        None => {
            state.app.store.forget_attempt(attempt).await?;
            Ok(Current::Busy)
        }
    }
}

/// The account page again with `errors`, marked 503 with `Retry-After`
/// when the password gate was full.
async fn refuse(
    state: &AppState,
    member: &Member,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let page = render(state, member, errors, None, None, status).await?;
    Ok(if status == StatusCode::SERVICE_UNAVAILABLE {
        passwords::busy(page)
    } else {
        page
    })
}

/// `POST /newsroom/account/password`: a new password; every other session
/// of the account ends.
pub async fn password(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    member: Member,
    Form(form): Form<PasswordChange>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let mut errors = FieldErrors::new();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    let current = check_current(&state, &member, &headers, peer, form.current.clone()).await?;
    if let Some((sentence, refused)) = current.refusal() {
        errors.insert("current", frame::say(&state, member.lang, sentence, &[]));
        status = refused;
    }
    check_new_password(
        &state,
        member.lang,
        &form.password,
        &form.password_again,
        &mut errors,
    );
    if !errors.is_empty() {
        return refuse(&state, &member, &errors, status).await;
    }
    let now = OffsetDateTime::now_utc();
    let Some(hashed) = hash(&state, form.password).await? else {
        errors.insert("password", frame::say(&state, member.lang, BUSY, &[]));
        return refuse(&state, &member, &errors, StatusCode::SERVICE_UNAVAILABLE).await;
    };
    state
        .app
        .store
        .set_password(
            member.user.id,
            &hashed,
            Some(&token::digest(&member.token)),
            now,
        )
        .await?;
    member
        .audit(
            &state,
            now,
            "change-password",
            "user",
            Some(member.user.id),
            None,
        )
        .await?;
    Ok(frame::see_other("/newsroom/account?done=password"))
}

#[derive(Deserialize, Default)]
pub struct TotpForm {
    #[serde(default)]
    csrf: String,
    /// `start`, `confirm` or `off`.
    #[serde(default)]
    step: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    current: String,
}

/// `POST /newsroom/account/totp`: turning two-factor login on (a new secret,
/// confirmed by a code from the app) or off (with the password).
pub async fn totp(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    member: Member,
    Form(form): Form<TotpForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let now = OffsetDateTime::now_utc();
    let mut errors = FieldErrors::new();
    match form.step.as_str() {
        "start" => {
            let secret = totp::new_secret();
            render(
                &state,
                &member,
                &errors,
                Some(&secret),
                None,
                StatusCode::OK,
            )
            .await
        }
        "confirm" => {
            let code: String = form
                .code
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(16)
                .collect();
            match totp::verify(&form.secret, &code, now.unix_timestamp()) {
                Some(step) => {
                    state
                        .app
                        .store
                        .set_totp(member.user.id, Some(&form.secret), now)
                        .await?;
                    state.app.store.use_totp_step(member.user.id, step).await?;
                    member
                        .audit(&state, now, "totp-on", "user", Some(member.user.id), None)
                        .await?;
                    Ok(frame::see_other("/newsroom/account?done=totp-on"))
                }
                None => {
                    errors.insert(
                        "code",
                        frame::say(&state, member.lang, "nr-err-totp-code", &[]),
                    );
                    let secret: String = form.secret.chars().take(64).collect();
                    render(
                        &state,
                        &member,
                        &errors,
                        Some(&secret),
                        None,
                        StatusCode::UNPROCESSABLE_ENTITY,
                    )
                    .await
                }
            }
        }
        "off" => {
            let current =
                check_current(&state, &member, &headers, peer, form.current.clone()).await?;
            if let Some((sentence, status)) = current.refusal() {
                errors.insert(
                    "totp_current",
                    frame::say(&state, member.lang, sentence, &[]),
                );
                return refuse(&state, &member, &errors, status).await;
            }
            state.app.store.set_totp(member.user.id, None, now).await?;
            member
                .audit(&state, now, "totp-off", "user", Some(member.user.id), None)
                .await?;
            Ok(frame::see_other("/newsroom/account?done=totp-off"))
        }
        _ => Err(NewsroomError::BadRequest("Unknown step.".into())),
    }
}

/// `POST /newsroom/account/logout-everywhere`: ends every session of the
/// account, this one too.
pub async fn logout_everywhere(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let now = OffsetDateTime::now_utc();
    state.app.store.end_sessions_of(member.user.id).await?;
    member
        .audit(
            &state,
            now,
            "logout-everywhere",
            "user",
            Some(member.user.id),
            None,
        )
        .await?;
    Ok(frame::see_other("/newsroom/login?done=logout"))
}
