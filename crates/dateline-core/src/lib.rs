//! Dateline's content model and rules.
//!
//! Architecture invariant: this crate does no I/O and is never async. It knows
//! nothing of HTTP, SQL, the filesystem or the clock; callers pass "now" in.

pub mod article;
pub mod comment;
#[cfg(any(test, feature = "testing"))]
mod comment_english;
pub mod dateline;
pub mod fronts;
pub mod language;
pub mod markdown;
pub mod media;
pub mod newsroom;
pub mod page;
pub mod programme;
pub mod revision;
pub mod settings;
pub mod slug;
pub mod surrogate;
pub mod zone;

pub use article::{
    article_path, ArticleInput, ArticleProblem, Author, FieldError, Note, NoteKind, Section,
    Status, Tag,
};
pub use dateline::{Dateline, DatelineDate};
pub use language::{Direction, Language};
pub use programme::ProgrammeInput;
