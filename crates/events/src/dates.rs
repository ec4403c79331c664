//! Time expressions in a sentence (`on Monday`, `yesterday`, `last week`, `March 25`, `in the
//! coming days`), resolved against the article date into a day or a range of days.

use newsgraph_core::{Document, Span, Token, TokenKind};

pub use newsgraph_core::day::{
    civil_from_days, days_from_civil, format_day, parse_iso, weekday, Day,
};

/// A resolved time: one day or an inclusive range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// One day.
    Day(Day),
    /// First and last day.
    Range(Day, Day),
}

impl When {
    /// `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`.
    pub fn format(self) -> String {
        match self {
            When::Day(d) => format_day(d),
            When::Range(a, b) => format!("{}/{}", format_day(a), format_day(b)),
        }
    }
}

/// A time expression found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpr {
    /// Its words (`on Monday`).
    pub span: Span,
    /// Index of its first token in `doc.tokens`.
    pub tok: usize,
    /// The resolved time, when the article date is known (or the expression is absolute).
    pub when: Option<When>,
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    for (i, m) in MONTHS.iter().enumerate() {
        let full = w.len() == m.len() && w.eq_ignore_ascii_case(m);
        // abbreviations: Jan. Feb. Aug. Sept. Nov. (not `may`/`march` lowercase: see caller)
        let abbr = w.len() <= 4
            && w.len() < m.len()
            && m.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes());
        if full || abbr {
            return Some(i as u32 + 1);
        }
    }
    None
}

