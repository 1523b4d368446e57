//! The WordPress importer: the WXR reader, the content converter and the
//! old site's addresses.

mod content;
mod fixtures;
mod permalinks;
mod wxr;
