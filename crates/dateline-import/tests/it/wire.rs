//! Wire copy importer: fixtures for each agency style, the headered format,
//! and every kind of bad input, checked through `parse_wire` alone.

use dateline_core::markdown::render_markdown;
use dateline_core::Language;
use dateline_import::{parse_wire, WireOptions, WireStory};
use std::path::{Path, PathBuf};
use time::macros::{date, datetime};
use time::{Date, Month};

const SEED: &str = "rhc-syria-ceasefire.txt";

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse_bytes(name: &str, bytes: &[u8], opts: &WireOptions) -> WireStory {
    parse_wire(name, bytes, opts).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_fixture(name: &str, opts: &WireOptions) -> WireStory {
    parse_bytes(name, &read(&fixture_path(name)), opts)
}

fn year(year: i32) -> WireOptions {
    WireOptions {
        year: Some(year),
        ..WireOptions::default()
    }
}

/// What a plain-copy fixture must give.
struct Plain {
    file: &'static str,
    opts: WireOptions,
    headline: &'static str,
    place: &'static str,
    month_day: Option<(Month, u8)>,
    agency: &'static str,
    date: Option<Date>,
    paragraphs: usize,
    body_starts: &'static str,
    byline: Option<&'static str>,
    standfirst: Option<&'static str>,
}

#[track_caller]
fn check_plain(case: &Plain) {
    let story = parse_fixture(case.file, &case.opts);
    let file = case.file;
    assert_eq!(story.headline, case.headline, "{file}");
    let dateline = story.dateline.as_ref().expect("plain copy has a dateline");
    assert_eq!(dateline.place, case.place, "{file}");
    assert_eq!(
        dateline.date.map(|d| (d.month, d.day)),
        case.month_day,
        "{file}"
    );
    assert_eq!(story.agency(), Some(case.agency), "{file}");
    assert_eq!(story.dateline_date, case.date, "{file}");
    assert_eq!(story.body_paragraphs, case.paragraphs, "{file}");
    assert!(
        story.body_markdown.starts_with(case.body_starts),
        "{file}: body starts {:?}",
        &story.body_markdown[..60.min(story.body_markdown.len())]
    );
    assert_eq!(story.byline.as_deref(), case.byline, "{file}");
    assert_eq!(story.standfirst.as_deref(), case.standfirst, "{file}");
    assert_eq!(story.language, case.opts.default_language, "{file}");
    assert_eq!(story.published, None, "{file}");
    assert_eq!(story.body_markdown.split("\n\n").count(), case.paragraphs);
}

#[test]
fn seed_page_text() {
    let story = parse_fixture(SEED, &year(2016));
    assert_eq!(
        story.headline,
        "U.S. Suspends Negotiations with Russia over Syria Ceasefire"
    );
    let dateline = story.dateline.as_ref().expect("dateline");
    assert_eq!(dateline.place, "Washington");
    assert_eq!(dateline.agency.as_deref(), Some("RHC"));
    assert_eq!(story.dateline_date, Some(date!(2016 - 10 - 04)));
    assert_eq!(story.body_paragraphs, 9);
    assert!(story
        .body_markdown
        .starts_with("The United States has suspended negotiations with Russia"));
    for quotation in [
        "\"The United States is suspending its participation in bilateral channels",
        "\"This is not a decision that was taken lightly,\" the official added.",
        "\"on the verge of suspending the discussion because it's irrational",
        "constituted \"an emotional breakdown.\"",
        "since last Monday’s deadly strike",
        "U.S.-led air raids on its military base near the eastern city of Dayr al-Zawr",
    ] {
        assert!(
            story.body_markdown.contains(quotation),
            "missing {quotation:?}"
        );
    }
    assert!(story
        .body_markdown
        .ends_with("including some use of military force, in Syria."));
    for furniture in [
        "Related Articles",
        "Commentaries",
        "MAKE A COMMENT",
        "All fields required",
        "More Views",
        "Granma",
        "ELAM Alumni Congress",
        "U.S. Suspends Negotiations",
        "Washington, October 4",
    ] {
        assert!(
            !story.body_markdown.contains(furniture),
            "body contains {furniture:?}"
        );
    }

    // Rendered, the quotations reach the reader unchanged.
    let html = render_markdown(&story.body_markdown);
    assert_eq!(html.matches("<p>").count(), 9);
    assert!(
        html.contains("<p>\"The United States is suspending"),
        "{html}"
    );
    assert!(html.contains("Monday’s deadly strike"), "{html}");

    // Without a year the day is known but the date is not.
    let undated = parse_fixture(SEED, &WireOptions::default());
    assert_eq!(undated.dateline_date, None);
    assert_eq!(
        undated
            .dateline
            .and_then(|d| d.date)
            .map(|d| (d.month, d.day)),
        Some((Month::October, 4))
    );
}

#[test]
fn shared_seed_matches_the_fixture_copy() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed")
        .join(SEED);
    if !shared.exists() {
        eprintln!(
            "{} is absent; the fixture copy is tested instead",
            shared.display()
        );
        return;
    }
    let opts = year(2016);
    assert_eq!(
        parse_bytes(SEED, &read(&shared), &opts),
        parse_fixture(SEED, &opts)
    );
}

