//! The site settings (the site's identity, comment policy and limits,
//! blocklists, feeds, the dateline's house style): one typed value,
//! [`SiteSettings`], read from the store's key/value rows and checked key
//! by key against the kinds below.
//!
//! The command line, the newsroom and the readers all go through this
//! module, so a value one of them refuses the others refuse too, and no
//! reader ever works with a value outside its range: a bad value is refused
//! when it is set ([`SiteSettings::with`]), and one that is stored all the
//! same (an old release, an archive) is reported by [`SiteSettings::from_rows`]
//! and replaced by the documented default.
//!
//! A refusal is a typed value ([`Problem`]), not a sentence: the newsroom's
//! catalogues word it in the member's language; its `Display` is the
//! command line's English sentence.

use crate::comment::ModerationPolicy;
use crate::zone::SiteZone;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What values a setting takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `true` or `false`.
    Bool,
    /// A whole number in `min..=max`.
    Number { min: i64, max: i64 },
    /// Free text of at most this many characters (blocklists).
    Text { max_chars: usize },
    /// One line of at most this many characters; empty means "as
    /// configured" (the site's name).
    Line { max_chars: usize },
    /// Empty, or an http(s) URL of a WebSub hub.
    HubUrl,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// Empty, or the id of an image in the media library.
    MediaId,
    /// An IANA time zone of the bundled tz database.
    TimeZone,
    /// Up to `max` links, one a line as `Label = URL`; each URL http(s) or
    /// site-relative (`/en/page/about`).
    Links { max: usize },
    /// Empty, or an https URL (a social account).
    HttpsUrl,
}

/// The groups the newsroom's settings page shows, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Site,
    Comments,
    Feeds,
    Datelines,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Site, Group::Comments, Group::Feeds, Group::Datelines];
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Site => "site",
            Group::Comments => "comments",
            Group::Feeds => "feeds",
            Group::Datelines => "datelines",
        }
    }
}

/// One setting: its key, the default a site starts with, what it does (in
/// English, for `dateline settings list`; the newsroom words it from its
/// catalogues), what values it takes, and where the newsroom shows it.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub key: &'static str,
    pub default: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    pub group: Group,
}

impl Spec {
    /// The values this setting takes, in words (for errors and `settings list`).
    pub fn allowed(&self) -> String {
        match self.kind {
            Kind::Bool => "true or false".into(),
            Kind::Number { min, max } => format!("a whole number from {min} to {max}"),
            Kind::Text { max_chars } => format!("text of at most {max_chars} characters"),
            Kind::Line { max_chars } => {
                format!("one line of at most {max_chars} characters (empty: as configured)")
            }
            Kind::HubUrl => "empty, or an http:// or https:// URL of a public host".into(),
            Kind::Choice(words) => match words {
                [] => String::new(),
                [only] => (*only).to_string(),
                [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
            },
            Kind::MediaId => "empty, or the number of an image in the media library".into(),
            Kind::TimeZone => "an IANA time zone such as America/Havana or UTC".into(),
            Kind::Links { max } => format!(
                "at most {max} lines of the form `Label = URL`, each URL http(s) or starting with /"
            ),
            Kind::HttpsUrl => "empty, or an https:// URL".into(),
        }
    }
}

/// Longest blocklist, in characters.
const LIST_CHARS: usize = 10_000;
/// Most footer links.
pub const MAX_FOOTER_LINKS: usize = 12;
/// Longest footer link label, in characters.
pub const MAX_LINK_LABEL: usize = 60;
/// Longest URL (footer links, social accounts), in bytes.
pub const MAX_URL: usize = 500;
/// Longest site name, in characters.
pub const MAX_SITE_NAME: usize = 100;

/// The social networks a site may link to, in the order the footer lists
/// them; the setting of each is `social.{key}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Network {
    X,
    Facebook,
    Instagram,
    YouTube,
    Telegram,
    WhatsApp,
    Mastodon,
    TikTok,
}

impl Network {
    pub const ALL: [Network; 8] = [
        Network::X,
        Network::Facebook,
        Network::Instagram,
        Network::YouTube,
        Network::Telegram,
        Network::WhatsApp,
        Network::Mastodon,
        Network::TikTok,
    ];

    /// The setting's key.
    pub fn key(self) -> &'static str {
        match self {
            Network::X => "social.x",
            Network::Facebook => "social.facebook",
            Network::Instagram => "social.instagram",
            Network::YouTube => "social.youtube",
            Network::Telegram => "social.telegram",
            Network::WhatsApp => "social.whatsapp",
            Network::Mastodon => "social.mastodon",
            Network::TikTok => "social.tiktok",
        }
    }

    /// The network's own name, as its brand writes it in every language.
    pub fn name(self) -> &'static str {
        match self {
            Network::X => "X",
            Network::Facebook => "Facebook",
            Network::Instagram => "Instagram",
            Network::YouTube => "YouTube",
            Network::Telegram => "Telegram",
            Network::WhatsApp => "WhatsApp",
            Network::Mastodon => "Mastodon",
            Network::TikTok => "TikTok",
        }
    }

    fn of_key(key: &str) -> Option<Network> {
        Network::ALL.into_iter().find(|n| n.key() == key)
    }
}

