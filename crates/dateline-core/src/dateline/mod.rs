//! News datelines: "Washington, October 4 (RHC)--", "HAVANA, Nov 24 (Reuters) -".
//!
//! A dateline says where a story was filed, on which day, and by which agency.
//! The year is often missing in agency copy; callers resolve it.
//!
//! Recognised shapes, in order: a place of at most five words (optionally
//! followed by a region, "SAN JOSE, Costa Rica"), an optional date in English
//! ("Oct. 3", "October 4, 2016") or day-first order ("24 nov",
//! "3 de octubre de 2016", "23 نوفمبر", "la 23-an de novembro"), an agency
//! in parentheses or slashes ("(EFE)", "/TASS/"), and a separator (`-`, `--`,
//! `—`, `–`, `.`, `.-` or `:`).
//! The agency and the separator are both required at the head of a
//! paragraph, because without them an ordinary sentence such as
//! "In Washington, officials said" would look like a dateline.
//!
//! Arabic datelines ("هافانا، 23 نوفمبر (RHC)") use the Arabic comma, Arabic
//! month names (Egyptian and Gulf "نوفمبر", Levantine "تشرين الثاني", or both
//! as "نوفمبر/تشرين الثاني") and Western or Arabic-Indic digits ("٢٣").
//! Arabic script has no capitals, so the rule that a place's words start with
//! a capital cannot tell a place from a sentence there; instead a place in a
//! caseless script may not contain a full stop or one of the Arabic function
//! words ("في", "قال", "إن", …) that ordinary sentences are full of.
//! Bidirectional marks (U+200E, U+200F, U+061C, …) count as spaces.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Month};

mod date;

use date::parse_date;

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
    let (dateline, after) = parse_head(trim_start(text), true)?;
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
    let (dateline, after) = parse_head(trim(text), false)?;
    let after = trim_start(after);
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

/// Words of Arabic sentences that never stand in a place name, compared
/// after [`fold_arabic`]. They stand in for the capital letter that a
/// place name in a cased script must start with.
const CASELESS_STOP_WORDS: &[&str] = &[
    "في",
    "من",
    "الى",
    "على",
    "عن",
    "ان",
    "انه",
    "انها",
    "قد",
    "لقد",
    "لا",
    "لم",
    "لن",
    "ما",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "كان",
    "كانت",
    "قال",
    "قالت",
    "وقال",
    "وقالت",
    "يقول",
    "تقول",
    "يوم",
    "اليوم",
    "امس",
    "مع",
    "بعد",
    "قبل",
    "حيث",
    "كما",
    "او",
    "ثم",
    "بين",
    "عند",
    "منذ",
    "حتى",
    "خلال",
    "هو",
    "هي",
    "هم",
    "نحن",
    "ايضا",
    "لكن",
    "بل",
    "اذا",
    "لان",
    "عندما",
    "و",
];

/// Arabic-script agencies, written as [`fold_arabic`] leaves them and without
/// dots or spaces ("أ ف ب", "أ.ف.ب" → "افب"). At the head of a paragraph an
/// agency in a caseless script must be one of these; in a `Dateline:` header
/// any name will do.
const CASELESS_AGENCIES: &[&str] = &[
    "رويترز",
    "افب",
    "اب",
    "دبا",
    "اشا",
    "افي",
    "الاناضول",
    "برنسالاتينا",
    "بنا",
    "بترا",
    "تاس",
    "سانا",
    "سبا",
    "سبوتنيك",
    "شينخوا",
    "قنا",
    "كونا",
    "واس",
    "وام",
    "واج",
    "وات",
    "وفا",
    "ومع",
];

