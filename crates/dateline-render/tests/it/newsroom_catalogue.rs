//! The newsroom's catalogues and templates: English and Spanish say the same
//! things with the same variables, every id a template or handler asks for
//! exists, every message is used, and the pages render what the handlers'
//! forms expect (field names, tokens, errors), escaped and accessible.

use dateline_core::Language;
use dateline_render::i18n::{message_ids, newsroom_source, Catalogues, NEWSROOM_ENGLISH_SOURCE};
use dateline_render::{context, ContextValue, Renderer};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Catalogues

/// Each message's full source (its first line and indented continuation
/// lines), by id.
fn messages(source: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in source.lines() {
        let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if starts_message {
            if let Some((id, text)) = current.take() {
                out.insert(id, text);
            }
            if let Some((id, value)) = line.split_once('=') {
                current = Some((id.trim().to_string(), value.to_string()));
            }
        } else if line.starts_with([' ', '}']) {
            if let Some((_, text)) = current.as_mut() {
                text.push('\n');
                text.push_str(line);
            }
        } else if let Some((id, text)) = current.take() {
            out.insert(id, text);
        }
    }
    if let Some((id, text)) = current {
        out.insert(id, text);
    }
    out
}

/// The variables (`$name`) a message uses.
fn variables(text: &str) -> BTreeSet<String> {
    text.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .filter(|v| !v.is_empty())
        .collect()
}

fn spanish_source() -> &'static str {
    newsroom_source(Language::Es).expect("a Spanish newsroom catalogue")
}

#[test]
fn english_and_spanish_have_the_same_messages_and_variables() {
    let en = messages(NEWSROOM_ENGLISH_SOURCE);
    let es = messages(spanish_source());
    assert!(
        en.len() > 100,
        "the English newsroom catalogue parsed to {} messages",
        en.len()
    );
    let mut problems = Vec::new();
    for (id, text) in &en {
        if !id.starts_with("nr-") {
            problems.push(format!("{id}: newsroom ids start with nr-"));
        }
        match es.get(id) {
            None => problems.push(format!("es: missing {id}")),
            Some(spanish) if variables(spanish) != variables(text) => problems.push(format!(
                "es: {id} has variables {:?}, English {:?}",
                variables(spanish),
                variables(text)
            )),
            Some(spanish) if spanish.trim().is_empty() => {
                problems.push(format!("es: {id} is empty"))
            }
            Some(_) => {}
        }
    }
    for id in es.keys() {
        if !en.contains_key(id) {
            problems.push(format!("es: {id} is not in the English newsroom catalogue"));
        }
    }
    // The parser above and the one the catalogue tests share agree on the ids.
    let ids: BTreeSet<String> = message_ids(NEWSROOM_ENGLISH_SOURCE).into_iter().collect();
    assert_eq!(ids, en.keys().cloned().collect::<BTreeSet<_>>());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn newsroom_ids_do_not_clash_with_the_reader_catalogue() {
    let reader: BTreeSet<String> = message_ids(dateline_render::i18n::ENGLISH_SOURCE)
        .into_iter()
        .collect();
    for id in message_ids(NEWSROOM_ENGLISH_SOURCE) {
        assert!(!reader.contains(&id), "{id} is in both catalogues");
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The newsroom templates, by file name.
fn templates() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("newsroom"))
        .expect("newsroom folder")
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            out.push((name, std::fs::read_to_string(&path).expect("template")));
        }
    }
    assert!(out.len() >= 9, "newsroom templates: {}", out.len());
    out
}

