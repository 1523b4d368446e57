//! Slugs: the readable last part of an article's URL.

/// Longest slug we make from a headline; long enough to stay readable, short
/// enough for a URL that fits in a tweet.
pub const MAX_SLUG_CHARS: usize = 80;

/// Makes a URL slug from a headline: lowercase, words joined by hyphens.
///
/// Latin letters lose their accents ("Rodríguez" → "rodriguez") so that URLs
/// stay typeable; letters of other scripts (Arabic) are kept as they are,
/// because a transliteration would be unreadable to the page's own readers.
pub fn slugify(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            // Apostrophes join ("Cuba's" → "cubas"); everything else separates.
            pending_hyphen = true;
        }
    }
    truncate_at_word(&slug, MAX_SLUG_CHARS)
}

fn truncate_at_word(slug: &str, max: usize) -> String {
    if slug.chars().count() <= max {
        return slug.to_string();
    }
    let cut: String = slug.chars().take(max).collect();
    match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => cut,
    }
}

/// Whether a slug given by hand (in a form or a wire header) is acceptable:
/// non-empty, no slashes or spaces, nothing that would need escaping beyond
/// letters, digits and hyphens.
/// Section slugs the readers' routes take (`/{lang}/tag/…`,
/// `/{lang}/page/…`, `/{lang}/programmes/`…): no section may have them.
pub const RESERVED_SECTION_SLUGS: &[&str] = &[
    "tag",
    "author",
    "search",
    "corrections",
    "programmes",
    "page",
];

/// Whether `slug` may name a section: a valid slug no route takes.
pub fn is_section_slug(slug: &str) -> bool {
    is_valid_slug(slug) && !RESERVED_SECTION_SLUGS.contains(&slug)
}

pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.chars().count() <= MAX_SLUG_CHARS
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .chars()
            .all(|c| c == '-' || (c.is_alphanumeric() && !c.is_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(slugify(input), expected, "slugify({input:?})");
    }

    #[test]
    fn slugs() {
        check(
            "U.S. Suspends Negotiations with Russia over Syria Ceasefire",
            "u-s-suspends-negotiations-with-russia-over-syria-ceasefire",
        );
        check("Cuba's Sugar Harvest", "cubas-sugar-harvest");
        check("  Ana Rodríguez gana el oro  ", "ana-rodriguez-gana-el-oro");
        check("«Hola», dijo — ¿qué?", "hola-dijo-que");
        check("اليونسكو تدعم UNESCO", "اليونسكو-تدعم-unesco");
        check("!!!", "");
    }

    #[test]
    fn long_headlines_are_cut_at_a_word() {
        let s = slugify(&"word ".repeat(40));
        assert!(s.chars().count() <= MAX_SLUG_CHARS);
        assert!(!s.ends_with('-'));
    }

    #[test]
    fn validates_hand_made_slugs() {
        assert!(is_valid_slug("cuba-sugar-2026"));
        assert!(is_valid_slug("اليونسكو"));
        assert!(!is_valid_slug("Has Caps"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug(""));
    }
}
