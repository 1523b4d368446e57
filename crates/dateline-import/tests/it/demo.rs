//! The demo edition (`demo/articles/*.txt`) must import cleanly: every file is
//! headered copy with a full set of headers, a dateline the parser reads, and
//! a body of several paragraphs that does not repeat the dateline.

use dateline_core::dateline::parse_dateline;
use dateline_core::Language;
use dateline_import::{parse_wire, WireOptions, WireStory};
use std::path::{Path, PathBuf};

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/articles")
}

/// Every `*.txt` in the demo folder, sorted so failures are reproducible.
fn demo_files() -> Vec<PathBuf> {
    let dir = demo_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The language named by the file's `{lang}-` prefix.
fn prefix_language(name: &str) -> Language {
    let (code, _) = name
        .split_once('-')
        .unwrap_or_else(|| panic!("{name}: expected a `{{lang}}-{{slug}}.txt` name"));
    code.parse()
        .unwrap_or_else(|_| panic!("{name}: unknown language prefix {code:?}"))
}

fn parse(path: &Path) -> WireStory {
    let name = file_name(path);
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_wire(&name, &bytes, &WireOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything wrong with one demo story, empty when it is complete.
fn problems(name: &str, story: &WireStory) -> Vec<String> {
    let mut problems = Vec::new();
    let mut require = |ok: bool, what: &str| {
        if !ok {
            problems.push(format!("{name}: {what}"));
        }
    };
    require(!story.headline.trim().is_empty(), "no headline");
    require(story.section.is_some(), "no section");
    let expected = prefix_language(name);
    require(
        story.language == expected,
        &format!(
            "language is {}, the file name says {}",
            story.language.code(),
            expected.code()
        ),
    );
    match &story.dateline {
        None => require(false, "no dateline"),
        Some(dateline) => {
            require(
                !dateline.place.trim().is_empty(),
                "the dateline has no place",
            );
            require(dateline.date.is_some(), "the dateline names no day");
        }
    }
    require(
        story.dateline_date.is_some(),
        "the dateline's date is not resolved",
    );
    require(story.story.is_some(), "no `Story` key");
    require(story.published.is_some(), "no `Published` time");
    require(
        story.body_paragraphs >= 3,
        &format!("only {} body paragraphs", story.body_paragraphs),
    );
    let first_paragraph = story.body_markdown.split("\n\n").next().unwrap_or("");
    if let Some((dateline, _)) = parse_dateline(first_paragraph) {
        require(
            false,
            &format!("the body begins with a dateline: {dateline}"),
        );
    }
    problems
}

#[test]
fn demo_folder_is_not_empty() {
    let files = demo_files();
    assert!(!files.is_empty(), "no *.txt in {}", demo_dir().display());
    for lang in ["ar", "en", "es"] {
        assert!(
            files
                .iter()
                .any(|f| file_name(f).starts_with(&format!("{lang}-"))),
            "no {lang}- demo article"
        );
    }
}

#[test]
fn every_demo_article_imports_completely() {
    let mut all_problems = Vec::new();
    for path in demo_files() {
        let name = file_name(&path);
        match parse_wire(
            &name,
            &std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            &WireOptions::default(),
        ) {
            Ok(story) => all_problems.extend(problems(&name, &story)),
            Err(e) => all_problems.push(e.to_string()),
        }
    }
    assert!(
        all_problems.is_empty(),
        "{} problem(s):\n{}",
        all_problems.len(),
        all_problems.join("\n")
    );
}

#[test]
fn demo_datelines_match_their_published_day() {
    // The dateline's day, resolved with the year of `Published`, is the day
    // of publication or the day before (late copy published after midnight UTC).
    for path in demo_files() {
        let name = file_name(&path);
        let story = parse(&path);
        let (Some(day), Some(published)) = (story.dateline_date, story.published) else {
            continue;
        };
        let lag = published.date() - day;
        assert!(
            lag.whole_days() == 0 || lag.whole_days() == 1,
            "{name}: dateline day {day}, published {published}"
        );
    }
}

#[test]
fn no_demo_paragraph_reads_as_a_dateline() {
    // The demo bodies are a corpus of ordinary sentences in three languages,
    // Arabic among them: none of their paragraphs may pass for a dateline.
    for path in demo_files() {
        let name = file_name(&path);
        let story = parse(&path);
        for paragraph in story.body_markdown.split("\n\n") {
            assert_eq!(
                parse_dateline(paragraph).map(|(d, _)| d),
                None,
                "{name}: {paragraph:?}"
            );
        }
        for line in [&story.headline, story.standfirst.as_deref().unwrap_or("")] {
            assert_eq!(
                parse_dateline(line).map(|(d, _)| d),
                None,
                "{name}: {line:?}"
            );
        }
    }
}
