//! Dates and times in each language's own style, from CLDR data through
//! ICU4X, always in the Gregorian calendar that news datelines use.

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

/// "October 4, 2016, 12:30 PM": a moment, shown in UTC (the site's zone).
pub fn date_time(language: Language, at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    let (Some(date), Ok(time)) = (
        gregorian(at.date()),
        Time::try_new(at.hour(), at.minute(), 0, 0),
    ) else {
        return at.to_string();
    };
    let fieldset = YMD::long().with_time_hm();
    match FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(locale(language).into(), fieldset)
    {
        Ok(f) => f.format(&DateTime { date, time }).to_string(),
        Err(_) => at.to_string(),
    }
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
        assert!(date_time(Language::En, datetime!(2016-10-04 14:05 UTC)).contains("2:05"));
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
}