/// A link of the footer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// A social account of the site.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SocialAccount {
    pub network: Network,
    pub name: &'static str,
    pub url: String,
}

const fn social(key: &'static str, help: &'static str) -> Spec {
    Spec {
        key,
        default: "",
        help,
        kind: Kind::HttpsUrl,
        group: Group::Site,
    }
}

/// Every setting, in the order `dateline settings list` and the newsroom
/// show them.
pub const SPECS: &[Spec] = &[
    Spec {
        key: "site.name",
        default: "",
        help: "the site's name in the masthead, titles and feeds; empty: the configured --site-name",
        kind: Kind::Line {
            max_chars: MAX_SITE_NAME,
        },
        group: Group::Site,
    },
    Spec {
        key: "site.logo",
        default: "",
        help: "the number of an image in the media library shown in the masthead; empty: the name alone",
        kind: Kind::MediaId,
        group: Group::Site,
    },
    Spec {
        key: "site.time_zone",
        default: "UTC",
        help: "the IANA time zone every time is shown in, e.g. America/Havana",
        kind: Kind::TimeZone,
        group: Group::Site,
    },
    Spec {
        key: "site.footer_links",
        default: "",
        help: "links in every page's footer, one a line as `Label = URL`",
        kind: Kind::Links {
            max: MAX_FOOTER_LINKS,
        },
        group: Group::Site,
    },
    social("social.x", "the site's X account, e.g. https://x.com/example"),
    social(
        "social.facebook",
        "the site's Facebook page, e.g. https://www.facebook.com/example",
    ),
    social(
        "social.instagram",
        "the site's Instagram account, e.g. https://www.instagram.com/example",
    ),
    social(
        "social.youtube",
        "the site's YouTube channel, e.g. https://www.youtube.com/@example",
    ),
    social(
        "social.telegram",
        "the site's Telegram channel, e.g. https://t.me/example",
    ),
    social(
        "social.whatsapp",
        "the site's WhatsApp channel, e.g. https://whatsapp.com/channel/...",
    ),
    social(
        "social.mastodon",
        "the site's Mastodon account, e.g. https://mastodon.social/@example",
    ),
    social(
        "social.tiktok",
        "the site's TikTok account, e.g. https://www.tiktok.com/@example",
    ),
    Spec {
        key: "comments.policy",
        default: "hold-all",
        help: "hold-all, hold-first-time or publish-all",
        kind: Kind::Choice(&["hold-all", "hold-first-time", "publish-all"]),
        group: Group::Comments,
    },
    Spec {
        key: "comments.close_after_days",
        default: "0",
        help: "close comments this many days after publication; 0 never",
        kind: Kind::Number { min: 0, max: 36_500 },
        group: Group::Comments,
    },
    Spec {
        key: "comments.max_links",
        default: "2",
        help: "most links a comment may carry",
        kind: Kind::Number { min: 0, max: 100 },
        group: Group::Comments,
    },
    Spec {
        key: "comments.rate_per_address",
        default: "5",
        help: "comments one address may post in 10 minutes",
        kind: Kind::Number {
            min: 1,
            max: 1_000_000,
        },
        group: Group::Comments,
    },
    Spec {
        key: "comments.rate_per_email",
        default: "5",
        help: "comments one email may post in 10 minutes",
        kind: Kind::Number {
            min: 1,
            max: 1_000_000,
        },
        group: Group::Comments,
    },
    Spec {
        key: "comments.per_form",
        default: "3",
        help: "comments one reader may post with one served form, before the form is refused as expired",
        kind: Kind::Number {
            min: 1,
            max: 1_000_000,
        },
        group: Group::Comments,
    },
    Spec {
        key: "comments.min_seconds",
        default: "3",
        help: "a form sent back sooner than this after it was served is refused",
        kind: Kind::Number { min: 0, max: 3_600 },
        group: Group::Comments,
    },
    Spec {
        key: "comments.max_hours",
        default: "4",
        help: "a form older than this is refused as expired (a refused form comes back with a fresh one)",
        kind: Kind::Number { min: 1, max: 24 },
        group: Group::Comments,
    },
    Spec {
        key: "comments.blocked_words",
        default: "",
        help: "comma-separated words that send a comment to spam",
        kind: Kind::Text {
            max_chars: LIST_CHARS,
        },
        group: Group::Comments,
    },
    Spec {
        key: "comments.blocked_domains",
        default: "",
        help: "comma-separated domains (email or links) that send a comment to spam",
        kind: Kind::Text {
            max_chars: LIST_CHARS,
        },
        group: Group::Comments,
    },
    Spec {
        key: "feeds.full_content",
        default: "true",
        help: "true: feeds carry whole articles; false: summaries only",
        kind: Kind::Bool,
        group: Group::Feeds,
    },
    Spec {
        key: "feeds.websub_allow_private",
        default: "false",
        help: "true lets the WebSub hub be a loopback or private address (for testing only)",
        kind: Kind::Bool,
        group: Group::Feeds,
    },
    Spec {
        key: "feeds.websub_hub",
        default: "",
        help: "WebSub hub told of every publication, e.g. https://pubsubhubbub.appspot.com/; empty: none",
        kind: Kind::HubUrl,
        group: Group::Feeds,
    },
    Spec {
        key: "dateline.style",
        default: "run-in",
        help: "run-in: the dateline opens the first paragraph (\"Washington, October 4 (RHC) — The ...\"); own-line: it stands above the story",
        kind: Kind::Choice(&["run-in", "own-line"]),
        group: Group::Datelines,
    },
    Spec {
        key: "dateline.place",
        default: "as-typed",
        help: "as-typed: the place as written (Washington); capitals: in capitals (WASHINGTON), as AP sets it",
        kind: Kind::Choice(&["as-typed", "capitals"]),
        group: Group::Datelines,
    },
];