/// The newsroom handlers' sources.
fn handlers() -> String {
    fn read_dir(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).expect("newsroom handlers").flatten() {
            let path = entry.path();
            if path.is_dir() {
                read_dir(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let mut out = String::new();
    read_dir(&root().join("../dateline-web/src/newsroom"), &mut out);
    out
}

/// The ids in `t("…")` calls of a template (not `input("…")` and the like),
/// and whether each is the start of an id built with `~`.
fn template_ids(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find("t(") {
        let at = from + found;
        from = at + 2;
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            continue;
        }
        let rest = &text[at + 2..];
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let id: String = rest[1..].chars().take_while(|c| *c != q).collect();
        let built = rest[1 + id.len() + 1..].trim_start().starts_with('~');
        out.push((id, built));
    }
    out
}

/// Quoted `"nr-…"` ids in Rust source (not `format!` patterns like
/// `"nr-login-done-{d}"`).
fn quoted_ids(source: &str) -> BTreeSet<String> {
    source
        .match_indices("\"nr-")
        .filter_map(|(at, _)| {
            let rest = &source[at + 1..];
            let end = rest.find('"')?;
            let id = &rest[..end];
            let plain = id.len() > 3
                && !id.ends_with('-')
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            plain.then(|| id.to_string())
        })
        .collect()
}

/// Ids templates and handlers build at run time from a value ("nr-status-"
/// ~ status): a message of one of these families counts as used.
const FAMILIES: [&str; 10] = [
    "nr-problem-",
    "nr-status-",
    "nr-move-",
    "nr-role-",
    "nr-notice-",
    "nr-login-done-",
    "nr-comment-status-",
    "nr-comment-is-",
    "nr-account-done-",
    // The settings page words each setting by its key (see
    // every_setting_is_worded_in_english_and_spanish).
    "nr-set-",
];

#[test]
fn every_id_the_templates_use_exists_in_english() {
    let english: BTreeSet<String> = message_ids(NEWSROOM_ENGLISH_SOURCE).into_iter().collect();
    let mut missing = Vec::new();
    let mut found = 0;
    for (name, text) in templates() {
        for (id, built) in template_ids(&text) {
            found += 1;
            let known = if built {
                FAMILIES.iter().any(|f| id.starts_with(f))
                    && english.iter().any(|e| e.starts_with(&id))
            } else {
                english.contains(&id)
            };
            if !known {
                missing.push(format!("{name}: {id}{}", if built { " ~ …" } else { "" }));
            }
        }
    }
    assert!(found > 100, "only {found} t() calls found");
    assert!(
        missing.is_empty(),
        "templates use ids the newsroom catalogue lacks: {missing:?}"
    );
}

#[test]
fn every_id_the_handlers_use_exists_in_english() {
    let english: BTreeSet<String> = message_ids(NEWSROOM_ENGLISH_SOURCE).into_iter().collect();
    let used = quoted_ids(&handlers());
    let missing: Vec<_> = used.difference(&english).collect();
    assert!(
        missing.is_empty(),
        "handlers use ids the newsroom catalogue lacks: {missing:?}"
    );
}

#[test]
fn every_english_message_is_used() {
    let mut used: BTreeSet<String> = quoted_ids(&handlers());
    for (_, text) in templates() {
        used.extend(
            template_ids(&text)
                .into_iter()
                .filter(|(_, b)| !b)
                .map(|(id, _)| id),
        );
    }
    let unused: Vec<String> = message_ids(NEWSROOM_ENGLISH_SOURCE)
        .into_iter()
        .filter(|id| !used.contains(id))
        .filter(|id| !FAMILIES.iter().any(|f| id.starts_with(f)))
        .collect();
    assert!(
        unused.is_empty(),
        "newsroom messages nothing uses: {unused:?}"
    );
}

#[test]
fn newsroom_messages_load_and_fall_back_to_english() {
    let catalogues = Catalogues::load().expect("catalogues load");
    assert_eq!(catalogues.message(Language::En, "nr-save", &[]), "Save");
    assert_eq!(catalogues.message(Language::Es, "nr-save", &[]), "Guardar");
    assert!(catalogues.has(Language::Es, "nr-conflict"));
    // The newsroom speaks English and Spanish; French falls back to English.
    assert!(!catalogues.has(Language::Fr, "nr-save"));
    assert_eq!(catalogues.message(Language::Fr, "nr-save", &[]), "Save");
    // The reader catalogue is still there beside it.
    assert_eq!(catalogues.message(Language::Es, "nav-home", &[]), "Portada");
    let count = catalogues.message(Language::Es, "nr-articles-found", &[("count", 1.into())]);
    assert_eq!(count, "1 artículo");
}

// ---------------------------------------------------------------------------
// Pages

fn renderer() -> Renderer {
    Renderer::new(None).expect("renderer")
}

const CSRF: &str = "member-csrf-token-123";

/// The frame a newsroom page gets (see dateline-web's newsroom/frame.rs),
/// merged under the page's own values.
fn page(
    r: &Renderer,
    lang: Language,
    title_key: &str,
    member: bool,
    ctx: ContextValue,
) -> ContextValue {
    let nav = member.then(|| {
        vec![
            context! { href => "/newsroom/", key => "nr-nav-desk" },
            context! { href => "/newsroom/articles", key => "nr-nav-articles" },
            context! { href => "/newsroom/articles/new", key => "nr-nav-new" },
            context! { href => "/newsroom/media", key => "nr-nav-media" },
            context! { href => "/newsroom/wire", key => "nr-nav-wire" },
            context! { href => "/newsroom/comments", key => "nr-nav-comments" },
        ]
    });
    let frame = context! {
        lang => lang.code(),
        dir => lang.direction().as_str(),
        site => "Radio Habana Cuba",
        css => "/static/newsroom.0123456789.css",
        js => "/static/newsroom.abcdef0123.js",
        icon => "/static/favicon.0123456789.svg",
        title => r.message(lang, title_key, &[]),
        user => member.then(|| context! { id => 1, name => "Ana Pérez", email => "ana@example.org", role => "editor" }),
        csrf => member.then_some(CSRF),
        nav => nav,
        current => "/newsroom/articles",
    };
    context! { ..ctx, ..frame }
}

/// Attribute values in the page, e.g. every `id="…"`.
fn attribute(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.split(&needle)
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(v, _)| v.to_string()))
        .collect()
}

/// What every newsroom page must be: one h1, the landmarks, unique ids,
/// every label and description pointing at something, no inline style or
/// script (the Content-Security-Policy forbids both).
fn check_page(html: &str) {
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert_eq!(html.matches("<h1").count(), 1, "one h1: {html}");
    assert!(html.contains("<main id=\"main\""), "main landmark");
    assert!(html.contains("<header"), "banner");
    assert!(html.contains("class=\"skip-link\" href=\"#main\""));
    let ids = attribute(html, "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
    for target in attribute(html, "for") {
        assert!(ids.contains(&target), "label for missing #{target}");
    }
    for list in attribute(html, "aria-describedby")
        .into_iter()
        .chain(attribute(html, "aria-labelledby"))
    {
        for target in list.split_whitespace() {
            assert!(
                ids.iter().any(|i| i == target),
                "aria reference to missing #{target}"
            );
        }
    }
    for input in html
        .split("<input")
        .skip(1)
        .chain(html.split("<textarea").skip(1))
        .chain(html.split("<select").skip(1))
    {
        let tag = input.split('>').next().unwrap_or("");
        if tag.contains("type=\"hidden\"") {
            continue;
        }
        let id = attribute(tag, "id");
        assert_eq!(id.len(), 1, "a visible control without an id: {tag}");
        assert!(
            attribute(html, "for").contains(&id[0]),
            "no label for #{}",
            id[0]
        );
    }
    assert!(!html.contains(" style="), "inline style");
    for script in html.split("<script").skip(1) {
        assert!(script.trim_start().starts_with("src="), "inline script");
    }
    for handler in [
        " onclick=",
        " onload=",
        " onsubmit=",
        " oninput=",
        " onchange=",
    ] {
        assert!(!html.contains(handler), "inline event handler {handler}");
    }
    // A message id instead of its text: an id missing from the catalogue.
    assert!(!html.contains(">nr-"), "an untranslated id in {html}");
    for (at, _) in html.match_indices("=\"nr-") {
        assert!(
            html[..at].ends_with("class"),
            "an untranslated id in an attribute: {}",
            &html[at.saturating_sub(40)..at + 40]
        );
    }
}

fn login(r: &Renderer, lang: Language, error: Option<&str>, notice: Option<&str>) -> String {
    let ctx = context! {
        email => "ana@example.org",
        next => "/newsroom/articles/7",
        login_csrf => "login-token-xyz",
        error => error,
        notice => notice,
    };
    r.render("nr-login.html", page(r, lang, "nr-login-title", false, ctx))
        .expect("login page")
}

#[test]
fn login_page_shows_the_error_and_the_fields_the_handler_reads() {
    let r = renderer();
    let html = login(&r, Language::En, Some("nr-login-wrong"), None);
    check_page(&html);
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(
        html.contains("<title>Log in · Radio Habana Cuba newsroom</title>"),
        "{html}"
    );
    assert!(html.contains("The email address or the password is not right."));
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("action=\"/newsroom/login\""));
    assert!(html.contains("name=\"email\""));
    assert!(html.contains("value=\"ana@example.org\""));
    assert!(html.contains("name=\"password\""));
    assert!(html.contains("name=\"csrf\" value=\"login-token-xyz\""));
    assert!(html.contains("name=\"next\" value=\"/newsroom/articles/7\""));
    assert!(html.contains("aria-invalid=\"true\""));
    // Not logged in: no navigation, no logout form.
    assert!(!html.contains("/newsroom/logout"));
    assert!(!html.contains("<nav"));
    assert!(html.contains("<script src=\"/static/newsroom.abcdef0123.js\" defer></script>"));

    let es = login(&r, Language::Es, Some("nr-login-too-many"), None);
    check_page(&es);
    assert!(es.contains("<html lang=\"es\" dir=\"ltr\">"));
    assert!(
        es.contains("Demasiados intentos fallidos. Espere 15 minutos"),
        "{es}"
    );
    assert!(es.contains("Iniciar sesión · Redacción de Radio Habana Cuba"));

    let done = login(&r, Language::En, None, Some("nr-login-done-logout"));
    check_page(&done);
    assert!(
        done.contains("role=\"status\">You have logged out.</p>"),
        "{done}"
    );
    assert!(!done.contains("role=\"alert\""));
}

