//! Reader comments: the form and its rules, safe rendering of what readers
//! write, blocklists, double-submit keys, signed form tokens and the
//! moderation decision.
//!
//! Like the rest of the crate this module is pure: the web layer passes in the
//! time, the secret and the article's facts, and stores what comes back.

use dateline_auth::signing;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

mod blocklist;
mod render;
mod token;

pub use blocklist::{comparable, Blocklist};
pub use render::{count_links, render_comment_body};
pub use token::{FormToken, TokenProblem};

/// Limits on what a reader may submit, counted in characters after trimming.
pub mod limits {
    pub const NAME_CHARS: usize = 80;
    /// The longest address SMTP can carry (RFC 5321 with its errata).
    pub const EMAIL_CHARS: usize = 254;
    pub const BODY_CHARS: usize = 5000;
}

/// Where a comment is in moderation. Only `Approved` comments are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Pending,
    Approved,
    Rejected,
    Spam,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Approved => "approved",
            CommentStatus::Rejected => "rejected",
            CommentStatus::Spam => "spam",
        }
    }
}

impl fmt::Display for CommentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CommentStatus {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(CommentStatus::Pending),
            "approved" => Ok(CommentStatus::Approved),
            "rejected" => Ok(CommentStatus::Rejected),
            "spam" => Ok(CommentStatus::Spam),
            other => Err(UnknownValue::new("comment status", other)),
        }
    }
}

/// How a site treats new comments before a moderator has looked at them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModerationPolicy {
    /// The default because nothing a stranger writes appears unseen.
    #[default]
    HoldAll,
    HoldFirstTime,
    PublishAll,
}

impl ModerationPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            ModerationPolicy::HoldAll => "hold-all",
            ModerationPolicy::HoldFirstTime => "hold-first-time",
            ModerationPolicy::PublishAll => "publish-all",
        }
    }
}

impl fmt::Display for ModerationPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ModerationPolicy {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "hold-all" => Ok(ModerationPolicy::HoldAll),
            "hold-first-time" => Ok(ModerationPolicy::HoldFirstTime),
            "publish-all" => Ok(ModerationPolicy::PublishAll),
            other => Err(UnknownValue::new("moderation policy", other)),
        }
    }
}

/// A name that none of this module's enums knows, with what it was meant to be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {value:?}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

impl UnknownValue {
    pub(crate) fn new(kind: &'static str, value: &str) -> Self {
        UnknownValue {
            kind,
            value: value.to_string(),
        }
    }
}

/// The comment form as a reader submitted it, untrusted and untrimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentForm {
    pub name: String,
    pub email: String,
    pub body: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
}

/// A comment that passed `CommentForm::validate`, normalised for storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidComment {
    pub name: String,
    /// The local part as typed, because some mail servers treat it as
    /// case-sensitive; the domain lowercased, because DNS does not.
    pub email: String,
    /// Trimmed, with LF line ends and no control characters but `\n` and `\t`.
    pub body: String,
    pub parent_id: Option<i64>,
}

/// What is wrong with one field, in a shape the web layer can translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CommentProblem {
    Missing,
    TooLong { limit: usize, given: usize },
    Malformed,
}

impl CommentForm {
    /// Checks the form and reports every problem at once as `(field, problem)`,
    /// so that a caller can word the messages in the reader's language.
    pub fn validate_detailed(&self) -> Result<ValidComment, Vec<(&'static str, CommentProblem)>> {
        let mut problems = Vec::new();

        let name = strip_controls(&self.name, false);
        let name = name.trim();
        if let Some(problem) = length_problem(name, limits::NAME_CHARS) {
            problems.push(("name", problem));
        }

        let email = self.email.trim();
        let email = match length_problem(email, limits::EMAIL_CHARS) {
            Some(problem) => {
                problems.push(("email", problem));
                None
            }
            None => match normalise_email(email) {
                Some(email) => Some(email),
                None => {
                    problems.push(("email", CommentProblem::Malformed));
                    None
                }
            },
        };

        let body = comment_body(&self.body);
        if let Err(problem) = &body {
            problems.push(("body", *problem));
        }

        match email {
            Some(email) if problems.is_empty() => Ok(ValidComment {
                name: name.to_string(),
                email,
                body: body.unwrap_or_default(),
                parent_id: self.parent_id,
            }),
            _ => Err(problems),
        }
    }
}

