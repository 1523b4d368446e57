//! Full-text search and related articles over a tantivy index.
//!
//! Architecture invariant: the index is a cache of the database, never the
//! truth. Everything here can be thrown away and rebuilt from the store
//! (`dateline reindex`, or at start when the index is missing, corrupt or
//! from another version). The crate knows nothing of SQL or HTTP: callers
//! hand it [`Doc`]s and get article ids back.
//!
//! Each commit records the change-feed cursor it reflects and whether the
//! index is complete, so a node that restarts catches up from where its
//! index stands instead of rebuilding.

mod related;
mod schema;
mod search;

pub use related::RelatedOptions;
pub use search::{Fragment, Hit, Results, SearchQuery, Sort};

use dateline_core::Language;
use schema::Fields;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// Memory the writer may use before it flushes a segment; shared by its
/// threads (tantivy wants at least 15 MB per thread).
const WRITER_BUDGET: usize = 96 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The reader's query could not be read (an unclosed quote, a field
    /// that does not exist): a message for them, never a 500.
    #[error("the query cannot be understood: {0}")]
    Unparsable(String),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, SearchError>;

/// An article as the index needs it: the text to search and what to filter
/// and sort by.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub id: i64,
    pub language: Language,
    pub section_id: i64,
    /// Tag slugs (filters) and names (text).
    pub tags: Vec<(String, String)>,
    /// Unix seconds.
    pub published_at: i64,
    pub headline: String,
    pub standfirst: String,
    /// Plain text (Markdown stripped).
    pub body: String,
}

/// What opening found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// A complete index that reflects the change feed up to this cursor.
    Current { cursor: i64 },
    /// The index was missing, corrupt, unfinished or of another version: it
    /// is empty now and must be rebuilt from the database.
    Rebuild { reason: String },
}

/// What a look at an index on disk found ([`SearchIndex::inspect`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inspection {
    /// There is no index in the folder yet.
    Missing,
    /// A complete index reflecting the change feed up to `cursor`.
    Whole { cursor: i64, articles: u64 },
    /// A rebuild is under way, or one stopped before it finished.
    Unfinished { cursor: i64, articles: u64 },
    /// Written by another version, or without a commit record: the next
    /// start rebuilds it.
    OtherVersion { reason: String },
    /// A file it needs is missing or unreadable.
    Damaged { reason: String },
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    /// Opened on the first change: a node whose index is current starts
    /// without writer threads or background merges.
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
}

/// What a commit's payload says: which schema wrote it, up to which change
/// it reflects the database, and whether it holds every article.
#[derive(Debug, PartialEq, Eq)]
struct Payload {
    schema: u32,
    cursor: i64,
    complete: bool,
}

impl Payload {
    fn encode(&self) -> String {
        format!(
            "dateline-search schema={} cursor={} complete={}",
            self.schema, self.cursor, self.complete
        )
    }