#[test]
fn code_page_posts_the_code_with_the_login_token() {
    let r = renderer();
    for lang in [Language::En, Language::Es] {
        let ctx = context! { next => "/newsroom/", login_csrf => "login-token-xyz", error => "nr-code-wrong" };
        let html = r
            .render("nr-code.html", page(&r, lang, "nr-code-title", false, ctx))
            .expect("code page");
        check_page(&html);
        assert!(html.contains("action=\"/newsroom/login/code\""));
        assert!(html.contains("name=\"code\""));
        assert!(html.contains("autocomplete=\"one-time-code\""));
        assert!(html.contains("name=\"csrf\" value=\"login-token-xyz\""));
        assert!(html.contains("name=\"next\" value=\"/newsroom/\""));
        assert!(html.contains(&r.message(lang, "nr-code-wrong", &[])));
    }
}

#[test]
fn password_page_setup_and_reset() {
    let r = renderer();
    let errors = BTreeMap::from([
        ("email", "Give an email address, like name@example.org."),
        ("password_again", "The two passwords are not the same."),
    ]);
    let ctx = context! {
        mode => "setup", name => "Ana", email => "ana@", errors => errors, login_csrf => "login-token-xyz",
    };
    let html = r
        .render(
            "nr-password.html",
            page(&r, Language::En, "nr-setup-title", false, ctx),
        )
        .expect("setup");
    check_page(&html);
    for field in ["name", "email", "password", "password_again"] {
        assert!(html.contains(&format!("name=\"{field}\"")), "{field}");
    }
    assert!(html.contains("name=\"csrf\" value=\"login-token-xyz\""));
    assert!(html.contains("Give an email address, like name@example.org."));
    assert!(
        html.contains("aria-describedby=\"f-email-hint f-email-error\" aria-invalid=\"true\""),
        "{html}"
    );
    assert!(html.contains("The two passwords are not the same."));
    assert!(html.contains("autocomplete=\"new-password\""));
    assert!(!html.contains(" action="), "posts back to its own link");

    let ctx = context! {
        mode => "reset", name => "", email => "ana@example.org", errors => BTreeMap::<&str, &str>::new(), login_csrf => "t",
    };
    let html = r
        .render(
            "nr-password.html",
            page(&r, Language::Es, "nr-reset-title", false, ctx),
        )
        .expect("reset");
    check_page(&html);
    assert!(html.contains("Elegir una contraseña nueva"));
    assert!(!html.contains("name=\"name\""));
    assert!(
        html.contains("value=\"ana@example.org\" readonly"),
        "{html}"
    );
    assert!(html.contains("name=\"password_again\""));
    assert!(!html.contains("role=\"alert\""));
}

fn listed(id: i64, headline: &str, status: &str) -> ContextValue {
    context! {
        id => id,
        language => "en",
        headline => headline,
        status => status,
        section_slug => "world",
        byline => "Ana Pérez",
        path => (status == "published").then(|| format!("/en/world/2016/10/04/story-{id}")),
        version => 3,
        created_by => 1,
        created_by_name => "Ana Pérez",
        published_at => "2016-10-04T14:30:00Z",
        updated_at => "2016-10-04T12:05:00Z",
    }
}

