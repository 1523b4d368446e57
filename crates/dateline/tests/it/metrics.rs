//! Observability as an operator meets it: Prometheus scraping `/metrics` on
//! the private metrics listener after real traffic (and `promtool check
//! metrics` judging the scrape), `/metrics` unknown on the public listener,
//! and the per-request log line, as text and as JSON.

use crate::support;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::Duration;
use support::{attr, TestApp};

const ARTICLE: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";
const ARTICLE_ROUTE: &str = "/{lang}/{section}/{year}/{month}/{day}/{slug}";
const COMMENT_ROUTE: &str = "/{lang}/{section}/{year}/{month}/{day}/{slug}/comments";
/// Matches no route of the site: nine segments.
const NOWHERE: &str = "/zz-hostile-1/b/c/d/e/f/g/h/i";

async fn metrics_site() -> TestApp {
    let app = TestApp::configured(|c| {
        c.metrics_listen = Some("127.0.0.1:0".parse().expect("addr"));
    })
    .await;
    // The form may be sent back at once (the default asks for 3 s).
    app.set_setting("comments.min_seconds", "0").await;
    // The change feed has brought every change (the demo edition's, the
    // setting's) to the cache, so none clears it under the test.
    app.settle().await;
    app
}

fn metrics_addr(app: &TestApp) -> SocketAddr {
    app.running
        .as_ref()
        .expect("running")
        .metrics_addr
        .expect("a metrics listener")
}

async fn scrape(app: &TestApp) -> String {
    let res = app
        .client
        .get(format!("http://{}/metrics", metrics_addr(app)))
        .send()
        .await
        .expect("scraped");
    assert_eq!(res.status(), 200);
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    res.text().await.expect("body")
}

/// The value of the sample whose name and labels are exactly `series`
/// (labels in the order the exporter writes them), if there is one.
fn value(scrape: &str, series: &str) -> Option<f64> {
    scrape.lines().find_map(|line| {
        let rest = line.strip_prefix(series)?;
        rest.strip_prefix(' ')?.trim().parse().ok()
    })
}

fn requests(scrape: &str, route: &str, status: u16) -> f64 {
    value(
        scrape,
        &format!("dateline_http_requests_total{{route=\"{route}\",status=\"{status}\"}}"),
    )
    .unwrap_or(0.0)
}

/// `promtool check metrics` on a scrape: Debian's `prometheus` package.
/// Missing on a developer's machine it says so and the check is skipped;
/// in CI (`DATELINE_CI`) that is a failure.
fn promtool_check(scrape: &str) {
    let child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("DATELINE_CI").is_none(),
                "promtool is missing (install Debian's prometheus package)"
            );
            eprintln!("promtool is not installed: `promtool check metrics` DID NOT RUN");
            return;
        }
        Err(e) => panic!("promtool: {e}"),
    };
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(scrape.as_bytes())
        .expect("the scrape goes to promtool");
    let out = child.wait_with_output().expect("promtool ends");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && said.trim().is_empty(),
        "promtool check metrics: {said}\n--- the scrape:\n{scrape}"
    );
}

