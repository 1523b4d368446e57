//! The catalogues against each other and against the templates: no missing
//! message in any language, no message that nothing uses, and every message
//! keeps the English one's variables.

use dateline_core::Language;
use dateline_render::i18n::{catalogue_source, message_ids, Catalogues, ENGLISH_SOURCE};
use std::collections::BTreeSet;
use std::path::Path;

fn variables(source: &str, id: &str) -> BTreeSet<String> {
    let line = source
        .lines()
        .find(|l| l.split_once('=').is_some_and(|(k, _)| k.trim() == id))
        .unwrap_or("");
    line.split("{ $")
        .skip(1)
        .filter_map(|rest| rest.split(' ').next())
        .map(str::to_string)
        .collect()
}

/// Message ids used in templates (`t("id")`) and in the Rust sources of the
/// render and web crates (`"id"` passed to `message`).
fn used_ids() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let english: BTreeSet<String> = message_ids(ENGLISH_SOURCE).into_iter().collect();
    let mut sources = String::new();
    for dir in [
        root.join("templates"),
        root.join("src"),
        root.join("../dateline-web/src"),
        root.join("../dateline-web/src/public"),
    ] {
        for entry in std::fs::read_dir(&dir).expect("source folder").flatten() {
            if entry.path().is_file() {
                sources.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
    }
    // Ids built at run time: note kinds ("note-" ~ kind) and error pages.
    let dynamic = ["note-correction", "note-clarification", "note-update"];
    english
        .into_iter()
        .filter(|id| {
            sources.contains(&format!("\"{id}\""))
                || sources.contains(&format!("'{id}'"))
                || dynamic.contains(&id.as_str())
        })
        .collect()
}

#[test]
fn every_language_has_every_message() {
    let english = message_ids(ENGLISH_SOURCE);
    let mut problems = Vec::new();
    for lang in Language::ALL {
        let source = catalogue_source(lang).expect("a catalogue");
        let ids = message_ids(source);
        for id in &english {
            if !ids.contains(id) {
                problems.push(format!("{lang}: missing {id}"));
            } else if variables(source, id) != variables(ENGLISH_SOURCE, id) {
                problems.push(format!(
                    "{lang}: {id} has variables {:?}, English {:?}",
                    variables(source, id),
                    variables(ENGLISH_SOURCE, id)
                ));
            }
        }
        for id in &ids {
            if !english.contains(id) {
                problems.push(format!("{lang}: {id} is not in the English catalogue"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_is_used_and_every_used_id_exists() {
    let english: BTreeSet<String> = message_ids(ENGLISH_SOURCE).into_iter().collect();
    let used = used_ids();
    let unused: Vec<_> = english.difference(&used).collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");

    // Every t("...") in a template names an English message.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root).expect("templates").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("template");
        for part in text.split("t(").skip(1) {
            let quoted = part.trim_start();
            let Some(q) = quoted.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let id: String = quoted[1..].chars().take_while(|c| *c != q).collect();
            // `t("note-" ~ kind)` builds the id at run time; listed in `used_ids`.
            let concatenated = quoted[1 + id.len() + 1..].trim_start().starts_with('~');
            if !concatenated && !english.contains(&id) {
                missing.push(format!("{}: {id}", entry.path().display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "templates use ids the catalogue lacks: {missing:?}"
    );
}

#[test]
fn messages_format_in_every_language() {
    let catalogues = Catalogues::load().expect("catalogues load");
    for lang in Language::ALL {
        assert!(catalogues.has(lang, "error-404-title"), "{lang}");
        let text = catalogues.message(
            lang,
            "pagination-status",
            &[("page", 2.into()), ("pages", 7.into())],
        );
        assert!(text.contains('2') && text.contains('7'), "{lang}: {text}");
    }
    let es = catalogues.message(Language::Es, "latest-heading", &[]);
    assert_ne!(es, catalogues.message(Language::En, "latest-heading", &[]));
}
