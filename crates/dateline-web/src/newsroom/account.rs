//! A member's own account: their password, two-factor login (TOTP), and
//! logging out of every other session.

use super::auth::Member;
use super::frame::{self, CsrfForm, FieldErrors, NewsroomError, Page};
use super::login::{check_new_password, hash};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_auth::{password, token, totp};
use dateline_render::context;
use serde::Deserialize;
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
    let sessions = state.store.session_count(member.user.id).await?;
    let setup = new_secret.map(|s| {
        context! {
            secret => s,
            uri => totp::provisioning_uri(s, &member.user.email, &state.config.site_name),
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

async fn current_password_ok(
    state: &AppState,
    member: &Member,
    given: String,
) -> Result<bool, NewsroomError> {
    let stored = state
        .store
        .credentials_by_id(member.user.id)
        .await?
        .password_hash;
    tokio::task::spawn_blocking(move || match stored {
        Some(h) => password::verify(&h, &given),
        None => false,
    })
    .await
    .map_err(|e| NewsroomError::Internal(e.to_string()))
}

/// `POST /newsroom/account/password`: a new password; every other session
/// of the account ends.
pub async fn password(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<PasswordChange>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let mut errors = FieldErrors::new();
    if !current_password_ok(&state, &member, form.current.clone()).await? {
        errors.insert("current", "This is not your current password.".into());
    }
    check_new_password(&form.password, &form.password_again, &mut errors);
    if !errors.is_empty() {
        return render(
            &state,
            &member,
            &errors,
            None,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let now = OffsetDateTime::now_utc();
    let hashed = hash(form.password).await?;
    state
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
                        .store
                        .set_totp(member.user.id, Some(&form.secret), now)
                        .await?;
                    state.store.use_totp_step(member.user.id, step).await?;
                    member
                        .audit(&state, now, "totp-on", "user", Some(member.user.id), None)
                        .await?;
                    Ok(frame::see_other("/newsroom/account?done=totp-on"))
                }
                None => {
                    errors.insert("code", "This code is not right. Check the time on your phone and try the newest code.".into());
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
            if !current_password_ok(&state, &member, form.current.clone()).await? {
                errors.insert("totp_current", "This is not your current password.".into());
                return render(
                    &state,
                    &member,
                    &errors,
                    None,
                    None,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            state.store.set_totp(member.user.id, None, now).await?;
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
    state.store.end_sessions_of(member.user.id).await?;
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
