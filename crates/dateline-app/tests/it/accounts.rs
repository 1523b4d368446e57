//! Accounts and sessions: signing in within the attempt limits, the second
//! factor, sessions, who may manage people, the last administrator, and
//! one-time links.

use crate::support::{app, member};
use dateline_app::accounts::links::{self, Followed, NewAdmin};
use dateline_app::accounts::own::{self, PasswordChange};
use dateline_app::accounts::people::{self, Change, NewPerson};
use dateline_app::accounts::sign_in::{self, Code, SignIn};
use dateline_app::accounts::{sessions, Accounts, Error, Outcome, Problem, PER_ACCOUNT};
use dateline_app::{Actor, App};
use dateline_auth::{token, totp};
use dateline_core::newsroom::Role;
use dateline_store::{AuditEntry, AuditFilter, User};
use std::net::IpAddr;
use time::{Duration, OffsetDateTime};

const PASSWORD: &str = "correct horse battery";
const ADDRESS: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 7));

/// An account with a password, made as `dateline user add` makes it.
async fn account(app: &App, email: &str, role: Role) -> User {
    let outcome = people::add(
        app.accounts(),
        Actor::Operator,
        NewPerson {
            email: email.into(),
            name: email.into(),
            role: role.as_str().into(),
            password: Some(PASSWORD.into()),
        },
        OffsetDateTime::now_utc(),
    )
    .await
    .expect("answered");
    let Outcome::Done(added) = outcome else {
        panic!("refused: {outcome:?}");
    };
    assert_eq!(added.link, None, "a password was given");
    app.store.user(added.id).await.expect("the account")
}

/// Failed (or unfinished) attempts on `email` and from [`ADDRESS`] lately.
async fn failures(acc: Accounts<'_>, email: &str, now: OffsetDateTime) -> (i64, i64) {
    let address = acc
        .store
        .address_hash(&ADDRESS.to_string(), now)
        .await
        .expect("hashed");
    acc.store
        .failed_logins(email, &address, now - Duration::minutes(15))
        .await
        .expect("counted")
}

