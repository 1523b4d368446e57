//! Revisions of an article compared line by line, for the newsroom's
//! history page.

use crate::ArticleInput;
use serde::Serialize;

/// An article's content as labelled lines: the fields first, then the body
/// line by line, so that a diff shows a changed headline as one line.
pub fn revision_text(input: &ArticleInput) -> String {
    let mut out = String::new();
    let mut field = |label: &str, value: &str| {
        out.push_str(label);
        out.push_str(": ");
        out.push_str(value);
        out.push('\n');
    };
    field("Headline", &input.headline);
    field("Standfirst", input.standfirst.as_deref().unwrap_or(""));
    let dateline = input
        .dateline
        .as_ref()
        .map(|d| {
            let date = input
                .dateline_date
                .map(|d| d.to_string())
                .unwrap_or_default();
            format!("{} {} {}", d.place, date, d.agency.as_deref().unwrap_or(""))
                .trim()
                .to_string()
        })
        .unwrap_or_default();
    field("Dateline", &dateline);
    field("Byline", input.byline.as_deref().unwrap_or(""));
    field("Language", input.language.code());
    field("Section", &input.section);
    field("Slug", &input.slug);
    field("Tags", &input.tags.join(", "));
    out.push('\n');
    out.push_str(&input.body_markdown);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    pub tag: DiffTag,
    pub text: String,
}

/// The lines that differ between two revisions, with the unchanged ones
/// between them, in order.
pub fn diff(old: &ArticleInput, new: &ArticleInput) -> Vec<DiffLine> {
    let (a, b) = (revision_text(old), revision_text(new));
    similar::TextDiff::from_lines(&a, &b)
        .iter_all_changes()
        .map(|c| DiffLine {
            tag: match c.tag() {
                similar::ChangeTag::Equal => DiffTag::Same,
                similar::ChangeTag::Insert => DiffTag::Added,
                similar::ChangeTag::Delete => DiffTag::Removed,
            },
            text: c.value().trim_end_matches('\n').to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Language, Status};

    fn input(headline: &str, body: &str) -> ArticleInput {
        ArticleInput {
            language: Language::En,
            section: "world".into(),
            slug: "s".into(),
            headline: headline.into(),
            standfirst: None,
            dateline: None,
            dateline_date: None,
            byline: None,
            tags: vec!["a".into()],
            body_markdown: body.into(),
            status: Status::Draft,
            published_at: None,
            story_key: None,
            source_key: None,
            image_id: None,
            audio_id: None,
            programme_id: None,
        }
    }

    #[test]
    fn shows_changed_lines_only_as_changes() {
        let d = diff(
            &input("Old", "One.\n\nTwo.\n"),
            &input("New", "One.\n\nTwo and a half.\n"),
        );
        let changed: Vec<(DiffTag, &str)> = d
            .iter()
            .filter(|l| l.tag != DiffTag::Same)
            .map(|l| (l.tag, l.text.as_str()))
            .collect();
        assert_eq!(
            changed,
            [
                (DiffTag::Removed, "Headline: Old"),
                (DiffTag::Added, "Headline: New"),
                (DiffTag::Removed, "Two."),
                (DiffTag::Added, "Two and a half."),
            ]
        );
        assert!(d.iter().any(|l| l.text == "One." && l.tag == DiffTag::Same));
    }

    #[test]
    fn equal_revisions_have_no_changes() {
        let a = input("Same", "Body");
        assert!(diff(&a, &a).iter().all(|l| l.tag == DiffTag::Same));
    }
}
