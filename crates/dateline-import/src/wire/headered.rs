//! Headered copy: `Key: value` lines, a blank line, a Markdown body.

use super::{count_paragraphs, resolve_date, Fail, WireErrorKind, WireOptions, WireStory};
use dateline_core::dateline::{parse_dateline, parse_dateline_label};
use dateline_core::slug::is_valid_slug;
use dateline_core::Language;
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

/// The recognised headers, spelled as the format documents them.
const KEYS: [&str; 12] = [
    "Headline",
    "Standfirst",
    "Section",
    "Language",
    "Byline",
    "Tags",
    "Slug",
    "Story",
    "Dateline",
    "Agency",
    "Date",
    "Published",
];

/// Splits a line shaped like a header into its key and trimmed value.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key_shaped = !key.is_empty()
        && key.len() <= 24
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    key_shaped.then(|| (key, value.trim()))
}

fn known_key(key: &str) -> Option<&'static str> {
    KEYS.into_iter().find(|k| k.eq_ignore_ascii_case(key))
}

/// Whether the file is headered. A known first key decides it; otherwise a
/// block of two or more key-shaped lines does, so that a misspelt
/// `Headlne:` is reported as an unknown header rather than read as plain
/// copy, while a plain headline such as "Cuba: new measures" stays plain.
pub(super) fn looks_headered(lines: &[&str]) -> bool {
    let block: Vec<&str> = lines
        .iter()
        .copied()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect();
    match block.first().and_then(|l| header_line(l)) {
        Some((key, _)) if known_key(key).is_some() => true,
        Some(_) => block.len() >= 2 && block.iter().all(|l| header_line(l).is_some()),
        None => false,
    }
}

pub(super) fn parse(lines: &[&str], opts: &WireOptions) -> Result<WireStory, Fail> {
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let mut headers: HashMap<&'static str, (usize, &str)> = HashMap::new();
    let mut body_start = lines.len();
    for (i, line) in lines.iter().enumerate().skip(start) {
        let line_no = i + 1;
        if line.trim().is_empty() {
            body_start = i + 1;
            break;
        }
        let Some((key, value)) = header_line(line) else {
            return Err((line_no, WireErrorKind::BadHeaderLine(line.to_string())));
        };
        let Some(key) = known_key(key) else {
            return Err((line_no, WireErrorKind::UnknownHeader(key.to_string())));
        };
        if let Some(&(first_line, _)) = headers.get(key) {
            let kind = WireErrorKind::DuplicateHeader {
                key: key.to_string(),
                first_line,
            };
            return Err((line_no, kind));
        }
        headers.insert(key, (line_no, value));
    }
    // Headers with an empty value count as absent, except the headline.
    let get = |key: &str| headers.get(key).copied().filter(|(_, v)| !v.is_empty());

    let (headline_line, headline) = match headers.get("Headline") {
        None => return Err((start + 1, WireErrorKind::MissingHeadline)),
        Some(&(line, "")) => return Err((line, WireErrorKind::EmptyHeader("Headline"))),
        Some(&(line, value)) => (line, value.to_string()),
    };
    let language = match get("Language") {
        None => opts.default_language,
        Some((line, value)) => value
            .parse::<Language>()
            .map_err(|_| (line, WireErrorKind::UnknownLanguage(value.to_string())))?,
    };
    let section = match get("Section") {
        Some((line, value)) => Some(slug_value(line, "Section", value)?),
        None => opts.default_section.clone(),
    };
    let slug = get("Slug")
        .map(|(line, value)| slug_value(line, "Slug", value))
        .transpose()?;
    let date = get("Date")
        .map(|(line, value)| {
            Date::parse(value, format_description!("[year]-[month]-[day]"))
                .map(|d| (line, d))
                .map_err(|_| (line, WireErrorKind::BadDate(value.to_string())))
        })
        .transpose()?;
    let published = get("Published")
        .map(|(line, value)| {
            OffsetDateTime::parse(value, &Rfc3339)
                .map_err(|_| (line, WireErrorKind::BadPublished(value.to_string())))
        })
        .transpose()?;
    let mut dateline = get("Dateline")
        .map(|(line, value)| {
            parse_dateline_label(value)
                .map(|d| (line, d))
                .ok_or((line, WireErrorKind::BadDateline(value.to_string())))
        })
        .transpose()?;

    let mut body = body_lines(&lines[body_start.min(lines.len())..]);
    // Without a header, a dateline opening the body is split off, as in plain copy.
    if dateline.is_none() {
        let first_block_end = body.find("\n\n").unwrap_or(body.len());
        if let Some((found, rest)) = parse_dateline(&body[..first_block_end]) {
            let dateline_line = body_start + leading_blank_lines(&lines[body_start..]) + 1;
            dateline = Some((dateline_line, found));
            body = format!("{rest}{}", &body[first_block_end..])
                .trim_start()
                .to_string();
        }
    }
    if body.is_empty() {
        return Err((headline_line, WireErrorKind::NoBody));
    }

    if let Some((line, agency)) = get("Agency") {
        match &mut dateline {
            Some((_, d)) => d.agency = Some(agency.to_string()),
            None => return Err((line, WireErrorKind::AgencyWithoutDateline)),
        }
    }
    let dateline_line = dateline.as_ref().map_or(1, |(line, _)| *line);
    let dateline = dateline.map(|(_, d)| d);
    let default_year = opts.year.or(published.map(|p| p.year()));
    let dateline_date = resolve_date(dateline.as_ref(), dateline_line, date, default_year)?;

    let text = |key: &str| get(key).map(|(_, v)| v.to_string());
    let mut tags: Vec<String> = Vec::new();
    for tag in get("Tags").map_or("", |(_, v)| v).split(',') {
        let tag = tag.trim();
        if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_string());
        }
    }
    Ok(WireStory {
        headline,
        standfirst: text("Standfirst"),
        dateline,
        dateline_date,
        published,
        byline: text("Byline"),
        section,
        language,
        tags,
        slug,
        story: text("Story"),
        body_paragraphs: count_paragraphs(&body),
        body_markdown: body,
    })
}

/// A section or slug header, lower-cased since `World` plainly means `world`.
fn slug_value(line: usize, key: &'static str, value: &str) -> Result<String, Fail> {
    let slug = value.to_lowercase();
    if is_valid_slug(&slug) {
        Ok(slug)
    } else {
        let value = value.to_string();
        Err((line, WireErrorKind::BadSlug { key, value }))
    }
}

/// The body as written, without leading and trailing blank lines; lines of
/// only whitespace become empty, which Markdown treats the same.
fn body_lines(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| if l.trim().is_empty() { "" } else { l })
        .collect();
    let body = lines.join("\n");
    let body = body.trim_end();
    // Trim only whole blank lines at the start: leading spaces of the first
    // line are Markdown (an indented code block).
    let start = body
        .lines()
        .take_while(|l| l.trim().is_empty())
        .map(|l| l.len() + 1)
        .sum::<usize>();
    body.get(start..).unwrap_or("").to_string()
}

fn leading_blank_lines(lines: &[&str]) -> usize {
    lines.iter().take_while(|l| l.trim().is_empty()).count()
}