/// The spec of a key, if it is a setting.
pub fn spec(key: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.key == key)
}

/// Why a WebSub hub cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HubProblem {
    /// Not an http:// or https:// URL.
    NotHttp,
    /// Spaces or control characters, or longer than 2,000 bytes.
    Malformed,
    /// A user name or password in the URL.
    Credentials,
    NoHost,
    /// The host is (or resolves to) a loopback, private or otherwise local
    /// address, or is this machine by name.
    Local {
        host: String,
        address: Option<String>,
    },
    /// The host's name could not be resolved (or not in time).
    Unresolvable {
        host: String,
    },
    /// The host's name resolves to no address.
    NoAddress {
        host: String,
    },
}

impl fmt::Display for HubProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const ALLOW: &str =
            "the hub must be public (feeds.websub_allow_private = true allows it, for testing)";
        match self {
            HubProblem::NotHttp => f.write_str("the hub must be an http:// or https:// URL"),
            HubProblem::Malformed => {
                f.write_str("the hub's URL may not contain spaces and is at most 2,000 bytes")
            }
            HubProblem::Credentials => {
                f.write_str("the hub's URL may not carry a user name or password")
            }
            HubProblem::NoHost => f.write_str("the hub's URL has no host"),
            HubProblem::Local {
                host,
                address: Some(address),
            } if address != host => write!(
                f,
                "the hub's host {host} is at {address}, a loopback, private or otherwise local address; {ALLOW}"
            ),
            HubProblem::Local { host, .. } => write!(
                f,
                "{host} is a loopback, private or otherwise local address, or this machine; {ALLOW}"
            ),
            HubProblem::Unresolvable { host } => {
                write!(f, "the hub's host {host} could not be resolved")
            }
            HubProblem::NoAddress { host } => write!(f, "the hub's host {host} has no address"),
        }
    }
}

/// What is wrong with one footer link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    NoLabel,
    LabelTooLong,
    NoUrl,
    /// Neither http(s) nor site-relative, or not a well-formed URL.
    BadUrl,
    UrlTooLong,
}

impl fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkProblem::NoLabel => f.write_str("a link needs a label"),
            LinkProblem::LabelTooLong => {
                write!(f, "a label is at most {MAX_LINK_LABEL} characters")
            }
            LinkProblem::NoUrl => f.write_str("a link needs a URL"),
            LinkProblem::BadUrl => f.write_str(
                "a link's URL starts with http://, https:// or / (an address on this site)",
            ),
            LinkProblem::UrlTooLong => write!(f, "a URL is at most {MAX_URL} bytes"),
        }
    }
}

/// Why a value cannot be a setting's: a typed value for the newsroom's
/// catalogues to word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not one of the setting's words (a choice, `true`/`false`).
    NotOneOf,
    /// Not a whole number in `min..=max`.
    Range {
        min: i64,
        max: i64,
    },
    TooLong {
        max_chars: usize,
    },
    /// A line with a line break or another control character in it.
    NotOneLine,
    Hub(HubProblem),
    /// The allowance for a private hub cannot be withdrawn while such a
    /// hub is set.
    HubNeedsAllowance {
        hub: String,
    },
    UnknownZone,
    /// Not the number of an image in the media library.
    NotAnImage,
    /// Not an https:// URL.
    NotHttps,
    /// Line `row` (from 1) of a list of links.
    Link {
        row: usize,
        problem: LinkProblem,
    },
    TooManyLinks {
        max: usize,
    },
}

/// A value a setting does not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingError {
    Unknown(String),
    Invalid {
        key: &'static str,
        value: String,
        problem: Problem,
    },
}

impl std::error::Error for SettingError {}