#[test]
fn desk_lists_what_waits() {
    let r = renderer();
    for lang in [Language::En, Language::Es] {
        let ctx = context! {
            mine => vec![listed(1, "Hurricane <b>Matthew</b> nears", "draft")],
            submitted => vec![listed(2, "Talks resume", "submitted")],
            scheduled => Vec::<ContextValue>::new(),
            from_wire => vec![listed(3, "Storm copy", "draft")],
            wire => Vec::<ContextValue>::new(),
            counts => context! { submitted => 1, scheduled => 0, wire => 0, comments => 3 },
            pending_comments => 3,
        };
        let html = r
            .render("nr-desk.html", page(&r, lang, "nr-desk-title", true, ctx))
            .expect("desk");
        check_page(&html);
        assert!(html.contains("Hurricane &lt;b&gt;Matthew&lt;/b&gt; nears"));
        assert!(html.contains("href=\"/newsroom/articles/2\""));
        assert!(html.contains("<caption>"));
        assert!(html.contains("scope=\"col\""));
        assert!(html.contains(&r.message(lang, "nr-desk-scheduled-empty", &[])));
        assert!(html.contains(&r.message(lang, "nr-desk-count-comments", &[("count", 3.into())])));
        assert!(html.contains(&r.message(lang, "nr-desk-wire-empty", &[])));
        assert!(html.contains("href=\"/newsroom/articles/3\""));
        assert!(html.contains(&r.message(lang, "nr-status-submitted", &[])));
        // The frame: navigation with the current page, the member, logout.
        assert!(html.contains("<nav class=\"nr-nav\" aria-label="));
        assert!(html.contains("<a href=\"/newsroom/articles\" aria-current=\"page\">"));
        assert!(html.contains("href=\"/newsroom/account\""));
        assert!(
            html.contains("<form class=\"nr-logout\" method=\"post\" action=\"/newsroom/logout\">")
        );
        assert!(html.contains(&format!("name=\"csrf\" value=\"{CSRF}\"")));
        assert!(html.contains("Ana Pérez"));
    }
    let es = r
        .render(
            "nr-desk.html",
            page(
                &r,
                Language::Es,
                "nr-desk-title",
                true,
                context! {
                    mine => vec![listed(1, "Hola", "draft")],
                    counts => context! { submitted => 0, scheduled => 0, wire => 0, comments => 0 },
                },
            ),
        )
        .expect("desk");
    assert!(es.contains("Borrador"), "{es}");
    assert!(
        es.contains("4 de octubre de 2016"),
        "dates in the page's language: {es}"
    );
}

#[test]
fn article_list_filters_and_pages() {
    let r = renderer();
    let languages = vec![
        context! { value => "en", label => "English" },
        context! { value => "es", label => "Español" },
    ];
    let ctx = context! {
        articles => vec![listed(1, "One", "draft"), listed(2, "Two", "published")],
        total => 120,
        page => 2,
        pages => 3,
        filter => context! { status => "draft", language => "es", mine => true, q => "storm & rain" },
        statuses => ["draft", "submitted", "scheduled", "published", "unpublished"],
        languages => languages,
    };
    let html = r
        .render(
            "nr-articles.html",
            page(&r, Language::En, "nr-articles-title", true, ctx),
        )
        .expect("list");
    check_page(&html);
    assert!(html.contains("method=\"get\" action=\"/newsroom/articles\""));
    assert!(html.contains("name=\"q\" type=\"search\" value=\"storm &amp; rain\""));
    assert!(html.contains("<option value=\"draft\" selected>Draft</option>"));
    assert!(html.contains("<option value=\"es\" lang=\"es\" selected>Español</option>"));
    assert!(html.contains("name=\"mine\" type=\"checkbox\" value=\"1\" checked"));
    assert!(html.contains("120 articles"));
    assert!(html.contains("Page 2 of 3"));
    // Pages keep the filters.
    assert!(html.contains("page=1"), "{html}");
    assert!(html.contains("page=3"));
    assert!(
        html.contains("q=storm%20%26%20rain") || html.contains("q=storm+%26+rain"),
        "{html}"
    );
    assert!(html.contains("status=draft"));
    assert!(html.contains("mine=1"));
}

fn editor_ctx(
    id: Option<i64>,
    headline: &str,
    status: &str,
    errors: BTreeMap<&str, String>,
    editable: bool,
    moves: &[&str],
) -> ContextValue {
    let form = context! {
        headline => headline,
        standfirst => "The storm turns north.",
        dateline_place => "Havana",
        dateline_date => "2016-10-04",
        dateline_agency => "RHC",
        byline => "Ana Pérez",
        language => "en",
        section => "world",
        slug => "",
        tags => "weather, Caribbean",
        story_key => "matthew",
        body => "\nFirst paragraph.\n\nSecond </textarea> paragraph.",
        published_at => "2016-10-04T14:30",
        image_id => "12",
        audio_id => "",
        programme_id => "5",
        version => "3",
    };
    let sections = vec![
        context! { language => "en", slug => "world", name => "World" },
        context! { language => "en", slug => "sport", name => "Sport" },
        context! { language => "es", slug => "world", name => "Mundo" },
    ];
    let languages = vec![
        context! { value => "en", label => "English" },
        context! { value => "es", label => "Español" },
        context! { value => "ar", label => "العربية" },
    ];
    let images = vec![
        context! { id => 12, kind => "image", file_name => "storm.jpg", alt_text => "Clouds over Havana" },
        context! { id => 13, kind => "image", file_name => "sea.jpg", alt_text => () },
    ];
    let audio = vec![context! { id => 20, kind => "audio", file_name => "bulletin.mp3" }];
    let programmes = vec![
        context! { id => 5, language => "en", name => "The Newscast" },
        context! { id => 6, language => "es", name => "El Informativo" },
    ];
    context! {
        id => id,
        form => form,
        errors => errors,
        preview => (),
        notice => (),
        article => id.map(|id| listed(id, headline, status)),
        editable => editable,
        moves => moves,
        sections => sections,
        languages => languages,
        images => images,
        audio => audio,
        programmes => programmes,
        autosaved => (),
        may_note => status == "published",
    }
}

fn render_editor(r: &Renderer, lang: Language, ctx: ContextValue) -> String {
    let html = r
        .render("nr-editor.html", page(r, lang, "nr-edit-title", true, ctx))
        .expect("editor");
    check_page(&html);
    html
}

