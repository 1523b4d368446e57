//! The bundled demo edition: sections and articles in English, Spanish and
//! Arabic, plus the seed article and a programme with one episode, loaded
//! into an empty database so that a new site looks like a real one.

use crate::ingest::{ingest, IngestOptions, Problem, ProblemKind, Report};
use dateline_core::{Language, ProgrammeInput, Section, Status};
use dateline_import::WireOptions;
use dateline_store::{NewMedia, PathLookup, Store};
use serde::Deserialize;
use time::OffsetDateTime;

include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

/// The seed: a real article page's text from an international broadcaster,
/// imported as plain wire copy of 2016.
const SEED: &str = include_str!("../../dateline-import/tests/fixtures/rhc-syria-ceasefire.txt");

/// The demo programme's one episode: a three-second test tone (the
/// project's own file, see `demo/README.md`).
const NEWSCAST_AUDIO: &[u8] = include_bytes!("../../../demo/newscast.mp3");
/// The demo article that carries it.
const NEWSCAST_EPISODE: &str = "/en/cuba/2026/11/02/heavy-rains-fill-reservoirs-eastern-cuba";

/// The demo's photos (`demo/photos/`, public domain and CC0; see its
/// SOURCE.md) and which story each illustrates (`demo/photos.toml`).
const PHOTOS_TOML: &str = include_str!("../../../demo/photos.toml");
const PHOTOS: &[(&str, &[u8])] = &[
    (
        "coffee.jpg",
        include_bytes!("../../../demo/photos/coffee.jpg"),
    ),
    (
        "rocket.jpg",
        include_bytes!("../../../demo/photos/rocket.jpg"),
    ),
    (
        "astronaut.jpg",
        include_bytes!("../../../demo/photos/astronaut.jpg"),
    ),
    (
        "hubble_deep_field.jpg",
        include_bytes!("../../../demo/photos/hubble_deep_field.jpg"),
    ),
    (
        "chelsea.jpg",
        include_bytes!("../../../demo/photos/chelsea.jpg"),
    ),
];

/// The demo's own pages (About, Contact, Privacy).
const PAGES_TOML: &str = include_str!("../../../demo/pages.toml");

#[derive(Deserialize)]
struct PagesFile {
    page: Vec<DemoPage>,
}

#[derive(Deserialize)]
struct DemoPage {
    language: Language,
    slug: String,
    key: String,
    position: i64,
    title: String,
    body: String,
}

#[derive(Deserialize)]
struct PhotosFile {
    photo: Vec<Photo>,
}

#[derive(Deserialize)]
struct Photo {
    file: String,
    story: String,
    alt: String,
    caption: String,
    credit: String,
    es: Option<PhotoText>,
    ar: Option<PhotoText>,
}

/// A photo's alt text and caption in another language.
#[derive(Deserialize)]
struct PhotoText {
    alt: String,
    caption: String,
}

impl Photo {
    /// The alt text and caption for stories in `language`.
    fn text(&self, language: Language) -> (&str, &str) {
        let other = match language {
            Language::Es => self.es.as_ref(),
            Language::Ar => self.ar.as_ref(),
            _ => None,
        };
        other.map_or((&self.alt, &self.caption), |t| (&t.alt, &t.caption))
    }
}

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
        by: None,
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
        by: None,
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
    if let Err(e) = programme(store, now).await {
        report.failed.push(Problem::new(
            "demo",
            1,
            ProblemKind::Unreadable(format!("the demo programme: {e:#}")),
        ));
    }
    if let Err(e) = photos(store, now).await {
        report.failed.push(Problem::new(
            "demo",
            1,
            ProblemKind::Unreadable(format!("the demo photos: {e:#}")),
        ));
    }
    if let Err(e) = pages(store, now).await {
        report.failed.push(Problem::new(
            "demo",
            1,
            ProblemKind::Unreadable(format!("the demo's pages: {e:#}")),
        ));
    }
    if let Err(e) = curated_front(store, now).await {
        report.failed.push(Problem::new(
            "demo",
            1,
            ProblemKind::Unreadable(format!("the demo's English front: {e:#}")),
        ));
    }
    Ok(report)
}

/// The demo's About, Contact and Privacy pages, published.
async fn pages(store: &Store, now: OffsetDateTime) -> anyhow::Result<()> {
    let file: PagesFile = toml::from_str(PAGES_TOML)?;
    for p in file.page {
        let input = dateline_core::page::PageInput {
            language: Some(p.language),
            slug: p.slug,
            title: p.title,
            body_markdown: p.body.trim().to_string(),
            story_key: Some(p.key),
            position: p.position,
            published: true,
        };
        let body = dateline_core::markdown::render(&input.body_markdown)?;
        store.save_page(None, &input, &body, None, now).await?;
    }
    Ok(())
}

