//! Wire copy importer: any bytes as a wire file.
//!
//! Properties: `parse_wire` never panics; a story it accepts has a headline
//! that is not blank, and its Markdown body renders to sanitised HTML (no
//! `<script`, no event handlers, no `javascript:` links).
#![no_main]

use dateline_core::markdown::render_markdown;
use dateline_fuzz::check_sanitised_html;
use dateline_import::{parse_wire, WireOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(story) = parse_wire("fuzz.txt", data, &WireOptions::default()) else {
        return;
    };
    assert!(
        !story.headline.trim().is_empty(),
        "accepted story has a blank headline: {:?}",
        story.headline
    );
    let html = render_markdown(&story.body_markdown);
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "body renders with <script: {html:?}"
    );
    if let Err(why) = check_sanitised_html(&html) {
        panic!("body renders to unsafe HTML ({why}): {html:?}");
    }
});