#[test]
fn agency_styles_in_plain_copy() {
    let es = WireOptions {
        year: Some(2016),
        default_language: Language::Es,
        default_section: Some("world".into()),
    };
    let cases = [
        Plain {
            file: "reuters-havana.txt",
            opts: year(2016),
            headline: "Cuba says U.S. embargo cost $4.3 billion in a year",
            place: "HAVANA",
            month_day: Some((Month::November, 24)),
            agency: "Reuters",
            date: Some(date!(2016 - 11 - 24)),
            paragraphs: 6,
            body_starts: "Cuba said on Thursday the U.S. trade embargo",
            byline: None,
            standfirst: None,
        },
        Plain {
            file: "ap-paris.txt",
            opts: year(2016),
            headline: "France raises security alert after Nice attack",
            place: "PARIS",
            month_day: None,
            agency: "AP",
            date: None,
            paragraphs: 3,
            body_starts: "The French government raised its security alert to the highest level",
            byline: Some("By ANGELA CHARLTON Associated Press"),
            standfirst: None,
        },
        Plain {
            file: "tass-moscow.txt",
            opts: year(2016),
            headline: "Russia suspends plutonium agreement with US",
            place: "MOSCOW",
            month_day: Some((Month::October, 3)),
            agency: "TASS",
            date: Some(date!(2016 - 10 - 03)),
            paragraphs: 3,
            body_starts: "Russia has suspended the agreement",
            byline: None,
            standfirst: None,
        },
        Plain {
            file: "xinhua-beijing.txt",
            opts: WireOptions::default(),
            headline: "China calls for restraint on Korean Peninsula",
            place: "BEIJING",
            month_day: Some((Month::October, 3)),
            agency: "Xinhua",
            date: None,
            paragraphs: 2,
            body_starts: "China on Monday called on all parties",
            byline: None,
            standfirst: None,
        },
        Plain {
            file: "afp-london.txt",
            opts: year(2016),
            headline: "Britain to trigger Brexit talks by end of March",
            place: "LONDON",
            month_day: None,
            agency: "AFP",
            date: None,
            paragraphs: 4,
            body_starts: "British Prime Minister Theresa May said Sunday",
            byline: None,
            standfirst: Some("Theresa May sets a timetable for leaving the European Union"),
        },
        Plain {
            file: "un-reuters-year.txt",
            opts: WireOptions::default(),
            headline: "U.N. council to vote on Aleppo truce",
            place: "UNITED NATIONS",
            month_day: Some((Month::October, 4)),
            agency: "Reuters",
            date: Some(date!(2016 - 10 - 04)),
            paragraphs: 2,
            body_starts: "The U.N. Security Council will vote on Saturday",
            byline: None,
            standfirst: None,
        },
        Plain {
            file: "efe-habana-crlf-bom.txt",
            opts: es,
            headline: "Cuba denuncia pérdidas por el bloqueo",
            place: "La Habana",
            month_day: Some((Month::November, 24)),
            agency: "EFE",
            date: Some(date!(2016 - 11 - 24)),
            paragraphs: 3,
            body_starts: "El Gobierno cubano cifró hoy",
            byline: None,
            standfirst: None,
        },
    ];
    for case in &cases {
        check_plain(case);
    }
}