/// The English front as an editor set it: the stories with pictures lead,
/// in this order; the newest fill the rest.
const CURATED_FRONT: &[&str] = &[
    "/en/cuba/2026/11/24/sierra-maestra-coffee-crop",
    "/en/science/2026/11/24/caribbean-weather-satellite-launched",
    "/en/science/2026/11/16/alma-images-spiral-planet-forming-disc",
    "/en/science/2026/11/22/students-talk-to-space-station",
    "/en/culture/2026/11/21/havana-street-cats-clinic",
    "/en/cuba/2026/11/23/cuba-sugar-harvest-starts-early",
];

async fn curated_front(store: &Store, now: OffsetDateTime) -> anyhow::Result<()> {
    let mut ids = Vec::new();
    for path in CURATED_FRONT {
        match store.lookup_path(path).await? {
            PathLookup::Article(a) => ids.push(a.id),
            _ => anyhow::bail!("{path} is not published"),
        }
    }
    store
        .set_front_pins(Language::En, dateline_store::FRONT_PAGE, &ids, None, now)
        .await?;
    Ok(())
}

/// Stores each demo photo, with its renditions, and makes it the lead image
/// of every published translation of its story.
async fn photos(store: &Store, now: OffsetDateTime) -> anyhow::Result<()> {
    let file: PhotosFile = toml::from_str(PHOTOS_TOML)?;
    for photo in file.photo {
        let bytes = PHOTOS
            .iter()
            .find(|(name, _)| *name == photo.file)
            .map(|(_, b)| *b)
            .ok_or_else(|| anyhow::anyhow!("{} is not among the demo's photos", photo.file))?;
        // Resizing is CPU work: off the async threads.
        let image =
            tokio::task::spawn_blocking(move || dateline_media::process_image(bytes)).await??;
        let content_type = image.kind.content_type().to_string();
        let mut files: Vec<(String, Option<i64>, String, bytes::Bytes)> = image
            .renditions
            .into_iter()
            .map(|r| {
                (
                    format!("w{}", r.width),
                    Some(i64::from(r.width)),
                    r.kind.content_type().to_string(),
                    bytes::Bytes::from(r.bytes),
                )
            })
            .collect();
        files.push((
            "original".into(),
            Some(i64::from(image.width)),
            content_type.clone(),
            bytes::Bytes::from_static(bytes),
        ));
        for (language, path, _) in store.translations(&photo.story, 0).await? {
            let (alt, caption) = photo.text(language);
            let media = store
                .add_media(
                    &NewMedia {
                        kind: dateline_core::media::MediaKind::Image,
                        content_type: content_type.clone(),
                        file_name: photo.file.clone(),
                        alt_text: Some(alt.to_string()),
                        caption: Some(caption.to_string()),
                        credit: Some(photo.credit.clone()),
                        width: Some(i64::from(image.width)),
                        height: Some(i64::from(image.height)),
                        duration_ms: None,
                        files: files.clone(),
                    },
                    None,
                    now,
                )
                .await?;
            if let PathLookup::Article(article) = store.lookup_path(&path).await? {
                let mut input = store.article_input(article.id).await?;
                input.image_id = Some(media);
                store.save_article(Some(article.id), &input, now).await?;
            }
        }
    }
    Ok(())
}

/// A programme in English whose one episode is a demo article carrying the
/// test tone, so that a new site has a programme page and a podcast feed.
async fn programme(store: &Store, now: OffsetDateTime) -> anyhow::Result<()> {
    let info = dateline_media::probe_audio(NEWSCAST_AUDIO)?;
    let audio = store
        .add_media(
            &NewMedia {
                kind: dateline_core::media::MediaKind::Audio,
                content_type: info.kind.content_type().into(),
                file_name: "newscast.mp3".into(),
                alt_text: None,
                caption: Some("The Havana Newscast (a test tone)".into()),
                credit: None,
                width: None,
                height: None,
                duration_ms: Some(info.duration.as_millis() as i64),
                files: vec![(
                    "original".into(),
                    None,
                    info.kind.content_type().into(),
                    bytes::Bytes::from_static(NEWSCAST_AUDIO),
                )],
            },
            None,
            now,
        )
        .await?;
    let programme = store
        .save_programme(
            &ProgrammeInput {
                language: Language::En,
                slug: "newscast".into(),
                name: "The Havana Newscast".into(),
                description: Some(
                    "The day's news from Cuba and the Caribbean. In the demo edition its one \
                     episode plays a three-second test tone."
                        .into(),
                ),
                author: None,
                category: Some("News".into()),
                explicit: false,
                cover_id: None,
            },
            now,
        )
        .await?;
    let PathLookup::Article(article) = store.lookup_path(NEWSCAST_EPISODE).await? else {
        anyhow::bail!("the episode {NEWSCAST_EPISODE} is not published");
    };
    let mut input = store.article_input(article.id).await?;
    input.audio_id = Some(audio);
    input.programme_id = Some(programme);
    store.save_article(Some(article.id), &input, now).await?;
    Ok(())
}