/// Parses place, optional date and agency; returns what follows them.
fn parse_head(s: &str, require_agency: bool) -> Option<(Dateline, &str)> {
    let (first, mut s) = take_place_segment(s)?;
    let mut place = first.to_string();
    let mut date = None;

    if let Some(after_comma) = strip_comma(s) {
        if let Some((d, after)) = parse_date(after_comma) {
            date = Some(d);
            s = after;
        } else {
            // A region or country after the city: "SAN JOSE, Costa Rica (AP) —".
            let (region, after) = take_place_segment(after_comma)?;
            // Keep the comma as written: "سان خوسيه، كوستاريكا".
            let comma = if s.starts_with('،') { '،' } else { ',' };
            place = format!("{place}{comma} {region}");
            s = after;
            if let Some(after_comma) = strip_comma(s) {
                let (d, after) = parse_date(after_comma)?;
                date = Some(d);
                s = after;
            }
        }
    }
    if word_count(&place) > MAX_PLACE_WORDS || place.chars().count() > MAX_PLACE_CHARS {
        return None;
    }

    // TASS closes the date with a full stop: "MOSCOW, October 3. /TASS/.".
    let mut rest = trim_start(s);
    if date.is_some() {
        if let Some(after_dot) = rest.strip_prefix('.') {
            let after_dot = trim_start(after_dot);
            if after_dot.starts_with('/') || after_dot.starts_with('(') {
                rest = after_dot;
            }
        }
    }

    let agency = match take_agency(rest, require_agency) {
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

/// Takes one place segment ("RIO DE JANEIRO", "Port-au-Prince", "ST. LOUIS",
/// "سانتو دومينغو") and returns it trimmed, with the input from the character
/// that ended it.
fn take_place_segment(s: &str) -> Option<(&str, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || is_space(c) || matches!(c, '-' | '\'' | '’' | '.')))
        .map_or(s.len(), |(i, _)| i);
    let (segment, rest) = s.split_at(end);
    // The place must end at a comma, an agency marker or the end of the text.
    if !(rest.is_empty() || rest.starts_with([',', '،', '(', '/'])) {
        return None;
    }
    let segment = trim(segment);
    let first = segment.chars().next()?;
    if !(first.is_uppercase() || is_caseless_letter(first))
        || segment.chars().count() > MAX_PLACE_CHARS
    {
        return None;
    }
    let words_ok = words(segment).all(|word| {
        let head = word.split(['-', '\'', '’']).next().unwrap_or(word);
        match word.chars().next() {
            Some(c) if c.is_uppercase() => true,
            Some(c) if is_caseless_letter(c) => {
                !word.contains('.') && !CASELESS_STOP_WORDS.contains(&fold_arabic(word).as_str())
            }
            _ => PLACE_PARTICLES.contains(&head.to_lowercase().as_str()),
        }
    });
    (words_ok && word_count(segment) <= MAX_PLACE_WORDS).then_some((segment, rest))
}

/// A letter of a script without capitals (Arabic, Hebrew, Chinese, …).
fn is_caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
}

/// Whitespace, or a bidirectional mark that right-to-left copy scatters
/// around Latin agency names and digits.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|w| !w.is_empty())
}

fn word_count(s: &str) -> usize {
    words(s).count()
}

fn trim_start(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Strips a Latin or Arabic comma and the space after it.
fn strip_comma(s: &str) -> Option<&str> {
    s.strip_prefix([',', '،']).map(trim_start)
}

/// Folds the spellings of Arabic words together: drops short vowels and
/// other marks and the tatweel, and writes every alef with hamza or madda
/// as a bare alef ("أبريل", "إبريل" → "ابريل"). Other text passes unchanged.
fn fold_arabic(word: &str) -> String {
    word.chars()
        .filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            c => c,
        })
        .collect()
}

