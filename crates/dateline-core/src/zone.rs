//! The site's time zone: one IANA zone (`America/Havana`, `Europe/Madrid`)
//! in which every time a person reads, in the newsroom and on the public
//! site, is shown, and in which the newsroom's `datetime-local` fields are
//! read. The rules (offsets, daylight saving time) come from the tz
//! database bundled into the binary through jiff, so the site needs no
//! system tzdata and carries no hand-written offsets.
//!
//! Stored instants stay UTC; machine formats (feeds, sitemaps, JSON-LD,
//! HTTP headers, `<time datetime>`) and article URLs keep them so. Only what
//! a person reads is converted.

use jiff::tz::TimeZone;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// A zone of the tz database, with the name it is stored under.
#[derive(Debug, Clone)]
pub struct SiteZone {
    name: String,
    tz: TimeZone,
}

impl PartialEq for SiteZone {
    fn eq(&self, other: &SiteZone) -> bool {
        self.name == other.name
    }
}
impl Eq for SiteZone {}

impl Default for SiteZone {
    fn default() -> SiteZone {
        SiteZone::utc()
    }
}

/// A moment as a clock on the wall of the site's zone reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WallTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    /// The zone's name for this moment, as the tz database gives it: an
    /// abbreviation ("CDT", "CET", "UTC") where the zone has one, else the
    /// offset written as "UTC-03:00".
    pub zone: String,
    /// Seconds east of UTC at this moment.
    pub offset_seconds: i32,
}

/// Longest zone name looked up (the database's longest is 32 bytes).
const MAX_NAME: usize = 64;

impl SiteZone {
    pub fn utc() -> SiteZone {
        SiteZone {
            name: "UTC".into(),
            tz: TimeZone::UTC,
        }
    }

    /// The zone of an IANA name (any case; stored as the database spells
    /// it), or None when the database has no such zone.
    pub fn parse(name: &str) -> Option<SiteZone> {
        let name = name.trim();
        if name.is_empty()
            || name.len() > MAX_NAME
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_-+".contains(&b))
        {
            return None;
        }
        let tz = TimeZone::get(name).ok()?;
        let canonical = tz.iana_name()?.to_string();
        Some(SiteZone {
            name: canonical,
            tz,
        })
    }

    /// The IANA name, e.g. `America/Havana`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The wall-clock time of `at` in this zone, with the zone's name then.
    pub fn wall(&self, at: OffsetDateTime) -> WallTime {
        let fallback = || WallTime {
            date: at.to_offset(time::UtcOffset::UTC).date(),
            hour: at.to_offset(time::UtcOffset::UTC).hour(),
            minute: at.to_offset(time::UtcOffset::UTC).minute(),
            zone: "UTC".into(),
            offset_seconds: 0,
        };
        let Ok(ts) = jiff::Timestamp::from_second(at.unix_timestamp()) else {
            return fallback();
        };
        let info = self.tz.to_offset_info(ts);
        let offset = info.offset();
        let civil = offset.to_datetime(ts);
        let Some(date) = time::Month::try_from(u8::try_from(civil.month()).unwrap_or(0))
            .ok()
            .and_then(|m| {
                Date::from_calendar_date(
                    i32::from(civil.year()),
                    m,
                    u8::try_from(civil.day()).unwrap_or(0),
                )
                .ok()
            })
        else {
            return fallback();
        };
        let abbreviation = info.abbreviation();
        let seconds = offset.seconds();
        let zone =
            if !abbreviation.is_empty() && abbreviation.bytes().all(|b| b.is_ascii_alphabetic()) {
                abbreviation.to_string()
            } else {
                utc_offset(seconds)
            };
        WallTime {
            date,
            hour: u8::try_from(civil.hour()).unwrap_or(0),
            minute: u8::try_from(civil.minute()).unwrap_or(0),
            zone,
            offset_seconds: seconds,
        }
    }

