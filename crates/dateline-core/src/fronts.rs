//! Fronts edited by the newsroom: which stories lead the front page and
//! the section pages, and the breaking-news line of a language.

/// Stories pinned to a front page: the lead and the featured ones.
pub const MAX_FRONT_PINS: usize = 1 + 8;
/// Longest breaking-news line, in characters.
pub const BREAKING_MAX_CHARS: usize = 200;
/// Longest link of a breaking-news line.
const LINK_MAX_CHARS: usize = 2_000;

/// A breaking-news line as the newsroom sets it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breaking {
    /// Plain text on one line.
    pub text: String,
    /// An http(s) address, when the line leads somewhere.
    pub link: Option<String>,
    /// When it goes away by itself (Unix seconds); None: when removed.
    pub ends_at: Option<i64>,
}

impl Breaking {
    /// Checks a line as typed; each refusal names its field and says why in
    /// a sentence. Runs of whitespace (line breaks included) become one
    /// space: the line is plain text on one line.
    pub fn new(
        text: &str,
        link: &str,
        ends_at: Option<i64>,
        now: i64,
    ) -> Result<Breaking, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            errors.push(("text", "Write the line readers will see.".to_string()));
        } else if text.chars().count() > BREAKING_MAX_CHARS {
            errors.push((
                "text",
                format!(
                    "The line is {} characters; at most {BREAKING_MAX_CHARS} fit.",
                    text.chars().count()
                ),
            ));
        } else if text.chars().any(char::is_control) {
            errors.push(("text", "The line holds a control character.".to_string()));
        }
        let link = link.trim();
        let link = if link.is_empty() {
            None
        } else if link.chars().count() > LINK_MAX_CHARS {
            errors.push(("link", "The link is too long.".to_string()));
            None
        } else {
            match url::Url::parse(link) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
                    Some(u.to_string())
                }
                _ => {
                    errors.push((
                        "link",
                        "The link must be a whole http:// or https:// address.".to_string(),
                    ));
                    None
                }
            }
        };
        if let Some(end) = ends_at {
            if end <= now {
                errors.push(("ends_at", "The end time has already passed.".to_string()));
            }
        }
        if errors.is_empty() {
            Ok(Breaking {
                text,
                link,
                ends_at,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_plain_text_on_one_line_with_an_http_link() {
        let b = Breaking::new(
            "  Earthquake\nin  the east ",
            "https://example.org/a?b=1",
            Some(200),
            100,
        )
        .expect("valid");
        assert_eq!(b.text, "Earthquake in the east");
        assert_eq!(b.link.as_deref(), Some("https://example.org/a?b=1"));
        let fields = |r: Result<Breaking, Vec<(&'static str, String)>>| {
            r.expect_err("refused")
                .into_iter()
                .map(|(f, _)| f)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(Breaking::new("", "", None, 0)), ["text"]);
        assert_eq!(
            fields(Breaking::new(&"x".repeat(201), "", None, 0)),
            ["text"]
        );
        assert!(Breaking::new(&"é".repeat(200), "", None, 0).is_ok());
        assert_eq!(
            fields(Breaking::new("a", "javascript:alert(1)", None, 0)),
            ["link"]
        );
        assert_eq!(
            fields(Breaking::new("a", "ftp://example.org/", None, 0)),
            ["link"]
        );
        assert_eq!(fields(Breaking::new("a", "/en/", None, 0)), ["link"]);
        assert_eq!(fields(Breaking::new("a", "", Some(50), 100)), ["ends_at"]);
    }
}
