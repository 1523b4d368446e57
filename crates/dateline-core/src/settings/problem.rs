//! Why a value cannot be a setting's: typed refusals, worded by the
//! newsroom's catalogues; their `Display` is the command line's English.

use super::{spec, Spec, MAX_LINK_LABEL, MAX_URL};
use std::fmt;
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
