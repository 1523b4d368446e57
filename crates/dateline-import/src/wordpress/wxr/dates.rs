//! WordPress's dates: `2012-01-05 14:30:46` in the site's zone or in UTC,
//! with `0000-00-00 00:00:00` for "not set" (drafts never scheduled), and
//! RSS's RFC 2822 dates.

use time::format_description::well_known::Rfc2822;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

/// A wall-clock date; `Ok(None)` when empty or WordPress's zero date.
pub fn local(text: &str) -> Result<Option<PrimitiveDateTime>, ()> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("0000-00-00") {
        return Ok(None);
    }
    let with_seconds = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let without = format_description!("[year]-[month]-[day] [hour]:[minute]");
    let text = text.replacen('T', " ", 1);
    PrimitiveDateTime::parse(&text, with_seconds)
        .or_else(|_| PrimitiveDateTime::parse(&text, without))
        .map(Some)
        .map_err(|_| ())
}

/// A date in UTC (`*_gmt` fields).
pub fn utc(text: &str) -> Result<Option<OffsetDateTime>, ()> {
    Ok(local(text)?.map(PrimitiveDateTime::assume_utc))
}

/// RSS's `pubDate`; drafts carry `Mon, 30 Nov -0001 00:00:00 +0000`,
/// which is no date.
pub fn rss(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &Rfc2822).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn wordpress_dates() {
        assert_eq!(
            local("2012-01-05 14:30:46"),
            Ok(Some(datetime!(2012-01-05 14:30:46)))
        );
        assert_eq!(
            utc(" 2012-01-05 14:30:46\n"),
            Ok(Some(datetime!(2012-01-05 14:30:46 UTC)))
        );
        assert_eq!(local("0000-00-00 00:00:00"), Ok(None));
        assert_eq!(local(""), Ok(None));
        assert_eq!(local("2012-13-05 14:30:46"), Err(()));
        assert_eq!(local("yesterday"), Err(()));
        assert_eq!(
            rss("Thu, 05 Jan 2012 14:30:46 +0000"),
            Some(datetime!(2012-01-05 14:30:46 UTC))
        );
        assert_eq!(rss("Mon, 30 Nov -0001 00:00:00 +0000"), None);
    }
}
