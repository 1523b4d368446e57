//! The test harness: a real server on a temporary data directory, and a
//! client that sees exactly what a browser would (no automatic redirects or
//! decompression).

#![allow(dead_code)]

use dateline::config::Config;
use dateline::server::Running;
use dateline_store::Store;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub mod alone;
pub mod comment_load;
pub mod newsroom;

pub struct TestApp {
    pub running: Option<Running>,
    pub config: Config,
    pub base: String,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
    /// This server's share of the process (see `alone`).
    pub share: Option<alone::Share>,
    /// On PostgreSQL, the test's database, dropped with the app.
    pub database: Option<dateline_store::testing::TestDatabase>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("the body is UTF-8")
    }
    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.text())
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl TestApp {
    /// A site with the demo edition loaded.
    pub async fn with_demo() -> TestApp {
        TestApp::start(true).await
    }

    /// An empty site.
    pub async fn empty() -> TestApp {
        TestApp::start(false).await
    }

    /// A site with the demo edition, told it sits behind a reverse proxy.
    pub async fn behind_proxy() -> TestApp {
        TestApp::start_with(true, true).await
    }

    /// An empty site behind a reverse proxy on loopback: readers are told
    /// apart by the `X-Forwarded-For` a test sends.
    pub async fn empty_behind_proxy() -> TestApp {
        TestApp::start_with(false, true).await
    }

    async fn start(demo: bool) -> TestApp {
        TestApp::start_with(demo, false).await
    }

    /// A site with the demo edition and the configuration `configure` makes.
    pub async fn configured(configure: impl FnOnce(&mut Config)) -> TestApp {
        TestApp::start_configured(true, false, configure).await
    }

    async fn start_with(demo: bool, behind_proxy: bool) -> TestApp {
        TestApp::start_configured(demo, behind_proxy, |_| {}).await
    }

    async fn start_configured(
        demo: bool,
        behind_proxy: bool,
        configure: impl FnOnce(&mut Config),
    ) -> TestApp {
        let share = alone::share();
        let dir = tempfile::tempdir().expect("tempdir");
        // PostgreSQL when the suite runs on it: a database of this test's own.
        let database = match dateline_store::testing::postgres_server() {
            Some(server) => Some(
                dateline_store::testing::fresh_database(&server)
                    .await
                    .expect("a fresh database"),
            ),
            None => None,
        };
        let config = Config {
            data_dir: dir.path().join("data"),
            database_url: database.as_deref().cloned(),
            listen: "127.0.0.1:0".parse().expect("addr"),
            demo,
            behind_proxy,
            ..Config::default()
        };
        let mut config = config;
        configure(&mut config);
        let running = dateline::server::start(&config)
            .await
            .expect("the server starts");
        wait_until_ready(&running).await;
        let base = format!("http://{}", running.addr);
        let client = crate::support::client_builder()
            // Below the server's 10 s idle limit, so no request meets a closed connection.
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client");
        TestApp {
            running: Some(running),
            config,
            base,
            client,
            dir,
            share,
            database,
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn store(&self) -> &Store {
        &self.running.as_ref().expect("running").state.app.store
    }

    /// Sets a site setting and has the running site read it at once, as the
    /// newsroom's settings form does (elsewhere it arrives through the
    /// change feed within a moment).
    pub async fn set_setting(&self, key: &str, value: &str) {
        self.store()
            .set_setting(key, value, time::OffsetDateTime::now_utc())
            .await
            .expect("setting");
        let app = &self.running.as_ref().expect("running").state.app;
        app.reload_site().await;
        app.pages_stale();
    }

    /// Waits until the node has applied every change written before now
    /// (its change feed caught up at a poll begun after this call).
    pub async fn settle(&self) {
        let changed = std::time::Instant::now();
        let following = &self.running.as_ref().expect("running").state.app.following;
        while following.feed_lag() >= changed.elapsed() {
            assert!(
                changed.elapsed() < std::time::Duration::from_secs(20),
                "the change feed stalled"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut req = self.client.get(format!("{}{}", self.base, path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = req.send().await.expect("the request is answered");
        Reply {
            status: res.status(),
            headers: res.headers().clone(),
            body: res.bytes().await.expect("body").to_vec(),
        }
    }

    /// Fetches until `check` holds, for changes that reach pages through the
    /// change feed; fails after 3 seconds.
    pub async fn eventually(&self, path: &str, check: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = std::time::Instant::now() + Duration::from_secs(3);
        loop {
            let reply = self.get(path).await;
            if check(&reply) || std::time::Instant::now() > deadline {
                return reply;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops the server and starts it again on the same data (a restart).
    /// Unlike the first start, it does not wait for the search index: the
    /// tests of a damaged or missing index watch it being rebuilt.
    pub async fn restart(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await.expect("clean stop");
        }
        let running = dateline::server::start(&self.config)
            .await
            .expect("the server starts again");
        self.base = format!("http://{}", running.addr);
        self.running = Some(running);
    }

    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await.expect("clean stop");
        }
    }
}

/// Waits until the search index is whole, as a load balancer waits for
/// `/readyz`: pages rendered before show no related articles, and would
/// change (and change their ETag) when it is.
async fn wait_until_ready(running: &Running) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !running.state.app.discovery.is_ready() {
        assert!(
            std::time::Instant::now() < deadline,
            "the search index was built"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Text of every element matching a CSS selector.
pub fn texts(html: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).expect("selector");
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// An attribute of the first element matching a selector.
pub fn attr(html: &scraper::Html, selector: &str, name: &str) -> Option<String> {
    let sel = scraper::Selector::parse(selector).expect("selector");
    html.select(&sel)
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// The seed article as shipped with the importer's fixtures.
pub fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../dateline-import/tests/fixtures/rhc-syria-ceasefire.txt")
}

/// Starts the real binary's `serve` (as `cmd` says) and returns the child
/// with the URL it printed on its first line.
/// The real binary, with none of the operator's `DATELINE_*` settings
/// (a test names what it needs).
pub fn dateline() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    for (key, _) in std::env::vars() {
        if key.starts_with("DATELINE_") {
            cmd.env_remove(key);
        }
    }
    cmd
}

/// An HTTP client's builder, once ring is the process's TLS provider (the
/// client has none of its own; see `dateline_files::use_ring_for_tls`).
pub fn client_builder() -> reqwest::ClientBuilder {
    dateline_files::use_ring_for_tls();
    reqwest::Client::builder()
}

/// A GET with a client of its own.
pub async fn get_once(url: impl reqwest::IntoUrl) -> reqwest::Result<reqwest::Response> {
    client_builder().build()?.get(url).send().await
}

pub fn spawn_serve(cmd: &mut std::process::Command) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).expect("a line");
    // Keep reading what else it prints, as a console would.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("serve prints its URL: {line:?}"))
        .trim_end_matches('/')
        .to_string();
    (child, url)
}
