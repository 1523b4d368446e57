//! News datelines: "Washington, October 4 (RHC)--", "HAVANA, Nov 24 (Reuters) -".
//!
//! A dateline says where a story was filed, on which day, and by which agency.
//! The year is often missing in agency copy; callers resolve it.
//!
//! Recognised shapes, in order: a place of at most five words (optionally
//! followed by a region, "SAN JOSE, Costa Rica"), an optional date in English
//! ("Oct. 3", "October 4, 2016") or day-first Romance order ("24 nov",
//! "3 de octubre de 2016"), an agency in parentheses or slashes ("(EFE)",
//! "/TASS/"), and a separator (`-`, `--`, `—`, `–`, `.`, `.-` or `:`).
//! The agency and the separator are both required at the head of a
//! paragraph, because without them an ordinary sentence such as
//! "In Washington, officials said" would look like a dateline.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Month};

/// A dateline as it appears at the head of agency copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place as written, e.g. "Washington" or "HAVANA".
    pub place: String,
    pub date: Option<DatelineDate>,
    /// The agency's short name, e.g. "RHC", "Reuters", "AP", "TASS".
    pub agency: Option<String>,
}

/// The day a dateline names; the year is optional because agencies leave it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatelineDate {
    pub year: Option<i32>,
    pub month: Month,
    pub day: u8,
}

impl DatelineDate {
    /// The calendar date, taking `default_year` when the dateline names none.
    /// `None` when the day does not exist in that month (February 30).
    pub fn resolve(self, default_year: i32) -> Option<Date> {
        Date::from_calendar_date(self.year.unwrap_or(default_year), self.month, self.day).ok()
    }
}

/// Writes the dateline in English house style: "Washington, October 4 (RHC)".
impl fmt::Display for Dateline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.place)?;
        if let Some(date) = self.date {
            write!(f, ", {} {}", date.month, date.day)?;
            if let Some(year) = date.year {
                write!(f, ", {year}")?;
            }
        }
        if let Some(agency) = &self.agency {
            write!(f, " ({agency})")?;
        }
        Ok(())
    }
}

/// Recognises a dateline at the very start of a paragraph and returns it with
/// the rest of the paragraph, separator and leading whitespace removed.
///
/// Returns `None` for ordinary sentences: an agency marker in parentheses or
/// slashes and a separator after it are both required.
pub fn parse_dateline(text: &str) -> Option<(Dateline, &str)> {
    let (dateline, after) = parse_head(text.trim_start(), true)?;
    let rest = skip_separator(after)?;
    Some((dateline, rest))
}

/// Reads a dateline that stands alone, as in a `Dateline:` header:
/// "Washington, October 4 (RHC)", "Havana (EFE)" or just "Geneva".
///
/// Unlike [`parse_dateline`] the agency and the trailing separator are
/// optional, since the header already says what the text is; anything other
/// than a separator after the dateline makes it unreadable.
pub fn parse_dateline_label(text: &str) -> Option<Dateline> {
    let (dateline, after) = parse_head(text.trim(), false)?;
    let after = after.trim_start();
    let rest = if after.is_empty() {
        after
    } else {
        skip_separator(after)?
    };
    rest.is_empty().then_some(dateline)
}

const MAX_PLACE_WORDS: usize = 5;
const MAX_PLACE_CHARS: usize = 40;
const MAX_AGENCY_WORDS: usize = 4;
const MAX_AGENCY_CHARS: usize = 40;

/// Agencies that style their name in lower case.
const LOWER_CASE_AGENCIES: &[&str] = &["dpa", "apa", "epd"];

/// Lower-case words that may sit inside a place name ("Rio de Janeiro",
/// "Dayr al-Zawr"); any other lower-case word means we are reading a sentence.
const PLACE_PARTICLES: &[&str] = &[
    "al", "an", "am", "d", "da", "das", "de", "del", "della", "des", "di", "do", "dos", "du", "el",
    "en", "es", "la", "las", "le", "les", "los", "of", "on", "sur", "the", "upon", "van", "von",
    "y",
];