    fn decode(text: &str) -> Option<Payload> {
        let mut words = text.split(' ');
        if words.next()? != "dateline-search" {
            return None;
        }
        let mut value = |key: &str| {
            words
                .next()
                .and_then(|w| w.strip_prefix(key))
                .and_then(|w| w.strip_prefix('='))
                .map(str::to_string)
        };
        Some(Payload {
            schema: value("schema")?.parse().ok()?,
            cursor: value("cursor")?.parse().ok()?,
            complete: value("complete")?.parse().ok()?,
        })
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, or makes an empty one there when it is
    /// missing or cannot be used (the [`Opened`] says which, and why).
    pub fn open(dir: &Path) -> Result<(SearchIndex, Opened)> {
        let (schema, fields) = schema::build();
        if dir.join("meta.json").exists() {
            match Self::open_existing(dir, &fields) {
                Ok((index, payload)) => {
                    let opened = match payload {
                        Some(p) if p.schema == schema::SCHEMA_VERSION && p.complete => {
                            Opened::Current { cursor: p.cursor }
                        }
                        Some(p) if p.schema != schema::SCHEMA_VERSION => Opened::Rebuild {
                            reason: format!("written by schema version {}", p.schema),
                        },
                        Some(_) => Opened::Rebuild {
                            reason: "a rebuild did not finish".into(),
                        },
                        None => Opened::Rebuild {
                            reason: "it carries no commit record".into(),
                        },
                    };
                    if let Opened::Current { .. } = opened {
                        return Ok((Self::with_index(index, fields)?, opened));
                    }
                    drop(index);
                    let fresh = Self::create(dir, schema)?;
                    return Ok((fresh, opened));
                }
                Err(e) => {
                    let fresh = Self::create(dir, schema)?;
                    return Ok((
                        fresh,
                        Opened::Rebuild {
                            reason: format!("it cannot be read ({e})"),
                        },
                    ));
                }
            }
        }
        let fresh = Self::create(dir, schema)?;
        Ok((
            fresh,
            Opened::Rebuild {
                reason: "there is none yet".into(),
            },
        ))
    }

    /// Looks at the index in `dir` without changing it: no file is written
    /// and no lock taken (not even the one readers take while they open
    /// segments), so a health check can look while a server writes. Only
    /// the commit record and the presence of each segment's files are read.
    pub fn inspect(dir: &Path) -> Inspection {
        if !dir.join("meta.json").exists() {
            return Inspection::Missing;
        }
        // A merge that lands between reading the list of segments and
        // looking for their files makes a file seem missing: look again.
        let mut reason = String::new();
        for attempt in 0..3 {
            if attempt > 0 {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            match Self::inspect_once(dir) {
                Ok(found) => return found,
                Err(why) => reason = why,
            }
        }
        Inspection::Damaged { reason }
    }

    fn inspect_once(dir: &Path) -> std::result::Result<Inspection, String> {
        let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
        let (expected, _) = schema::build();
        if index.schema() != expected {
            return Ok(Inspection::OtherVersion {
                reason: "its fields are another version's".into(),
            });
        }
        let metas = index.load_metas().map_err(|e| e.to_string())?;
        for segment in &metas.segments {
            let needed = tantivy::index::SegmentComponent::iterator().filter(|c| match c {
                tantivy::index::SegmentComponent::TempStore => false,
                tantivy::index::SegmentComponent::Delete => segment.has_deletes(),
                _ => true,
            });
            for component in needed {
                let file = segment.relative_path(*component);
                if let Err(e) = std::fs::metadata(dir.join(&file)) {
                    return Err(format!("{}: {e}", file.display()));
                }
            }
        }
        let articles = metas.segments.iter().map(|s| u64::from(s.num_docs())).sum();
        Ok(match metas.payload.as_deref().and_then(Payload::decode) {
            None => Inspection::OtherVersion {
                reason: "it carries no commit record".into(),
            },
            Some(p) if p.schema != schema::SCHEMA_VERSION => Inspection::OtherVersion {
                reason: format!("written by schema version {}", p.schema),
            },
            Some(p) if p.complete => Inspection::Whole {
                cursor: p.cursor,
                articles,
            },
            Some(p) => Inspection::Unfinished {
                cursor: p.cursor,
                articles,
            },
        })
    }

    /// An index in memory, for tests and benchmarks.
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, fields) = schema::build();
        Self::with_index(Index::create_in_ram(schema), fields)
    }

