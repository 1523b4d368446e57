//! One-time links: the first administrator's setup link (printed by
//! `dateline serve` on a site without accounts) and password-reset links
//! (made by an administrator for a member). Each works once.

use super::sessions::{self, NewSession};
use super::{check_name, check_new_password, hash, Accounts, Error, Problem, Problems};
use dateline_auth::token;
use dateline_core::newsroom::Role;
use dateline_store::{LinkPurpose, SessionStage, User};
use time::OffsetDateTime;

/// How long a setup link works.
pub const SETUP_TTL: time::Duration = time::Duration::days(1);

/// A fresh site has no newsroom accounts: a new one-time link (valid a day,
/// and only until someone uses it) makes the first administrator. Each call
/// replaces the previous link. Its token, or None on a site with accounts.
pub async fn new_setup_link(
    store: &dateline_store::Store,
    now: OffsetDateTime,
) -> Result<Option<String>, dateline_store::StoreError> {
    if store.user_count().await? > 0 {
        return Ok(None);
    }
    let link = token::random();
    store.clear_setup_links().await?;
    store
        .create_link(
            &token::digest(&link),
            None,
            LinkPurpose::Setup,
            SETUP_TTL,
            now,
        )
        .await?;
    Ok(Some(link))
}

/// Whether the setup link works: only once, and only while the site has no
/// accounts.
pub async fn setup_open(acc: Accounts<'_>, link: &str, now: OffsetDateTime) -> Result<bool, Error> {
    Ok(acc.store.user_count().await? == 0
        && matches!(
            acc.store
                .link(&token::digest(link), LinkPurpose::Setup, now)
                .await?,
            Some(None)
        ))
}

/// The first administrator as the setup form gives them.
#[derive(Debug, Clone, Default)]
pub struct NewAdmin {
    pub name: String,
    pub email: String,
    pub password: String,
    pub password_again: String,
}

/// What following a link came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Followed {
    /// The link does not work (unknown, used, expired, or a setup link on
    /// a site that has accounts now).
    Gone,
    /// The form's problems; nothing changed and the link still works.
    Refused(Problems),
    /// Done; after the setup link, the new administrator is signed in.
    Done(Option<NewSession>),
}

/// Makes the first administrator by the setup link, and signs them in.
pub async fn setup(
    acc: Accounts<'_>,
    link: &str,
    form: &NewAdmin,
    now: OffsetDateTime,
) -> Result<Followed, Error> {
    if !setup_open(acc, link, now).await? {
        return Ok(Followed::Gone);
    }
    let mut problems = Problems::new();
    check_name(&form.name, &mut problems);
    if !dateline_core::newsroom::is_plausible_email(&form.email) {
        problems.insert("email", Problem::Email);
    }
    check_new_password(&form.password, &form.password_again, &mut problems);
    if !problems.is_empty() {
        return Ok(Followed::Refused(problems));
    }
    let Some(hashed) = hash(acc, form.password.clone()).await? else {
        problems.insert("password", Problem::Busy);
        return Ok(Followed::Refused(problems));
    };
    if !acc.store.use_link(&token::digest(link), now).await? {
        return Ok(Followed::Gone);
    }
    let id = acc
        .store
        .create_user(&form.email, &form.name, Role::Admin, Some(&hashed), now)
        .await?;
    acc.store
        .audit(
            now,
            Some(id),
            "create",
            "user",
            Some(id),
            Some("the first administrator, by the setup link"),
        )
        .await?;
    let session = sessions::start(acc, id, SessionStage::Full, sessions::IDLE, now).await?;
    Ok(Followed::Done(Some(session)))
}

/// The account a live reset link is for.
pub async fn reset_account(
    acc: Accounts<'_>,
    link: &str,
    now: OffsetDateTime,
) -> Result<Option<User>, Error> {
    match acc
        .store
        .link(&token::digest(link), LinkPurpose::Reset, now)
        .await?
    {
        Some(Some(user_id)) => Ok(Some(acc.store.user(user_id).await?)),
        _ => Ok(None),
    }
}

/// Sets a new password by a reset link. Every session of the account ends.
pub async fn reset(
    acc: Accounts<'_>,
    link: &str,
    password: &str,
    again: &str,
    now: OffsetDateTime,
) -> Result<Followed, Error> {
    let Some(user) = reset_account(acc, link, now).await? else {
        return Ok(Followed::Gone);
    };
    let mut problems = Problems::new();
    check_new_password(password, again, &mut problems);
    if !problems.is_empty() {
        return Ok(Followed::Refused(problems));
    }
    let Some(hashed) = hash(acc, password.to_string()).await? else {
        problems.insert("password", Problem::Busy);
        return Ok(Followed::Refused(problems));
    };
    if !acc.store.use_link(&token::digest(link), now).await? {
        return Ok(Followed::Gone);
    }
    acc.store.set_password(user.id, &hashed, None, now).await?;
    acc.store
        .audit(
            now,
            Some(user.id),
            "reset-password",
            "user",
            Some(user.id),
            Some("by a reset link"),
        )
        .await?;
    Ok(Followed::Done(None))
}