/// Parses "(Reuters)" or "/TASS/" and returns the agency's name. An agency
/// in a caseless script must be a known one when `strict`.
fn take_agency(s: &str, strict: bool) -> Option<(String, &str)> {
    let (close, inner_slash_ok) = match s.chars().next()? {
        '(' => (')', true),
        '/' => ('/', false),
        _ => return None,
    };
    let body = &s[1..];
    let end = body.find(close)?;
    let name = trim(&body[..end]);
    let valid_chars = name.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(c, ' ' | '-' | '&' | '.' | '\'' | '’')
            || (c == '/' && inner_slash_ok)
    });
    // Agencies are proper names; a lower-case start ("(and China)") is an
    // aside in a sentence unless it is one of the agencies styled that way.
    // Without capitals to go by, a caseless name at the head of a paragraph
    // ("(رويترز)") must be a known agency.
    let known_caseless = || {
        let folded: String = fold_arabic(name)
            .chars()
            .filter(|&c| !(c == '.' || is_space(c)))
            .collect();
        CASELESS_AGENCIES.contains(&folded.as_str())
    };
    let proper = name.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || (is_caseless_letter(c) && (!strict || known_caseless()))
    }) || LOWER_CASE_AGENCIES.contains(&name);
    let plausible = valid_chars
        && proper
        && name.chars().any(char::is_alphabetic)
        && name.chars().count() <= MAX_AGENCY_CHARS
        && word_count(name) <= MAX_AGENCY_WORDS;
    plausible.then(|| (name.to_string(), &body[end + close.len_utf8()..]))
}