#[test]
fn plain_copy_takes_the_callers_section_and_language() {
    let opts = WireOptions {
        year: None,
        default_language: Language::Es,
        default_section: Some("america-latina".into()),
    };
    let story = parse_fixture("efe-habana-crlf-bom.txt", &opts);
    assert_eq!(story.language, Language::Es);
    assert_eq!(story.section.as_deref(), Some("america-latina"));
    assert_eq!(story.tags, Vec::<String>::new());
    assert_eq!((story.slug, story.story), (None, None));
    assert!(!story.headline.starts_with('\u{feff}'));
    assert!(!story.body_markdown.contains('\r'));
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let story = parse_fixture("ap-paris.txt", &WireOptions::default());
    assert_eq!(
        story.body_markdown,
        "The French government raised its security alert to the highest level on Friday, \
         a day after a truck ploughed into crowds celebrating Bastille Day in Nice.\n\n\
         Prime Minister Manuel Valls told RTL radio that \"France is at war\" and called on \
         citizens to show \"collective sang-froid.\"\n\n\
         The interior ministry said 10,000 soldiers would remain on the streets through the summer."
    );
}

#[test]
fn plain_body_renders_as_exactly_its_text() {
    let story = parse_fixture("afp-london.txt", &WireOptions::default());
    let paragraphs = [
        "British Prime Minister Theresa May said Sunday she would trigger formal negotiations \
         to leave the European Union by the end of March 2017.",
        "1. The first step is a \"Great Repeal Bill\" to end the supremacy of EU law.",
        "# Next, ministers will publish a white paper_with_details & costs <in full>.",
        "- Sterling fell on the news, traders said.",
    ];
    let expected: String = paragraphs
        .iter()
        .map(|p| {
            let p = p
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!("<p>{p}</p>\n")
        })
        .collect();
    assert_eq!(render_markdown(&story.body_markdown), expected);

    // Entities and inline syntax in agency text stay literal too.
    let copy =
        "Headline\nHAVANA (EFE) - Prices &amp; wages, *not* `code`, [link](x) ~~gone~~ \\o/.\n";
    let story = parse_bytes("inline.txt", copy.as_bytes(), &WireOptions::default());
    assert_eq!(
        render_markdown(&story.body_markdown),
        "<p>Prices &amp;amp; wages, *not* `code`, [link](x) ~~gone~~ \\o/.</p>\n"
    );
}

