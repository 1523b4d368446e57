//! Datelines: any UTF-8 text as the head of a paragraph or a header value.
//!
//! Properties: `parse_dateline` never panics; on `Some((d, rest))`, `rest` is
//! a suffix of the input (a slice of it, not a copy) and `d.place` is not
//! blank. `parse_dateline_label` never panics and names a non-blank place.
#![no_main]

use dateline_core::dateline::{parse_dateline, parse_dateline_label};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    if let Some((d, rest)) = parse_dateline(text) {
        assert!(text.ends_with(rest), "rest {rest:?} is not a suffix of {text:?}");
        if !rest.is_empty() {
            let (start, end) = (text.as_ptr() as usize, text.as_ptr() as usize + text.len());
            let at = rest.as_ptr() as usize;
            assert!(
                at >= start && at + rest.len() == end,
                "rest {rest:?} is not a slice of the input's tail"
            );
        }
        assert!(!d.place.trim().is_empty(), "blank place in {d:?} from {text:?}");
        // The house-style rendering must not panic either.
        let _ = d.to_string();
    }

    if let Some(d) = parse_dateline_label(text) {
        assert!(!d.place.trim().is_empty(), "blank place in label {d:?} from {text:?}");
        let _ = d.to_string();
    }
});