#[test]
fn editor_form_has_every_field_the_handler_reads() {
    let r = renderer();
    let html = render_editor(
        &r,
        Language::En,
        editor_ctx(
            Some(7),
            "Hurricane Matthew",
            "draft",
            BTreeMap::new(),
            true,
            &["submit", "schedule", "publish"],
        ),
    );
    assert!(html.contains(
        "method=\"post\" action=\"/newsroom/articles/7\" id=\"article-form\" data-autosave=\"/newsroom/articles/7/autosave\""
    ));
    assert!(html.contains("name=\"article\" value=\"7\""));
    for field in [
        "headline",
        "standfirst",
        "dateline_place",
        "dateline_date",
        "dateline_agency",
        "byline",
        "language",
        "section",
        "slug",
        "tags",
        "story_key",
        "body",
        "published_at",
        "image_id",
        "audio_id",
        "programme_id",
        "version",
        "csrf",
    ] {
        assert!(html.contains(&format!("name=\"{field}\"")), "{field}");
    }
    assert!(html.contains("name=\"version\" value=\"3\""));
    assert!(html.contains(&format!("name=\"csrf\" value=\"{CSRF}\"")));
    assert!(html.contains("type=\"datetime-local\" value=\"2016-10-04T14:30\""));
    assert!(html.contains("placeholder=\"YYYY-MM-DD\""));
    assert!(html.contains("<option value=\"12\" selected>storm.jpg — Clouds over Havana</option>"));
    assert!(html
        .contains("<option value=\"5\" data-language=\"en\" selected>The Newscast (en)</option>"));
    assert!(html.contains("<option value=\"6\" data-language=\"es\">El Informativo (es)</option>"));
    assert!(html.contains("<optgroup label=\"Español\" data-language=\"es\">"));
    assert!(html.contains("<option value=\"world\" selected>World</option>"));
    assert!(
        html.contains("<option value=\"world\">Mundo</option>"),
        "same slug, other language, not selected"
    );
    // Preview opens the whole page in a new tab.
    assert!(html.contains("formaction=\"/newsroom/previews\" formtarget=\"_blank\""));
    for intent in ["save", "submit", "schedule", "publish"] {
        assert!(
            html.contains(&format!("name=\"intent\" value=\"{intent}\"")),
            "{intent}"
        );
    }
    // The body keeps its first blank line and cannot close its textarea.
    assert!(html.contains(">\n\nFirst paragraph."), "{html}");
    assert!(html.contains("Second &lt;/textarea&gt; paragraph."));
    assert!(html.contains("id=\"autosave-status\""));
    assert!(html.contains("data-saved=\"Saved · {time}\""));
    assert!(html.contains("href=\"/newsroom/articles/7/revisions\""));
    assert!(html.contains("<iframe id=\"preview-frame\""));
    assert!(
        html.contains("id=\"preview-beside-panel\" aria-labelledby=\"preview-heading\" hidden"),
        "the side-by-side preview waits hidden until asked for"
    );
    // Not published: no notes, no public link; no other moves, no workflow forms.
    assert!(!html.contains("/notes\""));
    assert!(!html.contains("/workflow\""));
}

#[test]
fn new_article_posts_to_the_list_and_autosaves_as_a_new_draft() {
    let r = renderer();
    let html = render_editor(
        &r,
        Language::Es,
        editor_ctx(
            None,
            "",
            "draft",
            BTreeMap::new(),
            true,
            &["submit", "schedule", "publish"],
        ),
    );
    assert!(html.contains(
        "action=\"/newsroom/articles\" id=\"article-form\" data-autosave=\"/newsroom/articles/autosave\""
    ));
    assert!(html.contains("id=\"autosave-status\""));
    assert!(html.contains("data-saved=\"Guardado · {time}\""));
    assert!(!html.contains("/revisions"));
    assert!(html.contains(">Guardar</button>"));
    assert!(html.contains(">Vista previa</button>"));
    assert!(html.contains(">Enviar a edición</button>"));
}

#[test]
fn editor_escapes_what_was_typed() {
    let r = renderer();
    let nasty = "<script>alert(\"x\")</script> & 'quotes'";
    let html = render_editor(
        &r,
        Language::En,
        editor_ctx(Some(7), nasty, "draft", BTreeMap::new(), true, &[]),
    );
    assert!(!html.contains("<script>alert"));
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;")
    );
}

#[test]
fn editor_shows_a_conflict_with_the_kept_revision() {
    let r = renderer();
    for lang in [Language::En, Language::Es] {
        let html = render_editor(
            &r,
            lang,
            context! {
                conflict => context! { revision => 41, version => 5 },
                ..editor_ctx(Some(7), "Hurricane", "draft", BTreeMap::new(), true, &["submit"])
            },
        );
        assert!(
            html.contains("href=\"/newsroom/articles/7/revisions?to=41\""),
            "{html}"
        );
        assert!(html.contains(&r.message(lang, "nr-conflict", &[("version", "5".into())])));
        assert!(html.contains("role=\"alert\""));
        // What was typed is still in the form.
        assert!(html.contains("value=\"Hurricane\""));
    }
}

#[test]
fn editor_shows_field_errors_at_their_fields() {
    let r = renderer();
    let errors = BTreeMap::from([
        ("headline", "A headline is required.".to_string()),
        (
            "dateline_date",
            "Write the date as YYYY-MM-DD, for example 2016-10-04.".to_string(),
        ),
        ("section", "Choose a section of this language.".to_string()),
        (
            "programme_id",
            "Choose a programme in the article's language.".to_string(),
        ),
        (
            "form",
            "An article that is published cannot be submitted.".to_string(),
        ),
    ]);
    let html = render_editor(
        &r,
        Language::En,
        editor_ctx(Some(7), "", "draft", errors, true, &["submit"]),
    );
    assert!(html
        .contains("<p class=\"field-error\" id=\"f-headline-error\">A headline is required.</p>"));
    assert!(
        html.contains("aria-describedby=\"f-headline-error\" aria-invalid=\"true\""),
        "{html}"
    );
    assert!(html.contains(
        "aria-describedby=\"f-dateline_date-hint f-dateline_date-error\" aria-invalid=\"true\""
    ));
    assert!(
        html.contains("aria-describedby=\"f-section-hint f-section-error\" aria-invalid=\"true\"")
    );
    assert!(html.contains("<a href=\"#f-headline\">Headline: A headline is required.</a>"));
    assert!(html.contains(
        "aria-describedby=\"f-programme_id-hint f-programme_id-error\" aria-invalid=\"true\""
    ));
    assert!(html.contains(
        "<a href=\"#f-programme_id\">Programme: Choose a programme in the article&#39;s language.</a>"
    ));
    assert!(html.contains("<p class=\"form-error\" role=\"alert\">An article that is published cannot be submitted.</p>"));
}

