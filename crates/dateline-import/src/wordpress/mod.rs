//! WordPress exports (WXR): a streaming reader of the file ([`wxr`]), post
//! content turned into the site's Markdown ([`content`]), and the old
//! site's addresses ([`permalinks`]), so that an import can redirect them.
//!
//! Pure parsing: the caller hands in a reader, places pictures through a
//! resolver of its own and stores what comes out.

pub mod content;
pub mod permalinks;
pub mod wxr;

pub use content::{convert, plain_text, ConversionReport, Converted, ImageRef, ImageResolver};
pub use permalinks::{infer, PostFields, Structure};
pub use wxr::{Entry, Item, Position, WxrError, WxrReader};