/// Parses place, optional date and agency; returns what follows them.
fn parse_head(s: &str, require_agency: bool) -> Option<(Dateline, &str)> {
    let (first, mut s) = take_place_segment(s)?;
    let mut place = first.to_string();
    let mut date = None;

    if let Some(after_comma) = s.strip_prefix(',') {
        let after_comma = after_comma.trim_start();
        if let Some((d, after)) = parse_date(after_comma) {
            date = Some(d);
            s = after;
        } else {
            // A region or country after the city: "SAN JOSE, Costa Rica (AP) —".
            let (region, after) = take_place_segment(after_comma)?;
            place = format!("{place}, {region}");
            s = after;
            if let Some(after_comma) = s.strip_prefix(',') {
                let (d, after) = parse_date(after_comma.trim_start())?;
                date = Some(d);
                s = after;
            }
        }
    }
    if place.split_whitespace().count() > MAX_PLACE_WORDS || place.chars().count() > MAX_PLACE_CHARS
    {
        return None;
    }

    // TASS closes the date with a full stop: "MOSCOW, October 3. /TASS/.".
    let mut rest = s.trim_start();
    if date.is_some() {
        if let Some(after_dot) = rest.strip_prefix('.') {
            let after_dot = after_dot.trim_start();
            if after_dot.starts_with('/') || after_dot.starts_with('(') {
                rest = after_dot;
            }
        }
    }

    let agency = match take_agency(rest) {
        Some((agency, after)) => {
            rest = after;
            Some(agency)
        }
        None if require_agency => return None,
        None => None,
    };
    let dateline = Dateline {
        place,
        date,
        agency,
    };
    Some((dateline, rest))
}

/// Takes one place segment ("RIO DE JANEIRO", "Port-au-Prince", "ST. LOUIS")
/// and returns it trimmed, with the input from the character that ended it.
fn take_place_segment(s: &str) -> Option<(&str, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.')))
        .map_or(s.len(), |(i, _)| i);
    let (segment, rest) = s.split_at(end);
    // The place must end at a comma, an agency marker or the end of the text.
    if !(rest.is_empty() || rest.starts_with([',', '(', '/'])) {
        return None;
    }
    let segment = segment.trim();
    let first = segment.chars().next()?;
    if !first.is_uppercase() || segment.chars().count() > MAX_PLACE_CHARS {
        return None;
    }
    let words_ok = segment.split_whitespace().all(|word| {
        let head = word.split(['-', '\'', '’']).next().unwrap_or(word);
        word.chars().next().is_some_and(char::is_uppercase)
            || PLACE_PARTICLES.contains(&head.to_lowercase().as_str())
    });
    (words_ok && segment.split_whitespace().count() <= MAX_PLACE_WORDS).then_some((segment, rest))
}

/// Parses "(Reuters)" or "/TASS/" and returns the agency's name.
fn take_agency(s: &str) -> Option<(String, &str)> {
    let (close, inner_slash_ok) = match s.chars().next()? {
        '(' => (')', true),
        '/' => ('/', false),
        _ => return None,
    };
    let body = &s[1..];
    let end = body.find(close)?;
    let name = body[..end].trim();
    let valid_chars = name.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(c, ' ' | '-' | '&' | '.' | '\'' | '’')
            || (c == '/' && inner_slash_ok)
    });
    // Agencies are proper names; a lower-case start ("(and China)") is an
    // aside in a sentence unless it is one of the agencies styled that way.
    let proper = name
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || LOWER_CASE_AGENCIES.contains(&name);
    let plausible = valid_chars
        && proper
        && name.chars().any(char::is_alphabetic)
        && name.chars().count() <= MAX_AGENCY_CHARS
        && name.split_whitespace().count() <= MAX_AGENCY_WORDS;
    plausible.then(|| (name.to_string(), &body[end + close.len_utf8()..]))
}

/// Skips the separator after the agency: `-`, `--`, `—`, `–`, `.`, `.-`, `:`.
/// Returns the text after it with leading whitespace removed.
fn skip_separator(s: &str) -> Option<&str> {
    let mut rest = s.trim_start();
    let mut found = false;
    if let Some(after) = rest.strip_prefix('.') {
        rest = after.trim_start();
        found = true;
    }
    let dashes = rest
        .char_indices()
        .find(|&(_, c)| !matches!(c, '-' | '—' | '–' | '―' | ':'))
        .map_or(rest.len(), |(i, _)| i);
    if dashes > 0 && rest[..dashes].chars().count() <= 3 {
        rest = &rest[dashes..];
        found = true;
    } else if dashes > 0 {
        return None;
    }
    found.then(|| rest.trim_start())
}

/// Parses a date in English ("Oct. 3", "October 4, 2016") or day-first
/// order ("24 nov", "3 Oct.", "3 de octubre de 2016").
fn parse_date(s: &str) -> Option<(DatelineDate, &str)> {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        let (day, rest) = take_day(s)?;
        let rest = rest.trim_start();
        let rest = strip_word(rest, "de").unwrap_or(rest);
        let (month, rest) = take_month(rest)?;
        let (year, rest) = take_year(rest, true);
        Some((date(year, month, day)?, rest))
    } else {
        let (month, rest) = take_month(s)?;
        let rest = rest.trim_start();
        let (day, rest) = take_day(rest)?;
        let (year, rest) = take_year(rest, false);
        Some((date(year, month, day)?, rest))
    }
}

