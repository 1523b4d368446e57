//! Reader comments: any bytes, split at NUL bytes into name, email and body
//! (lossy UTF-8; a missing part is empty).
//!
//! Properties: `validate_detailed` never panics; an accepted comment is
//! normalised as documented (trimmed, non-empty, within the limits, no control
//! characters but `\n` and `\t` in the body); `render_comment_body` of its
//! body contains only `<p>`, `</p>`, `<br>`, `</a>` and
//! `<a href="http(s)://…" rel="nofollow ugc noopener">`; `count_links` agrees
//! with the number of anchors rendered; `duplicate_key` is 64 hex digits and
//! stable.
#![no_main]

use dateline_core::comment::{
    count_links, duplicate_key, limits, render_comment_body, CommentForm,
};
use dateline_fuzz::check_comment_html;
use libfuzzer_sys::fuzz_target;

const SEPARATOR: u8 = 0;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == SEPARATOR);
    let mut next = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let form = CommentForm {
        name: next(),
        email: next(),
        body: next(),
        parent_id: None,
    };

    // Rendering and counting take raw text too (previews, spam checks).
    let _ = count_links(&form.body);
    if let Err(why) = check_comment_html(&render_comment_body(&form.body)) {
        panic!("render_comment_body of raw body is unsafe ({why}): {:?}", form.body);
    }

    let Ok(valid) = form.validate_detailed() else {
        return;
    };
    for (field, value, limit) in [
        ("name", &valid.name, limits::NAME_CHARS),
        ("body", &valid.body, limits::BODY_CHARS),
    ] {
        assert!(!value.is_empty(), "accepted {field} is empty");
        assert_eq!(value.trim(), value.as_str(), "accepted {field} is not trimmed");
        assert!(value.chars().count() <= limit, "accepted {field} is over {limit} chars");
    }
    assert!(valid.name.chars().all(|c| !c.is_control()), "control char in name {:?}", valid.name);
    assert!(
        valid.body.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'),
        "control char in body {:?}",
        valid.body
    );
    assert!(valid.email.contains('@'), "accepted email without @: {:?}", valid.email);

    let html = render_comment_body(&valid.body);
    let anchors = match check_comment_html(&html) {
        Ok(n) => n,
        Err(why) => panic!("render_comment_body is unsafe ({why}): {html:?}"),
    };
    let counted = count_links(&valid.body);
    assert_eq!(
        counted, anchors,
        "count_links says {counted}, render_comment_body made {anchors}: {:?}",
        valid.body
    );

    let key = duplicate_key(1, &valid);
    assert_eq!(key.len(), 64, "duplicate_key is not 64 chars: {key:?}");
    assert!(
        key.bytes().all(|b| b.is_ascii_hexdigit()),
        "duplicate_key is not hex: {key:?}"
    );
    assert_eq!(key, duplicate_key(1, &valid), "duplicate_key is not stable");
});