#[test]
fn published_article_offers_notes_moves_and_its_public_page() {
    let r = renderer();
    let errors = BTreeMap::from([(
        "note_text",
        "Write the note: 1 to 2,000 characters.".to_string(),
    )]);
    let html = render_editor(
        &r,
        Language::En,
        context! {
            kept => context! { note => "We misspelt <the> name." },
            ..editor_ctx(Some(9), "Talks", "published", errors, true, &["unpublish"])
        },
    );
    assert!(html.contains("href=\"/en/world/2016/10/04/story-9\""));
    assert!(html.contains("action=\"/newsroom/articles/9/workflow\""));
    assert!(html.contains("name=\"transition\" value=\"unpublish\""));
    assert!(html.contains("class=\"button button-danger\""));
    assert!(html.contains("action=\"/newsroom/articles/9/notes\""));
    assert!(html.contains("name=\"kind\""));
    assert!(html.contains("<option value=\"clarification\">"));
    assert!(html.contains("name=\"text\""));
    assert!(html.contains("We misspelt &lt;the&gt; name.</textarea>"));
    assert!(html.contains("Write the note: 1 to 2,000 characters."));
    assert!(
        !html.contains("name=\"intent\" value=\"unpublish\""),
        "unpublish is its own form"
    );
    // Every form that changes something carries the member's token.
    let posts = html.matches("method=\"post\"").count();
    let tokens = html
        .matches(&format!("name=\"csrf\" value=\"{CSRF}\""))
        .count();
    assert_eq!(posts, tokens, "{html}");
}

#[test]
fn editor_read_only_when_the_member_may_not_edit() {
    let r = renderer();
    for lang in [Language::En, Language::Es] {
        let html = render_editor(
            &r,
            lang,
            editor_ctx(Some(7), "Talks", "submitted", BTreeMap::new(), false, &[]),
        );
        assert!(html.contains(&r.message(
            lang,
            "nr-not-editable",
            &[("status", r.message(lang, "nr-status-submitted", &[]).into())]
        )));
        assert!(
            html.contains("name=\"headline\" type=\"text\" value=\"Talks\" required readonly"),
            "{html}"
        );
        assert!(html.contains("name=\"language\" disabled"));
        assert!(!html.contains("name=\"intent\""));
        assert!(html.contains("data-autosave=\"\""));
    }
}

#[test]
fn editor_offers_the_newer_autosave() {
    let r = renderer();
    let mut ctx = editor_ctx(
        Some(7),
        "Talks",
        "draft",
        BTreeMap::new(),
        true,
        &["submit"],
    );
    let autosaved = context! {
        at => "2016-10-04T15:02",
        form => context! { headline => "Talks (autosaved)", standfirst => "", body => "Typed <later>.", language => "en", section => "world", version => "3" },
    };
    ctx = context! { autosaved => autosaved, notice => "nr-notice-saved", ..ctx };
    let html = render_editor(&r, Language::En, ctx);
    assert!(html.contains(
        "An autosaved version from 2016-10-04 15:02 UTC is newer than the saved article."
    ));
    assert!(html.contains("<details>"));
    assert!(html.contains("Typed &lt;later&gt;.</textarea>"));
    assert!(html.contains("data-restore=\"body\""));
    assert!(html.contains("id=\"autosave-restore\" hidden"));
    assert!(html.contains("role=\"status\">Saved.</p>"));
}

#[test]
fn revisions_compare_and_restore() {
    let r = renderer();
    let revisions = vec![
        context! { id => 41, version => 5, kind => "conflict", user_name => "Ana Pérez", at => "2016-10-04T15:00" },
        context! { id => 40, version => 5, kind => "save", user_name => "Luis", at => "2016-10-04T14:58" },
        context! { id => 39, version => 4, kind => "save", user_name => (), at => "2016-10-04T14:00" },
    ];
    let diff = vec![
        context! { tag => "same", text => "Headline: Talks" },
        context! { tag => "removed", text => "Standfirst: Old <b>" },
        context! { tag => "added", text => "Standfirst: New" },
    ];
    for lang in [Language::En, Language::Es] {
        let ctx = context! {
            article => listed(7, "Talks", "draft"),
            revisions => revisions.clone(),
            from => 40,
            to => 41,
            diff => diff.clone(),
            may_restore => true,
        };
        let html = r
            .render(
                "nr-revisions.html",
                page(&r, lang, "nr-revisions-title", true, ctx),
            )
            .expect("revisions");
        check_page(&html);
        assert!(html.contains("<form id=\"compare\" class=\"nr-compare\" method=\"get\" action=\"/newsroom/articles/7/revisions\">"));
        assert!(html.contains("form=\"compare\" name=\"from\" value=\"40\" id=\"from-40\" checked"));
        assert!(html.contains("form=\"compare\" name=\"to\" value=\"41\" id=\"to-41\" checked"));
        assert!(html.contains("action=\"/newsroom/articles/7/revisions/39/restore\""));
        assert_eq!(
            html.matches(&format!("name=\"csrf\" value=\"{CSRF}\""))
                .count(),
            4,
            "three restores and logout"
        );
        assert!(html.contains(&r.message(
            lang,
            "nr-diff-heading",
            &[
                ("from", 5.into()),
                ("to", 5.into()),
                ("from_time", "2016-10-04 14:58".into()),
                ("to_time", "2016-10-04 15:00".into()),
            ]
        )));
        assert!(html.contains(&format!(
            "<span class=\"visually-hidden\">{}: </span>",
            r.message(lang, "nr-diff-added", &[])
        )));
        assert!(html.contains(&format!(
            "<span class=\"visually-hidden\">{}: </span>",
            r.message(lang, "nr-diff-removed", &[])
        )));
        assert!(html.contains("<span class=\"diff-sign\" aria-hidden=\"true\">+</span>"));
        assert!(html.contains("<span class=\"diff-sign\" aria-hidden=\"true\">−</span>"));
        assert!(html.contains("Standfirst: Old &lt;b&gt;"));
        assert!(html.contains(&r.message(lang, "nr-revision-conflict", &[])));
        assert!(html.contains(&r.message(lang, "nr-unknown-user", &[])));
    }
    // Without the right to restore, no restore forms; without a diff, no diff.
    let ctx = context! {
        article => listed(7, "Talks", "draft"), revisions => revisions, from => (), to => 41, diff => (), may_restore => false,
    };
    let html = r
        .render(
            "nr-revisions.html",
            page(&r, Language::En, "nr-revisions-title", true, ctx),
        )
        .expect("revisions");
    check_page(&html);
    assert!(!html.contains("/restore"));
    assert!(!html.contains("class=\"diff\""));
}

