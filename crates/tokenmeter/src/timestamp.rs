//! [`Timestamp`]: when a call happened, to pick the prices in effect then.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::error::{Error, Result};

/// A UTC calendar date, optionally with a time of day.
///
/// Prices change on dates (`effective` in the price data), so a date is enough to pick a price
/// entry. The time of day matters only for time-of-day discounts (DeepSeek's off-peak window);
/// without one, standard rates apply.
///
/// Parses `YYYY-MM-DD` and RFC 3339 date-times (`2025-03-01T17:00:00Z`,
/// `2025-03-01T18:00:00+01:00`, fractional seconds allowed), converting offsets to UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    year: i32,
    month: u32,
    day: u32,
    /// Minutes after UTC midnight, when a time was given.
    minute_of_day: Option<u32>,
}

impl Timestamp {
    /// A date with no time of day.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a day that does not exist.
    pub fn from_date(year: i32, month: u32, day: u32) -> Result<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(Error::invalid(format!("{year:04}-{month:02}-{day:02} is not a date")));
        }
        Ok(Self { year, month, day, minute_of_day: None })
    }

    /// Today's UTC date, from the system clock.
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let (year, month, day) = civil_from_days((secs / 86_400) as i64);
        Self { year, month, day, minute_of_day: None }
    }

    /// The same moment with its time of day dropped.
    #[must_use]
    pub fn date_only(self) -> Self {
        Self { minute_of_day: None, ..self }
    }

    /// Minutes after UTC midnight, when a time was given.
    pub fn minute_of_day(&self) -> Option<u32> {
        self.minute_of_day
    }

    /// The date as `YYYY-MM-DD`.
    pub fn date_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The `(year, month, day)` triple, for comparing dates.
    pub fn date(&self) -> (i32, u32, u32) {
        (self.year, self.month, self.day)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date_string())?;
        if let Some(m) = self.minute_of_day {
            write!(f, "T{:02}:{:02}Z", m / 60, m % 60)?;
        }
        Ok(())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for Timestamp {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(format!(
                "`{text}` is not a date (YYYY-MM-DD) or an RFC 3339 date-time (2025-03-01T17:00:00Z)"
            ))
        };
        let t = text.trim();
        let date = t.get(..10).ok_or_else(bad)?;
        let num = |s: Option<&str>| -> Result<u32> {
            let s = s.ok_or_else(bad)?;
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse::<u32>().map_err(|_| bad())
        };
        let mut parts = date.split('-');
        let year = num(parts.next())? as i32;
        let month = num(parts.next())?;
        let day = num(parts.next())?;
        if date.as_bytes().get(4) != Some(&b'-') || date.as_bytes().get(7) != Some(&b'-') {
            return Err(bad());
        }
        let ts = Self::from_date(year, month, day).map_err(|_| bad())?;
        let rest = &t[10..];
        if rest.is_empty() {
            return Ok(ts);
        }
        let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
        let hour = num(rest.get(0..2))?;
        if rest.as_bytes().get(2) != Some(&b':') {
            return Err(bad());
        }
        let minute = num(rest.get(3..5))?;
        let mut tail = rest.get(5..).ok_or_else(bad)?;
        if let Some(after) = tail.strip_prefix(':') {
            num(after.get(0..2))?;
            tail = after.get(2..).ok_or_else(bad)?;
            if let Some(frac) = tail.strip_prefix('.') {
                let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    return Err(bad());
                }
                tail = &frac[digits..];
            }
        }
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        let offset: i64 = match tail {
            "Z" | "z" => 0,
            _ => {
                let sign = match tail.as_bytes().first() {
                    Some(b'+') => 1,
                    Some(b'-') => -1,
                    _ => return Err(bad()),
                };
                let oh = num(tail.get(1..3))?;
                if tail.as_bytes().get(3) != Some(&b':') || tail.len() != 6 {
                    return Err(bad());
                }
                let om = num(tail.get(4..6))?;
                sign * i64::from(oh * 60 + om)
            }
        };
        // Local minutes minus the offset gives UTC minutes; carry whole days into the date.
        let local = days_from_civil(year, month, day) * 1440 + i64::from(hour * 60 + minute);
        let utc = local - offset;
        let (y, m, d) = civil_from_days(utc.div_euclid(1440));
        Ok(Self { year: y, month: m, day: d, minute_of_day: Some(utc.rem_euclid(1440) as u32) })
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_times() {
        let t: Timestamp = "2025-03-01".parse().unwrap();
        assert_eq!(t.date(), (2025, 3, 1));
        assert_eq!(t.minute_of_day(), None);
        let t: Timestamp = "2025-03-01T17:05:09.123Z".parse().unwrap();
        assert_eq!(t.minute_of_day(), Some(17 * 60 + 5));
        // An offset that crosses midnight moves the date.
        let t: Timestamp = "2025-03-01T00:30:00+02:00".parse().unwrap();
        assert_eq!(t.date(), (2025, 2, 28));
        assert_eq!(t.minute_of_day(), Some(22 * 60 + 30));
        let t: Timestamp = "2024-12-31T23:00:00-01:30".parse().unwrap();
        assert_eq!(t.date(), (2025, 1, 1));
        assert_eq!(t.minute_of_day(), Some(30));
    }

    #[test]
    fn rejects_bad_text() {
        for bad in ["", "2025-02-30", "2025-13-01", "25-01-01", "2025-01-01T25:00Z", "2025-01-01T10:00", "yesterday"] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000_i64, -1, 0, 1, 19_000, 20_425, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }
}
