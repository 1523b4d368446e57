//! Accounts and login attempts under concurrency, on SQLite and (when
//! `DATELINE_TEST_DATABASE_URL` names a server) PostgreSQL: checks that
//! must hold however many requests, on however many nodes, arrive at once.

use dateline_core::newsroom::Role;
use dateline_store::{testing, AttemptLimits, Store, StoreError};
use time::{Duration, OffsetDateTime};

/// The test's directory and, on PostgreSQL, its database: both go when the
/// test ends.
type Scratch = (tempfile::TempDir, Option<testing::TestDatabase>);

async fn fresh() -> (Scratch, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = match testing::postgres_server() {
        Some(server) => Some(
            testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let store = Store::open(dir.path(), url.as_deref())
        .await
        .expect("open and migrate");
    ((dir, url), store)
}

fn limits(now: OffsetDateTime) -> AttemptLimits {
    AttemptLimits {
        per_account: 5,
        per_address: 20,
        since: now - Duration::minutes(15),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_attempts_never_pass_the_limits() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();

    // Sixty at once on one account, each from its own address.
    let mut tasks = Vec::new();
    for i in 0..60 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .begin_attempt("Ana@Example.org", &format!("address-{i}"), limits(now), now)
                .await
        }));
    }
    let mut allowed = 0;
    for task in tasks {
        if task.await.expect("task").expect("attempt").is_some() {
            allowed += 1;
        }
    }
    assert_eq!(allowed, 5, "per account");
    assert_eq!(
        store
            .failed_logins("ana@example.org", "-", now - Duration::minutes(15))
            .await
            .expect("count")
            .0,
        5,
        "refused attempts leave no row"
    );

    // Sixty at once from one address, on many accounts.
    let mut tasks = Vec::new();
    for i in 0..60 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .begin_attempt(
                    &format!("user{i}@example.org"),
                    "one-address",
                    limits(now),
                    now,
                )
                .await
        }));
    }
    let mut ids = Vec::new();
    for task in tasks {
        if let Some(id) = task.await.expect("task").expect("attempt") {
            ids.push(id);
        }
    }
    assert_eq!(ids.len(), 20, "per address");

    // A success no longer counts; an attempt never evaluated is taken back.
    store.attempt_succeeded(ids[0]).await.expect("success");
    store.forget_attempt(ids[1]).await.expect("forget");
    let (_, by_address) = store
        .failed_logins("-", "one-address", now - Duration::minutes(15))
        .await
        .expect("count");
    assert_eq!(by_address, 18);
    let mut more = 0;
    for i in 0..5 {
        if store
            .begin_attempt(
                &format!("late{i}@example.org"),
                "one-address",
                limits(now),
                now,
            )
            .await
            .expect("attempt")
            .is_some()
        {
            more += 1;
        }
    }
    assert_eq!(more, 2, "two places came free");

    // Failures outside the window do not count.
    let later = now + Duration::minutes(16);
    assert!(store
        .begin_attempt("ana@example.org", "address-0", limits(later), later)
        .await
        .expect("attempt")
        .is_some());
}

async fn admin(store: &Store, email: &str, now: OffsetDateTime) -> i64 {
    store
        .create_user(email, email, Role::Admin, Some("$argon2id$stand-in"), now)
        .await
        .expect("an administrator")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_administrators_demoting_each_other_at_once_leave_one() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let ana = admin(&store, "ana@example.org", now).await;
    let bo = admin(&store, "bo@example.org", now).await;
    for round in 0..10 {
        let (a, b) = tokio::join!(
            {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .update_user(ana, "Ana", Role::Editor, false, now)
                        .await
                })
            },
            {
                let store = store.clone();
                tokio::spawn(
                    async move { store.update_user(bo, "Bo", Role::Admin, true, now).await },
                )
            },
        );
        let results = [a.expect("task"), b.expect("task")];
        let refused = results
            .iter()
            .filter(|r| matches!(r, Err(StoreError::Conflict(_))))
            .count();
        assert_eq!(refused, 1, "round {round}: {results:?}");
        assert_eq!(store.active_admins().await.expect("count"), 1);
        store
            .update_user(ana, "Ana", Role::Admin, false, now)
            .await
            .expect("again");
        store
            .update_user(bo, "Bo", Role::Admin, false, now)
            .await
            .expect("again");
    }

    // The last one may be renamed, not demoted or disabled.
    store
        .update_user(bo, "Bo", Role::Editor, false, now)
        .await
        .expect("one may step down while another remains");
    store
        .update_user(ana, "Ana Admin", Role::Admin, false, now)
        .await
        .expect("renaming the last administrator");
    for (role, disabled) in [(Role::Editor, false), (Role::Admin, true)] {
        assert!(matches!(
            store.update_user(ana, "Ana", role, disabled, now).await,
            Err(StoreError::Conflict(_))
        ));
    }
    let user = store.user(ana).await.expect("user");
    assert_eq!(
        (user.name.as_str(), user.role, user.disabled),
        ("Ana Admin", Role::Admin, false)
    );
    assert!(matches!(
        store
            .update_user(9999, "Nobody", Role::Editor, false, now)
            .await,
        Err(StoreError::NotFound)
    ));
}