fn date(year: Option<i32>, month: Month, day: u8) -> Option<DatelineDate> {
    (1..=31)
        .contains(&day)
        .then_some(DatelineDate { year, month, day })
}

/// A day of one or two digits, with an optional English ordinal suffix.
fn take_day(s: &str) -> Option<(u8, &str)> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if !(1..=2).contains(&digits) {
        return None;
    }
    let day = s[..digits].parse().ok()?;
    let mut rest = &s[digits..];
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(after) = rest.strip_prefix(suffix) {
            rest = after;
            break;
        }
    }
    if rest.starts_with(char::is_alphanumeric) {
        return None;
    }
    Some((day, rest))
}

/// An optional four-digit year after the day: ", 2016", " 2016" or " de 2016".
fn take_year(s: &str, allow_de: bool) -> (Option<i32>, &str) {
    let mut candidate = s.strip_prefix(',').unwrap_or(s).trim_start();
    if allow_de {
        candidate = strip_word(candidate, "de").unwrap_or(candidate);
    }
    let digits = candidate
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(candidate.len());
    if digits == 4 && !candidate[digits..].starts_with(char::is_alphanumeric) {
        if let Ok(year) = candidate[..digits].parse() {
            return (Some(year), &candidate[digits..]);
        }
    }
    (None, s)
}

/// Strips a whole word (case-insensitive) and the whitespace after it.
fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    let rest = &s[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with(char::is_whitespace))
        .then(|| rest.trim_start())
}

/// A month name or abbreviation, with an optional full stop after it.
fn take_month(s: &str) -> Option<(Month, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    let month = month_from_name(&s[..end].to_lowercase())?;
    let rest = &s[end..];
    Some((month, rest.strip_prefix('.').unwrap_or(rest)))
}