#[tokio::test]
async fn a_scrape_after_real_traffic_counts_it_by_route_and_passes_promtool() {
    let app = metrics_site().await;
    let before = scrape(&app).await;

    // A page rendered, then answered from the page cache.
    let first = app.get(ARTICLE).await;
    assert_eq!(first.status, 200);
    assert_eq!(app.get(ARTICLE).await.status, 200);
    // Unknown pages, and the public /metrics among them.
    assert_eq!(app.get(NOWHERE).await.status, 404);
    let public = app.get("/metrics").await;
    assert_eq!(public.status, 404, "/metrics is not on the public listener");
    assert!(
        !public.text().contains("dateline_http_requests_total"),
        "the public 404 shows no metrics"
    );
    assert_eq!(app.get("/metrics").await.status, 404, "nor is it cached");
    // A reader's comment, held for moderation by default.
    let token = attr(
        &first.html(),
        "form.comment-form input[name=token]",
        "value",
    )
    .expect("the form carries a token");
    let posted = app
        .client
        .post(format!("{}{ARTICLE}/comments", app.base))
        .form(&[
            ("name", "Ana Rodríguez"),
            ("email", "ana@example.org"),
            ("body", "A fair account of the talks."),
            ("token", &token),
        ])
        .send()
        .await
        .expect("posted");
    assert_eq!(posted.status(), 303);

    let after = scrape(&app).await;
    // Requests by matched template: the render, the hit, the post.
    assert!(requests(&after, ARTICLE_ROUTE, 200) >= requests(&before, ARTICLE_ROUTE, 200) + 1.0);
    assert!(requests(&after, "cache", 200) >= requests(&before, "cache", 200) + 1.0);
    assert_eq!(
        requests(&after, COMMENT_ROUTE, 303),
        requests(&before, COMMENT_ROUTE, 303) + 1.0
    );
    assert!(requests(&after, "unmatched", 404) >= requests(&before, "unmatched", 404) + 1.0);
    // The public /metrics is an unknown language's page: a 404 of a template.
    assert!(requests(&after, "/{lang}", 404) >= requests(&before, "/{lang}", 404) + 2.0);
    // No raw path ever becomes a label.
    assert!(!after.contains("zz-hostile"), "{after}");
    assert!(!after.contains("syria"), "{after}");
    // Latency as a histogram, by route.
    let count =
        format!("dateline_http_request_duration_seconds_count{{route=\"{ARTICLE_ROUTE}\"}}");
    assert!(value(&after, &count).unwrap_or(0.0) >= 1.0, "{after}");
    assert!(after
        .contains("dateline_http_request_duration_seconds_bucket{route=\"cache\",le=\"0.001\"}"));
    // The page cache.
    let hits = |s: &str| value(s, "dateline_page_cache_hits_total").unwrap_or(0.0);
    let misses = |s: &str| value(s, "dateline_page_cache_misses_total").unwrap_or(0.0);
    assert!(hits(&after) >= hits(&before) + 1.0, "{after}");
    assert!(misses(&after) >= misses(&before) + 1.0, "{after}");
    assert!(value(&after, "dateline_page_cache_bytes").unwrap_or(0.0) > 0.0);
    assert!(value(&after, "dateline_page_cache_evictions_total").is_some());
    // The comment, by outcome.
    let held = "dateline_comment_posts_total{outcome=\"held\"}";
    assert_eq!(
        value(&after, held).unwrap_or(0.0),
        value(&before, held).unwrap_or(0.0) + 1.0,
        "{after}"
    );
    // Read at scrape time: the pool, the view queue, the lags.
    let idle = value(&after, "dateline_db_pool_connections{state=\"idle\"}").expect("idle");
    let busy = value(&after, "dateline_db_pool_connections{state=\"busy\"}").expect("busy");
    assert!(idle + busy >= 1.0, "the pool holds a connection");
    assert!(value(&after, "dateline_db_pool_max_connections").unwrap_or(0.0) >= 1.0);
    assert!(value(&after, "dateline_view_queue_length").is_some());
    let feed_lag = value(&after, "dateline_change_feed_lag_seconds").expect("feed lag");
    assert!(
        (0.0..5.0).contains(&feed_lag),
        "a healthy follower: {feed_lag}"
    );
    let index_lag = value(&after, "dateline_search_index_lag_seconds").expect("index lag");
    assert!(
        (0.0..5.0).contains(&index_lag),
        "a whole index: {index_lag}"
    );
    assert_eq!(value(&after, "dateline_search_index_ready"), Some(1.0));
    // Every series says what it is.
    for name in [
        "dateline_http_requests_total",
        "dateline_http_request_duration_seconds",
        "dateline_page_cache_hits_total",
        "dateline_page_cache_misses_total",
        "dateline_page_cache_evictions_total",
        "dateline_page_cache_bytes",
        "dateline_comment_posts_total",
        "dateline_change_feed_lag_seconds",
        "dateline_search_index_lag_seconds",
        "dateline_db_pool_connections",
        "dateline_view_queue_length",
    ] {
        assert!(after.contains(&format!("# HELP {name} ")), "HELP of {name}");
    }
    // The scheduler runs every 5 seconds, the first at once.
    let runs = app
        .client
        .get(format!("http://{}/metrics", metrics_addr(&app)))
        .send()
        .await
        .expect("scraped")
        .text()
        .await
        .expect("body");
    assert!(
        value(&runs, "dateline_scheduler_runs_total{outcome=\"ok\"}").unwrap_or(0.0) >= 1.0,
        "{runs}"
    );

    promtool_check(&after);

    // The metrics listener answers nothing else.
    let other = app
        .client
        .get(format!("http://{}/", metrics_addr(&app)))
        .send()
        .await
        .expect("answered");
    assert_eq!(other.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn scrapes_at_once_are_all_answered() {
    let app = metrics_site().await;
    app.get(ARTICLE).await;
    let url = format!("http://{}/metrics", metrics_addr(&app));
    let scrapes = (0..32).map(|_| {
        let client = app.client.clone();
        let url = url.clone();
        async move { client.get(&url).send().await.map(|r| r.status()) }
    });
    for status in futures_util::future::join_all(scrapes).await {
        assert_eq!(status.expect("answered"), 200);
    }
    // And the site still answers at once.
    let started = std::time::Instant::now();
    assert_eq!(app.get("/healthz").await.status, 200);
    assert!(started.elapsed() < Duration::from_secs(1));
    app.stop().await;
}

/// Runs `dateline serve` with these environment variables on a fresh site, makes
/// requests, stops it and returns what it wrote to standard error (a file,
/// not a terminal).
fn serve_and_log(env: &[(&str, &str)], paths: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_path = dir.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.env_remove("RUST_LOG")
        .env_remove("DATELINE_LOG_FORMAT")
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .envs(env.iter().copied())
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(log);
    let mut child = cmd.spawn().expect("serve starts");
    let mut out = child.stdout.take().expect("stdout");
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).expect("read") == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let first = String::from_utf8_lossy(&first).to_string();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("serve prints its URL: {first:?}"))
        .trim_end_matches('/')
        .to_string();
    get_all(&url, paths);
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        assert!(std::time::Instant::now() < deadline, "serve stops");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read_to_string(&log_path).expect("the log")
}

