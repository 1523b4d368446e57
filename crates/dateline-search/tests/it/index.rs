//! The index as the site uses it: put, search, related, reopen, rebuild.

use dateline_core::Language;
use dateline_search::{Doc, Opened, RelatedOptions, SearchError, SearchIndex, SearchQuery, Sort};

const DAY: i64 = 86_400;
const NOW: i64 = 1_790_000_000;

fn doc(id: i64, language: Language, headline: &str, body: &str) -> Doc {
    Doc {
        id,
        language,
        section_id: 1,
        tags: Vec::new(),
        published_at: NOW - id * DAY,
        headline: headline.into(),
        standfirst: String::new(),
        body: body.into(),
    }
}

fn archive() -> Vec<Doc> {
    let mut docs = vec![
        doc(1, Language::En, "Cuba holds municipal elections", "Voters across Cuba elected municipal delegates on Sunday in elections the electoral commission called orderly."),
        doc(2, Language::En, "Hurricane season ends quietly", "The Atlantic hurricane season ended with fewer storms than forecast, meteorologists said."),
        doc(3, Language::En, "Election observers praise turnout", "International observers said turnout in the municipal elections in Cuba was high and the vote orderly."),
        doc(4, Language::En, "Sugar harvest begins in Camagüey", "The sugar harvest began in Camagüey province with more cane cutters than last year."),
        doc(5, Language::Es, "Cuba celebra elecciones municipales", "Los electores de Cuba eligieron delegados municipales el domingo."),
        doc(6, Language::En, "Central bank keeps rates", "The central bank kept its rates unchanged, citing inflation in the Washington talks."),
        doc(7, Language::En, "Washington talks on trade", "Negotiators met in Washington, October 4, to discuss trade and tariffs."),
    ];
    docs[0].section_id = 2;
    docs[0].tags = vec![("elections".into(), "Elections".into())];
    docs[2].tags = vec![("elections".into(), "Elections".into())];
    docs
}

fn filled() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    index.put(&archive()).expect("put");
    index.commit(7, true).expect("commit");
    index
}

fn ids(index: &SearchIndex, q: &SearchQuery<'_>) -> Vec<i64> {
    let mut found: Vec<i64> = index
        .search(q)
        .expect("search")
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    found.sort_unstable();
    found
}

fn english(text: &str) -> SearchQuery<'_> {
    SearchQuery {
        language: Some(Language::En),
        text,
        limit: 10,
        ..SearchQuery::default()
    }
}

#[test]
fn finds_stemmed_forms_within_the_language() {
    let index = filled();
    // "election" finds "elections" and "elected"; the Spanish article is not
    // in an English search.
    assert_eq!(ids(&index, &english("election")), vec![1, 3]);
    let spanish = SearchQuery {
        language: Some(Language::Es),
        text: "elección",
        limit: 10,
        ..SearchQuery::default()
    };
    assert_eq!(ids(&index, &spanish), vec![5]);
}

#[test]
fn every_word_must_match_and_quotes_make_a_phrase() {
    let index = filled();
    assert_eq!(ids(&index, &english("cuba turnout")), vec![3]);
    assert_eq!(ids(&index, &english("\"municipal elections\"")), vec![1, 3]);
    // Stemmed, "elected municipal" is the phrase "elections municipal" too.
    assert_eq!(ids(&index, &english("\"elections municipal\"")), vec![1]);
    assert_eq!(
        ids(&index, &english("\"delegates cuba\"")),
        Vec::<i64>::new()
    );
}

#[test]
fn filters_by_section_tag_and_dates() {
    let index = filled();
    let q = SearchQuery {
        section_id: Some(2),
        ..english("elections")
    };
    assert_eq!(ids(&index, &q), vec![1]);
    let q = SearchQuery {
        tag: Some("elections"),
        ..english("")
    };
    assert_eq!(ids(&index, &q), vec![1, 3]);
    // Articles 2 and 3 days old.
    let q = SearchQuery {
        from: Some(NOW - 3 * DAY),
        until: Some(NOW - DAY),
        ..english("")
    };
    assert_eq!(ids(&index, &q), vec![2, 3]);
}

#[test]
fn sorts_by_date_and_pages() {
    let index = filled();
    let q = SearchQuery {
        sort: Sort::Newest,
        ..english("cuba")
    };
    let found: Vec<i64> = index
        .search(&q)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(found, vec![1, 3]);
    let q = SearchQuery {
        sort: Sort::Newest,
        offset: 1,
        limit: 1,
        ..english("cuba")
    };
    let page = index.search(&q).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![3]);
}

