//! The index's fields and the text analysis of each language.
//!
//! One index holds every language: each language has its own text fields
//! (`title_en`, `body_ar`, …) analysed by its own analyzer, so term
//! statistics, stemming and more-like-this stay within a language without
//! seven writers and seven readers.

use dateline_core::Language;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language as Stemming, LowerCaser, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer,
};
use tantivy::Index;

/// Bumped whenever fields or analysis change: an index written by another
/// version is rebuilt from the database rather than misread.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The text fields of one language.
#[derive(Clone, Copy)]
pub(crate) struct TextFields {
    pub title: Field,
    pub standfirst: Field,
    pub body: Field,
    pub tags: Field,
}

impl TextFields {
    pub fn all(&self) -> [Field; 4] {
        [self.title, self.standfirst, self.body, self.tags]
    }
}

#[derive(Clone)]
pub(crate) struct Fields {
    /// The article's id in the database.
    pub id: Field,
    /// Language code, for filtering.
    pub lang: Field,
    /// Section id (not slug, so a renamed section needs no reindexing).
    pub section: Field,
    /// Tag slugs, for filtering.
    pub tag: Field,
    /// Publication time, Unix seconds: date filters, date sort, recency.
    pub published: Field,
    text: Vec<(Language, TextFields)>,
}

impl Fields {
    pub fn text(&self, language: Language) -> TextFields {
        self.text
            .iter()
            .find(|(l, _)| *l == language)
            .map(|(_, f)| *f)
            .unwrap_or(self.text[0].1)
    }
}

fn analyzer_name(language: Language) -> String {
    format!("dateline_{}", language.code())
}

/// The Snowball stemmer tantivy has for a language; Esperanto has none and
/// is tokenised plainly.
fn stemming(language: Language) -> Option<Stemming> {
    match language {
        Language::En => Some(Stemming::English),
        Language::Es => Some(Stemming::Spanish),
        Language::Fr => Some(Stemming::French),
        Language::Pt => Some(Stemming::Portuguese),
        Language::It => Some(Stemming::Italian),
        Language::Ar => Some(Stemming::Arabic),
        Language::Eo => None,
    }
}

fn analyzer(language: Language) -> TextAnalyzer {
    // Stemming runs on the accented word (the Snowball rules expect it);
    // folding afterwards lets "habana" find "Habána" and "Medio Oriente"
    // find "Médio".
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser);
    match stemming(language) {
        Some(s) => base
            .filter(Stemmer::new(s))
            .filter(AsciiFoldingFilter)
            .build(),
        None => base.filter(AsciiFoldingFilter).build(),
    }
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_i64_field("id", INDEXED | STORED | FAST);
    let lang = b.add_text_field("lang", STRING | FAST);
    let section = b.add_i64_field("section", INDEXED | FAST);
    let tag = b.add_text_field("tag", STRING);
    let published = b.add_i64_field("published", NumericOptions::default() | INDEXED | FAST);
    let text = Language::ALL
        .into_iter()
        .map(|language| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(&analyzer_name(language))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let stored = TextOptions::default()
                .set_indexing_options(indexing)
                .set_stored();
            let code = language.code();
            let fields = TextFields {
                title: b.add_text_field(&format!("title_{code}"), stored.clone()),
                standfirst: b.add_text_field(&format!("standfirst_{code}"), stored.clone()),
                body: b.add_text_field(&format!("body_{code}"), stored.clone()),
                tags: b.add_text_field(&format!("tags_{code}"), stored),
            };
            (language, fields)
        })
        .collect();
    let fields = Fields {
        id,
        lang,
        section,
        tag,
        published,
        text,
    };
    (b.build(), fields)
}

/// Makes each language's analyzer known to the index (they are not
/// persisted with it).
pub(crate) fn register(index: &Index) {
    for language in Language::ALL {
        index
            .tokenizers()
            .register(&analyzer_name(language), analyzer(language));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(language: Language, text: &str) -> Vec<String> {
        let mut a = analyzer(language);
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn each_language_stems_by_its_own_rules() {
        assert_eq!(
            tokens(Language::En, "Elections"),
            tokens(Language::En, "elected")
        );
        assert_eq!(
            tokens(Language::Es, "elecciones"),
            tokens(Language::Es, "elección")
        );
        assert_eq!(
            tokens(Language::Fr, "gouvernements"),
            tokens(Language::Fr, "gouvernement")
        );
        assert_eq!(
            tokens(Language::Pt, "notícias"),
            tokens(Language::Pt, "notícia")
        );
        assert_eq!(
            tokens(Language::It, "governi"),
            tokens(Language::It, "governo")
        );
        // Arabic: the definite article comes off.
        assert_eq!(
            tokens(Language::Ar, "الحكومة"),
            tokens(Language::Ar, "حكومة")
        );
    }

    #[test]
    fn esperanto_is_tokenised_without_stemming() {
        assert_eq!(
            tokens(Language::Eo, "Ĉefurbo, novaĵoj"),
            vec!["cefurbo", "novajoj"]
        );
    }

    #[test]
    fn accents_fold_after_stemming() {
        assert_eq!(
            tokens(Language::Es, "Habána"),
            tokens(Language::Es, "habana")
        );
    }
}