    /// The calendar day of `at` in this zone.
    pub fn date(&self, at: OffsetDateTime) -> Date {
        self.wall(at).date
    }

    /// A wall-clock time of this zone as an instant. A time the clocks skip
    /// (spring forward) is read as the same length of time after the jump,
    /// and a time they pass twice (fall back) as the first of the two, as
    /// RFC 5545 and Temporal's "compatible" rule do.
    pub fn instant(&self, local: PrimitiveDateTime) -> Option<OffsetDateTime> {
        let civil = jiff::civil::DateTime::new(
            i16::try_from(local.year()).ok()?,
            i8::try_from(u8::from(local.month())).ok()?,
            i8::try_from(local.day()).ok()?,
            i8::try_from(local.hour()).ok()?,
            i8::try_from(local.minute()).ok()?,
            i8::try_from(local.second()).ok()?,
            0,
        )
        .ok()?;
        let ts = self.tz.to_ambiguous_timestamp(civil).compatible().ok()?;
        OffsetDateTime::from_unix_timestamp(ts.as_second()).ok()
    }

    /// `at` as a `datetime-local` field shows it: `YYYY-MM-DDTHH:MM` on
    /// this zone's clock.
    pub fn datetime_local(&self, at: OffsetDateTime) -> String {
        let w = self.wall(at);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            w.date.year(),
            u8::from(w.date.month()),
            w.date.day(),
            w.hour,
            w.minute
        )
    }

    /// A `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds allowed, a
    /// space for the `T` too) read on this zone's clock; None when it is not
    /// such a value.
    pub fn parse_datetime_local(&self, text: &str) -> Option<OffsetDateTime> {
        let text = text.trim();
        let minute = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
        let head = text.get(..16)?.replacen(' ', "T", 1);
        let rest = &text[16..];
        // Seconds (":SS", ":SS.fff") are allowed and dropped.
        if !(rest.is_empty()
            || (rest.starts_with(':')
                && rest.len() <= 13
                && rest[1..].bytes().all(|b| b.is_ascii_digit() || b == b'.')))
        {
            return None;
        }
        let local = PrimitiveDateTime::parse(&head, &minute).ok()?;
        self.instant(local)
    }
}

