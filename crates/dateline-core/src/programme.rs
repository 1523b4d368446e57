//! Programmes: named audio series in one language (a newscast, an interview
//! show). An article that carries audio may be an episode of one; each
//! programme has its page and a podcast feed.

use crate::{FieldError, Language};
use serde::{Deserialize, Serialize};

pub mod limits {
    pub const NAME_CHARS: usize = 100;
    pub const DESCRIPTION_CHARS: usize = 4000;
    pub const AUTHOR_CHARS: usize = 200;
}

/// The top-level categories of the podcast directories' list (Apple's,
/// which the others follow), as `itunes:category text` names them. A
/// directory refuses a feed whose category is not one of these, so the
/// newsroom offers only these.
pub const CATEGORIES: [&str; 19] = [
    "Arts",
    "Business",
    "Comedy",
    "Education",
    "Fiction",
    "Government",
    "Health & Fitness",
    "History",
    "Kids & Family",
    "Leisure",
    "Music",
    "News",
    "Religion & Spirituality",
    "Science",
    "Society & Culture",
    "Sports",
    "Technology",
    "True Crime",
    "TV & Film",
];

/// A programme as it is created or changed. A programme is known by its
/// language and slug: saving one that exists changes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeInput {
    pub language: Language,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    /// Who presents or makes it (the feed's `itunes:author`).
    pub author: Option<String>,
    /// One of [`CATEGORIES`].
    pub category: Option<String>,
    /// Whether episodes carry explicit content.
    pub explicit: bool,
    /// The cover: an image in the media library.
    pub cover_id: Option<i64>,
}

impl ProgrammeInput {
    /// Checks the input against the model's rules, reporting every problem.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field, message: String| errors.push(FieldError { field, message });
        let chars = |s: &str| s.chars().count();
        if !crate::slug::is_valid_slug(&self.slug) {
            err(
                "slug",
                "lowercase letters, digits and hyphens, at most 80 characters".into(),
            );
        }
        if self.name.trim().is_empty() || chars(&self.name) > limits::NAME_CHARS {
            err(
                "name",
                format!("a name of 1 to {} characters", limits::NAME_CHARS),
            );
        }
        if self.description.as_deref().map(chars).unwrap_or(0) > limits::DESCRIPTION_CHARS {
            err(
                "description",
                format!("at most {} characters", limits::DESCRIPTION_CHARS),
            );
        }
        if self.author.as_deref().map(chars).unwrap_or(0) > limits::AUTHOR_CHARS {
            err(
                "author",
                format!("at most {} characters", limits::AUTHOR_CHARS),
            );
        }
        if let Some(c) = &self.category {
            if !CATEGORIES.contains(&c.as_str()) {
                err(
                    "category",
                    "one of the podcast directories' categories".into(),
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProgrammeInput {
        ProgrammeInput {
            language: Language::En,
            slug: "newscast".into(),
            name: "The Newscast".into(),
            description: Some("The news of the hour.".into()),
            author: Some("Radio Newsroom".into()),
            category: Some("News".into()),
            explicit: false,
            cover_id: None,
        }
    }

    #[test]
    fn valid_input_passes() {
        assert_eq!(input().validate(), Ok(()));
        let bare = ProgrammeInput {
            description: None,
            author: None,
            category: None,
            ..input()
        };
        assert_eq!(bare.validate(), Ok(()));
    }

    #[test]
    fn reports_every_problem() {
        let bad = ProgrammeInput {
            slug: "Not A Slug".into(),
            name: " ".into(),
            description: Some("x".repeat(limits::DESCRIPTION_CHARS + 1)),
            author: Some("a".repeat(limits::AUTHOR_CHARS + 1)),
            category: Some("Newsy".into()),
            ..input()
        };
        let fields: Vec<&str> = bad
            .validate()
            .expect_err("invalid")
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["slug", "name", "description", "author", "category"]
        );
    }

    #[test]
    fn categories_are_listed_in_alphabetical_order() {
        // The newsroom's select shows them in this order.
        let mut sorted = CATEGORIES;
        sorted.sort_by_key(|c| c.to_lowercase());
        assert_eq!(sorted, CATEGORIES);
        assert!(CATEGORIES.contains(&"News"));
    }
}
