//! Commit times as plain data: seconds, the author's UTC offset and the time as git shows it.

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

/// (year, month, day) of a day count since 1970-01-01 (proleptic Gregorian).
fn civil(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's days-to-civil algorithm: exact for every day count.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DD HH:MM:SS +HHMM`.
pub fn format(secs: i64, offset_minutes: i32) -> String {
    let t = secs + i64::from(offset_minutes) * 60;
    let (y, mo, d) = civil(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60,
        off / 60,
        off % 60
    )
}

/// `YYYYMMDD-HHMMSS` in UTC, for file names.
pub fn stamp(secs: i64) -> String {
    let (y, mo, d) = civil(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}{mo:02}{d:02}-{:02}{:02}{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_git() {
        assert_eq!(format(0, 0), "1970-01-01 00:00:00 +0000");
        // 2024-05-20 06:03:05 UTC, shown in Beijing time.
        assert_eq!(format(1_716_184_985, 480), "2024-05-20 14:03:05 +0800");
        assert_eq!(format(1_709_164_800, -330), "2024-02-28 18:30:00 -0530");
        assert_eq!(stamp(1_709_251_199), "20240229-235959");
    }
}