/// A comment's text as it is kept: LF line ends, no control characters
/// but `\n` and `\t`, trimmed, within the length limit. The same for a
/// reader's comment, a moderator's edit and a reply written in the
/// newsroom.
pub fn comment_body(text: &str) -> Result<String, CommentProblem> {
    let body = strip_controls(&normalise_newlines(text), true);
    let body = body.trim();
    match length_problem(body, limits::BODY_CHARS) {
        Some(problem) => Err(problem),
        None => Ok(body.to_string()),
    }
}

fn length_problem(value: &str, limit: usize) -> Option<CommentProblem> {
    let given = value.chars().count();
    if given == 0 {
        Some(CommentProblem::Missing)
    } else if given > limit {
        Some(CommentProblem::TooLong { limit, given })
    } else {
        None
    }
}

/// Accepts only plain `local@domain.tld` addresses. The characters refused
/// are RFC 5322's specials and whitespace: quoted local parts are too rare to
/// be worth it, and these are what header injection and address lists need.
fn normalise_email(email: &str) -> Option<String> {
    const REFUSED: &[char] = &['<', '>', ',', ';', ':', '"', '(', ')', '[', ']', '\\'];
    if email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || REFUSED.contains(&c))
    {
        return None;
    }
    let (local, domain) = email.split_once('@')?;
    if local.is_empty() || domain.contains('@') || !domain.contains('.') {
        return None;
    }
    if domain.split('.').any(str::is_empty) {
        return None;
    }
    Some(format!("{local}@{}", domain.to_lowercase()))
}

/// Turns CRLF and lone CR into LF, so that every later rule sees one kind of
/// line end whichever browser or platform sent the text.
fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Drops control characters, which no reader means to send and which can
/// hide text or upset terminals and feeds; a body keeps its `\n` and `\t`.
fn strip_controls(text: &str, keep_lines: bool) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || (keep_lines && (c == '\n' || c == '\t')))
        .collect()
}

/// A key equal for the same comment submitted twice to the same article,
/// whatever the spacing or case, so that the store can refuse the second.
pub fn duplicate_key(article_id: i64, c: &ValidComment) -> String {
    let body = c
        .body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let parent = c
        .parent_id
        .map_or_else(|| "-".to_string(), |p| p.to_string());
    let mut hasher = Sha256::new();
    // The body goes last because it is the only part that may hold newlines,
    // which keeps the fields apart without escaping.
    hasher.update(format!(
        "{article_id}\n{parent}\n{}\n{body}",
        c.email.to_lowercase()
    ));
    signing::hex(&hasher.finalize())
}