#[test]
fn headered_copy() {
    let story = parse_fixture("headered-havana.txt", &year(2015));
    assert_eq!(
        story.headline,
        "Cuba says U.S. embargo cost $4.3 billion in a year"
    );
    assert_eq!(
        story.standfirst.as_deref(),
        Some("The foreign minister calls it \"the longest-running sanctions in modern history\"")
    );
    assert_eq!(story.section.as_deref(), Some("world"));
    assert_eq!(story.language, Language::En);
    assert_eq!(story.byline.as_deref(), Some("Marc Frank"));
    assert_eq!(story.tags, ["Cuba", "United States", "embargo"]);
    assert_eq!(story.slug.as_deref(), Some("cuba-embargo-cost"));
    assert_eq!(story.story.as_deref(), Some("cuba-embargo-2016"));
    let dateline = story.dateline.as_ref().expect("dateline");
    assert_eq!(dateline.place, "HAVANA");
    // The Agency header overrides the dateline's agency.
    assert_eq!(story.agency(), Some("RHC"));
    assert_eq!(story.published, Some(datetime!(2016-11-24 15:30 -5)));
    // The dateline names no year: the caller's year wins over Published.
    assert_eq!(story.dateline_date, Some(date!(2015 - 11 - 24)));
    assert_eq!(story.body_paragraphs, 3);
    assert!(story.body_markdown.starts_with(
        "Cuba said on Thursday the U.S. trade embargo cost its economy **$4.3 billion**\nover"
    ));
    assert!(story.body_markdown.contains("\n\n> \"The blockade remains"));
    assert!(story
        .body_markdown
        .ends_with("year since [1992](https://www.un.org/)."));

    // Without the caller's year, Published gives it.
    let story = parse_fixture("headered-havana.txt", &WireOptions::default());
    assert_eq!(story.dateline_date, Some(date!(2016 - 11 - 24)));
}

#[test]
fn headered_copy_with_the_dateline_in_the_body() {
    let opts = WireOptions {
        default_section: Some("world".into()),
        ..WireOptions::default()
    };
    let story = parse_fixture("headered-body-dateline.txt", &opts);
    assert_eq!(story.headline, "Cuba denuncia pérdidas por el bloqueo");
    assert_eq!(story.language, Language::Es);
    assert_eq!(story.section.as_deref(), Some("world"));
    let dateline = story.dateline.as_ref().expect("dateline");
    assert_eq!(dateline.place, "La Habana");
    assert_eq!(story.agency(), Some("EFE"));
    assert_eq!(story.dateline_date, Some(date!(2016 - 11 - 24)));
    assert_eq!(story.body_paragraphs, 2);
    assert!(story
        .body_markdown
        .starts_with("El Gobierno cubano cifró hoy en 4.300 millones de\ndólares"));
    assert!(!story.body_markdown.contains("(EFE)"));
}

/// A bad input, the line it must point at and words its message must hold.
#[track_caller]
fn check_error(name: &str, bytes: &[u8], opts: &WireOptions, line: usize, message: &str) {
    let err = match parse_wire(name, bytes, opts) {
        Ok(story) => panic!("{name}: expected an error, got {story:?}"),
        Err(err) => err,
    };
    assert_eq!(err.file, name);
    assert_eq!(err.line, line, "{name}: {err}");
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{name}:{line}: ")),
        "{name}: {shown}"
    );
    assert!(shown.contains(message), "{name}: {shown}");
}

#[test]
fn bad_bytes() {
    let opts = WireOptions::default();
    let control_soup: Vec<u8> = (0u8..200)
        .map(|i| [1, 2, 3, b'a'][i as usize % 4])
        .collect();
    let cases: [(&str, &[u8], usize, &str); 7] = [
        ("empty.txt", b"", 1, "the file is empty"),
        ("blank.txt", b"  \n\t\r\n\n", 1, "the file is empty"),
        ("bom-only.txt", b"\xEF\xBB\xBF\n", 1, "the file is empty"),
        (
            "nul.txt",
            b"Headline\nHAVANA (EFE) - x\x00y\n",
            2,
            "binary data, not text: it contains NUL bytes",
        ),
        (
            "soup.bin",
            &control_soup,
            1,
            "75% of its bytes are control characters",
        ),
        (
            "latin1.txt",
            b"Cuba denuncia\nLa Habana, 24 nov (EFE).- P\xE9rdidas\n",
            2,
            "invalid UTF-8: byte 0xE9 at column 28",
        ),
        (
            "png.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            3,
            "binary data",
        ),
    ];
    for (name, bytes, line, message) in cases {
        check_error(name, bytes, &opts, line, message);
    }
}

