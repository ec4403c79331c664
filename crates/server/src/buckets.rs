//! Date buckets for timelines: per-day counts from the store summed into days, weeks
//! (starting on Monday) or months, with the empty buckets between filled in, so a chart's
//! x axis is even.

use newsgraph_core::day::{civil_from_days, days_from_civil};
pub(crate) use newsgraph_core::day::{format_day, parse_day};
use newsgraph_store::DayCount;

/// Most buckets one timeline may have (20 years of months, about 19 years of weeks).
pub(crate) const MAX_BUCKETS: i64 = 1000;

/// How a timeline groups dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bucket {
    Day,
    Week,
    Month,
}

impl Bucket {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
        }
    }

    /// The bucket for a range of `days` days (inclusive count): days up to two months,
    /// weeks up to two years, months beyond.
    pub(crate) fn for_span(days: i64) -> Bucket {
        if days <= 62 {
            Bucket::Day
        } else if days <= 731 {
            Bucket::Week
        } else {
            Bucket::Month
        }
    }
}

/// The first day of the bucket holding `day`.
fn bucket_start(by: Bucket, day: i64) -> i64 {
    match by {
        Bucket::Day => day,
        // 1970-01-01 was a Thursday: Monday is 3 days before.
        Bucket::Week => day - (day + 3).rem_euclid(7),
        Bucket::Month => {
            let (y, m, _) = civil_from_days(day);
            days_from_civil(y, m, 1)
        }
    }
}

/// The first day of the bucket after the one starting on `start`.
fn next_start(by: Bucket, start: i64) -> i64 {
    match by {
        Bucket::Day => start + 1,
        Bucket::Week => start + 7,
        Bucket::Month => {
            let (y, m, _) = civil_from_days(start);
            if m == 12 {
                days_from_civil(y + 1, 1, 1)
            } else {
                days_from_civil(y, m + 1, 1)
            }
        }
    }
}

/// How a bucket is named: `YYYY-MM-DD` (a week by its Monday) or `YYYY-MM`.
fn label(by: Bucket, start: i64) -> String {
    let (y, m, d) = civil_from_days(start);
    match by {
        Bucket::Month => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// Number of buckets from the one holding `from` to the one holding `to`.
pub(crate) fn bucket_count(by: Bucket, from: i64, to: i64) -> i64 {
    if to < from {
        return 0;
    }
    match by {
        Bucket::Day => to - from + 1,
        Bucket::Week => (bucket_start(by, to) - bucket_start(by, from)) / 7 + 1,
        Bucket::Month => {
            let (y0, m0, _) = civil_from_days(from);
            let (y1, m1, _) = civil_from_days(to);
            (y1 - y0) * 12 + (m1 as i64 - m0 as i64) + 1
        }
    }
}

/// One bucket of a filled timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Point {
    /// The bucket's name ([`label`]).
    pub period: String,
    /// Its first day.
    pub start: i64,
    /// Its last day.
    pub end: i64,
    /// Sum of the day counts in it.
    pub count: i64,
}

/// Sums `days` (sorted or not; dates that are not `YYYY-MM-DD` are left out) into buckets
/// from the one holding `from` to the one holding `to`, every bucket present, zero when
/// empty. The caller keeps the range within [`MAX_BUCKETS`].
pub(crate) fn fill(days: &[DayCount], by: Bucket, from: i64, to: i64) -> Vec<Point> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    let mut counts: std::collections::BTreeMap<i64, i64> = Default::default();
    for d in days {
        if let Some(day) = parse_day(&d.date) {
            if (from..=to).contains(&day) {
                *counts.entry(bucket_start(by, day)).or_default() += d.articles;
            }
        }
    }
    let mut start = bucket_start(by, from);
    while start <= to {
        let next = next_start(by, start);
        out.push(Point {
            period: label(by, start),
            start,
            end: next - 1,
            count: counts.get(&start).copied().unwrap_or(0),
        });
        start = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dc(date: &str, articles: i64) -> DayCount {
        DayCount {
            date: date.into(),
            articles,
        }
    }

    #[test]
    fn dates_parse_and_round_trip() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2024-02-29"), Some(19782));
        assert_eq!(parse_day("2023-02-29"), None);
        assert_eq!(parse_day("2024-13-01"), None);
        assert_eq!(parse_day("2024-3-01x"), None);
        assert_eq!(parse_day("+024-03-01"), None);
        for day in [-800_000, -1, 0, 19782, 60_000] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }

    fn fill(days: &[DayCount], by: Bucket, from: i64, to: i64) -> Vec<(String, i64)> {
        super::fill(days, by, from, to)
            .into_iter()
            .map(|p| (p.period, p.count))
            .collect()
    }

    #[test]
    fn buckets_know_their_days() {
        let d = |s| parse_day(s).unwrap();
        let p = super::fill(&[], Bucket::Month, d("2024-02-10"), d("2024-03-01"));
        let days: Vec<(String, String)> = p
            .iter()
            .map(|p| (format_day(p.start), format_day(p.end)))
            .collect();
        assert_eq!(
            days,
            [
                ("2024-02-01".to_string(), "2024-02-29".to_string()),
                ("2024-03-01".to_string(), "2024-03-31".to_string())
            ]
        );
        let p = super::fill(&[], Bucket::Week, d("2024-03-05"), d("2024-03-05"));
        assert_eq!(
            (format_day(p[0].start), format_day(p[0].end)),
            ("2024-03-04".to_string(), "2024-03-10".to_string())
        );
    }

    #[test]
    fn buckets_fill_gaps() {
        let days = [
            dc("2024-03-05", 1),
            dc("2024-03-07", 2),
            dc("2024-03-18", 1),
        ];
        let d = |s| parse_day(s).unwrap();
        let by_day = fill(&days, Bucket::Day, d("2024-03-05"), d("2024-03-08"));
        assert_eq!(
            by_day,
            [
                ("2024-03-05".to_string(), 1),
                ("2024-03-06".to_string(), 0),
                ("2024-03-07".to_string(), 2),
                ("2024-03-08".to_string(), 0)
            ]
        );
        // 2024-03-04 and 2024-03-18 are Mondays.
        let by_week = fill(&days, Bucket::Week, d("2024-03-05"), d("2024-03-18"));
        assert_eq!(
            by_week,
            [
                ("2024-03-04".to_string(), 3),
                ("2024-03-11".to_string(), 0),
                ("2024-03-18".to_string(), 1)
            ]
        );
        let by_month = fill(
            &[dc("2023-12-31", 1), dc("2024-02-01", 4), dc("bad", 9)],
            Bucket::Month,
            d("2023-12-01"),
            d("2024-02-10"),
        );
        assert_eq!(
            by_month,
            [
                ("2023-12".to_string(), 1),
                ("2024-01".to_string(), 0),
                ("2024-02".to_string(), 4)
            ]
        );
        assert_eq!(
            bucket_count(Bucket::Month, d("2023-12-31"), d("2024-02-01")),
            3
        );
        assert_eq!(
            bucket_count(Bucket::Week, d("2024-03-10"), d("2024-03-11")),
            2
        );
        assert_eq!(
            bucket_count(Bucket::Day, d("2024-03-10"), d("2024-03-11")),
            2
        );
    }

    #[test]
    fn span_picks_the_bucket() {
        assert_eq!(Bucket::for_span(1), Bucket::Day);
        assert_eq!(Bucket::for_span(62), Bucket::Day);
        assert_eq!(Bucket::for_span(63), Bucket::Week);
        assert_eq!(Bucket::for_span(732), Bucket::Month);
    }
}
