//! Markdown renderer and escaper: any UTF-8 text.
//!
//! Properties:
//! - `render_markdown` output has no `<script`, no dangerous element, no
//!   `on…` event-handler or `style` attribute, no URL whose scheme is other
//!   than http, https or mailto (so no `javascript:` href), `noopener`
//!   on every link, and no picture but one from the media library (never
//!   one without a source).
//! - `escape_markdown` then `render_markdown` of one line of plain copy (what
//!   the wire importer hands it: a line split at `\n` and trimmed) yields no
//!   tag but `<p>` and `</p>`.
#![no_main]

use dateline_core::markdown::{escape_markdown, render_markdown};
use dateline_fuzz::{check_only_paragraphs, check_sanitised_html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };

    let html = render_markdown(source);
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "render_markdown output contains <script: {html:?}"
    );
    if let Err(why) = check_sanitised_html(&html) {
        panic!("render_markdown output is unsafe ({why}): {html:?}");
    }

    // Each line as the wire importer sees a paragraph of plain copy. (Text
    // with `\n` in it is outside escape_markdown's contract: "a\n---" is a
    // heading whatever is escaped, and no caller passes a line end.)
    for line in source.split('\n') {
        let line = line.trim();
        let escaped = escape_markdown(line);
        let html = render_markdown(&escaped);
        if let Err(why) = check_only_paragraphs(&html) {
            panic!("escape_markdown({line:?}) = {escaped:?} renders with markup ({why}): {html:?}");
        }
    }
});
