//! Plain copy: agency text or a web page's text, with a dateline.

use super::{resolve_date, Fail, WireErrorKind, WireOptions, WireStory};
use dateline_core::dateline::parse_dateline;
use dateline_core::markdown::escape_markdown;

/// Page furniture: a line like these ends the story (see [`is_furniture`]).
const FURNITURE: [&str; 9] = [
    "related articles",
    "commentaries",
    "comments",
    "make a comment",
    "all fields required",
    "more views",
    "most viewed",
    "share",
    "print",
];

/// Lines longer than this are whole paragraphs, never hard-wrapped text.
const MAX_WRAPPED_LINE: usize = 100;

/// A headline is short and ends without a full stop.
const MAX_HEADLINE_CHARS: usize = 200;

struct Paragraph {
    /// The 1-based line the paragraph starts on.
    line: usize,
    text: String,
}

pub(super) fn parse(lines: &[&str], opts: &WireOptions) -> Result<WireStory, Fail> {
    let furniture = lines.iter().position(|l| is_furniture(l));
    let mut paragraphs = paragraphs(&lines[..furniture.unwrap_or(lines.len())]);
    let first_line = paragraphs
        .first()
        .map_or(furniture.map_or(1, |i| i + 1), |p| p.line);

    let Some(at) = paragraphs
        .iter()
        .position(|p| parse_dateline(&p.text).is_some())
    else {
        if let [only] = paragraphs.as_slice() {
            if looks_like_headline(&only.text) {
                return Err((only.line, WireErrorKind::NoBody));
            }
        }
        return Err((first_line, WireErrorKind::NoDateline));
    };

    let mut standfirst = None;
    let mut byline = None;
    let (headline_line, headline) = if at == 0 {
        // Web pages put the headline last, just above the furniture.
        let last = paragraphs.len() - 1;
        let usable = furniture.is_some() && last > 0 && looks_like_headline(&paragraphs[last].text);
        let Some(p) = paragraphs.pop().filter(|_| usable) else {
            return Err((first_line, WireErrorKind::NoHeadline));
        };
        (p.line, p.text)
    } else {
        let mut before: Vec<Paragraph> = paragraphs.drain(..at).collect();
        let headline = before.remove(0);
        for p in before {
            let is_byline = p.text.len() <= 100
                && p.text
                    .get(..3)
                    .is_some_and(|s| s.eq_ignore_ascii_case("by "));
            if is_byline && byline.is_none() {
                byline = Some(p.text);
            } else if standfirst.is_none() {
                standfirst = Some(p.text);
            } else {
                return Err((p.line, WireErrorKind::TooMuchBeforeDateline(at)));
            }
        }
        // A page may repeat the headline above its furniture.
        if paragraphs.len() > 1
            && paragraphs
                .last()
                .is_some_and(|p| p.text.eq_ignore_ascii_case(&headline.text))
        {
            paragraphs.pop();
        }
        (headline.line, headline.text)
    };

    let dateline_line = paragraphs[0].line;
    let Some((dateline, rest)) = parse_dateline(&paragraphs[0].text) else {
        return Err((dateline_line, WireErrorKind::NoDateline));
    };
    let rest = rest.to_string();
    let mut body: Vec<String> = Vec::with_capacity(paragraphs.len());
    if !rest.is_empty() {
        body.push(rest);
    }
    body.extend(paragraphs.into_iter().skip(1).map(|p| p.text));
    if body.is_empty() {
        return Err((headline_line, WireErrorKind::NoBody));
    }

    let dateline_date = resolve_date(Some(&dateline), dateline_line, None, opts.year)?;
    let body_markdown = body
        .iter()
        .map(|p| escape_plain(p))
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(WireStory {
        headline,
        standfirst,
        dateline: Some(dateline),
        dateline_date,
        published: None,
        byline,
        section: opts.default_section.clone(),
        language: opts.default_language,
        tags: Vec::new(),
        slug: None,
        story: None,
        body_paragraphs: body.len(),
        body_markdown,
    })
}

/// Whether a line is page furniture. Multi-word markers may run straight
/// into the next item ("All fields requiredMore Views"); one-word markers
/// must stand alone or before punctuation or "this" ("Share this", "Comments
/// (3)"), so that "Shares fell" or "Share prices fell" stay in the story.
fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 60 || line.ends_with('.') {
        return false;
    }
    let lower = line.to_lowercase();
    FURNITURE.iter().any(|marker| {
        let Some(after) = lower.strip_prefix(marker) else {
            return false;
        };
        let after = after.trim_start();
        marker.contains(' ')
            || after.is_empty()
            || after.starts_with(|c: char| !c.is_alphanumeric())
            || after.starts_with("this")
    })
}

fn looks_like_headline(text: &str) -> bool {
    !text.ends_with('.') && text.chars().count() <= MAX_HEADLINE_CHARS
}

/// Splits lines into paragraphs. Copy with a paragraph per line is the
/// common case; text hard-wrapped at a fixed width, with blank lines between
/// paragraphs, is recognised by its short lines and has them joined.
fn paragraphs(lines: &[&str]) -> Vec<Paragraph> {
    let mut blocks: Vec<Vec<(usize, &str)>> = Vec::new();
    let mut current: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push((i + 1, line));
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }

    let multi_line = || blocks.iter().filter(|b| b.len() > 1);
    let wrapped = blocks.len() > 1
        && multi_line().next().is_some()
        && multi_line()
            .flatten()
            .all(|(_, l)| l.chars().count() <= MAX_WRAPPED_LINE);

    if wrapped {
        blocks
            .into_iter()
            .map(|block| Paragraph {
                line: block[0].0,
                text: block.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" "),
            })
            .collect()
    } else {
        blocks
            .into_iter()
            .flatten()
            .map(|(line, text)| Paragraph {
                line,
                text: text.to_string(),
            })
            .collect()
    }
}

/// Escapes a plain-text paragraph so Markdown shows exactly its text.
/// `escape_markdown` covers Markdown syntax; an HTML entity such as `&amp;`
/// would still be decoded, so its ampersand is escaped too.
fn escape_plain(text: &str) -> String {
    let escaped = escape_markdown(text);
    let mut out = String::with_capacity(escaped.len());
    for (i, c) in escaped.char_indices() {
        if c == '&' && starts_entity(&escaped[i + 1..]) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether text after an `&` would make it an entity reference: `amp;`,
/// `#38;`, `#x26;`.
fn starts_entity(after: &str) -> bool {
    let Some(end) = after.find(';') else {
        return false;
    };
    let name = &after[..end];
    (1..=32).contains(&name.len())
        && name
            .strip_prefix('#')
            .map_or(name.chars().all(|c| c.is_ascii_alphanumeric()), |num| {
                let num = num.strip_prefix(['x', 'X']).unwrap_or(num);
                !num.is_empty() && num.chars().all(|c| c.is_ascii_hexdigit())
            })
}