impl fmt::Display for SettingError {
    /// The command line's sentence (English).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (key, value, problem) = match self {
            SettingError::Unknown(key) => {
                return write!(
                    f,
                    "there is no setting {key:?}; `dateline settings list` shows them"
                )
            }
            SettingError::Invalid {
                key,
                value,
                problem,
            } => (key, value, problem),
        };
        match problem {
            Problem::Hub(why) => write!(f, "{key}: {why}"),
            Problem::HubNeedsAllowance { hub } => write!(
                f,
                "{key}: the hub {hub} needs it (it is a private address); change the hub first"
            ),
            Problem::Link { row, problem } => write!(f, "{key}: line {row}: {problem}"),
            Problem::TooManyLinks { max } => write!(f, "{key}: at most {max} links"),
            _ => {
                let allowed = spec(key).map(Spec::allowed).unwrap_or_default();
                write!(f, "{key} takes {allowed}, not {value:?}")
            }
        }
    }
}

impl SettingError {
    /// The key the error is about.
    pub fn key(&self) -> &str {
        match self {
            SettingError::Unknown(k) => k,
            SettingError::Invalid { key, .. } => key,
        }
    }

    /// What is wrong, when the key is a setting.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            SettingError::Unknown(_) => None,
            SettingError::Invalid { problem, .. } => Some(problem),
        }
    }
}

/// The site's settings, every one within its range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    /// The site's name; None: the configured `--site-name`.
    pub site_name: Option<String>,
    /// The masthead's logo: an image of the media library.
    pub logo_id: Option<i64>,
    /// The zone every time a person reads is shown in.
    pub time_zone: SiteZone,
    pub footer_links: Vec<Link>,
    /// The site's social accounts, in [`Network::ALL`]'s order.
    pub social: Vec<SocialAccount>,
    pub comments_policy: ModerationPolicy,
    pub feeds_full_content: bool,
    /// The WebSub hub, when one is set.
    pub websub_hub: Option<String>,
    /// Whether the hub may be a loopback or private address (tests only).
    pub websub_allow_private: bool,
    pub close_after_days: i64,
    pub max_links: usize,
    pub rate_per_address: i64,
    pub rate_per_email: i64,
    /// Comments one reader may post with one served form.
    pub per_form: i64,
    pub min_seconds: i64,
    pub max_hours: i64,
    pub blocked_words: String,
    pub blocked_domains: String,
    /// House style: the dateline opens the first paragraph (else it
    /// stands on its own line).
    pub dateline_run_in: bool,
    /// House style: the dateline's place in capitals.
    pub dateline_capitals: bool,
}

impl Default for SiteSettings {
    /// Every setting at its documented default.
    fn default() -> SiteSettings {
        let mut s = SiteSettings {
            site_name: None,
            logo_id: None,
            time_zone: SiteZone::utc(),
            footer_links: Vec::new(),
            social: Vec::new(),
            comments_policy: ModerationPolicy::HoldAll,
            feeds_full_content: true,
            websub_hub: None,
            websub_allow_private: false,
            close_after_days: 0,
            max_links: 2,
            rate_per_address: 5,
            rate_per_email: 5,
            per_form: 3,
            min_seconds: 3,
            max_hours: 4,
            blocked_words: String::new(),
            blocked_domains: String::new(),
            dateline_run_in: true,
            dateline_capitals: false,
        };
        for spec in SPECS {
            // The defaults are in range by construction (a test checks).
            let _ = s.apply(spec, spec.default);
        }
        s
    }
}

impl SiteSettings {
    /// A form older than this (in seconds) is refused as expired.
    pub fn max_form_seconds(&self) -> i64 {
        self.max_hours.saturating_mul(3600)
    }

    /// The site's name: the setting, else the configured one.
    pub fn name_or<'a>(&'a self, configured: &'a str) -> &'a str {
        self.site_name.as_deref().unwrap_or(configured)
    }

    /// The settings from stored rows (unknown keys, such as the site's
    /// secrets, are ignored). A stored value out of its range is not used:
    /// the key keeps its default and the error is returned, for the caller
    /// to log.
    pub fn from_rows<'a>(
        rows: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (SiteSettings, Vec<SettingError>) {
        let mut settings = SiteSettings::default();
        let mut errors = Vec::new();
        let rows: Vec<(&str, &str)> = rows.into_iter().collect();
        // In the order of SPECS, where the allowance comes before the hub
        // that may depend on it.
        for spec in SPECS {
            if let Some((_, value)) = rows.iter().find(|(k, _)| *k == spec.key) {
                if let Err(e) = settings.apply(spec, value) {
                    errors.push(e);
                }
            }
        }
        (settings, errors)
    }

    /// These settings with `key` set to `value`, or why it cannot be; the
    /// value as it should be stored comes with it (trimmed).
    pub fn with(&self, key: &str, value: &str) -> Result<(SiteSettings, String), SettingError> {
        let spec = spec(key).ok_or_else(|| SettingError::Unknown(key.to_string()))?;
        let mut next = self.clone();
        let stored = next.apply(spec, value)?;
        // Withdrawing the allowance while a private hub is set would leave a
        // value the site refuses: say so instead.
        if spec.key == "feeds.websub_allow_private" && !next.websub_allow_private {
            if let Some(hub) = &next.websub_hub {
                if check_hub(hub, false).is_err() {
                    return Err(SettingError::Invalid {
                        key: spec.key,
                        value: value.chars().take(100).collect(),
                        problem: Problem::HubNeedsAllowance { hub: hub.clone() },
                    });
                }
            }
        }
        Ok((next, stored))
    }

