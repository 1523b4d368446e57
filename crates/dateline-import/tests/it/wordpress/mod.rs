//! The WordPress importer: the WXR reader, the content converter and the
//! old site's addresses.

mod fixtures;
mod wxr;
