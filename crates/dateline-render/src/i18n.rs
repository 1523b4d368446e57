//! Translation catalogues: every string a reader sees comes from here.
//!
//! Catalogues are Fluent files (`locales/{lang}/main.ftl`), the format
//! translators' tools know, embedded in the binary. The newsroom has its own
//! (`newsroom/locales/{lang}.ftl`, every id starting with `nr-`), added to the
//! same bundles for the languages it speaks. A message missing from a
//! language falls back to English; a key missing from English shows the key
//! itself, which the catalogue tests catch before it reaches a reader.

use dateline_core::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;

/// The English catalogue's source, the reference for every other language.
pub const ENGLISH_SOURCE: &str = include_str!("../locales/en/main.ftl");

/// The newsroom's English catalogue, the reference for its other languages.
pub const NEWSROOM_ENGLISH_SOURCE: &str = include_str!("../newsroom/locales/en.ftl");

/// The newsroom's catalogue sources by language. The newsroom speaks English
/// and Spanish; in any other language its messages fall back to English.
pub fn newsroom_source(language: Language) -> Option<&'static str> {
    match language {
        Language::En => Some(NEWSROOM_ENGLISH_SOURCE),
        Language::Es => Some(include_str!("../newsroom/locales/es.ftl")),
        _ => None,
    }
}

/// Catalogue sources by language; a language without one falls back to English.
pub fn catalogue_source(language: Language) -> Option<&'static str> {
    Some(match language {
        Language::En => ENGLISH_SOURCE,
        Language::Es => include_str!("../locales/es/main.ftl"),
        Language::Fr => include_str!("../locales/fr/main.ftl"),
        Language::Pt => include_str!("../locales/pt/main.ftl"),
        Language::Ar => include_str!("../locales/ar/main.ftl"),
        Language::Eo => include_str!("../locales/eo/main.ftl"),
        Language::It => include_str!("../locales/it/main.ftl"),
    })
}

pub struct Catalogues {
    bundles: HashMap<Language, FluentBundle<FluentResource>>,
}

impl Catalogues {
    /// Parses the embedded catalogues. A syntax error in one is a bug in the
    /// release, reported with the language and the error.
    pub fn load() -> Result<Catalogues, String> {
        let mut bundles = HashMap::new();
        for language in Language::ALL {
            let Some(source) = catalogue_source(language) else {
                continue;
            };
            let resource = FluentResource::try_new(source.to_string())
                .map_err(|(_, errors)| format!("catalogue {language}: {errors:?}"))?;
            let langid: unic_langid::LanguageIdentifier = language
                .code()
                .parse()
                .map_err(|e| format!("language id {language}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Isolation marks keep a Latin name inside Arabic text in order;
            // left-to-right languages do not need them.
            bundle.set_use_isolating(language.direction() == dateline_core::Direction::Rtl);
            bundle
                .add_resource(resource)
                .map_err(|errors| format!("catalogue {language}: {errors:?}"))?;
            if let Some(newsroom) = newsroom_source(language) {
                let resource = FluentResource::try_new(newsroom.to_string())
                    .map_err(|(_, errors)| format!("newsroom catalogue {language}: {errors:?}"))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| format!("newsroom catalogue {language}: {errors:?}"))?;
            }
            bundles.insert(language, bundle);
        }
        Ok(Catalogues { bundles })
    }

    /// The message `key` in `language`, else in English, else the key itself.
    pub fn message(
        &self,
        language: Language,
        key: &str,
        args: &[(&str, FluentValue<'_>)],
    ) -> String {
        let args = (!args.is_empty()).then(|| {
            let mut a = FluentArgs::new();
            for (name, value) in args {
                a.set(*name, value.clone());
            }
            a
        });
        for lang in [language, Language::En] {
            let Some(bundle) = self.bundles.get(&lang) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args.as_ref(), &mut errors);
            if errors.is_empty() {
                return text.into_owned();
            }
            tracing::warn!(%key, %lang, ?errors, "translation did not format");
        }
        key.to_string()
    }

    /// Whether a language has its own message for `key` (no fallback).
    pub fn has(&self, language: Language, key: &str) -> bool {
        self.bundles
            .get(&language)
            .is_some_and(|b| b.has_message(key))
    }
}

/// The message ids defined in a catalogue source.
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}
