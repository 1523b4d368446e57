//! Related articles: a more-like-this query built from an article's own
//! headline, standfirst, body and tag names, within its language, with a
//! mild lift for recent articles, and a floor of likeness below which
//! nothing is related.

use crate::{Result, SearchIndex};
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, TantivyDocument, Value};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, Term};

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
    /// The least likeness an article must have to be shown as related,
    /// as a share of the article's own score under its more-like-this
    /// query, counting only the words other articles have too (1.0: about
    /// as like it as it is like itself). BM25 scores cannot be
    /// compared from one article to the next; this share can. Without a
    /// floor, whatever shares a single rare word is "related": a mosquito
    /// campaign under a story about Syria. 0.0 shows every match.
    pub min_likeness: f32,
}

/// The floor [`RelatedOptions::new`] sets. On labelled news text (the
/// quality tests) it cuts five in six links to another topic and keeps
/// almost half the links to the same one; an article with nothing that
/// alike gets an empty list, which the page fills from the section under
/// its own heading, rather than a list of chance matches.
const MIN_LIKENESS: f32 = 0.2;

impl RelatedOptions {
    pub fn new(limit: usize, now: i64) -> RelatedOptions {
        RelatedOptions {
            limit,
            now,
            recency_lift: 0.2,
            half_life_days: 30.0,
            min_likeness: MIN_LIKENESS,
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
        // This article's copies in the index: the live one, and those its
        // edits left deleted until a merge (term counts include them).
        let copies = searcher
            .doc_freq(&Term::from_field_i64(self.fields.id, id))?
            .max(1);
        let Like {
            query: like,
            shared,
        } = match self.like_query(&searcher, &stored, doc.language, &weighted, copies)? {
            Some(q) => q,
            // Nothing distinctive to go on: nothing is like it.
            None => return Ok(Vec::new()),
        };
        // The floor in score units. Recency is left out of both sides: it
        // orders what is alike, it does not make anything more alike.
        let floor = if options.min_likeness > 0.0 {
            match self_score(&searcher, shared.as_ref(), address)? {
                Some(own) if own > 0.0 => options.min_likeness * own,
                // It always matches its own words; if not, no floor to set.
                _ => 0.0,
            }
        } else {
            0.0
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
                // Ranked first by being above the floor, so a recent article
                // below it never takes the place of one above it.
                move |doc: DocId, score: Score| {
                    let alike = score >= floor;
                    let Some(published) = &published else {
                        return (alike, score);
                    };
                    let age = (now - published.get_val(doc)).max(0) as f32;
                    (alike, score * (1.0 + lift * 0.5f32.powf(age / half_life)))
                }
            },
        );
        let top = searcher.search(&query, &collector)?;
        let mut ids = Vec::with_capacity(top.len());
        for ((alike, _), address) in top {
            if !alike {
                continue;
            }
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

/// An article's more-like-this query, and the yardstick for its floor.
struct Like {
    query: Box<dyn Query>,
    /// The query's words that some other article holds too.
    shared: Box<dyn Query>,
}

/// The article's own score under its more-like-this query, with the same
/// index statistics the search uses; None if it does not match.
fn self_score(searcher: &Searcher, like: &dyn Query, address: DocAddress) -> Result<Option<Score>> {
    let weight = like.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut scorer = weight.scorer(searcher.segment_reader(address.segment_ord), 1.0)?;
    // A new scorer stands on its first document; seek only moves forward.
    let at = match scorer.doc() {
        doc if doc > address.doc_id => doc,
        _ => scorer.seek(address.doc_id),
    };
    Ok((at == address.doc_id).then(|| scorer.score()))
}

impl SearchIndex {
    /// The more-like-this query: the article's most distinctive words
    /// (frequent in it, rare in the index: tf × idf), each boosted by its
    /// weight; and, as the yardstick for the floor, the same query over
    /// only the words some other article holds too. Written here rather
    /// than with tantivy's MoreLikeThisQuery, which compares counts that
    /// include deleted documents with counts that do not, and asserts,
    /// once an edited article leaves a deleted copy behind.
    fn like_query(
        &self,
        searcher: &tantivy::Searcher,
        stored: &TantivyDocument,
        language: dateline_core::Language,
        weighted: &[(Field, usize)],
        copies: u64,
    ) -> Result<Option<Like>> {
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
        let mut scored: Vec<(f32, Term, u64)> = Vec::with_capacity(frequencies.len());
        for (term, tf) in frequencies {
            let df = searcher.doc_freq(&term)?;
            if df == 0 || df > too_common {
                continue;
            }
            let idf = (1.0 + (documents.saturating_sub(df) as f32 + 0.5) / (df as f32 + 0.5)).ln();
            scored.push((tf as f32 * idf, term, df));
        }
        // Ties broken by the term, so the same article always gets the same list.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.truncate(MAX_QUERY_TERMS);
        let Some(best) = scored.first().map(|(s, _, _)| *s).filter(|s| *s > 0.0) else {
            return Ok(None);
        };
        let query = |terms: &mut dyn Iterator<Item = &(f32, Term, u64)>| -> Box<dyn Query> {
            let clauses: Vec<(Occur, Box<dyn Query>)> = terms
                .map(|(score, term, _)| {
                    let q: Box<dyn Query> = Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                        score / best,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            Box::new(BooleanQuery::new(clauses))
        };
        // A word only this article has (a name, a misprint) lifts its own
        // score but no other's: leaving such words out of the yardstick keeps
        // an article full of them from finding nothing alike. "Only this
        // article" counts its deleted copies too, so an edit does not make
        // its floor stricter until a merge.
        let shared = query(&mut scored.iter().filter(|(_, _, df)| *df > copies));
        Ok(Some(Like {
            query: query(&mut scored.iter()),
            shared,
        }))
    }
}
