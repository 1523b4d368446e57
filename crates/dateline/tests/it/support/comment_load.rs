//! A site made ready for a load of reader comments, for the tests that
//! post many at once (durability under SIGKILL, backups under load).

use super::dateline;
use std::path::Path;

/// The seed story, whose comment form the load posts to.
pub const ARTICLE: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

/// Files the seed story into the site `args` name (`--data-dir`, and
/// `--database-url` on PostgreSQL) and lifts the comment limits, so that
/// readers may post as fast as they can.
pub fn open_to_a_load(args: &[String]) {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../dateline-import/tests/fixtures/rhc-syria-ceasefire.txt");
    let out = dateline()
        .args(["import", "wire", "--section", "world", "--year", "2016"])
        .args(args)
        .arg(&seed)
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (k, v) in [
        ("comments.min_seconds", "0"),
        ("comments.rate_per_address", "1000000"),
        ("comments.rate_per_email", "1000000"),
        ("comments.per_form", "1000000"),
    ] {
        let out = dateline()
            .arg("settings")
            .args(args)
            .args(["set", k, v])
            .output()
            .expect("settings");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The comment form's token on the seed story's page.
pub async fn form_token(client: &reqwest::Client, base: &str) -> String {
    let page = client
        .get(format!("{base}{ARTICLE}"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    page.split("name=\"token\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("token")
        .to_string()
}

/// Writer `w`'s comment number `i` on the seed story: its body (what the
/// test looks for afterwards) and the server's answer.
pub async fn post(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    w: usize,
    i: usize,
) -> (String, reqwest::Result<reqwest::Response>) {
    let body = format!("Writer {w} comment {i}");
    let email = format!("w{w}-{i}@example.org");
    let form = [
        ("name", "Reader"),
        ("email", email.as_str()),
        ("body", body.as_str()),
        ("token", token),
    ];
    let sent = client
        .post(format!("{base}{ARTICLE}/comments"))
        .form(&form)
        .send()
        .await;
    (body, sent)
}
