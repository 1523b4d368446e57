//! Pages: what a site says of itself (About, Contact, Privacy, the
//! corrections policy), per language, outside the news: no section, no
//! date, no place in lists or feeds. They live at `/{lang}/page/{slug}`,
//! are listed in every page's footer and in the sitemap, and translations
//! share a story key, as stories' do.

use crate::article::FieldError;
use crate::slug::is_valid_slug;
use crate::Language;

/// Longest title, in characters.
pub const TITLE_CHARS: usize = 120;
/// Longest story key.
const KEY_CHARS: usize = 80;

/// A page as the newsroom writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageInput {
    pub language: Option<Language>,
    pub slug: String,
    pub title: String,
    /// Markdown, rendered with the same rules and limits as article bodies.
    pub body_markdown: String,
    /// Shared by the translations of one page.
    pub story_key: Option<String>,
    /// Where it comes in the footer (ascending).
    pub position: i64,
    /// Readers see only published pages.
    pub published: bool,
}

impl PageInput {
    /// Every problem at once, each at its field.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field, message: &str| {
            errors.push(FieldError {
                field,
                message: message.to_string(),
            })
        };
        if self.language.is_none() {
            err("language", "Choose one of the site's languages.");
        }
        if !is_valid_slug(&self.slug) {
            err(
                "slug",
                "Lowercase letters, digits and hyphens, at most 80 characters.",
            );
        }
        let title = self.title.trim();
        if title.is_empty() {
            err("title", "A page needs a title.");
        } else if title.chars().count() > TITLE_CHARS {
            err("title", "At most 120 characters.");
        }
        if self.body_markdown.trim().is_empty() {
            err("body", "A page needs some text.");
        }
        if let Some(key) = &self.story_key {
            if key.chars().count() > KEY_CHARS || !is_valid_slug(key) {
                err(
                    "story_key",
                    "Lowercase letters, digits and hyphens, at most 80 characters.",
                );
            }
        }
        if !(0..=1000).contains(&self.position) {
            err("position", "A whole number from 0 to 1000.");
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The address of a page.
pub fn page_path(language: Language, slug: &str) -> String {
    format!("/{}/page/{slug}", language.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_needs_a_language_slug_title_and_text() {
        let fields = |p: &PageInput| -> Vec<&str> {
            p.validate()
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(
            fields(&PageInput::default()),
            ["language", "slug", "title", "body"]
        );
        let good = PageInput {
            language: Some(Language::Ar),
            slug: "about".into(),
            title: "عن الموقع".into(),
            body_markdown: "نص.".into(),
            story_key: Some("about".into()),
            position: 1,
            published: true,
        };
        assert!(good.validate().is_ok());
        let bad_key = PageInput {
            story_key: Some("Not A Key".into()),
            ..good.clone()
        };
        assert_eq!(fields(&bad_key), ["story_key"]);
        assert_eq!(page_path(Language::Ar, "about"), "/ar/page/about");
    }
}