/// The status a new comment starts in.
pub fn decide_status(
    policy: ModerationPolicy,
    has_approved_before: bool,
    blocked: bool,
    spam_reason: Option<&str>,
) -> CommentStatus {
    if blocked || spam_reason.is_some() {
        return CommentStatus::Spam;
    }
    match policy {
        ModerationPolicy::PublishAll => CommentStatus::Approved,
        ModerationPolicy::HoldFirstTime if has_approved_before => CommentStatus::Approved,
        ModerationPolicy::HoldFirstTime | ModerationPolicy::HoldAll => CommentStatus::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldError;

    fn form(name: &str, email: &str, body: &str) -> CommentForm {
        CommentForm {
            name: name.into(),
            email: email.into(),
            body: body.into(),
            parent_id: None,
        }
    }

    fn valid(name: &str, email: &str, body: &str) -> ValidComment {
        form(name, email, body).validate().unwrap()
    }

    #[test]
    fn status_and_policy_names_round_trip() {
        for s in [
            CommentStatus::Pending,
            CommentStatus::Approved,
            CommentStatus::Rejected,
            CommentStatus::Spam,
        ] {
            assert_eq!(s.as_str().parse::<CommentStatus>(), Ok(s));
        }
        for p in [
            ModerationPolicy::HoldAll,
            ModerationPolicy::HoldFirstTime,
            ModerationPolicy::PublishAll,
        ] {
            assert_eq!(p.as_str().parse::<ModerationPolicy>(), Ok(p));
        }
        assert_eq!(ModerationPolicy::default(), ModerationPolicy::HoldAll);
        assert_eq!(ModerationPolicy::HoldFirstTime.as_str(), "hold-first-time");
        assert!("Pending".parse::<CommentStatus>().is_err());
        assert!("hold_all".parse::<ModerationPolicy>().is_err());
    }

    fn check_problems(f: CommentForm, expected: &[(&str, CommentProblem)]) {
        let got = f.validate_detailed().expect_err("form should be refused");
        assert_eq!(got, expected, "{f:?}");
    }

    #[test]
    fn missing_and_blank_fields() {
        use CommentProblem::Missing;
        check_problems(
            form("", "", ""),
            &[("name", Missing), ("email", Missing), ("body", Missing)],
        );
        check_problems(
            form("  \t", " \n ", "\r\n \n\t"),
            &[("name", Missing), ("email", Missing), ("body", Missing)],
        );
        check_problems(
            form("Ana", "ana@example.org", " \u{0}\u{7} "),
            &[("body", Missing)],
        );
        check_problems(form(" ", "ana@example.org", "Hi"), &[("name", Missing)]);
        check_problems(form("Ana", "", "Hi"), &[("email", Missing)]);
    }

    #[test]
    fn too_long_fields_count_characters_after_trimming() {
        let at = |n: usize, c: &str| c.repeat(n);
        let long_email = format!("{}@example.org", at(243, "a"));
        assert_eq!(long_email.chars().count(), 255);
        check_problems(
            form(&at(81, "ñ"), &long_email, &at(5001, "é")),
            &[
                (
                    "name",
                    CommentProblem::TooLong {
                        limit: 80,
                        given: 81,
                    },
                ),
                (
                    "email",
                    CommentProblem::TooLong {
                        limit: 254,
                        given: 255,
                    },
                ),
                (
                    "body",
                    CommentProblem::TooLong {
                        limit: 5000,
                        given: 5001,
                    },
                ),
            ],
        );
        // At the limit, padded with spaces: accepted.
        let ok = form(
            &format!("  {}  ", at(80, "ñ")),
            &format!(" {} ", &long_email[1..]),
            &format!("\n{}\n", at(5000, "é")),
        );
        assert!(ok.validate().is_ok());
    }

    fn check_email(email: &str, expected: Option<&str>) {
        match (form("Ana", email, "Hi").validate(), expected) {
            (Ok(c), Some(want)) => assert_eq!(c.email, want, "{email:?}"),
            (Err(errors), None) => assert_eq!(
                errors,
                vec![FieldError {
                    field: "email",
                    message: "Please enter a valid email address, such as name@example.org.".into()
                }],
                "{email:?}"
            ),
            (got, _) => panic!("{email:?}: unexpected {got:?}"),
        }
    }

    #[test]
    fn emails() {
        for bad in [
            "a@b",
            "a b@c.org",
            "@c.org",
            "a@.org",
            "a@c.org.",
            "<a@c.org>",
            "a@b@c.org",
            "a@c..org",
            "a@c.org,b@c.org",
            "a@c.org\nBcc: x@y.org",
            "ana",
            "a@c .org",
        ] {
            check_email(bad, None);
        }
        check_email("ana@example.org", Some("ana@example.org"));
        check_email(
            "Ana.R+news@Mail.Example.CU",
            Some("Ana.R+news@mail.example.cu"),
        );
        check_email("  ana@EXAMPLE.org ", Some("ana@example.org"));
    }

    #[test]
    fn english_messages() {
        let errors = form("", "nope", &"x".repeat(5123)).validate().unwrap_err();
        let messages: Vec<_> = errors
            .iter()
            .map(|e| (e.field, e.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                ("name", "Please enter your name."),
                (
                    "email",
                    "Please enter a valid email address, such as name@example.org."
                ),
                (
                    "body",
                    "Please shorten your comment to 5,000 characters or fewer; it has 5,123."
                ),
            ]
        );
        let errors = form(&"n".repeat(90), "", "").validate().unwrap_err();
        assert_eq!(
            errors[0].message,
            "Please shorten your name to 80 characters or fewer; it has 90."
        );
        assert_eq!(errors[1].message, "Please enter your email address.");
        assert_eq!(errors[2].message, "Please write a comment.");
    }

    #[test]
    fn valid_comment_is_normalised() {
        let f = CommentForm {
            parent_id: Some(7),
            ..form(
                "  Ana\u{7} Ruiz ",
                " ana@example.org ",
                "\r\n  First line\r\nsecond\u{0}\u{1b}[31m\tline\r\rend  \n",
            )
        };
        assert_eq!(
            f.validate(),
            Ok(ValidComment {
                name: "Ana Ruiz".into(),
                email: "ana@example.org".into(),
                body: "First line\nsecond[31m\tline\n\nend".into(),
                parent_id: Some(7),
            })
        );
    }

    fn check_render(body: &str, expected: &str) {
        assert_eq!(render_comment_body(body), expected, "{body:?}");
    }

    #[test]
    fn rendering_paragraphs_and_line_breaks() {
        check_render("", "");
        check_render(" \n\n ", "");
        check_render("Hello", "<p>Hello</p>");
        check_render("one\ntwo", "<p>one<br>\ntwo</p>");
        check_render("one\r\ntwo", "<p>one<br>\ntwo</p>");
        check_render("one\n\ntwo", "<p>one</p>\n<p>two</p>");
        check_render(
            "\n\none  \n \t\n\n\ntwo\nthree\n\n",
            "<p>one</p>\n<p>two<br>\nthree</p>",
        );
        check_render(
            "Tom & \"Jerry\" <3 'x'",
            "<p>Tom &amp; &quot;Jerry&quot; &lt;3 &#39;x&#39;</p>",
        );
    }

    #[test]
    fn rendering_links() {
        let a = |href: &str, text: &str| {
            format!(r#"<a href="{href}" rel="nofollow ugc noopener">{text}</a>"#)
        };
        check_render(
            "See https://example.org/a?b=1&c=2.",
            &format!(
                "<p>See {}.</p>",
                a(
                    "https://example.org/a?b=1&amp;c=2",
                    "https://example.org/a?b=1&amp;c=2"
                )
            ),
        );
        check_render(
            "(http://example.org/x), www.example.org!",
            &format!(
                "<p>({}), {}!</p>",
                a("http://example.org/x", "http://example.org/x"),
                a("https://www.example.org", "www.example.org")
            ),
        );
        check_render(
            "HTTPS://EXAMPLE.ORG?\nnext",
            &format!(
                "<p>{}?<br>\nnext</p>",
                a("HTTPS://EXAMPLE.ORG", "HTTPS://EXAMPLE.ORG")
            ),
        );
        // Other schemes and bare domains stay text.
        for text in [
            "javascript:alert(1)",
            "javascript://example.org/%0aalert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "data://text/html,x",
            "ftp://example.org/file",
            "example.org",
            "mailto:ana@example.org",
        ] {
            let html = render_comment_body(text);
            assert!(!html.contains("<a"), "{text:?} → {html}");
        }
    }

    #[test]
    fn counting_links() {
        let check = |body: &str, n: usize| assert_eq!(count_links(body), n, "{body:?}");
        check("", 0);
        check("no links, example.org, javascript:alert(1)", 0);
        check("https://example.org", 1);
        check(
            "www.example.org and http://a.example.org/x\nhttps://b.example.org",
            3,
        );
        check("https://example.org https://example.org", 2);
    }

    /// Checks that every tag in `html` is one `render_comment_body` makes:
    /// `p`, `br`, or an `a` with an http(s) href and our `rel`, and nothing
    /// else. Text never holds a raw `<` or `>`, so each `<` opens a tag.
    fn assert_only_our_tags(html: &str) {
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            let close = rest[open..].find('>').expect("tag is closed") + open;
            let tag = &rest[open..=close];
            let ok = match tag {
                "<p>" | "</p>" | "<br>" | "</a>" => true,
                _ => tag
                    .strip_prefix("<a href=\"")
                    .and_then(|t| t.strip_suffix("\" rel=\"nofollow ugc noopener\">"))
                    .is_some_and(|href| {
                        (href.starts_with("http://") || href.starts_with("https://"))
                            && !href.contains(['"', '\'', '<', '>', ' '])
                    }),
            };
            assert!(ok, "unexpected tag {tag} in {html}");
            rest = &rest[close + 1..];
        }
    }

    #[test]
    fn reader_text_never_becomes_markup() {
        for payload in [
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "<svg/onload=alert(1)>",
            "https://example.org/\"onmouseover=\"alert(1)",
            "https://example.org/'onmouseover='alert(1)",
            "www.example.org/<script>alert(1)</script>",
            "https://example.org/\"><img src=x onerror=alert(1)>",
            "https://example.org/\u{202E}gpj.exe",
            "\u{202E}<script>alert(1)</script>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<p onclick=alert(1)>x</p><br/onerror=alert(1)>",
            "<SCRIPT>alert(1)</SCRIPT>\n\n<ScRiPt>",
        ] {
            let html = render_comment_body(payload);
            assert_only_our_tags(&html);
            let lower = html.to_lowercase();
            for bad in ["<script", "<img", "<svg", "javascript:alert(1)\""] {
                assert!(!lower.contains(bad), "{payload:?} → {html}");
            }
        }
    }

    #[test]
    fn xss_payloads_render_as_text() {
        check_render(
            "<script>alert(1)</script>",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        );
        check_render(
            "\"><img src=x onerror=alert(1)>",
            "<p>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>",
        );
        check_render(
            "<svg/onload=alert(1)>",
            "<p>&lt;svg/onload=alert(1)&gt;</p>",
        );
        check_render("javascript:alert(1)", "<p>javascript:alert(1)</p>");
        check_render(
            "https://example.org/\"onmouseover=\"alert(1)",
            "<p><a href=\"https://example.org/\" rel=\"nofollow ugc noopener\">\
             https://example.org/</a>&quot;onmouseover=&quot;alert(1)</p>",
        );
        // A link hiding behind a right-to-left override is not linked at all.
        check_render(
            "https://example.org/\u{202E}gpj.exe",
            "<p>https://example.org/\u{202E}gpj.exe</p>",
        );
        // Entities a reader types are shown as typed, not decoded.
        check_render("&lt;script&gt;", "<p>&amp;lt;script&amp;gt;</p>");
    }

    #[test]
    fn blocklist_parsing() {
        let list = Blocklist::parse(
            " Viagra,\n\ncheap PILLS ,, ",
            "Spam.org\r\n*.evil.example, .bad.net.\n",
        );
        assert_eq!(list.words, ["viagra", "cheap pills"]);
        assert_eq!(list.domains, ["spam.org", "evil.example", "bad.net"]);
        assert_eq!(Blocklist::parse("", " , \n"), Blocklist::default());
    }

    fn check_blocked(list: &Blocklist, c: ValidComment, expected: Option<&str>) {
        assert_eq!(list.matches(&c).as_deref(), expected, "{c:?}");
    }

    #[test]
    fn blocklist_words_match_whole_words_only() {
        let list = Blocklist::parse("ass, cheap pills, ñu, c++", "");
        let body = |b: &str| valid("Ana", "ana@example.org", b);
        let in_comment = |w: &str| format!("blocked word \"{w}\" in the comment");
        check_blocked(&list, body("first class assessment, Cassandra"), None);
        check_blocked(&list, body("passé; ñuño; cheap pillsbury; c"), None);
        check_blocked(&list, body("what an ASS."), Some(&in_comment("ass")));
        check_blocked(
            &list,
            body("Buy CHEAP Pills now"),
            Some(&in_comment("cheap pills")),
        );
        check_blocked(&list, body("(ass)"), Some(&in_comment("ass")));
        check_blocked(&list, body("el Ñu corre"), Some(&in_comment("ñu")));
        // The same letter composed or decomposed is the same word.
        check_blocked(&list, body("el N\u{303}u"), Some(&in_comment("ñu")));
        check_blocked(&list, body("I like c++."), Some(&in_comment("c++")));
        check_blocked(
            &list,
            valid("Big Ass", "ana@example.org", "Hi"),
            Some("blocked word \"ass\" in the name"),
        );
        // A boundary can hide behind a failed overlapping match.
        let list = Blocklist::parse("a-a", "");
        check_blocked(&list, body("xa-a-a"), Some(&in_comment("a-a")));
    }

    #[test]
    fn blocklists_see_through_disguises() {
        let list = Blocklist::parse("viagra", "spam.org");
        let body = |b: &str| valid("Ana", "ana@example.org", b);
        let word = Some("blocked word \"viagra\" in the comment");
        let link = Some("link to blocked domain \"spam.org\"");
        // Percent-escapes, once or twice.
        check_blocked(&list, body("see https://sp%61m.org/x"), link);
        check_blocked(&list, body("see https://%73%70%61%6d.org"), link);
        check_blocked(&list, body("see https://sp%2561m.org"), link);
        check_blocked(&list, body("buy vi%61gra"), word);
        // Zero-width and other invisible characters.
        check_blocked(&list, body("buy via\u{200B}gra"), word);
        check_blocked(&list, body("buy v\u{00AD}iagra\u{2060}"), word);
        check_blocked(&list, body("see https://spa\u{200B}m.org/"), link);
        check_blocked(&list, body("see https://spam\u{200D}.org/"), link);
        // Fullwidth letters and dots.
        check_blocked(&list, body("buy ｖｉａｇｒａ"), word);
        check_blocked(&list, body("see https://ｓｐａｍ.org"), link);
        check_blocked(&list, body("see https://spam。org/"), link);
        check_blocked(
            &list,
            valid("Ana", "ana@ｓｐａｍ.org", "Hi"),
            Some("blocked domain \"spam.org\" in the email address"),
        );
        // Innocent text stays innocent.
        check_blocked(&list, body("100% sure, https://example.org/?q=%20"), None);
        assert_eq!(comparable("Ｃａｆé\u{200B}"), "café");
    }

    #[test]
    fn blocklist_domains_match_domains_and_subdomains() {
        let list = Blocklist::parse("", "spam.org, evil.example");
        let check = |email: &str, body: &str, expected: Option<&str>| {
            check_blocked(&list, valid("Ana", email, body), expected)
        };
        let email = Some("blocked domain \"spam.org\" in the email address");
        let link = Some("link to blocked domain \"spam.org\"");
        check("ana@example.org", "Hi", None);
        check("ana@notspam.org", "see https://notspam.org/x", None);
        check(
            "ana@spam.org.example.net",
            "https://spam.org.example.net",
            None,
        );
        check("ana@spam.org", "Hi", email);
        check("ana@Mail.SPAM.org", "Hi", email);
        check("ana@example.org", "see https://spam.org", link);
        check("ana@example.org", "see http://a.b.SPAM.ORG./x?y#z", link);
        check("ana@example.org", "see www.spam.org", link);
        check("ana@example.org", "https://user@spam.org:8080/", link);
        check("ana@example.org", "https://spam.org@example.org/", None);
        check(
            "ana@example.org",
            "https://shop.evil.example/buy",
            Some("link to blocked domain \"evil.example\""),
        );
        // A bare domain is no link, so it is left to the word list.
        check("ana@example.org", "visit spam.org", None);
    }

    #[test]
    fn duplicate_keys() {
        let key = |article: i64, email: &str, body: &str, parent: Option<i64>| {
            let mut c = valid("Ana", email, body);
            c.parent_id = parent;
            duplicate_key(article, &c)
        };
        let base = key(1, "ana@example.org", "Great piece.\nThanks!", None);
        assert_eq!(base.len(), 64);
        assert!(base
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        for same in [
            key(1, "ana@example.org", "Great piece.\nThanks!", None),
            key(
                1,
                "ANA@Example.org",
                "great   PIECE.\r\n\r\n thanks! ",
                None,
            ),
            key(1, "ana@example.org", "Great\tpiece. Thanks!", None),
        ] {
            assert_eq!(same, base);
        }
        for different in [
            key(2, "ana@example.org", "Great piece.\nThanks!", None),
            key(1, "bob@example.org", "Great piece.\nThanks!", None),
            key(1, "ana@example.org", "Great piece.\nThanks!!", None),
            key(1, "ana@example.org", "Great piece.\nThanks!", Some(3)),
        ] {
            assert_ne!(different, base);
        }
        assert_ne!(
            key(1, "ana@example.org", "x", Some(3)),
            key(1, "ana@example.org", "x", Some(4))
        );
    }

    const SECRET: &[u8] = b"test secret";

    fn check_token(token: &str, now: i64, expected: Result<FormToken, TokenProblem>) {
        assert_eq!(
            FormToken::verify(token, SECRET, 42, now, 3, 3600),
            expected,
            "{token:?} at {now}"
        );
    }

    #[test]
    fn form_tokens() {
        use TokenProblem::*;
        let t = FormToken {
            article_id: 42,
            issued_at: 1_700_000_000,
        };
        let signed = t.sign(SECRET);
        let (payload, tag) = signed.rsplit_once('.').unwrap();
        assert_eq!(payload, "42.1700000000");
        assert_eq!(tag.len(), 64);
        assert_eq!(signed, t.sign(SECRET));

        check_token(&signed, 1_700_000_003, Ok(t));
        check_token(&signed, 1_700_003_600, Ok(t));
        check_token(&signed, 1_700_000_002, Err(TooFast));
        check_token(&signed, 1_699_999_950, Err(TooFast));
        check_token(&signed, 1_699_999_939, Err(Malformed));
        check_token(&signed, 1_700_003_601, Err(Expired));

        let other_article = FormToken {
            article_id: 43,
            ..t
        };
        check_token(
            &other_article.sign(SECRET),
            1_700_000_010,
            Err(WrongArticle),
        );
        check_token(&t.sign(b"other secret"), 1_700_000_010, Err(BadSignature));
        // Changing what the token claims breaks the signature.
        check_token(
            &format!("42.1699999000.{tag}"),
            1_700_000_010,
            Err(BadSignature),
        );
        check_token(
            &format!("43.1700000000.{tag}"),
            1_700_000_010,
            Err(BadSignature),
        );
        let flipped = format!(
            "{payload}.{}{}",
            if tag.starts_with('0') { '1' } else { '0' },
            &tag[1..]
        );
        check_token(&flipped, 1_700_000_010, Err(BadSignature));
        check_token(
            &format!("{payload}.{}", &tag[..62]),
            1_700_000_010,
            Err(BadSignature),
        );

        for malformed in [
            String::new(),
            "42".into(),
            "42.1700000000".into(),
            format!("x.1700000000.{tag}"),
            format!("42.soon.{tag}"),
            format!("42.1700000000.{}", &tag[1..]),
            format!("42.1700000000.{}zz", &tag[2..]),
            format!("42.1700000000.{tag}.extra"),
            format!("42.1700000000.{tag}.{tag}"),
        ] {
            check_token(&malformed, 1_700_000_010, Err(Malformed));
        }
    }

    #[test]
    fn decide_status_table() {
        use CommentStatus::*;
        use ModerationPolicy::*;
        for (policy, approved_before, blocked, spam, expected) in [
            (HoldAll, false, false, None, Pending),
            (HoldAll, true, false, None, Pending),
            (HoldFirstTime, false, false, None, Pending),
            (HoldFirstTime, true, false, None, Approved),
            (PublishAll, false, false, None, Approved),
            (PublishAll, true, false, None, Approved),
            (PublishAll, true, true, None, Spam),
            (PublishAll, true, false, Some("too many links"), Spam),
            (HoldFirstTime, true, true, None, Spam),
            (HoldAll, false, false, Some("honeypot filled"), Spam),
        ] {
            assert_eq!(
                decide_status(policy, approved_before, blocked, spam),
                expected,
                "{policy} {approved_before} {blocked} {spam:?}"
            );
        }
    }
}