fn day_num(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_num(w: &str) -> Option<i64> {
    let y: i64 = w.parse().ok()?;
    (w.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

/// The words [`is_time_word`] accepts (besides ISO dates), for prefilters.
pub const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "week",
    "month",
    "year",
    "weekend",
    "days",
    "weeks",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Whether a lowercase word can start or anchor a time expression (a cheap filter, so that
/// sentences without one skip [`find`]).
pub fn is_time_word(w: &str) -> bool {
    TIME_WORDS.contains(&w)
        || (w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[0].is_ascii_digit())
}

/// Whether the sentence speaks of the future (bare weekdays then mean the next one).
fn future_cue(w: &str) -> bool {
    [
        "will",
        "'ll",
        "next",
        "upcoming",
        "tomorrow",
        "shall",
        "scheduled",
        "faces",
    ]
    .iter()
    .any(|c| w.eq_ignore_ascii_case(c))
        || w.ends_with("'ll")
        || w.ends_with("\u{2019}ll")
}

/// The time expressions of the tokens `toks` (one sentence; `first` is the index of
/// `toks[0]` in `doc.tokens`), resolved against `article` (days since 1970) when known.
pub fn find(doc: &Document, toks: &[Token], first: usize, article: Option<Day>) -> Vec<TimeExpr> {
    let w = |i: usize| -> &str { toks.get(i).map(|t| doc.slice(t.span)).unwrap_or("") };
    let is = |i: usize, s: &str| w(i).eq_ignore_ascii_case(s);
    let mut future_memo: Option<bool> = None;
    let mut future =
        || *future_memo.get_or_insert_with(|| toks.iter().any(|t| future_cue(doc.slice(t.span))));
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind != TokenKind::Word && t.kind != TokenKind::Number {
            i += 1;
            continue;
        }
        let word = w(i);
        // time words are short ASCII words: lowercase them on the stack, skip the rest
        if word.len() > 10 || !word.is_ascii() {
            i += 1;
            continue;
        }
        let mut buf = [0u8; 10];
        buf[..word.len()].copy_from_slice(word.as_bytes());
        buf[..word.len()].make_ascii_lowercase();
        let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
        let mut found: Option<(usize, usize, Option<When>)> = None; // (start tok, end tok excl, when)
        let prev_w = if i > 0 { w(i - 1) } else { "" };
        let prev = [
            "last", "past", "next", "coming", "this", "on", "since", "until", "by",
        ]
        .into_iter()
        .find(|x| prev_w.eq_ignore_ascii_case(x))
        .unwrap_or("");
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == lower) {
            let mut s = i;
            let mut e = i + 1;
            let mut dir = if future() { 1 } else { -1 };
            let mut strict = false;
            match prev {
                "last" | "past" => {
                    s = i - 1;
                    dir = -1;
                    strict = true;
                }
                "next" | "coming" => {
                    s = i - 1;
                    dir = 1;
                    strict = true;
                }
                "this" => {
                    s = i - 1;
                }
                "on" | "since" | "until" | "by" => s = i - 1,
                _ => {}
            }
            if s > 0 && s != i && is(s - 1, "on") {
                s -= 1;
            }
            if ["night", "morning", "afternoon", "evening"]
                .iter()
                .any(|x| is(e, x))
            {
                e += 1;
            }
            let when = article.map(|a| {
                let diff = wd as i64 - weekday(a);
                let d = if dir < 0 {
                    let back = (-diff).rem_euclid(7);
                    a - if strict && back == 0 { 7 } else { back }
                } else {
                    let fwd = diff.rem_euclid(7);
                    a + if strict && fwd == 0 { 7 } else { fwd }
                };
                When::Day(d)
            });
            found = Some((s, e, when));
        } else if let Some(off) = match lower {
            "yesterday" => Some(-1),
            "today" | "tonight" => Some(0),
            "tomorrow" => Some(1),
            _ => None,
        } {
            found = Some((i, i + 1, article.map(|a| When::Day(a + off))));
        } else if matches!(lower, "week" | "month" | "year" | "weekend")
            && matches!(prev, "last" | "this" | "next" | "past")
        {
            let s = if i >= 2 && is(i - 2, "earlier") {
                i - 2
            } else {
                i - 1
            };
            let when = article.map(|a| {
                let (y, m, _) = civil_from_days(a);
                let k = match prev {
                    "last" | "past" => -1,
                    "next" => 1,
                    _ => 0,
                };
                match lower {
                    "week" => {
                        let mon = a - weekday(a) + 7 * k;
                        if k == 0 && s + 2 == i + 1 && is(s, "earlier") {
                            When::Range(mon, a)
                        } else {
                            When::Range(mon, mon + 6)
                        }
                    }
                    "weekend" => {
                        let sat = a - weekday(a) + 5 + 7 * k;
                        When::Range(sat, sat + 1)
                    }
                    "month" => {
                        let (yy, mm) = {
                            let t = y * 12 + (m as i64 - 1) + k;
                            (t.div_euclid(12), t.rem_euclid(12) as u32 + 1)
                        };
                        let first = days_from_civil(yy, mm, 1);
                        let next = if mm == 12 {
                            days_from_civil(yy + 1, 1, 1)
                        } else {
                            days_from_civil(yy, mm + 1, 1)
                        };
                        When::Range(first, next - 1)
                    }
                    _ => When::Range(days_from_civil(y + k, 1, 1), days_from_civil(y + k, 12, 31)),
                }
            });
            found = Some((s, i + 1, when));
        } else if (lower == "coming" || lower == "next" || lower == "few")
            && ["days", "weeks"]
                .iter()
                .any(|x| is(i + 1, x) || (is(i + 1, "few") && is(i + 2, x)))
        {
            // in the coming days / in the next few days / in the next weeks
            let unit_i = if is(i + 1, "few") { i + 2 } else { i + 1 };
            let mut s = i;
            while s > 0 && ["the", "in", "over", "within"].iter().any(|x| is(s - 1, x)) {
                s -= 1;
            }
            let span = if is(unit_i, "days") { 7 } else { 30 };
            found = Some((s, unit_i + 1, article.map(|a| When::Range(a + 1, a + span))));
        } else if lower == "days" && is(i + 1, "ahead") && is(i - 1, "the") {
            let s = if i >= 2 && is(i - 2, "in") {
                i - 2
            } else {
                i - 1
            };
            found = Some((s, i + 2, article.map(|a| When::Range(a + 1, a + 7))));
        } else if let Some(m) = word
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_uppercase())
            .then(|| month_of(word))
            .flatten()
        {
            // (`may` and `march` are words too: a month only when capitalized)
            let next_day = day_num(w(i + 1)).filter(|_| {
                toks.get(i + 1).is_some_and(|t| {
                    t.kind == TokenKind::Number
                        || w(i + 1).ends_with("th")
                        || w(i + 1).ends_with("st")
                        || w(i + 1).ends_with("nd")
                        || w(i + 1).ends_with("rd")
                })
            });
            let prev_day = if i > 0 { day_num(w(i - 1)) } else { None };
            let (mut s, mut e, d) = match (next_day, prev_day) {
                (Some(d), _) => (i, i + 2, Some(d)),
                (None, Some(d)) if i > 0 => (i - 1, i + 1, Some(d)),
                _ => (i, i + 1, None),
            };
            let mut year = None;
            if is(e, ",") && year_num(w(e + 1)).is_some() {
                year = year_num(w(e + 1));
                e += 2;
            } else if let Some(y) = year_num(w(e)) {
                year = Some(y);
                e += 1;
            }
            let month_ok = d.is_some()
                || year.is_some()
                || ["in", "since", "until", "early", "late", "mid", "by"]
                    .iter()
                    .any(|x| is(i.wrapping_sub(1), x));
            if month_ok {
                if s > 0
                    && ["on", "in", "since", "until", "by"]
                        .iter()
                        .any(|x| is(s - 1, x))
                {
                    s -= 1;
                }
                let when = match (year, article) {
                    (Some(y), _) => Some(y),
                    (None, Some(a)) => {
                        let (ay, am, _) = civil_from_days(a);
                        // a month more than half a year after the article date is last year's;
                        // in a sentence about the future, one more than half a year before
                        // it is next year's (`will be sentenced on March 1` in December)
                        Some(if !future() && (m as i64 - am as i64) > 6 {
                            ay - 1
                        } else if future() && (am as i64 - m as i64) > 6 {
                            ay + 1
                        } else {
                            ay
                        })
                    }
                    (None, None) => None,
                }
                .map(|y| match d {
                    Some(d) => When::Day(days_from_civil(y, m, d)),
                    None => {
                        let first = days_from_civil(y, m, 1);
                        let next = if m == 12 {
                            days_from_civil(y + 1, 1, 1)
                        } else {
                            days_from_civil(y, m + 1, 1)
                        };
                        When::Range(first, next - 1)
                    }
                });
                found = Some((s, e, when));
            }
        } else if t.kind == TokenKind::Number && word.len() == 10 {
            if let Some(d) = parse_iso(word) {
                found = Some((i, i + 1, Some(When::Day(d))));
            }
        }
        match found {
            Some((s, e, when)) => {
                let e = e.min(toks.len()).max(s + 1);
                out.push(TimeExpr {
                    span: toks[s].span.cover(toks[e - 1].span),
                    tok: first + s,
                    when,
                });
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for d in [-1000, 0, 19807, 19808, 30000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        let d = parse_iso("2024-03-26").unwrap();
        assert_eq!(weekday(d), 1, "2024-03-26 is a Tuesday");
        assert_eq!(format_day(d), "2024-03-26");
        assert_eq!(parse_iso("2024-3-26"), None);
    }
}
