//! Related articles: a more-like-this query built from an article's own
//! headline, standfirst, body and tag names, within its language, with a
//! mild lift for recent articles.

use crate::{Result, SearchIndex};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, TantivyDocument, Value};
use tantivy::{DocId, Score, SegmentReader, Term};

#[derive(Debug, Clone, Copy)]
pub struct RelatedOptions {
    pub limit: usize,
    /// "Now", Unix seconds: recency is measured from it.
    pub now: i64,
    /// How much a brand-new article is lifted over an old one of the same
    /// likeness (0.2: by a fifth). The lift halves every `half_life_days`.
    pub recency_lift: f32,
    pub half_life_days: f32,
}

impl RelatedOptions {
    pub fn new(limit: usize, now: i64) -> RelatedOptions {
        RelatedOptions {
            limit,
            now,
            recency_lift: 0.2,
            half_life_days: 30.0,
        }
    }
}

impl SearchIndex {
    /// The articles most like article `id`, best first: never itself, only
    /// of its language, only what the index holds (published articles).
    /// Empty when the article is not in the index.
    pub fn related(&self, id: i64, options: RelatedOptions) -> Result<Vec<i64>> {
        let searcher = self.reader.searcher();
        let Some(address) = self.address(&searcher, id)? else {
            return Ok(Vec::new());
        };
        let stored: TantivyDocument = searcher.doc(address)?;
        let doc = self.read_doc(id, &stored, &searcher, address)?;
        let text = self.fields.text(doc.language);
        let values = |field| -> Vec<OwnedValue> {
            stored
                .get_all(field)
                .filter_map(|v| v.as_str().map(|s| OwnedValue::Str(s.to_string())))
                .collect()
        };
        // The headline and tags say what a story is about more surely than
        // any one body word: they count twice.
        let doc_fields = vec![
            (text.title, values(text.title)),
            (text.title, values(text.title)),
            (text.standfirst, values(text.standfirst)),
            (text.body, values(text.body)),
            (text.tags, values(text.tags)),
            (text.tags, values(text.tags)),
        ];
        let docs = searcher.num_docs().max(1);
        let like = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            // A word in more than a fifth of a language's articles says
            // nothing about what one of them is about.
            .with_max_doc_frequency((docs / 5).max(10))
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(30)
            .with_boost_factor(1.0)
            .with_document_fields(doc_fields);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like) as Box<dyn Query>),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.lang, doc.language.code()),
                    IndexRecordOption::Basic,
                )),
            ),
            (
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_i64(self.fields.id, id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let now = options.now;
        let lift = options.recency_lift;
        let half_life = options.half_life_days.max(0.1) * 86_400.0;
        let collector = TopDocs::with_limit(options.limit.max(1)).tweak_score(
            move |segment: &SegmentReader| {
                let published = segment
                    .fast_fields()
                    .i64("published")
                    .ok()
                    .map(|c| c.first_or_default_col(0));
                move |doc: DocId, score: Score| {
                    let Some(published) = &published else {
                        return score;
                    };
                    let age = (now - published.get_val(doc)).max(0) as f32;
                    score * (1.0 + lift * 0.5f32.powf(age / half_life))
                }
            },
        );
        let top = match searcher.search(&query, &collector) {
            Ok(top) => top,
            // An article with no usable words (an empty body, all of it
            // too common) has nothing like it.
            Err(tantivy::TantivyError::InvalidArgument(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut ids = Vec::with_capacity(top.len());
        for (_, address) in top {
            let column = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .i64("id")?;
            if let Some(other) = column.first(address.doc_id) {
                ids.push(other);
            }
        }
        Ok(ids)
    }
}