/// "UTC", "UTC+05:30", "UTC-03:00".
fn utc_offset(seconds: i32) -> String {
    if seconds == 0 {
        return "UTC".into();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// The zones a site may choose, grouped by region for a list: every
/// canonical `Region/City` zone of the database and `UTC`, sorted.
pub fn choices() -> Vec<(&'static str, Vec<String>)> {
    const REGIONS: [&str; 10] = [
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    ];
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.as_str().to_string())
        .filter(|n| REGIONS.iter().any(|r| n.starts_with(&format!("{r}/"))))
        .collect();
    names.sort();
    names.dedup();
    let mut groups: Vec<(&'static str, Vec<String>)> = vec![("UTC", vec!["UTC".to_string()])];
    for region in REGIONS {
        let prefix = format!("{region}/");
        let zones: Vec<String> = names
            .iter()
            .filter(|n| n.starts_with(&prefix))
            .cloned()
            .collect();
        if !zones.is_empty() {
            groups.push((region, zones));
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn havana() -> SiteZone {
        SiteZone::parse("America/Havana").expect("in the bundled database")
    }

    #[test]
    fn names_are_checked_against_the_database() {
        assert_eq!(
            SiteZone::parse("america/havana").map(|z| z.name().to_string()),
            Some("America/Havana".into())
        );
        assert_eq!(
            SiteZone::parse("UTC").map(|z| z.name().to_string()),
            Some("UTC".into())
        );
        for bad in [
            "",
            "Mars/Olympus_Mons",
            "America/Ha vana",
            "../../etc/passwd",
            "EST5EDT,M3.2.0,M11.1.0",
            &"A".repeat(200),
        ] {
            assert!(SiteZone::parse(bad).is_none(), "{bad:?}");
        }
        let all = choices();
        assert_eq!(all[0].0, "UTC");
        assert!(all
            .iter()
            .any(|(r, z)| *r == "America" && z.iter().any(|n| n == "America/Havana")));
    }

    #[test]
    fn havana_in_summer_and_winter() {
        let z = havana();
        // 4 October 2016, 15:05 UTC is 11:05 in Havana, on summer time.
        let w = z.wall(datetime!(2016-10-04 15:05 UTC));
        assert_eq!(
            (w.date, w.hour, w.minute, w.zone.as_str(), w.offset_seconds),
            (date!(2016 - 10 - 04), 11, 5, "CDT", -4 * 3600)
        );
        let w = z.wall(datetime!(2016-12-04 15:05 UTC));
        assert_eq!((w.hour, w.zone.as_str()), (10, "CST"));
        // Late in the UTC day is the day before in Havana.
        assert_eq!(
            z.date(datetime!(2016-10-05 02:00 UTC)),
            date!(2016 - 10 - 04)
        );
    }

    #[test]
    fn the_spring_forward_and_fall_back_edges() {
        let z = havana();
        // Cuba's clocks went from 00:00 CST to 01:00 CDT on 10 March 2024
        // (05:00 UTC).
        let before = z.wall(datetime!(2024-03-10 04:59 UTC));
        assert_eq!(
            (
                before.date,
                before.hour,
                before.minute,
                before.zone.as_str()
            ),
            (date!(2024 - 03 - 09), 23, 59, "CST")
        );
        let after = z.wall(datetime!(2024-03-10 05:00 UTC));
        assert_eq!(
            (after.date, after.hour, after.minute, after.zone.as_str()),
            (date!(2024 - 03 - 10), 1, 0, "CDT")
        );
        // 00:30 that night never happened: it is read half an hour past the
        // jump, 01:30 CDT.
        assert_eq!(
            z.parse_datetime_local("2024-03-10T00:30"),
            Some(datetime!(2024-03-10 05:30 UTC))
        );
        // Clocks went back from 01:00 CDT to 00:00 CST on 3 November 2024:
        // 00:30 happened twice; the first (CDT) is taken.
        assert_eq!(
            z.parse_datetime_local("2024-11-03T00:30"),
            Some(datetime!(2024-11-03 04:30 UTC))
        );
        // And the field shows a time as the wall clock read it.
        assert_eq!(
            z.datetime_local(datetime!(2024-11-03 05:30 UTC)),
            "2024-11-03T00:30"
        );
    }

    #[test]
    fn datetime_local_round_trips() {
        for zone in [
            "UTC",
            "America/Havana",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
        ] {
            let z = SiteZone::parse(zone).expect("zone");
            let t = z.parse_datetime_local("2026-12-04T18:30").expect("parsed");
            assert_eq!(z.datetime_local(t), "2026-12-04T18:30", "{zone}");
        }
        let z = havana();
        assert_eq!(
            z.parse_datetime_local("2026-12-04 18:30:15"),
            z.parse_datetime_local("2026-12-04T18:30")
        );
        for bad in [
            "tomorrow",
            "2026-13-04T18:30",
            "2026-12-04T18:30x",
            "2026-12-04T25:00",
            "",
        ] {
            assert!(z.parse_datetime_local(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn zones_without_an_abbreviation_are_named_by_their_offset() {
        let w = SiteZone::parse("America/Sao_Paulo")
            .expect("zone")
            .wall(datetime!(2024-06-01 12:00 UTC));
        assert_eq!((w.hour, w.zone.as_str()), (9, "UTC-03:00"));
        let w = SiteZone::parse("Asia/Kolkata")
            .expect("zone")
            .wall(datetime!(2024-06-01 12:00 UTC));
        assert_eq!((w.hour, w.minute, w.zone.as_str()), (17, 30, "IST"));
        assert_eq!(
            SiteZone::utc().wall(datetime!(2024-06-01 12:00 UTC)).zone,
            "UTC"
        );
    }
}
