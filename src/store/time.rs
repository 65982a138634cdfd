//! Commit times as plain data: seconds, the author's UTC offset and the time as git shows it.
//!
//! Calendar arithmetic is jiff's: a commit made with plain git may carry any i64 seconds and
//! any offset, and a hand-written conversion overflowed on such values.

use jiff::Timestamp;
use jiff::tz::Offset;
use serde::Serialize;

/// A commit or tag time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Time {
    /// Seconds since 1970-01-01 UTC.
    pub secs: i64,
    /// The author's UTC offset in minutes (480 for +0800).
    pub offset_minutes: i32,
    /// `2024-05-20 14:03:05 +0800`, in the author's own offset (as `git log` shows it).
    pub local: String,
}

impl Time {
    /// From seconds and an offset.
    pub fn new(secs: i64, offset_minutes: i32) -> Time {
        Time {
            secs,
            offset_minutes,
            local: format(secs, offset_minutes),
        }
    }

    pub(crate) fn of(t: git2::Time) -> Time {
        Time::new(t.seconds(), t.offset_minutes())
    }
}

/// `+HHMM` of an offset in minutes, for any i32 (git stores what the committer wrote).
fn offset_text(offset_minutes: i32) -> String {
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", off / 60, off % 60)
}

/// `YYYY-MM-DD HH:MM:SS +HHMM`. Times outside what a calendar can show (years beyond ±9999,
/// offsets beyond ±25 hours, which only a forged commit has) are shown as git's raw
/// `@SECONDS +HHMM` instead of failing.
pub fn format(secs: i64, offset_minutes: i32) -> String {
    let offset = offset_minutes
        .checked_mul(60)
        .and_then(|s| Offset::from_seconds(s).ok());
    let shown = Timestamp::from_second(secs)
        .ok()
        .zip(offset)
        // jiff's range of timestamps leaves room for every offset it accepts, so this cannot fail.
        .map(|(ts, off)| off.to_datetime(ts));
    match shown {
        Some(dt) => format!(
            "{} {}",
            dt.strftime("%Y-%m-%d %H:%M:%S"),
            offset_text(offset_minutes)
        ),
        None => format!("@{secs} {}", offset_text(offset_minutes)),
    }
}

/// `YYYYMMDD-HHMMSS` in UTC, for file names (`@SECONDS` outside the calendar's range).
pub fn stamp(secs: i64) -> String {
    match Timestamp::from_second(secs) {
        Ok(ts) => ts.strftime("%Y%m%d-%H%M%S").to_string(),
        Err(_) => format!("@{secs}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_like_git() {
        assert_eq!(format(0, 0), "1970-01-01 00:00:00 +0000");
        // 2024-05-20 06:03:05 UTC, shown in Beijing time.
        assert_eq!(format(1_716_184_985, 480), "2024-05-20 14:03:05 +0800");
        assert_eq!(format(1_709_164_800, -330), "2024-02-28 18:30:00 -0530");
        assert_eq!(stamp(1_709_251_199), "20240229-235959");
    }

    #[test]
    fn extreme_times_are_shown_raw() {
        assert_eq!(format(i64::MAX, 480), format!("@{} +0800", i64::MAX));
        assert_eq!(format(i64::MIN, 0), format!("@{} +0000", i64::MIN));
        assert_eq!(format(0, i32::MAX), "@0 +3579139407");
        assert_eq!(format(0, i32::MIN), "@0 -3579139408");
        assert_eq!(stamp(i64::MIN), format!("@{}", i64::MIN));
        // The largest offset a calendar time takes: 25 hours 59 minutes.
        assert_eq!(format(0, 25 * 60 + 59), "1970-01-02 01:59:00 +2559");
    }

    proptest! {
        #[test]
        fn never_panics(secs in any::<i64>(), offset in any::<i32>()) {
            let t = Time::new(secs, offset);
            prop_assert!(t.local.ends_with(&offset_text(offset)));
            prop_assert!(!stamp(secs).is_empty());
        }

        #[test]
        fn real_times_match_the_calendar(secs in -50_000_000_000i64..50_000_000_000, offset in -1439i32..=1439) {
            let local = format(secs, offset);
            prop_assert!(!local.starts_with('@'), "{}", local);
            // Seconds of the minute do not depend on the offset (offsets are whole minutes).
            let s: i64 = local[17..19].parse().unwrap_or(99);
            prop_assert_eq!(s, secs.rem_euclid(60));
        }
    }
}
