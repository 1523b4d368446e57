//! A member's own account: their password, two-factor login (TOTP), and
//! logging out of every other session. The rules (the current password is
//! checked as a login attempt, within the same limits and through the
//! password gate) are the accounts' use cases' (`dateline_app::accounts::own`).

use super::auth::Member;
use super::frame::{self, CsrfForm, FieldErrors, NewsroomError, Page};
use super::passwords::{self, address};
use crate::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_app::accounts::own::{self, Enrolment, PasswordChange};
use dateline_app::accounts::{sessions, Outcome, Problems};
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
    enrolment: Option<&Enrolment>,
    done: Option<&str>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let sessions = sessions::count(state.app.accounts(), member.user.id).await?;
    let setup = enrolment.map(|e| context! { secret => e.secret, uri => e.uri });
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

/// The account page again with the problems, marked 503 with `Retry-After`
/// when the password gate was full.
async fn refuse(
    state: &AppState,
    member: &Member,
    problems: &Problems,
    enrolment: Option<&Enrolment>,
) -> Result<Response, NewsroomError> {
    let errors = passwords::words(state, member.lang, problems);
    let page = render(
        state,
        member,
        &errors,
        enrolment,
        None,
        passwords::status(problems),
    )
    .await?;
    Ok(passwords::refused(page, problems))
}

#[derive(Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// `POST /newsroom/account/password`: a new password; every other session
/// of the account ends.
pub async fn password(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    member: Member,
    Form(form): Form<PasswordForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let change = PasswordChange {
        current: form.current,
        password: form.password,
        password_again: form.password_again,
    };
    let outcome = own::change_password(
        state.app.accounts(),
        &member.user,
        &member.token,
        change,
        address(&state, &headers, peer),
        OffsetDateTime::now_utc(),
    )
    .await?;
    match outcome {
        Outcome::Done(()) => Ok(frame::see_other("/newsroom/account?done=password")),
        Outcome::Refused(problems) => refuse(&state, &member, &problems, None).await,
    }
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
    let accounts = state.app.accounts();
    match form.step.as_str() {
        "start" => {
            let enrolment = own::totp_enrolment(&member.user, &state.app.site_name());
            render(
                &state,
                &member,
                &FieldErrors::new(),
                Some(&enrolment),
                None,
                StatusCode::OK,
            )
            .await
        }
        "confirm" => match own::totp_on(accounts, &member.user, &form.secret, &form.code, now)
            .await?
        {
            Outcome::Done(()) => Ok(frame::see_other("/newsroom/account?done=totp-on")),
            Outcome::Refused(problems) => {
                let enrolment = own::enrolment(&member.user, &form.secret, &state.app.site_name());
                refuse(&state, &member, &problems, Some(&enrolment)).await
            }
        },
        "off" => {
            let address = address(&state, &headers, peer);
            match own::totp_off(accounts, &member.user, form.current, address, now).await? {
                Outcome::Done(()) => Ok(frame::see_other("/newsroom/account?done=totp-off")),
                Outcome::Refused(problems) => refuse(&state, &member, &problems, None).await,
            }
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
    own::sign_out_everywhere(
        state.app.accounts(),
        &member.user,
        OffsetDateTime::now_utc(),
    )
    .await?;
    Ok(frame::see_other("/newsroom/login?done=logout"))
}
