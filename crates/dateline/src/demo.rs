//! The bundled demo edition: sections and articles in English, Spanish and
//! Arabic, plus the seed article, loaded into an empty database so that a
//! new site looks like a real one.

use crate::ingest::{ingest, IngestOptions, Report};
use dateline_core::{Language, Section, Status};
use dateline_import::WireOptions;
use dateline_store::Store;
use serde::Deserialize;
use time::OffsetDateTime;

include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

/// The seed: a real article page's text from an international broadcaster,
/// imported as plain wire copy of 2016.
const SEED: &str = include_str!("../../dateline-import/tests/fixtures/rhc-syria-ceasefire.txt");

#[derive(Deserialize)]
struct SectionsFile {
    section: Vec<Section>,
}

/// Loads the demo edition: its sections, its stories (dated November 2026,
/// as written) and the seed.
pub async fn load(store: &Store, now: OffsetDateTime) -> anyhow::Result<Report> {
    let sections: SectionsFile = toml::from_str(SECTIONS)?;
    for section in &sections.section {
        store.upsert_section(section, now).await?;
    }
    let mut report = Report::default();
    let options = IngestOptions {
        wire: WireOptions {
            year: None,
            default_language: Language::En,
            default_section: None,
        },
        status: Status::Published,
        desk: false,
    };
    for (name, text) in ARTICLES {
        ingest(store, name, text.as_bytes(), &options, now, &mut report).await;
    }
    let seed_options = IngestOptions {
        wire: WireOptions {
            year: Some(2016),
            default_language: Language::En,
            default_section: Some("world".into()),
        },
        status: Status::Published,
        desk: false,
    };
    ingest(
        store,
        "rhc-syria-ceasefire.txt",
        SEED.as_bytes(),
        &seed_options,
        now,
        &mut report,
    )
    .await;
    Ok(report)
}