    /// Sets one key from text, checking its range; the text to store.
    fn apply(&mut self, spec: &'static Spec, value: &str) -> Result<String, SettingError> {
        let refuse = |problem: Problem| SettingError::Invalid {
            key: spec.key,
            value: value.chars().take(100).collect(),
            problem,
        };
        let trimmed = value.trim();
        match spec.kind {
            Kind::Bool => {
                let b = match trimmed {
                    "true" => true,
                    "false" => false,
                    _ => return Err(refuse(Problem::NotOneOf)),
                };
                match spec.key {
                    "feeds.full_content" => self.feeds_full_content = b,
                    _ => self.websub_allow_private = b,
                }
            }
            Kind::Number { min, max } => {
                let n: i64 = trimmed
                    .parse()
                    .ok()
                    .filter(|n| (min..=max).contains(n))
                    .ok_or_else(|| refuse(Problem::Range { min, max }))?;
                match spec.key {
                    "comments.close_after_days" => self.close_after_days = n,
                    "comments.max_links" => self.max_links = usize::try_from(n).unwrap_or(0),
                    "comments.rate_per_address" => self.rate_per_address = n,
                    "comments.rate_per_email" => self.rate_per_email = n,
                    "comments.per_form" => self.per_form = n,
                    "comments.min_seconds" => self.min_seconds = n,
                    _ => self.max_hours = n,
                }
            }
            Kind::Text { max_chars } => {
                if value.chars().count() > max_chars {
                    return Err(refuse(Problem::TooLong { max_chars }));
                }
                match spec.key {
                    "comments.blocked_words" => self.blocked_words = value.to_string(),
                    _ => self.blocked_domains = value.to_string(),
                }
                return Ok(value.to_string());
            }
            Kind::Line { max_chars } => {
                if trimmed.chars().any(char::is_control) {
                    return Err(refuse(Problem::NotOneLine));
                }
                if trimmed.chars().count() > max_chars {
                    return Err(refuse(Problem::TooLong { max_chars }));
                }
                self.site_name = Some(trimmed.to_string()).filter(|n| !n.is_empty());
            }
            Kind::Choice(words) => {
                let word = words
                    .iter()
                    .find(|w| **w == trimmed)
                    .ok_or_else(|| refuse(Problem::NotOneOf))?;
                match spec.key {
                    "comments.policy" => {
                        self.comments_policy =
                            word.parse().map_err(|_| refuse(Problem::NotOneOf))?
                    }
                    "dateline.style" => self.dateline_run_in = *word == "run-in",
                    _ => self.dateline_capitals = *word == "capitals",
                }
            }
            Kind::HubUrl => {
                if trimmed.is_empty() {
                    self.websub_hub = None;
                } else {
                    check_hub(trimmed, self.websub_allow_private)
                        .map_err(|why| refuse(Problem::Hub(why)))?;
                    self.websub_hub = Some(trimmed.to_string());
                }
            }
            Kind::MediaId => {
                self.logo_id = match trimmed {
                    "" => None,
                    id => Some(
                        id.parse::<i64>()
                            .ok()
                            .filter(|id| *id > 0)
                            .ok_or_else(|| refuse(Problem::NotAnImage))?,
                    ),
                };
            }
            Kind::TimeZone => {
                let zone = SiteZone::parse(trimmed).ok_or_else(|| refuse(Problem::UnknownZone))?;
                let name = zone.name().to_string();
                self.time_zone = zone;
                return Ok(name);
            }
            Kind::Links { max } => {
                let links = parse_links(value, max).map_err(refuse)?;
                let stored = links
                    .iter()
                    .map(|l| format!("{} = {}", l.label, l.url))
                    .collect::<Vec<_>>()
                    .join("\n");
                self.footer_links = links;
                return Ok(stored);
            }
            Kind::HttpsUrl => {
                let network = Network::of_key(spec.key);
                self.social.retain(|a| Some(a.network) != network);
                if !trimmed.is_empty() {
                    check_https(trimmed).map_err(|()| refuse(Problem::NotHttps))?;
                    if let Some(network) = network {
                        self.social.push(SocialAccount {
                            network,
                            name: network.name(),
                            url: trimmed.to_string(),
                        });
                        self.social
                            .sort_by_key(|a| Network::ALL.iter().position(|n| *n == a.network));
                    }
                }
            }
        }
        Ok(trimmed.to_string())
    }
}

/// Footer links from their text, one a line as `Label = URL` (blank lines
/// skipped): at most `max`, each checked by [`check_link`].
pub fn parse_links(text: &str, max: usize) -> Result<Vec<Link>, Problem> {
    let mut links = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // The URL has no spaces, so the last " = " splits the line even
        // when the label holds one.
        let (label, url) = match line.rsplit_once(" = ") {
            Some(pair) => pair,
            None => match line.strip_prefix('=') {
                Some(url) => ("", url),
                None => (line, ""),
            },
        };
        let link = check_link(label, url).map_err(|problem| Problem::Link {
            row: i + 1,
            problem,
        })?;
        if links.len() == max {
            return Err(Problem::TooManyLinks { max });
        }
        links.push(link);
    }
    Ok(links)
}