#[test]
fn highlights_the_matches_in_the_snippet() {
    let index = filled();
    let results = index.search(&english("hurricane")).unwrap();
    let snippet = &results.hits[0].snippet;
    assert!(snippet.iter().any(|f| f.matched && f.text == "hurricane"));
    assert!(snippet.iter().any(|f| !f.matched));
}

#[test]
fn an_unreadable_query_is_an_error_not_a_panic() {
    let index = filled();
    for bad in [
        "title_en:",
        "nosuchfield:word",
        "(((",
        "\"unclosed",
        "AND",
        "*",
        "body_en:[a TO",
    ] {
        match index.search(&english(bad)) {
            Ok(_) | Err(SearchError::Unparsable(_)) => {}
            Err(e) => panic!("{bad:?}: {e}"),
        }
    }
    assert!(matches!(
        index.search(&english("nosuchfield:word")),
        Err(SearchError::Unparsable(_))
    ));
}

#[test]
fn related_is_like_the_article_never_itself_and_keeps_to_its_language() {
    let index = filled();
    let related = index.related(1, RelatedOptions::new(5, NOW)).unwrap();
    assert_eq!(related.first(), Some(&3), "{related:?}");
    assert!(!related.contains(&1));
    assert!(
        !related.contains(&5),
        "the Spanish article is another language"
    );
    // Taken out of the index (unpublished), it is nobody's related article.
    index.remove(&[3]).unwrap();
    index.commit(8, true).unwrap();
    let related = index.related(1, RelatedOptions::new(5, NOW)).unwrap();
    assert!(!related.contains(&3));
    assert!(index
        .related(3, RelatedOptions::new(5, NOW))
        .unwrap()
        .is_empty());
}

#[test]
fn recency_breaks_a_tie_of_likeness() {
    let index = SearchIndex::in_memory().unwrap();
    let mut old = doc(
        10,
        Language::En,
        "Dock strike in Santos",
        "Dockers in Santos strike.",
    );
    old.published_at = NOW - 400 * DAY;
    let mut new = doc(
        11,
        Language::En,
        "Dock strike in Santos",
        "Dockers in Santos strike.",
    );
    new.published_at = NOW - DAY;
    let source = doc(
        12,
        Language::En,
        "Dock strike in Santos goes on",
        "Dockers in Santos strike.",
    );
    index.put(&[old, new, source]).unwrap();
    index.commit(1, true).unwrap();
    assert_eq!(
        index.related(12, RelatedOptions::new(5, NOW)).unwrap(),
        vec![11, 10]
    );
}

#[test]
fn a_rebuild_equals_incremental_updates() {
    let incremental = SearchIndex::in_memory().unwrap();
    let mut docs = archive();
    for d in &docs {
        incremental.put(std::slice::from_ref(d)).unwrap();
        incremental.commit(d.id, true).unwrap();
    }
    // An edit and an unpublication, as the change feed brings them.
    docs[1].headline = "Hurricane season ends with few storms".into();
    incremental.put(&docs[1..2]).unwrap();
    incremental.remove(&[4]).unwrap();
    incremental.commit(9, true).unwrap();
    docs.retain(|d| d.id != 4);

    let rebuilt = SearchIndex::in_memory().unwrap();
    rebuilt.put(&docs).unwrap();
    rebuilt.commit(9, true).unwrap();

    assert_eq!(incremental.ids().unwrap(), rebuilt.ids().unwrap());
    for id in incremental.ids().unwrap() {
        assert_eq!(incremental.get(id).unwrap(), rebuilt.get(id).unwrap());
        assert_eq!(
            incremental
                .related(id, RelatedOptions::new(5, NOW))
                .unwrap(),
            rebuilt.related(id, RelatedOptions::new(5, NOW)).unwrap()
        );
    }
    for q in ["cuba", "storms", "\"municipal elections\"", "washington"] {
        assert_eq!(
            ids(&incremental, &english(q)),
            ids(&rebuilt, &english(q)),
            "{q}"
        );
    }
}

