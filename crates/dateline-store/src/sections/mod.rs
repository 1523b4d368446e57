//! Sections.
//!
//! A section is edited by its id: its name, its slug (its address: a new
//! slug moves its articles to new paths, and the old section page, feeds
//! and article paths answer 301), its key across languages and its place
//! in the language's order. Deleting a section moves its articles to
//! another section of the language first, in the same transaction.
//!
//! `edit.rs` writes them (with what a rename or a delete does to their
//! articles' paths), `read.rs` reads them.

mod edit;
mod read;

pub(crate) use edit::full_order;

use crate::{Result, StoreError};
use dateline_core::Section;
use serde::Serialize;

/// Longest section name, in characters.
pub const SECTION_NAME_CHARS: usize = 100;
/// Longest key across languages, in characters.
pub const SECTION_KEY_CHARS: usize = 80;
/// Most sections one language's order may name.
pub const MAX_SECTIONS: usize = 500;

/// A section as the newsroom lists it: with its id and what it holds.
#[derive(Debug, Clone, Serialize)]
pub struct SectionListing {
    pub id: i64,
    #[serde(flatten)]
    pub section: Section,
    /// Articles of the section, in any status.
    pub articles: i64,
    /// Of which published.
    pub published: i64,
}

/// A listing as the query reads it: id, slug, name, position, key, articles,
/// published.
type ListingRow = (i64, String, String, i64, Option<String>, i64, i64);

/// What a rename or a delete did to the section's articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moved {
    /// Articles that changed section (a delete) or path.
    pub articles: usize,
    /// Of which took a new public path (the old one answers 301).
    pub paths: usize,
}

/// Why a section's slug or name cannot be stored.
fn check(section: &Section) -> Result<()> {
    if !dateline_core::slug::is_section_slug(&section.slug) {
        return Err(StoreError::Invalid(format!("slug: {:?}", section.slug)));
    }
    let name = section.name.trim();
    if name.is_empty() || name.chars().count() > SECTION_NAME_CHARS {
        return Err(StoreError::Invalid("name: 1 to 100 characters".into()));
    }
    if let Some(key) = section.key.as_deref() {
        if key.chars().count() > SECTION_KEY_CHARS {
            return Err(StoreError::Invalid("key: at most 80 characters".into()));
        }
    }
    Ok(())
}

fn key_of(section: &Section) -> Option<&str> {
    section
        .key
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
}
