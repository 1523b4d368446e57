//! WebSub: with a hub named in the settings, publishing tells it which
//! feeds changed, and the feeds name the hub.

use crate::support;

use dateline_core::newsroom::Role;
use std::sync::{Arc, Mutex};
use support::newsroom::{fields_with, make_user, post_article, Desk};
use support::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A hub on loopback that keeps the bodies of the requests it gets and
/// answers 202, as hubs do.
async fn fake_hub() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let kept = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let kept = kept.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 8192];
                // Read the head, then as much body as Content-Length says.
                loop {
                    let Ok(n) = stream.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        break;
                    }
                    request.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&request).to_string();
                    if let Some((head, body)) = text.split_once("\r\n\r\n") {
                        let length = head
                            .lines()
                            .find_map(|l| {
                                let (k, v) = l.split_once(':')?;
                                k.eq_ignore_ascii_case("content-length")
                                    .then(|| v.trim().parse::<usize>().ok())?
                            })
                            .unwrap_or(0);
                        if body.len() >= length {
                            kept.lock()
                                .expect("lock")
                                .push(format!("{}\n{body}", head.lines().next().unwrap_or("")));
                            break;
                        }
                    }
                }
                let _ = stream
                    .write_all(
                        b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                    )
                    .await;
            });
        }
    });
    (url, seen)
}

#[tokio::test]
async fn publishing_pings_the_hub_and_feeds_name_it() {
    let app = TestApp::with_demo().await;
    let (hub, seen) = fake_hub().await;
    let now = time::OffsetDateTime::now_utc();
    // Without a hub nothing is announced and the feeds name none.
    let feed = app.get("/en/feed.xml").await.text();
    assert!(!feed.contains("rel=\"hub\""));

    // The fake hub is on loopback, which a site refuses unless told this
    // is a test.
    app.store()
        .set_setting("feeds.websub_allow_private", "true", now)
        .await
        .expect("setting");
    app.store()
        .set_setting("feeds.websub_hub", &hub, now)
        .await
        .expect("setting");
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let fields = fields_with("Hub news", "Told to the hub.", &[("intent", "publish")]);
    post_article(&desk, &fields).await;

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let ping = loop {
        if let Some(p) = seen.lock().expect("lock").first().cloned() {
            break p;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the hub was never told"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(ping.starts_with("POST / "), "{ping}");
    let body = ping.lines().nth(1).unwrap_or_default().to_string();
    let fields: Vec<(String, String)> = url_decode(&body);
    assert!(
        fields.contains(&("hub.mode".into(), "publish".into())),
        "{body}"
    );
    for feed in [
        "/en/feed.xml",
        "/en/atom.xml",
        "/en/feed.json",
        "/en/world/feed.xml",
    ] {
        let topic = format!("{}{feed}", app.base);
        assert!(
            fields.contains(&("hub.url".into(), topic.clone())),
            "{topic} not in {body}"
        );
    }

    // Discovery: every format names the hub.
    let rss = app
        .eventually("/en/feed.xml", |r| r.text().contains("rel=\"hub\""))
        .await
        .text();
    assert!(
        rss.contains(&format!("<atom:link href=\"{hub}\" rel=\"hub\"/>")),
        "{rss}"
    );
    let atom = app.get("/en/atom.xml").await.text();
    assert!(atom.contains(&format!("<link rel=\"hub\" href=\"{hub}\"/>")));
    let json: serde_json::Value =
        serde_json::from_slice(&app.get("/en/feed.json").await.body).expect("json");
    assert_eq!(json["hubs"][0]["type"], "WebSub");
    assert_eq!(json["hubs"][0]["url"], hub.as_str());
}

fn url_decode(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&String::from_utf8_lossy(&bytes[i + 1..i + 3]), 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
