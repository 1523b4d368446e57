//! No comment is ever lost: concurrent comment POSTs against a real server,
//! which writes them in batches (group commit), the server killed with
//! SIGKILL in the middle, thirty times over, and every comment that got its
//! 303 is in the database afterwards, once.

use crate::support;

use dateline_store::{testing, Store};
use std::collections::HashSet;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::comment_load;

fn dateline() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.env_remove("DATELINE_CONFIG");
    cmd
}

fn serve(store_args: &[String]) -> (Child, String) {
    let mut cmd = dateline();
    cmd.args(["serve", "--no-demo", "--listen", "127.0.0.1:0"])
        .args(store_args);
    support::spawn_serve(&mut cmd)
}

async fn fresh_url() -> Option<testing::TestDatabase> {
    match testing::postgres_server() {
        Some(server) => Some(
            testing::fresh_database(&server)
                .await
                .expect("fresh database"),
        ),
        None => None,
    }
}

/// Kill cycles: the issue of group commit asks for at least thirty.
const CYCLES: usize = 30;
/// Writers posting at once: enough that the server batches their comments.
const WRITERS: usize = 32;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_comments_survive_a_sigkill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let url = fresh_url().await;
    let mut args = vec!["--data-dir".to_string(), data.display().to_string()];
    if let Some(u) = &url {
        args.extend(["--database-url".into(), u.expose().into()]);
    }
    comment_load::open_to_a_load(&args);
    let client = crate::support::client_builder()
        // Below the server's 10 s idle limit, so no request meets a closed connection.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");

    let mut acknowledged = Vec::<String>::new();
    for cycle in 0..CYCLES {
        let (mut server, base) = serve(&args);
        let token = comment_load::form_token(&client, &base).await;
        // The writers post until the server dies under them; each cycle is
        // killed after a different number of acknowledgements, so the kill
        // falls at other points of a batch.
        let landed = Arc::new(Mutex::new(Vec::<String>::new()));
        let mut writers = Vec::new();
        for w in 0..WRITERS {
            let (client, base, token, landed) =
                (client.clone(), base.clone(), token.clone(), landed.clone());
            writers.push(tokio::spawn(async move {
                for i in 0..100_000 {
                    let (body, sent) =
                        comment_load::post(&client, &base, &token, cycle * 1000 + w, i).await;
                    match sent {
                        Ok(res) if res.status() == reqwest::StatusCode::SEE_OTHER => {
                            landed.lock().expect("lock").push(body);
                        }
                        Ok(res) => panic!("unexpected {}", res.status()),
                        Err(_) => break, // the server is gone
                    }
                }
            }));
        }
        let enough = 100 + 37 * cycle % 400;
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while landed.lock().expect("lock").len() < enough && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill().expect("SIGKILL");
        server.wait().expect("reaped");
        for w in writers {
            w.await.expect("writer");
        }
        let landed = landed.lock().expect("lock").clone();
        assert!(
            landed.len() >= enough,
            "cycle {cycle}: only {} comments were acknowledged",
            landed.len()
        );
        acknowledged.extend(landed);
    }

    // Restarted, the site has every acknowledged comment of every cycle,
    // each once.
    let (mut server, base) = serve(&args);
    let token = comment_load::form_token(&client, &base).await;
    let store = Store::open(&data, url.as_deref()).await.expect("store");
    let stored = store
        .moderation_queue(None, None, i64::MAX)
        .await
        .expect("queue");
    let bodies: Vec<&str> = stored.iter().map(|c| c.body.as_str()).collect();
    let unique: HashSet<&str> = bodies.iter().copied().collect();
    assert_eq!(unique.len(), bodies.len(), "no comment is there twice");
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|body| !unique.contains(body.as_str()))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged comments were lost over {CYCLES} kills, first {:?}",
        lost.len(),
        acknowledged.len(),
        lost.first()
    );
    // A client retrying an acknowledged POST after the restart makes no second copy.
    let first = &acknowledged[0];
    let (w, i) = first
        .trim_start_matches("Writer ")
        .split_once(" comment ")
        .and_then(|(w, i)| Some((w.parse().ok()?, i.parse().ok()?)))
        .expect("shape");
    let (body, sent) = comment_load::post(&client, &base, &token, w, i).await;
    assert_eq!(&body, first);
    let res = sent.expect("retry");
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    assert_eq!(
        store
            .moderation_queue(None, None, i64::MAX)
            .await
            .expect("queue")
            .len(),
        stored.len()
    );
    store.close().await;
    server.kill().expect("stop");
    let _ = server.wait();
}