#[test]
fn programmes_page_lists_programmes_and_keeps_the_form() {
    let r = renderer();
    let programmes = vec![context! {
        id => 3, language => "ar", slug => "nashra", name => "النشرة <b>", episode_count => 4,
    }];
    let images = vec![
        context! { id => 12, kind => "image", file_name => "cover.png", alt_text => "Stripes" },
    ];
    let choices = vec![
        context! { value => "en", label => "English" },
        context! { value => "ar", label => "العربية" },
    ];
    let languages = vec![
        context! { code => "en", name => "English", count => 0, current => false },
        context! { code => "ar", name => "العربية", count => 1, current => true },
    ];
    let categories = ["Arts", "News", "Society & Culture"];
    for lang in [Language::En, Language::Es] {
        let form = context! {
            create => "1", language => "ar", slug => "nashra", name => "", description => "Talk & news",
            author => "Ana", category => "Society & Culture", explicit => "1", cover_id => "12",
        };
        let errors = BTreeMap::from([("name", "Give a name of 1 to 100 characters.")]);
        let ctx = context! {
            tab => "ar", lang_name => "العربية",
            programmes => programmes.clone(), form, editing => (), notice => (), errors,
            languages => languages.clone(), choices => choices.clone(), images => images.clone(),
            categories, others => Vec::<ContextValue>::new(),
        };
        let html = r
            .render(
                "nr-programmes.html",
                page(&r, lang, "nr-programmes-title", true, ctx),
            )
            .expect("programmes page");
        check_page(&html);
        assert!(html.contains("method=\"post\" action=\"/newsroom/programmes\""));
        for field in [
            "language",
            "slug",
            "name",
            "description",
            "author",
            "category",
            "explicit",
            "cover_id",
            "csrf",
            "create",
        ] {
            assert!(html.contains(&format!("name=\"{field}\"")), "{field}");
        }
        assert!(html.contains(
            "href=\"/newsroom/programmes?edit=3#programme-form\" lang=\"ar\" dir=\"auto\" data-name>النشرة &lt;b&gt;</a>"
        ));
        assert!(html.contains("href=\"/ar/programmes/nashra/podcast.xml\""));
        // In order: the row's buttons move it without script.
        assert!(html.contains("action=\"/newsroom/programmes/order\" data-sortable"));
        assert!(html.contains("name=\"op\" value=\"up:3\""));
        let episodes = r.message(lang, "nr-programmes-episodes", &[("count", 4.into())]);
        assert!(html.contains(&episodes), "{episodes:?}");
        assert!(html.contains("<option value=\"ar\" lang=\"ar\" selected>"));
        assert!(html.contains("<option value=\"Society &amp; Culture\" lang=\"en\" selected>"));
        assert!(html.contains("id=\"f-explicit\" name=\"explicit\" value=\"1\" checked"));
        assert!(html.contains("<option value=\"12\" selected>cover.png — Stripes</option>"));
        assert!(html.contains("Talk &amp; news"));
        assert_eq!(
            html.matches("<p class=\"field-error\" id=\"f-name-error\">")
                .count(),
            1
        );
        assert!(html.contains(&r.message(lang, "nr-form-has-errors", &[])));
    }
    // Editing one, after a save: its language is fixed, a delete offers
    // the others; and an empty list.
    let ctx = context! {
        tab => "en", lang_name => "English",
        programmes => Vec::<ContextValue>::new(), form => context! { id => "7", language => "en" },
        editing => context! { id => 7, name => "The Newscast", slug => "newscast", language => "en", episodes => 2, articles => 3 },
        others => vec![context! { id => 8, name => "Talk <i>" }],
        notice => "Saved.",
        errors => BTreeMap::<&str, &str>::new(), languages, choices, images => Vec::<ContextValue>::new(),
        categories,
    };
    let html = r
        .render(
            "nr-programmes.html",
            page(&r, Language::En, "nr-programmes-title", true, ctx),
        )
        .expect("programmes page");
    check_page(&html);
    assert!(html.contains("Edit “The Newscast”") || html.contains("Change “The Newscast”"));
    assert!(html.contains("role=\"status\">Saved.</p>"));
    assert!(html.contains(&r.message(
        Language::En,
        "nr-programmes-none",
        &[("language", "English".into())]
    )));
    assert!(html.contains("name=\"id\" value=\"7\""));
    assert!(!html.contains("id=\"f-language\""));
    assert!(html.contains("action=\"/newsroom/programmes/7/delete\""));
    assert!(html.contains("They move to “Talk &lt;i&gt;”"));
    assert!(!html.contains("role=\"alert\""));
}

