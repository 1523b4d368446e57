//! Dates and times in each language's own style, from CLDR data through
//! ICU4X, always in the Gregorian calendar that news datelines use.

use dateline_core::zone::SiteZone;
use dateline_core::Language;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{MD, YMD};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_locale_core::Locale;
use icu_time::{DateTime, Time};
use time::OffsetDateTime;

fn locale(language: Language) -> Locale {
    language.code().parse().unwrap_or(Locale::UNKNOWN)
}

fn gregorian(date: time::Date) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(date.year(), date.month().into(), date.day()).ok()
}

/// "October 4, 2016" / "4 de octubre de 2016" / "٤ أكتوبر ٢٠١٦".
pub fn long_date(language: Language, date: time::Date) -> String {
    let Some(d) = gregorian(date) else {
        return date.to_string();
    };
    match FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale(language).into(),
        YMD::long(),
    ) {
        Ok(f) => f.format(&d).to_string(),
        Err(_) => date.to_string(),
    }
}

/// "October 4" / "4 de octubre": the day as a dateline writes it.
pub fn month_day(language: Language, date: time::Date) -> String {
    let Some(d) = gregorian(date) else {
        return date.to_string();
    };
    match FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale(language).into(),
        MD::long(),
    ) {
        Ok(f) => f.format(&d).to_string(),
        Err(_) => date.to_string(),
    }
}

/// "October 4, 2016, 10:05 AM CDT": a moment on the site's clock, with
/// the zone named (its abbreviation, or its offset from UTC where the tz
/// database has no abbreviation for it).
pub fn date_time(language: Language, at: OffsetDateTime, zone: &SiteZone) -> String {
    let wall = zone.wall(at);
    let (Some(date), Ok(time)) = (
        gregorian(wall.date),
        Time::try_new(wall.hour, wall.minute, 0, 0),
    ) else {
        return at.to_string();
    };
    let fieldset = YMD::long().with_time_hm();
    let shown = match FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale(language).into(),
        fieldset,
    ) {
        Ok(f) => f.format(&DateTime { date, time }).to_string(),
        Err(_) => format!("{} {:02}:{:02}", wall.date, wall.hour, wall.minute),
    };
    // The zone's name is Latin letters or digits: isolated, so that it keeps
    // its place at the end of a right-to-left sentence.
    match language.direction() {
        dateline_core::Direction::Rtl => format!("{shown} \u{2068}{}\u{2069}", wall.zone),
        dateline_core::Direction::Ltr => format!("{shown} {}", wall.zone),
    }
}

/// The calendar day of a moment on the site's clock, in the language's
/// long style ("October 4, 2016").
pub fn long_date_at(language: Language, at: OffsetDateTime, zone: &SiteZone) -> String {
    long_date(language, zone.date(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn english_dates() {
        assert_eq!(
            long_date(Language::En, date!(2016 - 10 - 04)),
            "October 4, 2016"
        );
        assert_eq!(month_day(Language::En, date!(2016 - 10 - 04)), "October 4");
        let utc = SiteZone::utc();
        let shown = date_time(Language::En, datetime!(2016-10-04 14:05 UTC), &utc);
        assert!(shown.contains("2:05") && shown.ends_with(" UTC"), "{shown}");
    }

    #[test]
    fn other_languages_use_their_own_rules() {
        assert_eq!(
            long_date(Language::Es, date!(2016 - 10 - 04)),
            "4 de octubre de 2016"
        );
        let ar = long_date(Language::Ar, date!(2016 - 10 - 04));
        assert!(ar.contains("أكتوبر"), "{ar}");
    }

    #[test]
    fn times_are_on_the_site_clock_with_the_zone_named() {
        let havana = SiteZone::parse("America/Havana").expect("zone");
        let at = datetime!(2016-10-04 15:05 UTC);
        assert_eq!(
            date_time(Language::En, at, &havana),
            "October 4, 2016 at 11:05\u{202f}AM CDT"
        );
        let es = date_time(Language::Es, at, &havana);
        assert!(
            es.starts_with("4 de octubre de 2016") && es.contains("11:05") && es.ends_with(" CDT"),
            "{es}"
        );
        let ar = date_time(Language::Ar, at, &havana);
        assert!(ar.ends_with("\u{2068}CDT\u{2069}"), "{ar}");
        // The day is the site's: 02:00 UTC on the 5th is still the 4th in Havana.
        assert_eq!(
            long_date_at(Language::En, datetime!(2016-10-05 02:00 UTC), &havana),
            "October 4, 2016"
        );
        // Across the spring-forward edge the zone's name changes with the clock.
        assert!(
            date_time(Language::En, datetime!(2024-03-10 04:59 UTC), &havana)
                .ends_with("11:59\u{202f}PM CST")
        );
        assert!(
            date_time(Language::En, datetime!(2024-03-10 05:00 UTC), &havana)
                .ends_with("1:00\u{202f}AM CDT")
        );
    }
}
