//! Readers' searches: one language, the reader's words (phrases in quotes),
//! filters, an order, a page, and a highlighted snippet per hit.

use crate::{Result, SearchError, SearchIndex};
use dateline_core::Language;
use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, TantivyDocument};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Term};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
}

#[derive(Debug, Clone, Default)]
pub struct SearchQuery<'a> {
    pub language: Option<Language>,
    /// What the reader typed; empty lists everything the filters allow.
    pub text: &'a str,
    pub section_id: Option<i64>,
    pub tag: Option<&'a str>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    pub until: Option<i64>,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

/// A piece of a snippet, highlighted where it matched the query. Callers
/// escape the text; nothing here is HTML.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fragment {
    pub text: String,
    pub matched: bool,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub id: i64,
    pub score: f32,
    /// Empty when the words matched only the headline or the tags.
    pub snippet: Vec<Fragment>,
}

#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Every match, not only this page's.
    pub total: usize,
    pub hits: Vec<Hit>,
}

impl SearchIndex {
    pub fn search(&self, q: &SearchQuery<'_>) -> Result<Results> {
        let language = q.language.unwrap_or(Language::En);
        let f = &self.fields;
        let text = f.text(language);
        let searcher = self.reader.searcher();
        let words = q.text.trim();
        let typed: Option<Box<dyn Query>> = if words.is_empty() {
            None
        } else {
            let mut parser = QueryParser::new(
                self.index.schema(),
                text.all().to_vec(),
                self.index.tokenizers().clone(),
            );
            // Every word must match, as readers of news search expect.
            parser.set_conjunction_by_default();
            parser.set_field_boost(text.title, 3.0);
            parser.set_field_boost(text.standfirst, 1.5);
            parser.set_field_boost(text.tags, 2.0);
            Some(
                parser
                    .parse_query(words)
                    .map_err(|e| SearchError::Unparsable(e.to_string()))?,
            )
        };
        // Filters score nothing: only the reader's words rank the results.
        let filter =
            |q: Box<dyn Query>| -> Box<dyn Query> { Box::new(ConstScoreQuery::new(q, 0.0)) };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            filter(Box::new(TermQuery::new(
                Term::from_field_text(f.lang, language.code()),
                IndexRecordOption::Basic,
            ))),
        )];
        if let Some(t) = &typed {
            clauses.push((Occur::Must, t.box_clone()));
        } else {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if let Some(section) = q.section_id {
            clauses.push((
                Occur::Must,
                filter(Box::new(TermQuery::new(
                    Term::from_field_i64(f.section, section),
                    IndexRecordOption::Basic,
                ))),
            ));
        }
        if let Some(tag) = q.tag {
            clauses.push((
                Occur::Must,
                filter(Box::new(TermQuery::new(
                    Term::from_field_text(f.tag, tag),
                    IndexRecordOption::Basic,
                ))),
            ));
        }
        if q.from.is_some() || q.until.is_some() {
            let lower = q
                .from
                .map(|t| Bound::Included(Term::from_field_i64(f.published, t)))
                .unwrap_or(Bound::Unbounded);
            let upper = q
                .until
                .map(|t| Bound::Excluded(Term::from_field_i64(f.published, t)))
                .unwrap_or(Bound::Unbounded);
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        let query = BooleanQuery::new(clauses);
        let limit = q.limit.max(1);
        let sort = if typed.is_none() {
            Sort::Newest
        } else {
            q.sort
        };
        let (total, addresses): (usize, Vec<(f32, DocAddress)>) = match sort {
            Sort::Relevance => searcher.search(
                &query,
                &(Count, TopDocs::with_limit(limit).and_offset(q.offset)),
            )?,
            Sort::Newest => {
                let (total, top) = searcher.search(
                    &query,
                    &(
                        Count,
                        TopDocs::with_limit(limit)
                            .and_offset(q.offset)
                            .order_by_fast_field::<i64>("published", Order::Desc),
                    ),
                )?;
                (total, top.into_iter().map(|(_, a)| (0.0, a)).collect())
            }
        };
        let snippets = match &typed {
            Some(t) => {
                let mut g = SnippetGenerator::create(&searcher, t.as_ref(), text.body)?;
                g.set_max_num_chars(SNIPPET_CHARS);
                Some(g)
            }
            None => None,
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let segment = searcher.segment_reader(address.segment_ord);
            let id = segment
                .fast_fields()
                .i64("id")?
                .first(address.doc_id)
                .unwrap_or_default();
            let snippet = match &snippets {
                Some(g) => {
                    let doc: TantivyDocument = searcher.doc(address)?;
                    fragments(&g.snippet_from_doc(&doc))
                }
                None => Vec::new(),
            };
            hits.push(Hit { id, score, snippet });
        }
        Ok(Results { total, hits })
    }
}

/// Splits a snippet into plain and highlighted pieces, so the template can
/// escape each and mark the matches.
fn fragments(snippet: &tantivy::snippet::Snippet) -> Vec<Fragment> {
    let text = snippet.fragment();
    if text.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    for range in snippet.highlighted() {
        if range.start > at {
            out.push(Fragment {
                text: text[at..range.start].to_string(),
                matched: false,
            });
        }
        out.push(Fragment {
            text: text[range.clone()].to_string(),
            matched: true,
        });
        at = range.end;
    }
    if at < text.len() {
        out.push(Fragment {
            text: text[at..].to_string(),
            matched: false,
        });
    }
    out
}
