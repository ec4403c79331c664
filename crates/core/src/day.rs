//! Civil dates as day numbers (days since 1970-01-01), Howard Hinnant's algorithms: what
//! event dates and timeline buckets are computed with.

/// A civil date as days since 1970-01-01.
pub type Day = i64;

/// Days since 1970-01-01 of a civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date (year, month, day) of a day number.
pub fn civil_from_days(z: Day) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Day of the week, 0 = Monday .. 6 = Sunday.
pub fn weekday(day: Day) -> i64 {
    (day + 3).rem_euclid(7)
}

/// Parses `YYYY-MM-DD` (a longer ISO timestamp is cut to its date). Lenient about the day
/// of the month (`02-30` is the day after `02-29`), as metadata dates need.
pub fn parse_iso(s: &str) -> Option<Day> {
    let s = s.get(..10)?;
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    (s.as_bytes()[4] == b'-'
        && s.as_bytes()[7] == b'-'
        && (1..=12).contains(&m)
        && (1..=31).contains(&d))
    .then(|| days_from_civil(y, m, d))
}

/// Day number of exactly `YYYY-MM-DD` (digits only); `None` when it is not a real date
/// (`2024-02-30`), as user input needs.
pub fn parse_day(s: &str) -> Option<Day> {
    let b = s.as_bytes();
    if b.len() != 10
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let day = parse_iso(s)?;
    let (y, m, d) = civil_from_days(day);
    (format!("{y:04}-{m:02}-{d:02}") == s).then_some(day)
}

/// `YYYY-MM-DD`.
pub fn format_day(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_checks() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(weekday(0), 3); // a Thursday
        for day in [-800_000, -1, 0, 19_808, 19_812, 2_932_896] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(
            format_day(parse_iso("2024-03-26T10:00:00Z").unwrap()),
            "2024-03-26"
        );
        assert_eq!(
            parse_day("2024-02-29").map(format_day).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2024-02-30",
            "2023-02-29",
            "2024-3-26",
            "2024-03-26T",
            "+024-03-26",
            "2024/03/26",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        assert!(parse_iso("2024-02-30").is_some());
    }
}
