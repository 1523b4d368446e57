//! The day of a dateline, as agencies write it in each language.

use super::{fold_arabic, is_space, strip_comma, trim_start, DatelineDate};
use time::Month;

/// Parses a date in English ("Oct. 3", "October 4, 2016") or day-first
/// order ("24 nov", "3 Oct.", "3 de octubre de 2016", "23 نوفمبر",
/// "٢٣ تشرين الثاني", "la 23-an de novembro").
pub(super) fn parse_date(s: &str) -> Option<(DatelineDate, &str)> {
    // Esperanto puts the article before the day: "la 23-an de novembro".
    let s = strip_word(s, "la")
        .filter(|rest| rest.starts_with(is_digit))
        .unwrap_or(s);
    if s.starts_with(is_digit) {
        let (day, rest) = take_day(s)?;
        let rest = trim_start(rest);
        let rest = strip_word(rest, "de").unwrap_or(rest);
        let (month, rest) = take_month(rest)?;
        let (year, rest) = take_year(rest, true);
        Some((date(year, month, day)?, rest))
    } else {
        let (month, rest) = take_month(s)?;
        let rest = trim_start(rest);
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

/// A digit in Western (0-9), Arabic-Indic (٠-٩) or Eastern Arabic-Indic
/// (۰-۹) form.
fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{0660}'..='\u{0669}' => Some(u32::from(c) - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(u32::from(c) - 0x06F0),
        _ => None,
    }
}

/// The leading digits of `s`: their value, how many there are, and the rest.
fn take_digits(s: &str) -> (u32, usize, &str) {
    let mut value: u32 = 0;
    let mut count = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let Some(digit) = digit_value(c) else { break };
        value = value.saturating_mul(10).saturating_add(digit);
        count += 1;
        end = i + c.len_utf8();
    }
    (value, count, &s[end..])
}

/// A day of one or two digits, with an optional English ordinal suffix or
/// Esperanto ending ("23-an", "23-a").
fn take_day(s: &str) -> Option<(u8, &str)> {
    let (day, digits, mut rest) = take_digits(s);
    if !(1..=2).contains(&digits) {
        return None;
    }
    let day = u8::try_from(day).ok()?;
    for suffix in ["st", "nd", "rd", "th", "-an", "-a"] {
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

/// An optional four-digit year after the day: ", 2016", " 2016", "، ٢٠١٦"
/// or " de 2016".
fn take_year(s: &str, allow_de: bool) -> (Option<i32>, &str) {
    let mut candidate = strip_comma(s).unwrap_or_else(|| trim_start(s));
    if allow_de {
        candidate = strip_word(candidate, "de").unwrap_or(candidate);
    }
    let (year, digits, rest) = take_digits(candidate);
    if digits == 4 && !rest.starts_with(char::is_alphanumeric) {
        if let Ok(year) = i32::try_from(year) {
            return (Some(year), rest);
        }
    }
    (None, s)
}

/// Strips a whole word (case-insensitive) and the whitespace after it.
fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    let rest = &s[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with(is_space)).then(|| trim_start(rest))
}

/// A month name or abbreviation, with an optional full stop after it. An
/// Arabic month may be given in two spellings, "نوفمبر/تشرين الثاني".
fn take_month(s: &str) -> Option<(Month, &str)> {
    let (month, rest) = take_month_name(s)?;
    if let Some((other, after)) = rest.strip_prefix('/').and_then(take_month_name) {
        if other == month {
            return Some((month, after));
        }
    }
    Some((month, rest.strip_prefix('.').unwrap_or(rest)))
}

/// One spelling of a month: a word, or the two words of a Levantine name
/// ("تشرين الثاني", "كانون الأول").
fn take_month_name(s: &str) -> Option<(Month, &str)> {
    let (word, rest) = take_word(s);
    let word = fold_arabic(&word.to_lowercase());
    if word == "كانون" || word == "تشرين" {
        let (ordinal, rest) = take_word(trim_start(rest));
        let month = match (word.as_str(), fold_arabic(ordinal).as_str()) {
            ("كانون", "الثاني" | "الثانى") => Month::January,
            ("تشرين", "الاول") => Month::October,
            ("تشرين", "الثاني" | "الثانى") => Month::November,
            ("كانون", "الاول") => Month::December,
            _ => return None,
        };
        return Some((month, rest));
    }
    Some((month_from_name(&word)?, rest))
}

/// The letters at the start of `s`, and what follows them.
fn take_word(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    s.split_at(end)
}

/// Month names and the abbreviations agencies use, in the site's languages.
/// Arabic names are matched after [`fold_arabic`].
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
        // Esperanto ("junio", "julio" and "novembro" are above).
        "januaro" => January,
        "februaro" => February,
        "marto" => March,
        "aprilo" => April,
        "majo" | "maj" => May,
        "aŭgusto" | "augusto" | "auxgusto" | "aŭg" => August,
        "septembro" => September,
        "oktobro" | "okt" => October,
        "decembro" => December,
        // Arabic: the names of Egypt and the Gulf, those of the Levant and
        // Iraq (the two-word ones are read by `take_month_name`), and those
        // of the Maghreb.
        "يناير" | "جانفي" => January,
        "فبراير" | "شباط" | "فيفري" => February,
        "مارس" | "اذار" => March,
        "ابريل" | "نيسان" | "افريل" => April,
        "مايو" | "ايار" | "ماي" => May,
        "يونيو" | "يونيه" | "يونية" | "حزيران" | "جوان" => June,
        "يوليو" | "يوليه" | "يولية" | "تموز" | "يوليوز" | "جويلية" => {
            July
        }
        "اغسطس" | "اب" | "غشت" | "اوت" => August,
        "سبتمبر" | "ايلول" | "شتنبر" => September,
        "اكتوبر" => October,
        "نوفمبر" | "نونبر" => November,
        "ديسمبر" | "دجنبر" => December,
        _ => return None,
    };
    Some(month)
}
