//! Fills a data directory with a generated archive through the Store API,
//! the same path the newsroom and importers write by, and gives the newest
//! stories pictures, as a newsroom's front carries them.
//!
//! Usage: gen-archive DATA_DIR COUNT
//!        gen-archive --pictures DATA_DIR   (pictures only, on an archive made before)

use dateline_core::{ArticleInput, Dateline, Language, Section, Status};
use dateline_store::Store;
use std::path::PathBuf;
use time::{Duration, OffsetDateTime};

const SECTIONS: [&str; 6] = ["world", "americas", "cuba", "science", "culture", "sport"];
const PLACES: [&str; 8] = [
    "Havana",
    "Washington",
    "Caracas",
    "Geneva",
    "Beijing",
    "Moscow",
    "Mexico City",
    "Paris",
];
const AGENCIES: [&str; 5] = ["RHC", "Reuters", "AP", "Xinhua", "Prensa Latina"];
const WORDS: [&str; 24] = [
    "ministers",
    "agreed",
    "talks",
    "harvest",
    "season",
    "reservoir",
    "summit",
    "delegation",
    "record",
    "league",
    "festival",
    "survey",
    "energy",
    "transport",
    "health",
    "campaign",
    "province",
    "export",
    "council",
    "students",
    "rainfall",
    "grid",
    "vaccine",
    "orchestra",
];

fn words(seed: usize, n: usize) -> String {
    (0..n)
        .map(|i| WORDS[(seed * 7 + i * 13) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    let pictures_only = args.peek().is_some_and(|a| a == "--pictures");
    if pictures_only {
        args.next();
    }
    let dir = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: gen-archive DATA_DIR COUNT"))?,
    );
    let count: usize = args.next().unwrap_or_else(|| "100000".into()).parse()?;
    let url = std::env::var("DATELINE_DATABASE_URL")
        .ok()
        .map(dateline_store::DatabaseUrl::new);
    let store = Store::open(&dir, url.as_ref()).await?;
    let now = OffsetDateTime::now_utc();
    if pictures_only {
        pictures(&store, now).await?;
        store.close().await;
        return Ok(());
    }
    for (i, slug) in SECTIONS.iter().enumerate() {
        let name = format!("{}{}", slug[..1].to_uppercase(), &slug[1..]);
        let section = Section {
            language: Language::En,
            slug: slug.to_string(),
            name,
            position: i as i64 + 1,
            key: None,
        };
        store.upsert_section(&section, now).await?;
    }
    let started = std::time::Instant::now();
    for i in 0..count {
        let published = now - Duration::minutes((count - i) as i64 * 7);
        let headline = format!("Story {i}: {}", words(i, 6));
        let body: Vec<String> = (0..8)
            .map(|p| {
                format!(
                    "{} {}, officials said on {}.",
                    words(i + p, 30),
                    i,
                    published.date()
                )
            })
            .collect();
        let input = ArticleInput {
            language: Language::En,
            section: SECTIONS[i % SECTIONS.len()].to_string(),
            slug: dateline_core::slug::slugify(&headline),
            headline,
            standfirst: Some(words(i + 3, 25)),
            dateline: Some(Dateline {
                place: PLACES[i % PLACES.len()].to_string(),
                date: None,
                agency: Some(AGENCIES[i % AGENCIES.len()].to_string()),
            }),
            dateline_date: Some(published.date()),
            byline: Some(format!("Reporter {}", i % 40)),
            tags: vec![
                WORDS[i % WORDS.len()].to_string(),
                WORDS[(i + 5) % WORDS.len()].to_string(),
            ],
            body_markdown: body.join("\n\n"),
            status: Status::Published,
            published_at: Some(published),
            story_key: None,
            source_key: Some(format!("bench-{i}")),
            image_id: None,
            audio_id: None,
            programme_id: None,
        };
        store.save_article(None, &input, now).await?;
        if (i + 1) % 10_000 == 0 {
            eprintln!(
                "{} articles, {:.0}/s",
                i + 1,
                (i + 1) as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    pictures(&store, now).await?;
    // The newest article's path, for the benchmark to request.
    let latest = store.latest(Language::En, 1, 0).await?;
    if let Some(a) = latest.items.first() {
        println!("{}", a.path);
    }
    store.close().await;
    Ok(())
}

/// Stories among the newest that get a picture: every one but each third,
/// so the lists show pictured and text-only cards side by side.
const PICTURED: i64 = 300;

/// Stores one photo of the demo edition and makes it the lead image of
/// most of the newest stories (the front page, the section pages and the
/// newest article then carry pictures, as a newsroom's do).
async fn pictures(store: &Store, now: OffsetDateTime) -> anyhow::Result<()> {
    const PHOTO: &[u8] = include_bytes!("../../../../demo/photos/coffee.jpg");
    let image = dateline_media::process_image(PHOTO)?;
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
        bytes::Bytes::from_static(PHOTO),
    ));
    let media = store
        .add_media(
            &dateline_store::NewMedia {
                kind: dateline_core::media::MediaKind::Image,
                content_type,
                file_name: "coffee.jpg".into(),
                alt_text: Some("A cup of black coffee on a saucer".into()),
                caption: Some("A cup of coffee.".into()),
                credit: Some("Rachel Michetti, CC0".into()),
                width: Some(i64::from(image.width)),
                height: Some(i64::from(image.height)),
                duration_ms: None,
                files,
            },
            None,
            now,
        )
        .await?;
    let newest = store.latest(Language::En, PICTURED, 0).await?;
    for (i, card) in newest.items.iter().enumerate() {
        if i % 3 == 2 {
            continue;
        }
        let mut input = store.article_input(card.id).await?;
        input.image_id = Some(media);
        store.save_article(Some(card.id), &input, now).await?;
    }
    Ok(())
}
