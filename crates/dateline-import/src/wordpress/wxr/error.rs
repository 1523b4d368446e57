//! What can go wrong reading an export, worded for the operator running the
//! import. Fatal errors end the stream; the others concern one entry, and
//! the reader goes on with the next.

use super::model::Position;

/// An error met while reading an export. See [`WxrError::is_fatal`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WxrError {
    /// The XML cannot be read on from here.
    #[error("line {line}: the file is not well-formed XML: {message}")]
    Syntax { line: u64, message: String },
    /// A `<!DOCTYPE>` with declarations: entities are never expanded, so a
    /// file that declares them is refused rather than read differently
    /// from what its author meant.
    #[error(
        "line {line}: the file declares a document type with its own declarations \
         (<!DOCTYPE … [ … ]>); WordPress exports never do, and it is refused"
    )]
    Doctype { line: u64 },
    #[error("line {line}: the file is in the {encoding} encoding; only UTF-8 exports are read")]
    Encoding { line: u64, encoding: String },
    /// Not a WordPress export (as WordPress's own importer decides: the
    /// channel must say its WXR version).
    #[error("line {line}: this is not a WordPress export (WXR): {reason}")]
    NotWxr { line: u64, reason: String },
    /// One XML token larger than the reader holds at once.
    #[error("line {line}: the file holds a single text or tag larger than {max} bytes")]
    TokenTooLarge { line: u64, max: usize },
    #[error("line {line}: elements nest more than {max} deep")]
    TooDeep { line: u64, max: usize },
    #[error("reading the file failed near line {line}: {message}")]
    Io { line: u64, message: String },
    /// One item could not be read; the next one can.
    #[error("{at}{} {problem}", post_id.map(|id| format!(" (post {id})")).unwrap_or_default())]
    Item {
        at: Position,
        post_id: Option<u64>,
        problem: Problem,
    },
    /// An author, category, tag or term could not be read; the next can.
    #[error("line {line}: the {what} {problem}")]
    Entry {
        line: u64,
        what: &'static str,
        problem: Problem,
    },
    /// Too many authors, categories, tags or terms: the rest of the list
    /// is skipped (reported once).
    #[error("line {line}: the file lists more than {max} {what}; the rest are skipped")]
    TooMany {
        line: u64,
        what: &'static str,
        max: u64,
    },
}

impl WxrError {
    /// Whether the stream ends with this error.
    pub fn is_fatal(&self) -> bool {
        !matches!(
            self,
            WxrError::Item { .. } | WxrError::Entry { .. } | WxrError::TooMany { .. }
        )
    }

    /// The line the error concerns.
    pub fn line(&self) -> u64 {
        match self {
            WxrError::Item { at, .. } => at.line,
            WxrError::Syntax { line, .. }
            | WxrError::Doctype { line }
            | WxrError::Encoding { line, .. }
            | WxrError::NotWxr { line, .. }
            | WxrError::TokenTooLarge { line, .. }
            | WxrError::TooDeep { line, .. }
            | WxrError::Io { line, .. }
            | WxrError::Entry { line, .. }
            | WxrError::TooMany { line, .. } => *line,
        }
    }
}

/// What is wrong with one entry; reads as the end of a sentence after
/// "item 56 (post 78)".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("has no wp:post_id")]
    MissingPostId,
    #[error("has a {field} that is not a number: {value:?}")]
    NotNumber { field: &'static str, value: String },
    #[error("has a {field} that is not a date: {value:?}")]
    NotDate { field: &'static str, value: String },
    #[error("has a {field} longer than {max} bytes")]
    TooLong { field: &'static str, max: usize },
    #[error("has more than {max} {what}")]
    TooMany { what: &'static str, max: usize },
    #[error("is larger than {max} bytes in all")]
    TooLarge { max: usize },
    #[error("has text that is not UTF-8 (line {line})")]
    NotUtf8 { line: u64 },
    /// Markup broken inside the entry, which the reader stepped over.
    #[error("has broken markup at line {line}: {detail}")]
    BrokenMarkup { line: u64, detail: String },
}