#[test]
fn bad_plain_copy() {
    let opts = year(2016);
    let cases = [
        ("headline-only.txt", "Cuba announces new measures\n", 1, "a headline but no body"),
        (
            "dateline-only.txt",
            "Cuba announces new measures\n\nHAVANA (EFE) -\n",
            1,
            "a headline but no body",
        ),
        (
            "no-dateline.txt",
            "U.S. Suspends Negotiations\nThe United States has suspended negotiations.\nKirby said so.\n",
            1,
            "cannot read the dateline: no paragraph starts with one",
        ),
        (
            "no-headline.txt",
            "HAVANA, Nov 24 (Reuters) - Cuba said on Thursday.\nMore text.\n",
            1,
            "no headline found",
        ),
        (
            "feb-30.txt",
            "Headline\nHAVANA, Feb 30 (Reuters) - Cuba said.\n",
            2,
            "the dateline's day, February 30, does not exist in 2016",
        ),
        (
            "crowded.txt",
            "Headline\nA standfirst\nAnother standfirst\nHAVANA (EFE) - Cuba said.\n",
            3,
            "3 paragraphs stand before the dateline",
        ),
    ];
    for (name, text, line, message) in cases {
        check_error(name, text.as_bytes(), &opts, line, message);
    }
}

#[test]
fn bad_headered_copy() {
    let opts = WireOptions::default();
    let cases = [
        (
            "no-body.txt",
            "Headline: Cuba\nSection: world\n",
            1,
            "a headline but no body",
        ),
        (
            "blank-body.txt",
            "Section: world\nHeadline: Cuba\n\n\n  \n",
            2,
            "a headline but no body",
        ),
        (
            "missing-headline.txt",
            "Section: world\nLanguage: en\n\nBody.\n",
            1,
            "the `Headline:` header is missing",
        ),
        (
            "empty-headline.txt",
            "Headline:\n\nBody.\n",
            1,
            "the `Headline:` header is empty",
        ),
        (
            "unknown-key.txt",
            "Headline: Cuba\nColour: red\n\nBody.\n",
            2,
            "unknown header `Colour`",
        ),
        (
            "misspelt.txt",
            "Headlne: Cuba\nSection: world\n\nBody.\n",
            1,
            "unknown header `Headlne`",
        ),
        (
            "no-blank.txt",
            "Headline: Cuba\nCuba said on Thursday.\n",
            2,
            "expected a `Key: value` header or a blank line",
        ),
        (
            "twice.txt",
            "Headline: Cuba\nheadline: Cuba again\n\nBody.\n",
            2,
            "header `Headline` is given twice (first on line 1)",
        ),
        (
            "german.txt",
            "Headline: Kuba\nLanguage: de\n\nBody.\n",
            2,
            "unknown language \"de\": expected one of en, es, fr, pt, ar, eo, it",
        ),
        (
            "date.txt",
            "Headline: Cuba\nDate: 04/10/2016\n\nBody.\n",
            2,
            "malformed Date \"04/10/2016\": expected YYYY-MM-DD",
        ),
        (
            "feb-30.txt",
            "Headline: Cuba\nDate: 2016-02-30\n\nBody.\n",
            2,
            "malformed Date",
        ),
        (
            "published.txt",
            "Headline: Cuba\nPublished: yesterday\n\nBody.\n",
            2,
            "malformed Published \"yesterday\": expected an RFC 3339 time",
        ),
        (
            "section.txt",
            "Headline: Cuba\nSection: world news\n\nBody.\n",
            2,
            "invalid Section \"world news\"",
        ),
        (
            "dateline.txt",
            "Headline: Cuba\nDateline: in the morning\n\nBody.\n",
            2,
            "cannot read the dateline \"in the morning\"",
        ),
        (
            "agency.txt",
            "Headline: Cuba\nAgency: EFE\n\nBody.\n",
            2,
            "the `Agency:` header needs a dateline",
        ),
        (
            "mismatch.txt",
            "Headline: Cuba\nDateline: Havana, Nov 24 (EFE)\nDate: 2016-11-25\n\nBody.\n",
            3,
            "the Date 2016-11-25 is not the dateline's day, November 24",
        ),
    ];
    for (name, text, line, message) in cases {
        check_error(name, text.as_bytes(), &opts, line, message);
    }
}