/// Skips the separator after the agency: `-`, `--`, `—`, `–`, `.`, `.-`, `:`
/// (or the tatweel `ـ` that Arabic copy uses as a dash).
/// Returns the text after it with leading whitespace removed.
fn skip_separator(s: &str) -> Option<&str> {
    let mut rest = trim_start(s);
    let mut found = false;
    if let Some(after) = rest.strip_prefix('.') {
        rest = trim_start(after);
        found = true;
    }
    let dashes = rest
        .char_indices()
        .find(|&(_, c)| !matches!(c, '-' | '—' | '–' | '―' | ':' | 'ـ'))
        .map_or(rest.len(), |(i, _)| i);
    if dashes > 0 && rest[..dashes].chars().count() <= 3 {
        rest = &rest[dashes..];
        found = true;
    } else if dashes > 0 {
        return None;
    }
    found.then(|| trim_start(rest))
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
    fn arabic_datelines() {
        // (input, place, month and day, agency, start of the rest)
        let cases = [
            (
                "هافانا، 23 نوفمبر (RHC) - نص الخبر",
                "هافانا",
                Some((November, 23)),
                "RHC",
                "نص الخبر",
            ),
            (
                "هافانا، ٢٣ نوفمبر (RHC) - نص الخبر",
                "هافانا",
                Some((November, 23)),
                "RHC",
                "نص الخبر",
            ),
            (
                "نيويورك، 20 نوفمبر (Prensa Latina) -- أعلنت",
                "نيويورك",
                Some((November, 20)),
                "Prensa Latina",
                "أعلنت",
            ),
            (
                "بكين، 3 أكتوبر (Xinhua) — قالت",
                "بكين",
                Some((October, 3)),
                "Xinhua",
                "قالت",
            ),
            (
                "دمشق، 3 تشرين الأول (RHC) - أعلنت",
                "دمشق",
                Some((October, 3)),
                "RHC",
                "أعلنت",
            ),
            (
                "بيروت، 24 تشرين الثاني/نوفمبر (AFP) - قال",
                "بيروت",
                Some((November, 24)),
                "AFP",
                "قال",
            ),
            (
                "الأمم المتحدة، 4 نوفمبر (Prensa Latina) - اعتمدت",
                "الأمم المتحدة",
                Some((November, 4)),
                "Prensa Latina",
                "اعتمدت",
            ),
            (
                "سانتياغو دي تشيلي، 16 نوفمبر (EFE).- حصل",
                "سانتياغو دي تشيلي",
                Some((November, 16)),
                "EFE",
                "حصل",
            ),
            ("القاهرة (رويترز) - قال", "القاهرة", None, "رويترز", "قال"),
            ("باريس (أ ف ب) - أعلنت", "باريس", None, "أ ف ب", "أعلنت"),
            (
                "سان خوسيه، كوستاريكا (أ.ف.ب) - قال",
                "سان خوسيه، كوستاريكا",
                None,
                "أ.ف.ب",
                "قال",
            ),
            (
                "الرياض، 5 مايو (واس) ـ أكد",
                "الرياض",
                Some((May, 5)),
                "واس",
                "أكد",
            ),
            // Bidirectional marks around the Latin agency are spaces.
            (
                "هافانا، 23 نوفمبر \u{200F}(RHC)\u{200F} - نص",
                "هافانا",
                Some((November, 23)),
                "RHC",
                "نص",
            ),
        ];
        for (input, place, month_day, agency, rest) in cases {
            check(input, place, month_day, Some(agency), rest);
        }
    }

    #[test]
    fn arabic_month_names() {
        let cases: &[(&str, Month)] = &[
            ("يناير", January),
            ("كانون الثاني", January),
            ("فبراير", February),
            ("شباط", February),
            ("مارس", March),
            ("آذار", March),
            ("أبريل", April),
            ("إبريل", April),
            ("ابريل", April),
            ("نيسان", April),
            ("مايو", May),
            ("أيار", May),
            ("يونيو", June),
            ("يونيه", June),
            ("حزيران", June),
            ("يوليو", July),
            ("يوليه", July),
            ("تموز", July),
            ("أغسطس", August),
            ("آب", August),
            ("سبتمبر", September),
            ("أيلول", September),
            ("أكتوبر", October),
            ("تشرين الأول", October),
            ("نوفمبر", November),
            ("تشرين الثاني", November),
            ("ديسمبر", December),
            ("كانون الأول", December),
            ("نوفمبر/تشرين الثاني", November),
            ("كانون الثاني/يناير", January),
        ];
        for &(name, month) in cases {
            let input = format!("هافانا، 9 {name} (RHC)");
            let dateline = parse_dateline_label(&input);
            assert_eq!(
                dateline.and_then(|d| d.date).map(|d| (d.month, d.day)),
                Some((month, 9)),
                "{input:?}"
            );
        }
        for input in [
            "هافانا، 9 تشرين (RHC)",
            "هافانا، 9 كانون الثالث (RHC)",
            "هافانا، 9 شهر (RHC)",
        ] {
            assert_eq!(parse_dateline_label(input), None, "{input:?}");
        }
    }

    #[test]
    fn arabic_labels() {
        // (label, place, year, month and day, agency)
        let cases = [
            (
                "هافانا، 23 نوفمبر (RHC)",
                "هافانا",
                None,
                Some((November, 23)),
                Some("RHC"),
            ),
            (
                "هافانا، ٢٣ نوفمبر (RHC)",
                "هافانا",
                None,
                Some((November, 23)),
                Some("RHC"),
            ),
            (
                "هافانا، ۲۳ نوفمبر (RHC)",
                "هافانا",
                None,
                Some((November, 23)),
                Some("RHC"),
            ),
            (
                "نيويورك، 20 نوفمبر (Prensa Latina)",
                "نيويورك",
                None,
                Some((November, 20)),
                Some("Prensa Latina"),
            ),
            (
                "بكين، 3 أكتوبر (Xinhua)",
                "بكين",
                None,
                Some((October, 3)),
                Some("Xinhua"),
            ),
            (
                "هافانا، ٤ أكتوبر ٢٠١٦ (RHC)",
                "هافانا",
                Some(2016),
                Some((October, 4)),
                Some("RHC"),
            ),
            (
                "هافانا، 4 أكتوبر، 2016",
                "هافانا",
                Some(2016),
                Some((October, 4)),
                None,
            ),
            (
                "سانتو دومينغو، 12 نوفمبر",
                "سانتو دومينغو",
                None,
                Some((November, 12)),
                None,
            ),
            ("جنيف", "جنيف", None, None, None),
            (
                "هافانا (وكالة الأنباء الكوبية)",
                "هافانا",
                None,
                None,
                Some("وكالة الأنباء الكوبية"),
            ),
            (
                "\u{200F}هافانا، 23 نوفمبر\u{200F}",
                "هافانا",
                None,
                Some((November, 23)),
                None,
            ),
        ];
        for (input, place, year, month_day, agency) in cases {
            let Some(dateline) = parse_dateline_label(input) else {
                panic!("no dateline in {input:?}");
            };
            assert_eq!(dateline.place, place, "place of {input:?}");
            assert_eq!(
                dateline.date.and_then(|d| d.year),
                year,
                "year of {input:?}"
            );
            assert_eq!(
                dateline.date.map(|d| (d.month, d.day)),
                month_day,
                "date of {input:?}"
            );
            assert_eq!(dateline.agency.as_deref(), agency, "agency of {input:?}");
        }
    }

    #[test]
    fn esperanto_datelines() {
        check(
            "Havano, 23 novembro (RHC) - Kubo",
            "Havano",
            Some((November, 23)),
            Some("RHC"),
            "Kubo",
        );
        check(
            "Havano, la 23-an de novembro (RHC) - Kubo",
            "Havano",
            Some((November, 23)),
            Some("RHC"),
            "Kubo",
        );
        for (name, month) in [
            ("januaro", January),
            ("februaro", February),
            ("marto", March),
            ("aprilo", April),
            ("majo", May),
            ("junio", June),
            ("julio", July),
            ("aŭgusto", August),
            ("augusto", August),
            ("septembro", September),
            ("oktobro", October),
            ("novembro", November),
            ("decembro", December),
        ] {
            for input in [
                format!("Havano, 2 {name} (RHC)"),
                format!("Havano, la 2-a de {name}"),
            ] {
                let dateline = parse_dateline_label(&input);
                assert_eq!(
                    dateline.and_then(|d| d.date).map(|d| (d.month, d.day)),
                    Some((month, 2)),
                    "{input:?}"
                );
            }
        }
        let dateline = parse_dateline_label("Havano, la 23-an de novembro 2016").expect("year");
        assert_eq!(dateline.date.and_then(|d| d.year), Some(2016));
        // "La" after the comma is a region unless a day follows it.
        assert_eq!(
            parse_dateline_label("San Salvador, La Libertad (EFE)").map(|d| d.place),
            Some("San Salvador, La Libertad".to_string())
        );
    }

    #[test]
    fn arabic_sentences_are_not_datelines() {
        for input in [
            "قال المتحدث إن الاجتماع سيعقد في هافانا.",
            "في هافانا، قال المسؤولون إن المحادثات فشلت.",
            "في هافانا، قال المسؤولون.",
            "وصل الوزير إلى هافانا.",
            "وصل الوزير.",
            "قال المتحدث (رويترز) - إن الاجتماع انتهى",
            "أعلنت الوزارة (بيان رسمي) - أن الاجتماع انتهى",
            "دعت منظمة الأغذية والزراعة للأمم المتحدة (FAO) يوم الجمعة",
            "هافانا، 23 نوفمبر (RHC) نص الخبر",
            "هافانا، 23 نوفمبر - نص الخبر",
            "هافانا، 32 نوفمبر (RHC) - نص الخبر",
            "هافانا، ١٢٣ نوفمبر (RHC) - نص الخبر",
            "١. هافانا (RHC) - نص",
            "(RHC) - نص",
        ] {
            check_none(input);
        }
        for input in [
            "قال المتحدث إن الاجتماع سيعقد في هافانا.",
            "في هافانا، قال المسؤولون.",
            "وصل الوزير إلى هافانا.",
            "اجتمع الوزراء في هافانا",
            "هافانا، 23 نوفمبر (RHC) - نص الخبر",
        ] {
            assert_eq!(parse_dateline_label(input), None, "{input:?}");
        }
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
