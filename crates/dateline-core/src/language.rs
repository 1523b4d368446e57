//! The languages the site publishes in.
//!
//! The set is closed on purpose: every language needs a translation catalogue,
//! a search analyser and a text direction, so adding one is a code change.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Es,
    Fr,
    Pt,
    Ar,
    Eo,
    It,
}

/// Writing direction of a language, as the HTML `dir` attribute spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

impl Language {
    pub const ALL: [Language; 7] = [
        Language::En,
        Language::Es,
        Language::Fr,
        Language::Pt,
        Language::Ar,
        Language::Eo,
        Language::It,
    ];

    /// The BCP 47 code used in URLs, `<html lang>` and the database.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
            Language::Fr => "fr",
            Language::Pt => "pt",
            Language::Ar => "ar",
            Language::Eo => "eo",
            Language::It => "it",
        }
    }

    /// The language's own name for itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Es => "Español",
            Language::Fr => "Français",
            Language::Pt => "Português",
            Language::Ar => "العربية",
            Language::Eo => "Esperanto",
            Language::It => "Italiano",
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Language::Ar => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected one of en, es, fr, pt, ar, eo, it")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts the code in any case, with or without a region (`pt-BR` is `pt`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == primary)
            .ok_or_else(|| UnknownLanguage(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_regions() {
        assert_eq!("ar".parse::<Language>(), Ok(Language::Ar));
        assert_eq!("pt-BR".parse::<Language>(), Ok(Language::Pt));
        assert_eq!("ES".parse::<Language>(), Ok(Language::Es));
        assert!("de".parse::<Language>().is_err());
        assert!("".parse::<Language>().is_err());
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        for l in Language::ALL {
            let expected = if l == Language::Ar { "rtl" } else { "ltr" };
            assert_eq!(l.direction().as_str(), expected, "{l}");
        }
    }
}
