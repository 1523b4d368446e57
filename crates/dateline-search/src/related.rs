//! Related articles: a more-like-this query built from an article's own
//! headline, standfirst, body and tag names, within its language, with a
//! mild lift for recent articles.

use crate::{Result, SearchIndex};
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, TantivyDocument, Value};
use tantivy::{DocId, Score, SegmentReader, Term};

/// Most words a more-like-this query asks for.
const MAX_QUERY_TERMS: usize = 30;
/// Shorter words say little about a story.
const MIN_WORD_LENGTH: usize = 3;

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
        // The headline and tags say what a story is about more surely than
        // any one body word: their words count twice.
        let weighted = [
            (text.title, 2),
            (text.standfirst, 1),
            (text.body, 1),
            (text.tags, 2),
        ];
        let like = match self.like_query(&searcher, &stored, doc.language, &weighted)? {
            Some(q) => q,
            // Nothing distinctive to go on: nothing is like it.
            None => return Ok(Vec::new()),
        };
        let query = BooleanQuery::new(vec![
            (Occur::Must, like),
            (
                Occur::Must,
                // A filter: it adds nothing to the likeness score.
                Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.lang, doc.language.code()),
                        IndexRecordOption::Basic,
                    )),
                    0.0,
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
        let top = searcher.search(&query, &collector)?;
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

impl SearchIndex {
    /// The more-like-this query: the article's most distinctive words
    /// (frequent in it, rare in the index: tf × idf), each boosted by its
    /// weight. Written here rather than with tantivy's MoreLikeThisQuery,
    /// which compares counts that include deleted documents with counts
    /// that do not, and asserts, once an edited article leaves a deleted
    /// copy behind.
    fn like_query(
        &self,
        searcher: &tantivy::Searcher,
        stored: &TantivyDocument,
        language: dateline_core::Language,
        weighted: &[(Field, usize)],
    ) -> Result<Option<Box<dyn Query>>> {
        let mut frequencies: HashMap<Term, usize> = HashMap::new();
        for (field, weight) in weighted {
            let mut analyzer = self.index.tokenizer_for_field(*field)?;
            for value in stored.get_all(*field) {
                let Some(text) = value.as_str() else { continue };
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    let token = stream.token();
                    if token.text.chars().count() < MIN_WORD_LENGTH {
                        continue;
                    }
                    *frequencies
                        .entry(Term::from_field_text(*field, &token.text))
                        .or_default() += weight;
                }
            }
        }
        // The articles of this language (the lang term's count includes
        // deleted copies, as every term count below does, so they agree).
        let documents =
            searcher.doc_freq(&Term::from_field_text(self.fields.lang, language.code()))?;
        // A word in more than a fifth of the language's articles says
        // nothing about what one of them is about.
        let too_common = (documents / 5).max(10);
        let mut scored: Vec<(f32, Term)> = Vec::with_capacity(frequencies.len());
        for (term, tf) in frequencies {
            let df = searcher.doc_freq(&term)?;
            if df == 0 || df > too_common {
                continue;
            }
            let idf = (1.0 + (documents.saturating_sub(df) as f32 + 0.5) / (df as f32 + 0.5)).ln();
            scored.push((tf as f32 * idf, term));
        }
        // Ties broken by the term, so the same article always gets the same list.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.truncate(MAX_QUERY_TERMS);
        let Some(best) = scored.first().map(|(s, _)| *s).filter(|s| *s > 0.0) else {
            return Ok(None);
        };
        let clauses: Vec<(Occur, Box<dyn Query>)> = scored
            .into_iter()
            .map(|(score, term)| {
                let q: Box<dyn Query> = Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                    score / best,
                ));
                (Occur::Should, q)
            })
            .collect();
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }
}
