//! Times each stage of rendering hostile and limit-sized bodies:
//! `cargo run --release -p dateline-core --example markdown_timing`.
//! The Markdown parser and the sanitiser (its HTML parser) are timed
//! apart, on the old unchecked path, to show which one grows faster than
//! the body; then the checked `render` on the deepest bodies allowed.

use dateline_core::markdown::{render, MAX_NESTING};
use pulldown_cmark::{html, Options, Parser};
use std::time::{Duration, Instant};

fn stages(source: &str) -> (Duration, Duration) {
    let started = Instant::now();
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(source, options));
    let parsed = started.elapsed();
    let started = Instant::now();
    let _ = ammonia::Builder::default().clean(&out).to_string();
    (parsed, started.elapsed())
}

fn nested_list(bytes: usize) -> String {
    let mut s = String::new();
    let mut level = 0;
    while s.len() < bytes {
        s.push_str(&format!("{}- x\n", "  ".repeat(level)));
        level += 1;
    }
    s
}

fn main() {
    let limit = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(64 * 1024);
    println!("old path, unchecked (parse | sanitise):");
    for size in [limit / 8, limit / 4, limit / 2, limit] {
        let list = nested_list(size);
        let quotes = format!("{}x\n", ">".repeat(size));
        let spans = "<span>".repeat(size / 6);
        for (name, body) in [
            ("nested list", &list),
            ("> quotes", &quotes),
            ("<span>s", &spans),
        ] {
            let (p, a) = stages(body);
            println!(
                "  {name:12} {:>7} B: {:>10.1?} | {:>10.1?}",
                body.len(),
                p,
                a
            );
        }
    }
    println!("checked render, the deepest bodies allowed ({MAX_NESTING} levels):");
    let line = format!("{}quoted text\n", "> ".repeat(MAX_NESTING));
    let quotes = line.repeat(500_000 / line.len());
    let mut one = String::new();
    for level in 0..MAX_NESTING - 1 {
        one.push_str(&format!("{}- item {level}\n", "  ".repeat(level)));
    }
    one.push_str("\nParagraph.\n\n");
    let list = one.repeat(500_000 / one.len());
    let deep_lines: String = (0..500_000 / 80)
        .map(|i| format!("{}- x\n", "  ".repeat(i % (MAX_NESTING - 1))))
        .collect();
    for (name, body) in [
        ("quotes", &quotes),
        ("lists", &list),
        ("saw-tooth", &deep_lines),
    ] {
        let started = Instant::now();
        let ok = render(body).is_ok();
        println!(
            "  {name:10} {:>7} B: {:>10.1?} (rendered: {ok})",
            body.len(),
            started.elapsed()
        );
    }
}