    fn open_existing(dir: &Path, fields: &Fields) -> Result<(Index, Option<Payload>)> {
        let index = Index::open_in_dir(dir)?;
        // Fields are looked up by name: an index with other fields is
        // another version, whatever its payload says.
        let (expected, _) = schema::build();
        if index.schema() != expected {
            return Ok((index, None));
        }
        let _ = fields;
        let payload = index
            .load_metas()?
            .payload
            .as_deref()
            .and_then(Payload::decode);
        // Opening every segment finds missing or truncated files now rather
        // than on a reader's search. tantivy panics on some damaged files
        // instead of returning an error: that is a damaged index too.
        schema::register(&index);
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let searcher = index.reader()?.searcher();
            for segment in searcher.segment_readers() {
                segment.fast_fields().i64("id")?;
                segment.get_store_reader(0)?;
            }
            Ok::<_, tantivy::TantivyError>(())
        }));
        match opened {
            Ok(result) => result?,
            Err(_) => {
                return Err(SearchError::Index(tantivy::TantivyError::InternalError(
                    "a segment file is damaged".into(),
                )))
            }
        }
        Ok((index, payload))
    }

    fn create(dir: &Path, schema: tantivy::schema::Schema) -> Result<SearchIndex> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        let (_, fields) = schema::build();
        Self::with_index(Index::create_in_dir(dir, schema)?, fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<SearchIndex> {
        schema::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
        })
    }

    /// Runs `f` with the writer, opening it first if need be.
    fn with_writer<T>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<T>) -> Result<T> {
        // A panic while holding the writer leaves nothing half-done that a
        // later commit would expose: carry on with it.
        let mut slot: MutexGuard<'_, Option<IndexWriter>> =
            self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let writer = match &mut *slot {
            Some(w) => w,
            empty => empty.insert(self.index.writer(WRITER_BUDGET)?),
        };
        f(writer)
    }

    /// Adds or replaces articles (visible after the next [`commit`]).
    ///
    /// [`commit`]: SearchIndex::commit
    pub fn put(&self, docs: &[Doc]) -> Result<()> {
        self.with_writer(|writer| {
            for doc in docs {
                writer.delete_term(Term::from_field_i64(self.fields.id, doc.id));
                writer.add_document(self.document(doc))?;
            }
            Ok(())
        })
    }

    /// Takes articles out (unpublished, deleted), after the next commit.
    pub fn remove(&self, ids: &[i64]) -> Result<()> {
        self.with_writer(|writer| {
            for id in ids {
                writer.delete_term(Term::from_field_i64(self.fields.id, *id));
            }
            Ok(())
        })
    }

    /// Empties the index, for a rebuild (after the next commit).
    pub fn clear(&self) -> Result<()> {
        self.with_writer(|writer| {
            writer.delete_all_documents()?;
            Ok(())
        })
    }

    /// Makes the changes so far visible to searches, recording the change
    /// feed's `cursor` they reflect and whether every article is in.
    pub fn commit(&self, cursor: i64, complete: bool) -> Result<()> {
        self.with_writer(|writer| {
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(
                &Payload {
                    schema: schema::SCHEMA_VERSION,
                    cursor,
                    complete,
                }
                .encode(),
            );
            prepared.commit()?;
            Ok(())
        })?;
        self.reader.reload()?;
        Ok(())
    }

    /// The change-feed cursor the last commit recorded.
    pub fn cursor(&self) -> Option<i64> {
        let metas = self.index.load_metas().ok()?;
        Payload::decode(metas.payload.as_deref()?).map(|p| p.cursor)
    }

    /// Waits for background merges to finish (the CLI's rebuild does, so
    /// the index it leaves is compact).
    pub fn wait_merging(self) -> Result<()> {
        if let Some(writer) = self.writer.into_inner().unwrap_or_else(|e| e.into_inner()) {
            writer.wait_merging_threads()?;
        }
        Ok(())
    }

    /// Articles in the index (as of the last commit).
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids of every article in the index, sorted (for comparing a
    /// rebuilt index with an incrementally kept one).
    pub fn ids(&self) -> Result<Vec<i64>> {
        let searcher = self.reader.searcher();
        let mut ids = Vec::with_capacity(searcher.num_docs() as usize);
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().i64("id")?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    if let Some(id) = column.first(doc) {
                        ids.push(id);
                    }
                }
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// The stored document of one article, as indexed.
    pub fn get(&self, id: i64) -> Result<Option<Doc>> {
        let searcher = self.reader.searcher();
        let Some(address) = self.address(&searcher, id)? else {
            return Ok(None);
        };
        let stored: TantivyDocument = searcher.doc(address)?;
        Ok(Some(self.read_doc(id, &stored, &searcher, address)?))
    }

    fn address(
        &self,
        searcher: &tantivy::Searcher,
        id: i64,
    ) -> Result<Option<tantivy::DocAddress>> {
        let query = TermQuery::new(
            Term::from_field_i64(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1))?;
        Ok(top.first().map(|(_, a)| *a))
    }

    fn document(&self, doc: &Doc) -> TantivyDocument {
        let f = &self.fields;
        let text = f.text(doc.language);
        let mut d = TantivyDocument::default();
        d.add_i64(f.id, doc.id);
        d.add_text(f.lang, doc.language.code());
        d.add_i64(f.section, doc.section_id);
        d.add_i64(f.published, doc.published_at);
        d.add_text(text.title, &doc.headline);
        d.add_text(text.standfirst, &doc.standfirst);
        d.add_text(text.body, &doc.body);
        for (slug, name) in &doc.tags {
            d.add_text(f.tag, slug);
            d.add_text(text.tags, name);
        }
        d
    }

    fn read_doc(
        &self,
        id: i64,
        stored: &TantivyDocument,
        searcher: &tantivy::Searcher,
        address: tantivy::DocAddress,
    ) -> Result<Doc> {
        let f = &self.fields;
        let segment = searcher.segment_reader(address.segment_ord);
        let fast = segment.fast_fields();
        let language = fast
            .str("lang")?
            .and_then(|column| {
                let mut code = String::new();
                let ord = column.term_ords(address.doc_id).next()?;
                column.ord_to_str(ord, &mut code).ok()?;
                code.parse::<Language>().ok()
            })
            .unwrap_or(Language::En);
        let section_id = fast.i64("section")?.first(address.doc_id).unwrap_or(0);
        let published_at = fast.i64("published")?.first(address.doc_id).unwrap_or(0);
        let text = f.text(language);
        let first = |field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        let tag_names: Vec<String> = stored
            .get_all(text.tags)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        Ok(Doc {
            id,
            language,
            section_id,
            // Slugs are not stored; the names are what related() reads.
            tags: tag_names.into_iter().map(|n| (String::new(), n)).collect(),
            published_at,
            headline: first(text.title),
            standfirst: first(text.standfirst),
            body: first(text.body),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_round_trips() {
        let p = Payload {
            schema: 1,
            cursor: 42,
            complete: true,
        };
        assert_eq!(Payload::decode(&p.encode()), Some(p));
        assert_eq!(Payload::decode("something else"), None);
    }

    fn doc(id: i64) -> Doc {
        Doc {
            id,
            language: Language::En,
            section_id: 1,
            tags: Vec::new(),
            published_at: 1_700_000_000,
            headline: format!("Headline {id}"),
            standfirst: String::new(),
            body: "Body text".into(),
        }
    }

    #[test]
    fn inspecting_reads_the_commit_record_and_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("index");
        assert_eq!(SearchIndex::inspect(&path), Inspection::Missing);
        let (index, _) = SearchIndex::open(&path).expect("open");
        index.put(&[doc(1), doc(2)]).expect("put");
        index.commit(7, false).expect("commit");
        assert_eq!(
            SearchIndex::inspect(&path),
            Inspection::Unfinished {
                cursor: 7,
                articles: 2
            }
        );
        index.put(&[doc(3)]).expect("put");
        index.remove(&[1]).expect("remove");
        index.commit(9, true).expect("commit");
        let listing = |p: &Path| {
            let mut names: Vec<_> = std::fs::read_dir(p)
                .expect("read_dir")
                .map(|e| e.expect("entry").file_name())
                .collect();
            names.sort();
            names
        };
        let before = listing(&path);
        assert_eq!(
            SearchIndex::inspect(&path),
            Inspection::Whole {
                cursor: 9,
                articles: 2
            }
        );
        assert_eq!(listing(&path), before, "inspecting wrote nothing");
        drop(index);
        let store = before
            .iter()
            .find(|n| n.to_string_lossy().ends_with(".store"))
            .expect("a segment's store file");
        std::fs::remove_file(path.join(store)).expect("remove");
        assert!(
            matches!(SearchIndex::inspect(&path), Inspection::Damaged { ref reason } if reason.contains(".store")),
            "{:?}",
            SearchIndex::inspect(&path)
        );
    }
}
