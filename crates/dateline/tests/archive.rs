//! Moving a site: `dateline export` and `dateline import archive`, between
//! engines, losing nothing.

use dateline_core::{Language, NoteKind, Status};
use dateline_store::{testing, DatabaseUrl, Store};
use std::path::{Path, PathBuf};
use std::process::Command;
use time::OffsetDateTime;

fn dateline() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.env_remove("DATELINE_DATABASE_URL")
        .env_remove("DATELINE_DATA_DIR")
        .env_remove("DATELINE_CONFIG");
    cmd
}

fn sqlite_args(dir: &Path) -> Vec<String> {
    vec!["--data-dir".into(), dir.display().to_string()]
}

fn postgres_args(dir: &Path, url: &DatabaseUrl) -> Vec<String> {
    vec![
        "--data-dir".into(),
        dir.display().to_string(),
        "--database-url".into(),
        url.expose().into(),
    ]
}

fn export(store_args: &[String], out: &Path) -> Vec<String> {
    let status = dateline()
        .arg("export")
        .args(store_args)
        .arg("--output")
        .arg(out)
        .status()
        .expect("export runs");
    assert!(status.success(), "export failed");
    let text = std::fs::read_to_string(out).expect("archive");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    // The header carries the export time; the rows must match exactly.
    let header: serde_json::Value = serde_json::from_str(&lines.remove(0)).expect("header");
    assert_eq!(header["format"], "dateline-archive");
    assert_eq!(header["version"], 2);
    lines
}

fn import(store_args: &[String], archive: &Path) -> (i32, String, String) {
    let out = dateline()
        .args(["import", "archive"])
        .args(store_args)
        .arg(archive)
        .output()
        .expect("import runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A site with something of everything: the demo edition, a correction, a
/// moved article (redirect) and an unpublished one.
async fn build_site(dir: &Path) {
    let store = Store::open(dir, None).await.expect("store");
    let now = OffsetDateTime::now_utc();
    dateline::demo::load(&store, now).await.expect("demo");
    let first = store.latest(Language::En, 3, 0).await.expect("latest");
    let ids: Vec<i64> = first.items.iter().map(|a| a.id).collect();
    store
        .add_note(ids[0], NoteKind::Correction, "A figure was corrected.", now)
        .await
        .expect("note");
    let mut moved = store.article_input(ids[1]).await.expect("input");
    moved.slug = format!("{}-moved", moved.slug);
    store
        .save_article(Some(ids[1]), &moved, now)
        .await
        .expect("move");
    store
        .set_status(ids[2], Status::Unpublished, now)
        .await
        .expect("unpublish");
    store.close().await;
}

fn assert_same(a: &[String], b: &[String], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: row counts differ");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert_eq!(x, y, "{what}: row {} differs", i + 1);
    }
}

#[tokio::test]
async fn sqlite_to_postgres_to_sqlite_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a");
    build_site(&a).await;
    let original = export(&sqlite_args(&a), &dir.path().join("a.jsonl"));
    assert!(original.len() > 100, "a real site exports many rows");
    for table in [
        "sections",
        "authors",
        "tags",
        "articles",
        "article_tags",
        "article_notes",
        "redirects",
    ] {
        assert!(
            original
                .iter()
                .any(|l| l.contains(&format!("\"table\":\"{table}\""))),
            "{table} exported"
        );
    }

    // Through PostgreSQL when a server is there.
    let mut last = dir.path().join("a.jsonl");
    if let Some(server) = testing::require_postgres("sqlite_to_postgres_to_sqlite_loses_nothing") {
        let url = testing::fresh_database(&server)
            .await
            .expect("fresh database");
        let pg = postgres_args(&dir.path().join("pg"), &url);
        let (code, out, err) = import(&pg, &last);
        assert_eq!(code, 0, "{out}\n{err}");
        let through_pg = export(&pg, &dir.path().join("pg.jsonl"));
        assert_same(&original, &through_pg, "SQLite → PostgreSQL");
        last = dir.path().join("pg.jsonl");

        // The identity sequences moved past the imported ids: new rows work.
        let store = Store::open(dir.path(), Some(&url)).await.expect("pg store");
        let mut input = store.article_input(1).await.expect("an article");
        input.source_key = None;
        input.slug = "written-after-the-move".into();
        let saved = store
            .save_article(None, &input, OffsetDateTime::now_utc())
            .await
            .expect("a new article");
        assert!(saved.created);
        store.close().await;
    }

    let c = dir.path().join("c");
    let (code, out, err) = import(&sqlite_args(&c), &last);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(
        out.contains(&format!("{} rows imported, 0 failed", original.len())),
        "{out}"
    );
    let back = export(&sqlite_args(&c), &dir.path().join("c.jsonl"));
    assert_same(&original, &back, "round trip");

    // A second import into a site that has content is refused.
    let (code, _, err) = import(&sqlite_args(&c), &last);
    assert_ne!(code, 0);
    assert!(err.contains("already holds a site"), "{err}");
}

#[test]
fn bad_archive_lines_are_reported_and_the_rest_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive: PathBuf = dir.path().join("bad.jsonl");
    std::fs::write(
        &archive,
        concat!(
            r#"{"format":"dateline-archive","version":2,"exported_at":0,"counts":{"sections":2}}"#, "\n",
            r#"{"table":"sections","row":{"id":1,"language":"en","slug":"world","name":"World","position":1}}"#, "\n",
            "this is not json\n",
            r#"{"table":"secret_table","row":{"id":1}}"#, "\n",
            r#"{"table":"sections","row":{"id":"two","language":"en","slug":"sport","name":"Sport","position":2}}"#, "\n",
            r#"{"table":"sections","row":{"id":3,"language":"en","slug":"culture","name":"Culture","position":3}}"#, "\n",
        ),
    )
    .expect("write");
    let data = sqlite_args(&dir.path().join("data"));
    let (code, out, err) = import(&data, &archive);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.contains("2 rows imported, 3 failed"), "{out}");
    assert!(err.contains("bad.jsonl:3: not an archive row"), "{err}");
    assert!(
        err.contains("bad.jsonl:4: invalid input: unknown table \"secret_table\""),
        "{err}"
    );
    assert!(
        err.contains("bad.jsonl:5: invalid input: sections.id: expected an integer"),
        "{err}"
    );

    let wrong_version = dir.path().join("v9.jsonl");
    std::fs::write(
        &wrong_version,
        "{\"format\":\"dateline-archive\",\"version\":9,\"exported_at\":0,\"counts\":{}}\n",
    )
    .expect("write");
    let (code, _, err) = import(&sqlite_args(&dir.path().join("other")), &wrong_version);
    assert_ne!(code, 0);
    assert!(
        err.contains("v9.jsonl:1:") && err.contains("version 9"),
        "{err}"
    );
}