#[test]
fn reopening_finds_the_cursor_and_damage_means_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let (index, opened) = SearchIndex::open(&path).unwrap();
    assert!(matches!(opened, Opened::Rebuild { .. }), "{opened:?}");
    index.put(&archive()).unwrap();
    index.commit(41, false).unwrap();
    drop(index);
    // A rebuild that did not finish is done again.
    let (index, opened) = SearchIndex::open(&path).unwrap();
    assert!(matches!(opened, Opened::Rebuild { .. }), "{opened:?}");
    index.put(&archive()).unwrap();
    index.commit(42, true).unwrap();
    drop(index);
    let (index, opened) = SearchIndex::open(&path).unwrap();
    assert_eq!(opened, Opened::Current { cursor: 42 });
    assert_eq!(index.len(), 7);
    drop(index);
    // Damage a segment file: the index is rebuilt, never served half-read.
    for entry in std::fs::read_dir(&path).unwrap() {
        let file = entry.unwrap().path();
        if file.extension().is_some_and(|e| e == "store" || e == "idx") {
            std::fs::write(&file, b"not a segment").unwrap();
        }
    }
    let (index, opened) = SearchIndex::open(&path).unwrap();
    assert!(matches!(opened, Opened::Rebuild { .. }), "{opened:?}");
    assert_eq!(index.len(), 0);
    // A meta.json that is not JSON.
    drop(index);
    std::fs::write(path.join("meta.json"), b"{").unwrap();
    let (_, opened) = SearchIndex::open(&path).unwrap();
    assert!(matches!(opened, Opened::Rebuild { .. }), "{opened:?}");
}

#[test]
fn related_works_while_edits_leave_deleted_copies_behind() {
    let index = SearchIndex::in_memory().unwrap();
    let a = doc(
        1,
        Language::En,
        "Sugar harvest",
        "Sugar cane harvest in Camagüey.",
    );
    let b = doc(
        2,
        Language::En,
        "Sugar mills",
        "Sugar mills ready for the cane.",
    );
    index.put(&[a.clone(), b]).unwrap();
    index.commit(1, true).unwrap();
    // Each edit deletes the old copy; until a merge the term counts still
    // include them, and more-like-this must not trip over that.
    for n in 0..5 {
        let mut edited = a.clone();
        edited.headline = format!("Sugar harvest, edition {n}");
        index.put(&[edited]).unwrap();
        index.commit(2 + n, true).unwrap();
    }
    assert_eq!(
        index.related(2, RelatedOptions::new(5, NOW)).unwrap(),
        vec![1]
    );
    assert_eq!(
        index.related(1, RelatedOptions::new(5, NOW)).unwrap(),
        vec![2]
    );
}

#[test]
fn the_likeness_floor_keeps_the_story_and_drops_chance_matches() {
    let index = SearchIndex::in_memory().unwrap();
    let stories = [
        doc(1, Language::En, "Ceasefire holds in northern Syria", "A ceasefire between Syrian government forces and rebel groups held on Sunday in Idlib province, monitors said, as aid convoys reached towns near Aleppo for the first time in weeks. The United Nations envoy for Syria called the truce fragile."),
        doc(2, Language::En, "Aid convoys reach Aleppo", "United Nations aid convoys reached Aleppo on Sunday after the ceasefire in northern Syria let trucks pass rebel checkpoints in Idlib province."),
        doc(3, Language::En, "Syria truce talks resume in Geneva", "Envoys of the Syrian government and rebel groups resume talks in Geneva on extending the ceasefire, the United Nations envoy for Syria said."),
        doc(4, Language::En, "City starts mosquito campaign", "The city health department began spraying against mosquitoes on Sunday in parks and near ponds, as the first cases of dengue in weeks were reported."),
        doc(5, Language::En, "Thousands run the city marathon", "More than twenty thousand runners took part in the city marathon on Sunday; a Kenyan runner won for the first time in weeks."),
        doc(6, Language::En, "New cable car opens above the river", "The new cable car across the river opened to the public on Sunday, carrying its first passengers above the old town for the first time."),
    ];
    index.put(&stories).unwrap();
    index.commit(1, true).unwrap();
    // Without a floor, a shared "Sunday" or "first time" is enough.
    let mut every = index
        .related(
            1,
            RelatedOptions {
                min_likeness: 0.0,
                ..RelatedOptions::new(5, NOW)
            },
        )
        .unwrap();
    every.sort_unstable();
    assert_eq!(every, vec![2, 3, 4, 5, 6]);
    let mut related = index.related(1, RelatedOptions::new(5, NOW)).unwrap();
    related.sort_unstable();
    assert_eq!(related, vec![2, 3]);
}
