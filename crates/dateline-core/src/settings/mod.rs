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

//!
//! Here, the settings' kinds and specs; in `problem.rs` the refusals, in
//! `site.rs` the typed settings, in `check.rs` the checks of links and of
//! a WebSub hub's address.

mod check;
mod problem;
mod site;

pub use check::{check_hub, check_link, hub_host, is_public_address, parse_links};
pub use problem::{HubProblem, LinkProblem, Problem, SettingError};
pub use site::SiteSettings;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comment::ModerationPolicy;
    use std::net::IpAddr;

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