#[test]
fn error_display_names_file_and_line() {
    let err = parse_wire(
        "wire/cuba.txt",
        b"Headline: Cuba\nLanguage: xx\n\nBody.",
        &WireOptions::default(),
    )
    .expect_err("unknown language");
    assert_eq!(
        err.to_string(),
        "wire/cuba.txt:2: unknown language \"xx\": expected one of en, es, fr, pt, ar, eo, it"
    );
}

#[test]
fn identity_key_is_stable() {
    let opts = year(2016);
    let seed = read(&fixture_path(SEED));
    let first = parse_bytes(SEED, &seed, &opts).identity_key();
    assert_eq!(
        first,
        "en|rhc|2016-10-04|u.s. suspends negotiations with russia over syria ceasefire"
    );
    assert_eq!(parse_bytes(SEED, &seed, &opts).identity_key(), first);

    let crlf = String::from_utf8(seed.clone())
        .expect("seed is UTF-8")
        .replace('\n', "\r\n");
    assert_eq!(
        parse_bytes(SEED, crlf.as_bytes(), &opts).identity_key(),
        first
    );
    let bom = [b"\xEF\xBB\xBF".as_slice(), &seed].concat();
    assert_eq!(parse_bytes(SEED, &bom, &opts).identity_key(), first);

    // The EFE fixture is CRLF with a BOM; its LF twin has the same key.
    let es = WireOptions {
        year: Some(2016),
        default_language: Language::Es,
        default_section: None,
    };
    let efe = read(&fixture_path("efe-habana-crlf-bom.txt"));
    let lf = String::from_utf8(efe[3..].to_vec())
        .expect("fixture is UTF-8")
        .replace("\r\n", "\n");
    assert_eq!(
        parse_bytes("a", &efe, &es).identity_key(),
        parse_bytes("b", lf.as_bytes(), &es).identity_key()
    );
    assert_eq!(
        parse_bytes("a", &efe, &es).identity_key(),
        "es|efe|2016-11-24|cuba denuncia pérdidas por el bloqueo"
    );

    // Another agency, year or language is another story.
    let other_year = parse_bytes(SEED, &seed, &year(2017)).identity_key();
    assert_ne!(other_year, first);
    let undated = parse_bytes(SEED, &seed, &WireOptions::default()).identity_key();
    assert_eq!(
        undated,
        "en|rhc||u.s. suspends negotiations with russia over syria ceasefire"
    );
}

#[test]
fn blank_lines_between_paragraphs_change_nothing() {
    let opts = year(2016);
    let seed = String::from_utf8(read(&fixture_path(SEED))).expect("seed is UTF-8");
    let spaced = seed.replace('\n', "\n\n");
    assert_eq!(
        parse_bytes(SEED, spaced.as_bytes(), &opts),
        parse_bytes(SEED, seed.as_bytes(), &opts)
    );
}

#[test]
fn page_furniture_ends_the_story_but_its_words_do_not() {
    let copy = "Gazprom shares fall\n\
                MOSCOW (Reuters) - Shares in Gazprom fell 3 percent on Monday.\n\
                Share prices across the index fell too\n\
                Print media reported the news first.\n\
                Comments by the minister were not enough to calm traders.\n\
                Gazprom shares fall\n\
                Share this:\n\
                Related Articles\n\
                - Another story\n";
    let story = parse_bytes("furniture.txt", copy.as_bytes(), &WireOptions::default());
    assert_eq!(story.headline, "Gazprom shares fall");
    // The headline repeated above the furniture is not body text.
    assert_eq!(story.body_paragraphs, 4);
    assert!(story
        .body_markdown
        .ends_with("Comments by the minister were not enough to calm traders."));
    assert!(!story.body_markdown.contains("Another story"));
}