async fn audit_of(app: &App, user_id: i64) -> Vec<AuditEntry> {
    let filter = AuditFilter {
        entity: Some("user".into()),
        entity_id: Some(user_id),
        user_email: None,
    };
    app.store.audit_log(&filter, 50, 0).await.expect("read").0
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_counted() {
    let f = app().await;
    let acc = f.app.accounts();
    account(&f.app, "ana@example.org", Role::Editor).await;
    let now = OffsetDateTime::now_utc();
    let wrong = sign_in::sign_in(
        acc,
        "ana@example.org",
        "not the one at all".into(),
        ADDRESS,
        now,
    )
    .await
    .expect("answered");
    assert_eq!(wrong, SignIn::Wrong);
    assert_eq!(failures(acc, "ana@example.org", now).await, (1, 1));
    // No such account: the same answer, counted the same.
    let nobody = sign_in::sign_in(acc, "nobody@example.org", PASSWORD.into(), ADDRESS, now)
        .await
        .expect("answered");
    assert_eq!(nobody, SignIn::Wrong);
    assert_eq!(failures(acc, "nobody@example.org", now).await, (1, 2));
    // Empty fields are not checked and not counted.
    let missing = sign_in::sign_in(acc, "ana@example.org", String::new(), ADDRESS, now)
        .await
        .expect("answered");
    assert_eq!(missing, SignIn::Missing);
    assert_eq!(failures(acc, "ana@example.org", now).await, (1, 2));
}

#[tokio::test]
async fn the_limit_locks_further_attempts_even_with_the_right_password() {
    let f = app().await;
    let acc = f.app.accounts();
    account(&f.app, "ana@example.org", Role::Editor).await;
    let now = OffsetDateTime::now_utc();
    for _ in 0..PER_ACCOUNT {
        let outcome = sign_in::sign_in(
            acc,
            "ana@example.org",
            "a wrong guess!".into(),
            ADDRESS,
            now,
        )
        .await
        .expect("answered");
        assert_eq!(outcome, SignIn::Wrong);
    }
    let locked = sign_in::sign_in(acc, "ANA@example.org", PASSWORD.into(), ADDRESS, now)
        .await
        .expect("answered");
    assert_eq!(locked, SignIn::TooMany);
    assert_eq!(
        failures(acc, "ana@example.org", now).await.0,
        PER_ACCOUNT,
        "a refused attempt is not written"
    );
    // Past the window, the right password works again.
    let later = now + Duration::minutes(16);
    let outcome = sign_in::sign_in(acc, "ana@example.org", PASSWORD.into(), ADDRESS, later)
        .await
        .expect("answered");
    assert!(matches!(outcome, SignIn::Welcome(_)), "{outcome:?}");
}

#[tokio::test]
async fn a_session_is_made_at_sign_in_and_ended_at_sign_out() {
    let f = app().await;
    let acc = f.app.accounts();
    let ana = account(&f.app, "ana@example.org", Role::Editor).await;
    let now = OffsetDateTime::now_utc();
    let SignIn::Welcome(session) =
        sign_in::sign_in(acc, "ana@example.org", PASSWORD.into(), ADDRESS, now)
            .await
            .expect("answered")
    else {
        panic!("not signed in");
    };
    assert_eq!(session.ttl, sessions::IDLE);
    let found = sessions::current(acc, &session.token, now)
        .await
        .expect("read");
    assert_eq!(found.map(|u| u.id), Some(ana.id));
    assert_eq!(sessions::count(acc, ana.id).await.expect("counted"), 1);
    assert_eq!(
        failures(acc, "ana@example.org", now).await.0,
        0,
        "a success does not count"
    );
    assert!(audit_of(&f.app, ana.id)
        .await
        .iter()
        .any(|e| e.action == "login"));
    // Only the digest is stored: the token itself opens nothing else.
    assert!(sessions::current(acc, &token::digest(&session.token), now)
        .await
        .expect("read")
        .is_none());
    sessions::end(acc, &session.token).await.expect("ended");
    assert!(sessions::current(acc, &session.token, now)
        .await
        .expect("read")
        .is_none());
    assert_eq!(sessions::count(acc, ana.id).await.expect("counted"), 0);
}

#[tokio::test]
async fn an_enrolled_account_needs_its_code_and_a_code_works_once() {
    let f = app().await;
    let acc = f.app.accounts();
    let ana = account(&f.app, "ana@example.org", Role::Editor).await;
    let now = OffsetDateTime::now_utc();
    let enrolment = own::totp_enrolment(&ana, "Dateline");
    assert!(enrolment.uri.starts_with("otpauth://"), "{}", enrolment.uri);
    let refused = own::totp_on(acc, &ana, &enrolment.secret, "000000x", now)
        .await
        .expect("answered");
    assert_eq!(
        refused.problems().and_then(|p| p.get("code")),
        Some(Problem::TotpCode)
    );
    let code = totp::code_at(&enrolment.secret, now.unix_timestamp()).expect("a code");
    let on = own::totp_on(acc, &ana, &enrolment.secret, &code, now)
        .await
        .expect("answered");
    assert_eq!(on, Outcome::Done(()));

    let then = now + Duration::seconds(30);
    let SignIn::CodeNeeded(half) =
        sign_in::sign_in(acc, "ana@example.org", PASSWORD.into(), ADDRESS, then)
            .await
            .expect("answered")
    else {
        panic!("no code asked for");
    };
    assert_eq!(half.ttl, sessions::TOTP_WAIT);
    assert!(
        sessions::current(acc, &half.token, then)
            .await
            .expect("read")
            .is_none(),
        "the password alone signs nobody in"
    );
    // The code of the enrolment was spent: it cannot be replayed.
    let replayed = sign_in::second_factor(acc, &half.token, &code, ADDRESS, then)
        .await
        .expect("answered");
    assert_eq!(replayed, Code::Wrong);
    let fresh = totp::code_at(&enrolment.secret, then.unix_timestamp()).expect("a code");
    let spaced = format!("{} {}", &fresh[..3], &fresh[3..]);
    let Code::Welcome(whole) = sign_in::second_factor(acc, &half.token, &spaced, ADDRESS, then)
        .await
        .expect("answered")
    else {
        panic!("the code was not taken");
    };
    assert_ne!(
        whole.token, half.token,
        "a new token after the second factor"
    );
    let found = sessions::current(acc, &whole.token, then)
        .await
        .expect("read");
    assert_eq!(found.map(|u| u.id), Some(ana.id));
    let again = sign_in::second_factor(acc, &half.token, &fresh, ADDRESS, then)
        .await
        .expect("answered");
    assert_eq!(again, Code::NoSession, "the half-way session is gone");
    assert!(audit_of(&f.app, ana.id)
        .await
        .iter()
        .any(|e| e.action == "login" && e.detail.as_deref() == Some("with a second factor")));
}

#[tokio::test]
async fn a_contributor_cannot_manage_people() {
    let f = app().await;
    let acc = f.app.accounts();
    let contributor = member(&f.app, Role::Contributor).await;
    let editor = member(&f.app, Role::Editor).await;
    let now = OffsetDateTime::now_utc();
    let change = Change {
        name: "Promoted".into(),
        role: "admin".into(),
        disabled: false,
    };
    for actor in [&contributor, &editor] {
        let refused = people::update(acc, Actor::Member(actor), contributor.id, &change, now).await;
        assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
        let listed = people::list(acc, Actor::Member(actor)).await;
        assert!(matches!(listed, Err(Error::Forbidden)), "{listed:?}");
        let reset = people::reset(acc, Actor::Member(actor), editor.id, now).await;
        assert!(matches!(reset, Err(Error::Forbidden)), "{reset:?}");
    }
    let unchanged = f.app.store.user(contributor.id).await.expect("read");
    assert_eq!(unchanged.role, Role::Contributor);
    assert_eq!(unchanged.name, contributor.name);
    assert!(audit_of(&f.app, contributor.id).await.is_empty());
}

#[tokio::test]
async fn the_last_administrator_cannot_be_demoted_or_disabled() {
    let f = app().await;
    let acc = f.app.accounts();
    let admin = account(&f.app, "chief@example.org", Role::Admin).await;
    let now = OffsetDateTime::now_utc();
    for (role, disabled) in [("editor", false), ("admin", true)] {
        let change = Change {
            name: "Chief".into(),
            role: role.into(),
            disabled,
        };
        let outcome = people::update(acc, Actor::Member(&admin), admin.id, &change, now)
            .await
            .expect("answered");
        assert_eq!(
            outcome.problems().and_then(|p| p.get("role")),
            Some(Problem::LastAdmin)
        );
    }
    let still = f.app.store.user(admin.id).await.expect("read");
    assert_eq!((still.role, still.disabled), (Role::Admin, false));
    // With a second administrator, the first may step down.
    account(&f.app, "deputy@example.org", Role::Admin).await;
    let change = Change {
        name: "Chief".into(),
        role: "editor".into(),
        disabled: false,
    };
    let outcome = people::update(acc, Actor::Member(&admin), admin.id, &change, now)
        .await
        .expect("answered");
    assert_eq!(outcome, Outcome::Done(()));
    assert_eq!(
        f.app.store.user(admin.id).await.expect("read").role,
        Role::Editor
    );
}

#[tokio::test]
async fn an_invitation_link_works_once_and_sets_the_password() {
    let f = app().await;
    let acc = f.app.accounts();
    let admin = account(&f.app, "chief@example.org", Role::Admin).await;
    let now = OffsetDateTime::now_utc();
    let invite = NewPerson {
        email: "new@example.org".into(),
        name: "New Writer".into(),
        role: "contributor".into(),
        password: None,
    };
    let Outcome::Done(added) = people::add(acc, Actor::Member(&admin), invite.clone(), now)
        .await
        .expect("answered")
    else {
        panic!("refused");
    };
    let link = added.link.expect("a link to set the password");
    // The same email again is refused at its field.
    let twice = people::add(acc, Actor::Member(&admin), invite, now)
        .await
        .expect("answered");
    assert_eq!(
        twice.problems().and_then(|p| p.get("email")),
        Some(Problem::EmailTaken)
    );
    let shown = links::reset_account(acc, &link, now).await.expect("read");
    assert_eq!(shown.map(|u| u.email), Some("new@example.org".to_string()));
    let mismatched = links::reset(acc, &link, "a new password", "another one", now)
        .await
        .expect("answered");
    assert_eq!(
        mismatched,
        Followed::Refused({
            let mut p = dateline_app::accounts::Problems::new();
            p.insert("password_again", Problem::PasswordAgain);
            p
        }),
        "a refused form leaves the link working"
    );
    let done = links::reset(acc, &link, "a new password", "a new password", now)
        .await
        .expect("answered");
    assert_eq!(done, Followed::Done(None));
    let again = links::reset(acc, &link, "a third password", "a third password", now)
        .await
        .expect("answered");
    assert_eq!(again, Followed::Gone);
    let signed = sign_in::sign_in(
        acc,
        "new@example.org",
        "a new password".into(),
        ADDRESS,
        now,
    )
    .await
    .expect("answered");
    assert!(matches!(signed, SignIn::Welcome(_)), "{signed:?}");
    let log = audit_of(&f.app, added.id).await;
    assert!(log.iter().any(|e| e.action == "create"
        && e.user_email.as_deref() == Some("chief@example.org")
        && e.detail.as_deref() == Some("contributor")));
    assert!(log.iter().any(|e| e.action == "reset-password"));
}

#[tokio::test]
async fn the_setup_link_makes_the_first_administrator_once() {
    let f = app().await;
    let acc = f.app.accounts();
    let now = OffsetDateTime::now_utc();
    let first = links::new_setup_link(&f.app.store, now)
        .await
        .expect("made")
        .expect("a setup link on a fresh site");
    let link = links::new_setup_link(&f.app.store, now)
        .await
        .expect("made")
        .expect("a setup link on a fresh site");
    assert!(
        !links::setup_open(acc, &first, now).await.expect("read"),
        "only the newest link works"
    );
    assert!(links::setup_open(acc, &link, now).await.expect("read"));
    let admin = NewAdmin {
        name: "Chief".into(),
        email: "chief@example.org".into(),
        password: PASSWORD.into(),
        password_again: PASSWORD.into(),
    };
    let Followed::Done(Some(session)) = links::setup(acc, &link, &admin, now)
        .await
        .expect("answered")
    else {
        panic!("not made");
    };
    let chief = sessions::current(acc, &session.token, now)
        .await
        .expect("read")
        .expect("signed in");
    assert_eq!(chief.role, Role::Admin);
    assert_eq!(
        links::setup(acc, &link, &admin, now)
            .await
            .expect("answered"),
        Followed::Gone
    );
    assert!(!links::setup_open(acc, &link, now).await.expect("read"));
    assert_eq!(
        links::new_setup_link(&f.app.store, now)
            .await
            .expect("read"),
        None,
        "a site with accounts makes no setup link"
    );
}

#[tokio::test]
async fn a_reset_by_an_administrator_ends_sessions_and_the_new_password_ends_the_others() {
    let f = app().await;
    let acc = f.app.accounts();
    let admin = account(&f.app, "chief@example.org", Role::Admin).await;
    let ana = account(&f.app, "ana@example.org", Role::Editor).await;
    let now = OffsetDateTime::now_utc();
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let SignIn::Welcome(s) =
            sign_in::sign_in(acc, "ana@example.org", PASSWORD.into(), ADDRESS, now)
                .await
                .expect("answered")
        else {
            panic!("not signed in");
        };
        tokens.push(s.token);
    }
    // A wrong current password is a counted attempt, and nothing changes.
    let change = PasswordChange {
        current: "not my password".into(),
        password: "short".into(),
        password_again: "short".into(),
    };
    let refused = own::change_password(acc, &ana, &tokens[0], change, ADDRESS, now)
        .await
        .expect("answered");
    let problems = refused.problems().expect("refused");
    assert_eq!(problems.get("current"), Some(Problem::CurrentWrong));
    assert!(matches!(
        problems.get("password"),
        Some(Problem::Password(_))
    ));
    assert_eq!(failures(acc, "ana@example.org", now).await.0, 1);
    let change = PasswordChange {
        current: PASSWORD.into(),
        password: "a better password".into(),
        password_again: "a better password".into(),
    };
    let done = own::change_password(acc, &ana, &tokens[0], change, ADDRESS, now)
        .await
        .expect("answered");
    assert_eq!(done, Outcome::Done(()));
    assert!(sessions::current(acc, &tokens[0], now)
        .await
        .expect("read")
        .is_some());
    assert!(sessions::current(acc, &tokens[1], now)
        .await
        .expect("read")
        .is_none());
    let link = people::reset(acc, Actor::Member(&admin), ana.id, now)
        .await
        .expect("a link");
    assert_eq!(sessions::count(acc, ana.id).await.expect("counted"), 0);
    assert!(links::reset_account(acc, &link, now)
        .await
        .expect("read")
        .is_some());
}