#[test]
fn every_article_problem_is_worded_in_each_newsroom_language() {
    use dateline_core::markdown::MarkdownError;
    use dateline_core::ArticleProblem as P;
    let r = renderer();
    let all = [
        P::HeadlineMissing,
        P::TooLong { max: 300 },
        P::SlugShape,
        P::SectionMissing,
        P::PlaceLength { max: 100 },
        P::AgencyTooLong { max: 50 },
        P::TooManyTags { max: 20 },
        P::TagLength { max: 60 },
        P::Body(MarkdownError::TooLong { bytes: 600_000 }),
        P::Body(MarkdownError::TooDeep { line: 7 }),
        P::Body(MarkdownError::ElementsTooDeep),
        P::Body(MarkdownError::TooManyTags),
        P::BodyMissing,
        P::TimeMissing,
        P::ForeignPicture,
    ];
    for lang in [Language::En, Language::Es] {
        for problem in &all {
            let args: Vec<(&str, dateline_render::FluentValue<'_>)> = problem
                .args()
                .into_iter()
                .map(|(k, v)| (k, v.into()))
                .collect();
            let text = r.message(lang, problem.id(), &args);
            assert_ne!(text, problem.id(), "{lang:?}: {problem:?} has no message");
            for (name, value) in problem.args() {
                assert!(
                    text.replace(['\u{2068}', '\u{2069}'], "")
                        .contains(&value.to_string()),
                    "{lang:?}: {problem:?} does not say its {name}: {text}"
                );
            }
        }
    }
    assert!(r
        .message(Language::Es, P::HeadlineMissing.id(), &[])
        .starts_with("Dé un titular"));
}

// ---------------------------------------------------------------------------
// Site settings: every setting is worded (label, help, unit, options).

#[test]
fn every_setting_is_worded_in_english_and_spanish() {
    use dateline_core::settings::{Group, Kind, SPECS};
    let en: BTreeSet<String> = message_ids(NEWSROOM_ENGLISH_SOURCE).into_iter().collect();
    let es: BTreeSet<String> = message_ids(spanish_source()).into_iter().collect();
    let mut wanted = Vec::new();
    for group in Group::ALL {
        wanted.push(format!("nr-set-group-{}", group.as_str()));
        wanted.push(format!("nr-set-group-{}-help", group.as_str()));
    }
    for spec in SPECS {
        let slug = spec.key.replace(['.', '_'], "-");
        wanted.push(format!("nr-set-{slug}-label"));
        wanted.push(format!("nr-set-{slug}-help"));
        match spec.kind {
            Kind::Number { .. } => wanted.push(format!("nr-set-{slug}-unit")),
            Kind::Choice(words) => {
                for word in words {
                    wanted.push(format!("nr-set-{slug}-opt-{word}"));
                    wanted.push(format!("nr-set-{slug}-opt-{word}-help"));
                }
            }
            Kind::HubUrl | Kind::HttpsUrl => wanted.push(format!("nr-set-{slug}-example")),
            _ => {}
        }
    }
    let missing: Vec<String> = wanted
        .iter()
        .flat_map(|id| {
            [("en", &en), ("es", &es)]
                .into_iter()
                .filter(|(_, ids)| !ids.contains(id))
                .map(move |(lang, _)| format!("{lang}: {id}"))
        })
        .collect();
    assert!(missing.is_empty(), "settings without words: {missing:?}");
    // And nothing of the family is left over from a setting that is gone.
    let extra: Vec<&String> = en
        .iter()
        .filter(|id| id.starts_with("nr-set-") && id.ends_with("-label"))
        .filter(|id| !wanted.contains(id))
        .filter(|id| !id.starts_with("nr-set-link-") && !id.starts_with("nr-set-err-"))
        .collect();
    assert!(extra.is_empty(), "labels of no setting: {extra:?}");
}

#[test]
fn sections_page_lists_a_language_in_order_and_confirms_a_delete() {
    let r = renderer();
    let sections = vec![
        context! { id => 4, slug => "alam", name => "العالم", articles => 12, published => 10 },
        context! { id => 5, slug => "riyada", name => "الرياضة", articles => 0, published => 0 },
    ];
    let languages = vec![
        context! { code => "en", name => "English", count => 6, current => false },
        context! { code => "ar", name => "العربية", count => 2, current => true },
    ];
    for lang in [Language::En, Language::Es] {
        let ctx = context! {
            tab => "ar", lang_name => "العربية", languages => languages.clone(),
            sections => sections.clone(),
            form => context! { id => "4", language => "ar", slug => "Bad Slug", name => "العالم", key => "world" },
            errors => BTreeMap::from([("slug", "Lowercase letters.")]),
            editing => context! { id => 4, name => "العالم", slug => "alam", articles => 12, published => 10 },
            others => vec![context! { id => 5, name => "الرياضة", slug => "riyada" }],
            order_error => (), notice => (), name_max => 100, key_max => 80,
        };
        let html = r
            .render(
                "nr-sections.html",
                page(&r, lang, "nr-sections-title", true, ctx),
            )
            .expect("sections page");
        check_page(&html);
        assert!(html.contains("action=\"/newsroom/sections/order\" data-sortable"));
        assert!(html.contains("name=\"op\" value=\"down:4\""));
        assert!(
            html.contains("value=\"up:4\" class=\"button button-small\" data-move=\"up\" disabled")
        );
        assert!(html.contains("name=\"id\" value=\"4\""));
        assert!(html.contains("value=\"Bad Slug\""));
        assert_eq!(html.matches("id=\"f-slug-error\"").count(), 1);
        assert!(html.contains(&r.message(
            lang,
            "nr-sections-move-to-label",
            &[("count", 12.into())]
        )));
        assert!(html.contains("action=\"/newsroom/sections/4/delete\""));
    }
    // The confirmation: what becomes of the articles, and a posted button.
    let ctx = context! {
        confirm => true, tab => "ar",
        section => context! { id => 4, name => "العالم", slug => "alam", articles => 12, published => 10 },
        target => context! { id => 5, name => "الرياضة", slug => "riyada" },
        others => Vec::<ContextValue>::new(), error => (),
    };
    let html = r
        .render(
            "nr-sections.html",
            page(&r, Language::En, "nr-sections-delete-title", true, ctx),
        )
        .expect("confirmation");
    check_page(&html);
    assert!(html.contains("method=\"post\" action=\"/newsroom/sections/4/delete\""));
    assert!(html.contains("name=\"to\" value=\"5\""));
    assert!(html.contains("Its 12 articles will move to “الرياضة”."));
}