/// Plain GETs, one after another, from a runtime of their own (the
/// caller is synchronous).
fn get_all(base: &str, paths: &[&str]) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let client = crate::support::client_builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        // Ready first: the index's first catch-up empties the page cache.
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            let ready = client.get(format!("{base}/readyz")).send().await;
            if ready.is_ok_and(|r| r.status() == 200) {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "the site got ready");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        for path in paths {
            // Apart, as readers come: a page's second request finds it kept.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let res = client
                .get(format!("{base}{path}"))
                .send()
                .await
                .expect("answered");
            let _ = res.bytes().await;
        }
    });
}

#[test]
fn json_logs_write_one_parseable_object_per_request() {
    let paths = ["/en/", "/en/", "/en/", NOWHERE];
    // The setting as an operator's unit file gives it (the flag and the
    // file are read by the same code).
    let log = serve_and_log(&[("DATELINE_LOG_FORMAT", "json")], &paths);
    assert!(!log.contains('\u{1b}'), "no colour codes in a file: {log}");
    let mut access = Vec::new();
    for line in log.lines().filter(|l| !l.trim().is_empty()) {
        let object: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("each line is one JSON object ({e}): {line}"));
        assert!(object.is_object(), "{line}");
        assert!(
            object["timestamp"].is_string() && object["level"].is_string(),
            "{line}"
        );
        if object["target"] == "access" && object["path"] != "/readyz" {
            access.push(object);
        }
    }
    assert_eq!(access.len(), paths.len(), "one line per request: {log}");
    let routes: Vec<&str> = access
        .iter()
        .map(|a| a["route"].as_str().expect("a route"))
        .collect();
    // Rendered, then from the page cache (once the index's catch-up has
    // emptied it, if that came between), then no route at all.
    assert_eq!(routes[0], "/{lang}/", "{log}");
    assert!(
        routes[1..3]
            .iter()
            .all(|r| ["/{lang}/", "cache"].contains(r)),
        "{log}"
    );
    assert_eq!(routes[2], "cache", "{log}");
    assert_eq!(routes[3], "unmatched", "{log}");
    for (line, path) in access.iter().zip(paths) {
        assert_eq!(line["method"], "GET");
        assert_eq!(line["path"], path);
        assert!(line["status"].is_u64(), "{line}");
        assert!(line["ms"].is_f64(), "{line}");
        let id = line["id"].as_str().expect("an id");
        assert!(id.len() > 6 && id.contains('-'), "{line}");
    }
    assert_eq!(access[0]["status"], 200);
    assert_eq!(access[3]["status"], 404);
}

#[test]
fn text_logs_name_the_route_without_colour_codes() {
    let log = serve_and_log(&[], &["/en/", NOWHERE]);
    assert!(!log.contains('\u{1b}'), "no colour codes in a file: {log}");
    let access: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(" access: ") && !l.contains("path=/readyz"))
        .collect();
    assert_eq!(access.len(), 2, "{log}");
    assert!(
        access[0].contains("method=GET path=/en/ route=/{lang}/ status=200 ms="),
        "{}",
        access[0]
    );
    assert!(
        access[1].contains(&format!("path={NOWHERE} route=unmatched status=404")),
        "{}",
        access[1]
    );
}

#[tokio::test]
async fn idle_and_dribbling_connections_cannot_hold_the_metrics_listener() {
    let app = metrics_site().await;
    let addr = metrics_addr(&app);
    // More connections than the listener holds (16), each sending half a
    // request head and then nothing.
    let mut held = Vec::new();
    for _ in 0..20 {
        let mut c = tokio::net::TcpStream::connect(addr)
            .await
            .expect("connects");
        tokio::io::AsyncWriteExt::write_all(&mut c, b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
            .await
            .expect("writes");
        held.push(c);
    }
    // The ones accepted are closed once the head has taken too long, and
    // the scrape behind them is answered.
    let started = std::time::Instant::now();
    let body = tokio::time::timeout(Duration::from_secs(20), scrape(&app))
        .await
        .expect("a scrape is answered while dribblers wait");
    assert!(body.contains("dateline_page_cache_misses_total"), "{body}");
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "the listener held its ceiling until the dribblers timed out ({:?})",
        started.elapsed()
    );
    let mut first = held.remove(0);
    let mut rest = Vec::new();
    // Closed by the listener: the read ends (with the 408 hyper answers, or
    // none) rather than waiting.
    tokio::time::timeout(
        Duration::from_secs(10),
        tokio::io::AsyncReadExt::read_to_end(&mut first, &mut rest),
    )
    .await
    .expect("the dribbling connection was closed")
    .ok();
    // The public site answered at once throughout.
    assert_eq!(app.get("/healthz").await.status, 200);
    app.stop().await;
}
