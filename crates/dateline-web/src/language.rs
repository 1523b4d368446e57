//! Which language to answer in: the one place Accept-Language is read and
//! a language code is recognised. Matching (a region or script falls back
//! to its language: `pt-BR` finds Portuguese) is fluent-langneg's; the
//! order is the reader's, by their `q` weights, and `q=0` means "not this".

use axum::http::{header, HeaderMap};
use dateline_core::Language;
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use unic_langid::LanguageIdentifier;

/// The languages the newsroom itself speaks; other pages fall back to English.
pub const NEWSROOM_LANGUAGES: [Language; 2] = [Language::En, Language::Es];

/// The language of a code in a path (`en`, `ar`), exactly.
pub fn from_code(code: &str) -> Option<Language> {
    Language::ALL.into_iter().find(|l| l.code() == code)
}

/// The reader's first choice among `offered`, by their Accept-Language.
pub fn negotiate(accept: &str, offered: &[Language]) -> Option<Language> {
    let mut ranked: Vec<(f32, usize, LanguageIdentifier)> = accept
        .split(',')
        .take(32)
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let id: LanguageIdentifier = tag.parse().ok()?;
            (q > 0.0).then_some((q, i, id))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let requested: Vec<LanguageIdentifier> = ranked.into_iter().map(|(_, _, id)| id).collect();
    let available: Vec<LanguageIdentifier> = offered
        .iter()
        .filter_map(|l| l.code().parse().ok())
        .collect();
    let chosen = negotiate_languages(&requested, &available, None, NegotiationStrategy::Filtering);
    let code = chosen.first()?.language.as_str().to_string();
    offered.iter().copied().find(|l| l.code() == code)
}

/// The newsroom's language for this request: the reader's remembered
/// language when the newsroom speaks it, else their browser's choice, else
/// English.
pub fn newsroom(headers: &HeaderMap) -> Language {
    if let Some(l) = crate::cookies::read(headers, crate::cookies::LANGUAGE)
        .and_then(|c| c.parse::<Language>().ok())
        .filter(|l| NEWSROOM_LANGUAGES.contains(l))
    {
        return l;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|a| negotiate(a, &NEWSROOM_LANGUAGES))
        .unwrap_or(Language::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_order_and_regions_fall_back() {
        let all = Language::ALL;
        assert_eq!(negotiate("pt-BR,en;q=0.5", &all), Some(Language::Pt));
        assert_eq!(
            negotiate("de, es;q=0.3, fr;q=0.9", &all),
            Some(Language::Fr)
        );
        assert_eq!(negotiate("ar;q=0, en", &all), Some(Language::En));
        assert_eq!(negotiate("de, ja", &all), None);
        assert_eq!(negotiate("", &all), None);
        assert_eq!(negotiate("es-419", &NEWSROOM_LANGUAGES), Some(Language::Es));
        assert_eq!(negotiate("fr", &NEWSROOM_LANGUAGES), None);
    }
}