/// Month names and the abbreviations agencies use, in the site's languages.
fn month_from_name(name: &str) -> Option<Month> {
    use Month::*;
    let month = match name {
        // English.
        "january" | "jan" => January,
        "february" | "feb" => February,
        "march" | "mar" => March,
        "april" | "apr" => April,
        "may" => May,
        "june" | "jun" => June,
        "july" | "jul" => July,
        "august" | "aug" => August,
        "september" | "sept" | "sep" => September,
        "october" | "oct" => October,
        "november" | "nov" => November,
        "december" | "dec" => December,
        // Spanish.
        "enero" | "ene" => January,
        "febrero" => February,
        "marzo" => March,
        "abril" | "abr" => April,
        "mayo" => May,
        "junio" => June,
        "julio" => July,
        "agosto" | "ago" => August,
        "septiembre" | "setiembre" | "set" => September,
        "octubre" => October,
        "noviembre" => November,
        "diciembre" | "dic" => December,
        // French.
        "janvier" | "janv" => January,
        "février" | "fevrier" | "févr" | "fevr" | "fév" => February,
        "mars" => March,
        "avril" | "avr" => April,
        "mai" => May,
        "juin" => June,
        "juillet" | "juil" => July,
        "août" | "aout" => August,
        "septembre" => September,
        "octobre" => October,
        "novembre" => November,
        "décembre" | "decembre" | "déc" => December,
        // Portuguese.
        "janeiro" => January,
        "fevereiro" | "fev" => February,
        "março" | "marco" => March,
        "maio" => May,
        "junho" => June,
        "julho" => July,
        "setembro" => September,
        "outubro" | "out" => October,
        "novembro" => November,
        "dezembro" | "dez" => December,
        // Italian.
        "gennaio" | "gen" => January,
        "febbraio" => February,
        "aprile" => April,
        "maggio" | "mag" => May,
        "giugno" | "giu" => June,
        "luglio" | "lug" => July,
        "settembre" => September,
        "ottobre" | "ott" => October,
        "dicembre" => December,
        _ => return None,
    };
    Some(month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month::*;

    /// Asserts a parse; `month_day` and `agency` of `None` mean "absent".
    #[track_caller]
    fn check(
        input: &str,
        place: &str,
        month_day: Option<(Month, u8)>,
        agency: Option<&str>,
        rest_prefix: &str,
    ) {
        let Some((dateline, rest)) = parse_dateline(input) else {
            panic!("no dateline in {input:?}");
        };
        assert_eq!(dateline.place, place, "place of {input:?}");
        assert_eq!(
            dateline.date.map(|d| (d.month, d.day)),
            month_day,
            "date of {input:?}"
        );
        assert_eq!(dateline.agency.as_deref(), agency, "agency of {input:?}");
        assert!(
            rest.starts_with(rest_prefix),
            "rest of {input:?} is {rest:?}, expected it to start with {rest_prefix:?}"
        );
    }

    #[track_caller]
    fn check_none(input: &str) {
        assert_eq!(parse_dateline(input), None, "{input:?}");
    }

    #[test]
    fn agency_styles() {
        check(
            "Washington, October 4 (RHC)-- The United States has suspended",
            "Washington",
            Some((October, 4)),
            Some("RHC"),
            "The United States",
        );
        check(
            "HAVANA, Nov 24 (Reuters) - Cuba said on Thursday",
            "HAVANA",
            Some((November, 24)),
            Some("Reuters"),
            "Cuba said",
        );
        check(
            "PARIS (AP) — The French government",
            "PARIS",
            None,
            Some("AP"),
            "The French",
        );
        check(
            "MOSCOW, October 3. /TASS/. Russia has suspended",
            "MOSCOW",
            Some((October, 3)),
            Some("TASS"),
            "Russia has",
        );
        check(
            "BEIJING, Oct. 3 (Xinhua) -- China on Monday",
            "BEIJING",
            Some((October, 3)),
            Some("Xinhua"),
            "China on",
        );
        check(
            "LONDON (AFP) - Britain's",
            "LONDON",
            None,
            Some("AFP"),
            "Britain's",
        );
        check(
            "UNITED NATIONS, Oct 3 (Reuters) - The U.N.",
            "UNITED NATIONS",
            Some((October, 3)),
            Some("Reuters"),
            "The U.N.",
        );
    }

    #[test]
    fn place_names() {
        check(
            "RIO DE JANEIRO, Aug 5 (Reuters) - Brazil",
            "RIO DE JANEIRO",
            Some((August, 5)),
            Some("Reuters"),
            "Brazil",
        );
        check(
            "Rio de Janeiro, Aug 5 (Reuters) - Brazil",
            "Rio de Janeiro",
            Some((August, 5)),
            Some("Reuters"),
            "Brazil",
        );
        check(
            "SAN JOSÉ, May 2 (AFP) – Costa Rica",
            "SAN JOSÉ",
            Some((May, 2)),
            Some("AFP"),
            "Costa Rica",
        );
        check(
            "PORT-AU-PRINCE, Jan. 12 (AP) — Haiti",
            "PORT-AU-PRINCE",
            Some((January, 12)),
            Some("AP"),
            "Haiti",
        );
        check(
            "ST. PETERSBURG (TASS) - The forum",
            "ST. PETERSBURG",
            None,
            Some("TASS"),
            "The forum",
        );
        check(
            "SAN JOSE, Costa Rica (AP) — Costa Rica's",
            "SAN JOSE, Costa Rica",
            None,
            Some("AP"),
            "Costa Rica's",
        );
        check(
            "DAYR AL-ZAWR, Sept 18 (Reuters) - Syrian",
            "DAYR AL-ZAWR",
            Some((September, 18)),
            Some("Reuters"),
            "Syrian",
        );
    }

    #[test]
    fn months_and_years() {
        for (input, month, day) in [
            ("GENEVA, Sept. 9 (Reuters) - x", September, 9),
            ("GENEVA, Sep 9 (Reuters) - x", September, 9),
            ("GENEVA, Sept 9 (Reuters) - x", September, 9),
            ("GENEVA, Feb. 28 (Reuters) - x", February, 28),
            ("GENEVA, December 31 (Reuters) - x", December, 31),
            ("GENEVA, Jun 1 (Reuters) - x", June, 1),
            ("GENEVA, July 4th (Reuters) - x", July, 4),
        ] {
            check(input, "GENEVA", Some((month, day)), Some("Reuters"), "x");
        }

        let (dateline, rest) =
            parse_dateline("Washington, October 4, 2016 (RHC)-- The United States").expect("year");
        assert_eq!(
            dateline.date,
            Some(DatelineDate {
                year: Some(2016),
                month: October,
                day: 4
            })
        );
        assert_eq!(rest, "The United States");
    }

    #[test]
    fn separators() {
        for input in [
            "HAVANA (PL) - Cuba",
            "HAVANA (PL) -- Cuba",
            "HAVANA (PL)--Cuba",
            "HAVANA (PL) — Cuba",
            "HAVANA (PL)—Cuba",
            "HAVANA (PL) – Cuba",
            "HAVANA (PL).- Cuba",
            "HAVANA (PL). Cuba",
            "HAVANA (PL): Cuba",
        ] {
            check(input, "HAVANA", None, Some("PL"), "Cuba");
        }
    }

    #[test]
    fn spanish_and_day_first() {
        check(
            "La Habana, 24 nov (EFE).- El Gobierno cubano",
            "La Habana",
            Some((November, 24)),
            Some("EFE"),
            "El Gobierno",
        );
        check(
            "MADRID, 3 Oct. (EFE) - El Congreso",
            "MADRID",
            Some((October, 3)),
            Some("EFE"),
            "El Congreso",
        );
        check(
            "La Habana, 3 de octubre (Prensa Latina) - Cuba",
            "La Habana",
            Some((October, 3)),
            Some("Prensa Latina"),
            "Cuba",
        );
        check(
            "Caracas, 1 ene (EFE).- Venezuela",
            "Caracas",
            Some((January, 1)),
            Some("EFE"),
            "Venezuela",
        );
        check(
            "Bogotá, 15 dic (EFE).- Colombia",
            "Bogotá",
            Some((December, 15)),
            Some("EFE"),
            "Colombia",
        );
        check(
            "PARIS, 3 octobre (AFP) - La France",
            "PARIS",
            Some((October, 3)),
            Some("AFP"),
            "La France",
        );
        let (dateline, _) =
            parse_dateline("Quito, 5 de agosto de 2016 (EFE).- Ecuador").expect("long date");
        assert_eq!(
            dateline.date,
            Some(DatelineDate {
                year: Some(2016),
                month: August,
                day: 5
            })
        );
    }

    #[test]
    fn sentences_are_not_datelines() {
        for input in [
            "\"The United States is suspending its participation in bilateral channels\"",
            "The United States is suspending its participation in bilateral channels",
            "Kirby also accused Moscow of not living up to its commitments",
            "In Washington, officials said the talks had failed.",
            "Secretary of State John Kerry had announced last week",
            "Moscow and Washington agreed on a milestone deal after some 13 hours",
            "Russia (and China) - together",
            "Kirby (the spokesman) - said",
            "U.S. Suspends Negotiations with Russia over Syria Ceasefire",
            "HAVANA, Nov 24 (Reuters) Cuba said",
            "HAVANA, Nov 24 - Cuba said",
            "HAVANA, Nov 32 (Reuters) - Cuba said",
            "HAVANA, Smarch 3 (Reuters) - Cuba said",
            "THE UNITED STATES OF AMERICA TODAY, Oct 3 (Reuters) - x",
            "A place name far too long to be a dateline, Oct 3 (Reuters) - x",
            "",
            "(Reuters) - Cuba",
            "1. HAVANA (Reuters) - Cuba",
        ] {
            check_none(input);
        }
    }

    #[test]
    fn labels_need_no_agency_or_separator() {
        let label = |s| parse_dateline_label(s).map(|d| d.to_string());
        assert_eq!(
            label("Washington, October 4 (RHC)").as_deref(),
            Some("Washington, October 4 (RHC)")
        );
        assert_eq!(label("Havana (EFE) -").as_deref(), Some("Havana (EFE)"));
        assert_eq!(label("Geneva").as_deref(), Some("Geneva"));
        assert_eq!(
            label("La Habana, 24 nov").as_deref(),
            Some("La Habana, November 24")
        );
        assert_eq!(
            label("Washington, October 4, 2016").as_deref(),
            Some("Washington, October 4, 2016")
        );
        assert_eq!(label("Havana (EFE) - Cuba said"), None);
        assert_eq!(label("in the morning"), None);
        assert_eq!(label(""), None);
    }

    #[test]
    fn resolve_uses_default_year_and_rejects_impossible_days() {
        let date = |year, month, day| DatelineDate { year, month, day };
        assert_eq!(
            date(None, October, 4).resolve(2016),
            Date::from_calendar_date(2016, October, 4).ok()
        );
        assert_eq!(
            date(Some(2015), October, 4).resolve(2016),
            Date::from_calendar_date(2015, October, 4).ok()
        );
        assert_eq!(date(None, February, 30).resolve(2016), None);
        assert_eq!(date(None, February, 29).resolve(2015), None);
        assert!(date(None, February, 29).resolve(2016).is_some());
        assert_eq!(date(None, April, 31).resolve(2016), None);
    }
}