/// One footer link, checked: a label of 1 to [`MAX_LINK_LABEL`] characters
/// on one line, and a URL that is http(s) or an address on this site
/// (starting with one `/`), never `javascript:` or another scheme.
pub fn check_link(label: &str, url: &str) -> Result<Link, LinkProblem> {
    let label = label.trim();
    let url = url.trim();
    if label.is_empty() {
        return Err(LinkProblem::NoLabel);
    }
    if label.chars().count() > MAX_LINK_LABEL || label.chars().any(char::is_control) {
        return Err(LinkProblem::LabelTooLong);
    }
    if url.is_empty() {
        return Err(LinkProblem::NoUrl);
    }
    if url.len() > MAX_URL {
        return Err(LinkProblem::UrlTooLong);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.contains('\\') {
        return Err(LinkProblem::BadUrl);
    }
    let site_relative = url.starts_with('/') && !url.starts_with("//");
    if !site_relative && web_url(url, &["http", "https"]).is_err() {
        return Err(LinkProblem::BadUrl);
    }
    Ok(Link {
        label: label.to_string(),
        url: url.to_string(),
    })
}

/// An https URL with a host and no user name or password.
fn check_https(url: &str) -> Result<(), ()> {
    if url.len() > MAX_URL {
        return Err(());
    }
    web_url(url, &["https"])
}

/// A URL of one of these schemes, with a host, no credentials, and no
/// spaces or control characters.
fn web_url(text: &str, schemes: &[&str]) -> Result<(), ()> {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) || text.contains('\\') {
        return Err(());
    }
    let url = url::Url::parse(text).map_err(|_| ())?;
    if !schemes.contains(&url.scheme())
        || url.host_str().is_none_or(str::is_empty)
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(());
    }
    Ok(())
}

/// Why a WebSub hub URL cannot be used, or Ok. Checks what can be checked
/// without the network: the scheme, the host's form, and, when the host is
/// an address, that it is public (unless private ones are allowed). Names
/// are resolved, and every address checked again, by the caller that has
/// the network (when the setting is set, and before each ping).
pub fn check_hub(url: &str, allow_private: bool) -> Result<(), HubProblem> {
    let host = hub_host(url)?;
    if allow_private {
        return Ok(());
    }
    if let Some(ip) = parse_ip(&host) {
        if !is_public_address(ip) {
            return Err(HubProblem::Local {
                address: Some(ip.to_string()),
                host,
            });
        }
    } else if host == "localhost" || host.ends_with(".localhost") {
        return Err(HubProblem::Local {
            host,
            address: None,
        });
    }
    Ok(())
}

/// The host of an http(s) URL (lowercased, without brackets or port), or
/// why there is none.
pub fn hub_host(url: &str) -> Result<String, HubProblem> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(HubProblem::NotHttp)?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.len() > 2000 {
        return Err(HubProblem::Malformed);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(HubProblem::Credentials);
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    let host = host.trim_end_matches('.');
    if host.is_empty() {
        return Err(HubProblem::NoHost);
    }
    Ok(host.to_string())
}

/// A host written as an address: dotted IPv4, or IPv6 (bracketed in URLs).
fn parse_ip(host: &str) -> Option<IpAddr> {
    host.parse().ok()
}

/// Whether an address is on the public internet: not loopback, private,
/// link-local (the cloud metadata address 169.254.169.254 among them),
/// unique-local, unspecified, multicast, broadcast, shared (carrier NAT)
/// or reserved, and not an IPv6 form of one of those IPv4 addresses.
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier NAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return is_public_v4(Ipv4Addr::new(
            (s[6] >> 8) as u8,
            s[6] as u8,
            (s[7] >> 8) as u8,
            s[7] as u8,
        ));
    }
    if s[0] == 0x2002 {
        return is_public_v4(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || s[0..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible and other ::/96
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_in_range_and_match_the_specs() {
        let d = SiteSettings::default();
        let (parsed, errors) = SiteSettings::from_rows(SPECS.iter().map(|s| (s.key, s.default)));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(parsed, d);
        assert_eq!(d.max_hours, 4);
        assert_eq!(d.comments_policy, ModerationPolicy::HoldAll);
    }

    #[test]
    fn the_dateline_house_style_is_one_of_its_words() {
        let s = SiteSettings::default();
        assert!(
            s.dateline_run_in && !s.dateline_capitals,
            "the seed's style"
        );
        let (s, stored) = s.with("dateline.style", " own-line ").unwrap();
        assert_eq!(stored, "own-line");
        assert!(!s.dateline_run_in);
        let (s, _) = s.with("dateline.place", "capitals").unwrap();
        assert!(s.dateline_capitals);
        let e = s
            .with("dateline.place", "CAPITALS")
            .unwrap_err()
            .to_string();
        assert!(e.contains("as-typed or capitals"), "{e}");
    }

    #[test]
    fn values_out_of_range_are_refused_with_a_sentence() {
        let s = SiteSettings::default();
        let refused = |key: &str, value: &str| {
            s.with(key, value)
                .expect_err(&format!("{key} = {value}"))
                .to_string()
        };
        assert_eq!(
            refused("comments.max_hours", "99999999999"),
            "comments.max_hours takes a whole number from 1 to 24, not \"99999999999\""
        );
        assert!(refused("comments.max_hours", "0").contains("from 1 to 24"));
        assert!(refused("comments.max_hours", "-1").contains("from 1 to 24"));
        assert!(refused("comments.min_seconds", "x").contains("whole number"));
        assert!(refused("comments.policy", "publish").contains("hold-all"));
        assert!(refused("feeds.full_content", "yes").contains("true or false"));
        assert!(refused("comments.blocked_words", &"x".repeat(10_001)).contains("10000"));
        assert!(refused("no.such", "1").contains("no setting"));
        let (next, stored) = s.with("comments.max_hours", " 12 ").expect("in range");
        assert_eq!((next.max_hours, stored.as_str()), (12, "12"));
        assert_eq!(next.max_form_seconds(), 12 * 3600);
    }

    #[test]
    fn a_private_hub_stored_with_its_allowance_is_read_back() {
        let (s, errors) = SiteSettings::from_rows([
            ("feeds.websub_hub", "http://127.0.0.1:9/"),
            ("feeds.websub_allow_private", "true"),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.websub_hub.as_deref(), Some("http://127.0.0.1:9/"));
        let allowance = SPECS
            .iter()
            .position(|s| s.key == "feeds.websub_allow_private");
        let hub = SPECS.iter().position(|s| s.key == "feeds.websub_hub");
        assert!(allowance < hub);
    }

    #[test]
    fn bad_stored_values_fall_back_to_the_default_and_are_reported() {
        let (s, errors) = SiteSettings::from_rows([
            ("comments.max_hours", "99999999999"),
            ("comments.max_links", "7"),
            ("secret.forms", "abc"),
        ]);
        assert_eq!(s.max_hours, 4);
        assert_eq!(s.max_links, 7);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key(), "comments.max_hours");
    }

    #[test]
    fn hubs_must_be_public_unless_allowed() {
        let s = SiteSettings::default();
        for bad in [
            "http://127.0.0.1:9/",
            "http://10.0.0.1/",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data",
            "http://192.168.1.1/",
            "http://172.16.0.1/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0/",
            "http://224.0.0.1/",
            "http://100.64.0.1/",
            "http://localhost:8080/",
            "https://hub.localhost/",
            "ftp://hub.example/",
            "https://user:pw@hub.example/",
            "https:///",
        ] {
            assert!(
                s.with("feeds.websub_hub", bad).is_err(),
                "{bad} was accepted"
            );
        }
        for good in [
            "https://pubsubhubbub.appspot.com/",
            "http://203.0.113.9:8080/hub",
            "https://[2001:db8::1]/",
            "",
        ] {
            assert!(s.with("feeds.websub_hub", good).is_ok(), "{good}");
        }
        let (allowed, _) = s
            .with("feeds.websub_allow_private", "true")
            .expect("a bool");
        let (with_hub, _) = allowed
            .with("feeds.websub_hub", "http://127.0.0.1:9/")
            .expect("allowed for tests");
        assert_eq!(with_hub.websub_hub.as_deref(), Some("http://127.0.0.1:9/"));
        // The allowance cannot be withdrawn from under a private hub.
        assert!(with_hub
            .with("feeds.websub_allow_private", "false")
            .is_err());
        // A stored private hub without the allowance is not used.
        let (read, errors) = SiteSettings::from_rows([("feeds.websub_hub", "http://10.0.0.1/")]);
        assert_eq!((read.websub_hub, errors.len()), (None, 1));
    }

    #[test]
    fn public_addresses() {
        for public in [
            "8.8.8.8",
            "203.0.113.1",
            "2606:4700::1111",
            "64:ff9b::808:808",
        ] {
            let ip: IpAddr = public.parse().expect("ip");
            assert!(is_public_address(ip), "{public}");
        }
        for local in [
            "127.0.0.2",
            "::",
            "64:ff9b::a00:1",
            "2002:a00:1::",
            "::127.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "fec0::1",
            "ff02::1",
        ] {
            let ip: IpAddr = local.parse().expect("ip");
            assert!(!is_public_address(ip), "{local}");
        }
    }

    #[test]
    fn problems_are_typed_values() {
        let s = SiteSettings::default();
        let problem = |key: &str, value: &str| {
            s.with(key, value)
                .expect_err(&format!("{key} = {value}"))
                .problem()
                .cloned()
        };
        assert_eq!(
            problem("comments.max_hours", "25"),
            Some(Problem::Range { min: 1, max: 24 })
        );
        assert_eq!(
            problem("comments.policy", "publish"),
            Some(Problem::NotOneOf)
        );
        assert_eq!(
            problem("site.time_zone", "Mars/Base"),
            Some(Problem::UnknownZone)
        );
        assert_eq!(
            problem("social.x", "http://x.com/a"),
            Some(Problem::NotHttps)
        );
        assert_eq!(problem("site.logo", "-1"), Some(Problem::NotAnImage));
        assert_eq!(
            problem("site.name", "Two\nlines"),
            Some(Problem::NotOneLine)
        );
        assert_eq!(
            problem("feeds.websub_hub", "ftp://hub.example/"),
            Some(Problem::Hub(HubProblem::NotHttp))
        );
        assert_eq!(s.with("no.such", "1").unwrap_err().problem(), None);
    }

    #[test]
    fn the_site_identity() {
        let s = SiteSettings::default();
        assert_eq!(s.name_or("Configured"), "Configured");
        assert_eq!(s.time_zone.name(), "UTC");
        let (s, stored) = s.with("site.name", "  Radio Habana Cuba ").unwrap();
        assert_eq!(
            (s.name_or("Configured"), stored.as_str()),
            ("Radio Habana Cuba", "Radio Habana Cuba")
        );
        let (s, _) = s.with("site.name", "").unwrap();
        assert_eq!(s.name_or("Configured"), "Configured");
        assert!(s.with("site.name", &"n".repeat(101)).is_err());
        let (s, stored) = s.with("site.time_zone", "america/havana").unwrap();
        assert_eq!(
            (s.time_zone.name(), stored.as_str()),
            ("America/Havana", "America/Havana")
        );
        let (s, _) = s.with("site.logo", "42").unwrap();
        assert_eq!(s.logo_id, Some(42));
        let (s, _) = s.with("site.logo", "").unwrap();
        assert_eq!(s.logo_id, None);
        let (s, _) = s
            .with("social.youtube", "https://www.youtube.com/@rhc")
            .unwrap();
        let (s, _) = s.with("social.x", "https://x.com/rhc").unwrap();
        let networks: Vec<Network> = s.social.iter().map(|a| a.network).collect();
        assert_eq!(
            networks,
            [Network::X, Network::YouTube],
            "in the footer's order"
        );
        let (s, _) = s.with("social.x", "").unwrap();
        assert_eq!(s.social.len(), 1);
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https://user:pw@x.com/",
            "https://x.com/a b",
            "//x.com/a",
            "data:text/html,x",
        ] {
            assert!(s.with("social.x", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn footer_links_are_labelled_and_never_script() {
        let s = SiteSettings::default();
        let (s, stored) = s
            .with(
                "site.footer_links",
                "About us = /en/page/about\r\n\n  Donate = https://donate.example/?a=1&b=2  \nA = B = http://x.example/",
            )
            .unwrap();
        assert_eq!(
            stored,
            "About us = /en/page/about\nDonate = https://donate.example/?a=1&b=2\nA = B = http://x.example/"
        );
        assert_eq!(s.footer_links.len(), 3);
        assert_eq!(s.footer_links[2].label, "A = B");
        let problem = |text: &str| {
            s.with("site.footer_links", text)
                .unwrap_err()
                .problem()
                .cloned()
        };
        for (text, expected) in [
            ("Bad = javascript:alert(1)", LinkProblem::BadUrl),
            ("Bad = JavaScript:alert(1)", LinkProblem::BadUrl),
            ("Bad = //evil.example/", LinkProblem::BadUrl),
            ("Bad = /\\evil.example/", LinkProblem::BadUrl),
            ("Bad = data:text/html,x", LinkProblem::BadUrl),
            ("Bad = https://", LinkProblem::BadUrl),
            ("Bad = ", LinkProblem::NoUrl),
            (" = /en/", LinkProblem::NoLabel),
            ("/en/", LinkProblem::NoUrl),
        ] {
            assert_eq!(
                problem(&format!("Fine = /\n{text}")),
                Some(Problem::Link {
                    row: 2,
                    problem: expected
                }),
                "{text}"
            );
        }
        let label = "l".repeat(61);
        assert_eq!(
            problem(&format!("{label} = /")),
            Some(Problem::Link {
                row: 1,
                problem: LinkProblem::LabelTooLong
            })
        );
        let many = (0..13)
            .map(|i| format!("L{i} = /{i}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(problem(&many), Some(Problem::TooManyLinks { max: 12 }));
        let (s, stored) = s.with("site.footer_links", "").unwrap();
        assert!(s.footer_links.is_empty() && stored.is_empty());
    }

    #[test]
    fn every_setting_has_a_group_and_the_site_comes_first() {
        assert_eq!(SPECS[0].group, Group::Site);
        for spec in SPECS {
            assert!(Group::ALL.contains(&spec.group), "{}", spec.key);
        }
        for network in Network::ALL {
            assert_eq!(spec(network.key()).map(|s| s.kind), Some(Kind::HttpsUrl));
        }
    }
}
