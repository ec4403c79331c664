//! Where newsgraph remembers what it read.
//!
//! A [`Store`] keeps articles with everything the pipeline found in them, and answers the
//! questions users ask across articles: who said what about what ([`Store::quotes`]), who
//! is who ([`Store::actors`]), what one article says ([`Store::article`]). Two backends
//! share the trait: [`SqliteStore`], a single file (the default), and [`PgStore`], a
//! PostgreSQL database several `newsgraph ingest` workers can share through its job table.
//!
//! A document is turned into an [`ArticleRecord`] (plain rows, the JSON contract and a
//! content hash) before it reaches a store, so a writer only inserts rows.
//!
//! ```
//! use newsgraph_store::{open, ArticleRecord, QuoteQuery, Store};
//! let mut doc = newsgraph_core::Document::new("Kirby said it.");
//! doc.meta.source = "example".into();
//! let mut store = open(":memory:").unwrap();
//! let out = store.put_batch(&[ArticleRecord::from_document(&doc)]).unwrap();
//! assert_eq!(out[0].inserted, true);
//! assert_eq!(store.counts().unwrap().articles, 1);
//! assert!(store.quotes(&QuoteQuery::default()).unwrap().is_empty());
//! ```
#![deny(missing_docs)]

mod pg;
mod record;
mod sqlite;

pub use pg::{JobQueue, PgStore};
pub use record::{normalize_name, ArticleRecord, RecordActor, RecordQuote};
pub use sqlite::SqliteStore;

use serde::Serialize;

/// The schema version this build writes; each backend migrates older stores up to it.
pub const SCHEMA_VERSION: i64 = 2;

/// A store failure.
#[derive(Debug)]
pub struct Error {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// What happened and how to fix it.
    pub message: String,
}

/// Kinds of [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The database refused or failed an operation.
    Database,
    /// The store was written by a newer newsgraph (schema version above [`SCHEMA_VERSION`]).
    TooNew,
    /// A query parameter is invalid (a bad date, an empty search).
    BadQuery,
    /// A write conflicted with another writer (deadlock, unique key); retrying may succeed.
    Conflict,
}

impl Error {
    fn db(e: impl std::fmt::Display) -> Self {
        Error {
            kind: ErrorKind::Database,
            message: e.to_string(),
        }
    }
    /// A [`ErrorKind::BadQuery`] error.
    pub fn bad_query(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::BadQuery,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::db(format!("SQLite: {e}"))
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        let kind = if pg::retryable(&e) {
            ErrorKind::Conflict
        } else {
            ErrorKind::Database
        };
        let detail = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_else(|| e.to_string());
        Error {
            kind,
            message: format!("PostgreSQL: {detail}"),
        }
    }
}

/// A store result.
pub type Result<T> = std::result::Result<T, Error>;

/// What [`Store::put_batch`] did with one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PutOutcome {
    /// The article's id in the store.
    pub id: i64,
    /// True when the article was new, false when an article with the same URL or the same
    /// content hash was updated.
    pub inserted: bool,
}

/// Which quotations [`Store::quotes`] returns. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct QuoteQuery {
    /// Speaker by any name or alias the texts use for them (case-insensitive substring).
    pub speaker: Option<String>,
    /// Speaker by store actor id.
    pub actor_id: Option<i64>,
    /// Words that must all occur in the quotation (full-text search, any order).
    pub about: Option<String>,
    /// Only quotations from this article.
    pub article_id: Option<i64>,
    /// Articles dated on or after (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Articles dated on or before (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// At most this many rows (0: no limit).
    pub limit: u32,
    /// Skip this many rows.
    pub offset: u32,
}

/// A quotation with its speaker and article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRow {
    /// Quotation id in the store.
    pub id: i64,
    /// Article id.
    pub article_id: i64,
    /// Index in the article's `quotes` (the JSON contract's `quotes[].id`).
    pub index: i64,
    /// direct | indirect | mixed.
    pub kind: String,
    /// The quoted words.
    pub text: String,
    /// Byte offsets of the words in the article text.
    pub start: i64,
    /// End offset.
    pub end: i64,
    /// Store actor id of the speaker.
    pub speaker_id: Option<i64>,
    /// Canonical name of the speaker.
    pub speaker: Option<String>,
    /// The cue (`said`).
    pub cue: Option<String>,
    /// Article date.
    pub date: Option<String>,
    /// Article title.
    pub title: Option<String>,
    /// Article URL.
    pub url: Option<String>,
    /// Where the article was read from.
    pub source: String,
}

/// Which actors [`Store::actors`] returns.
#[derive(Debug, Clone, Default)]
pub struct ActorQuery {
    /// Name or any alias contains this (case-insensitive).
    pub search: Option<String>,
    /// At most this many rows (0: no limit).
    pub limit: u32,
    /// Skip this many rows.
    pub offset: u32,
}

/// A title an actor was given, with when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleSeen {
    /// The title (`White House national security spokesman`).
    pub title: String,
    /// Earliest article date it was seen in.
    pub first_seen: Option<String>,
    /// Latest article date it was seen in.
    pub last_seen: Option<String>,
    /// Number of articles.
    pub articles: i64,
}

/// An actor across articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRow {
    /// Store actor id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// person | organization | country | place | group.
    pub kind: String,
    /// ISO 3166 alpha-3 country.
    pub country: Option<String>,
    /// Names the texts use for the actor.
    pub aliases: Vec<String>,
    /// Titles with dates.
    pub titles: Vec<TitleSeen>,
    /// Articles mentioning the actor.
    pub articles: i64,
    /// Quotations attributed to the actor.
    pub quotes: i64,
    /// Earliest article date.
    pub first_seen: Option<String>,
    /// Latest article date.
    pub last_seen: Option<String>,
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    /// Article id.
    pub id: i64,
    /// Where it was read from.
    pub source: String,
    /// URL.
    pub url: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// SHA-1 of the text, hex.
    pub hash: String,
    /// Speaker store actor id of each quotation, by index in `document.quotes`.
    pub quote_speakers: Vec<Option<i64>>,
    /// Store actor id of each document actor, by index in `document.actors`.
    pub actor_ids: Vec<i64>,
    /// The JSON contract of the document.
    pub document: serde_json::Value,
}

/// A short line per article for listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// Article id.
    pub id: i64,
    /// Where it was read from.
    pub source: String,
    /// URL.
    pub url: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Number of quotations.
    pub quotes: i64,
}

/// Number of rows of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Articles.
    pub articles: i64,
    /// Cross-article actors.
    pub actors: i64,
    /// Mentions.
    pub mentions: i64,
    /// Quotations.
    pub quotes: i64,
    /// Events.
    pub events: i64,
}

/// One bucket of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelinePoint {
    /// `YYYY-MM` or `YYYY-MM-DD`.
    pub period: String,
    /// Quotations by the actor in that period.
    pub quotes: i64,
    /// Articles mentioning the actor in that period.
    pub mentions: i64,
}

/// Another actor mentioned in the same articles as a given one ([`Store::co_actors`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoActorRow {
    /// Store actor id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// person | organization | country | place | group.
    pub kind: String,
    /// ISO 3166 alpha-3 country.
    pub country: Option<String>,
    /// Articles mentioning both actors.
    pub articles: i64,
}

/// Articles of one date that mention two actors ([`Store::co_mentions`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    /// `YYYY-MM-DD` (the first ten characters of the article date).
    pub date: String,
    /// Number of articles.
    pub articles: i64,
}

/// A store of articles: one trait, two backends.
///
/// Every query is parameterized; text from users is never spliced into SQL.
pub trait Store: Send {
    /// Stores a batch of articles in one transaction: all of them or none. An article with
    /// the URL or the content hash of a stored one replaces it (same id).
    fn put_batch(&mut self, batch: &[ArticleRecord]) -> Result<Vec<PutOutcome>>;
    /// Quotations, newest article first.
    fn quotes(&mut self, q: &QuoteQuery) -> Result<Vec<QuoteRow>>;
    /// Actors, most quoted first.
    fn actors(&mut self, q: &ActorQuery) -> Result<Vec<ActorRow>>;
    /// One actor.
    fn actor(&mut self, id: i64) -> Result<Option<ActorRow>>;
    /// One article.
    fn article(&mut self, id: i64) -> Result<Option<ArticleRow>>;
    /// Articles, newest first.
    fn articles(&mut self, limit: u32, offset: u32) -> Result<Vec<ArticleSummary>>;
    /// Quotations by and articles mentioning an actor per month (`month`) or day.
    fn timeline(&mut self, actor_id: i64, by_day: bool) -> Result<Vec<TimelinePoint>>;
    /// Row counts.
    fn counts(&mut self) -> Result<Counts>;
    /// Actors mentioned in at least one article together with `actor_id`, most shared
    /// articles first (then by id); `limit` 0 means no limit.
    fn co_actors(&mut self, actor_id: i64, limit: u32, offset: u32) -> Result<Vec<CoActorRow>>;
    /// Per article date, the number of articles that mention both actors, oldest first;
    /// only dated articles, within `since..=until` (`YYYY-MM-DD`) when given.
    fn co_mentions(
        &mut self,
        a: i64,
        b: i64,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<DayCount>>;
    /// Articles that mention both actors, newest first, within `since..=until` when given
    /// (then only dated articles); `limit` 0 means no limit.
    fn co_mention_articles(
        &mut self,
        a: i64,
        b: i64,
        since: Option<&str>,
        until: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ArticleSummary>>;
    /// Checks the store's consistency (SQLite `PRAGMA integrity_check` plus reference
    /// checks); returns the problems found, empty when consistent.
    fn check(&mut self) -> Result<Vec<String>>;
}

/// Opens a store: `postgres://...` or `postgresql://...` for PostgreSQL, anything else is
/// a SQLite file (`:memory:` for a temporary one). Creates and migrates the schema.
pub fn open(location: &str) -> Result<Box<dyn Store>> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        Ok(Box::new(PgStore::open(location)?))
    } else {
        Ok(Box::new(SqliteStore::open(location)?))
    }
}

/// Turns free words into a full-text query that matches quotations containing every word:
/// each word becomes a quoted phrase, so `"`, `*`, `OR`, `NEAR` and parentheses in user
/// input are searched for as text, never parsed as FTS syntax. `None` when no word is left.
pub fn fts_phrase_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The stored contract with its text put back, and the text of each span.
fn with_text(document: &str, text: String) -> serde_json::Result<serde_json::Value> {
    let mut v: serde_json::Value = serde_json::from_str(document)?;
    fill_texts(&mut v, &text);
    if let Some(o) = v.as_object_mut() {
        o.insert("text".into(), serde_json::Value::String(text));
    }
    Ok(v)
}

/// Puts back the span texts [`ArticleRecord::from_document`] leaves empty: in every object
/// with `start` and `end`, an empty `text` becomes `text[start..end]`, and in a quotation an
/// empty `cue` becomes `text[cue_start..cue_end]`. Documents stored with their span texts
/// (schema 1) are left as they are.
pub(crate) fn fill_texts(v: &mut serde_json::Value, text: &str) {
    use serde_json::Value;
    let slice = |o: &serde_json::Map<String, Value>, s: &str, e: &str| -> Option<String> {
        let (s, e) = (o.get(s)?.as_u64()? as usize, o.get(e)?.as_u64()? as usize);
        text.get(s..e).map(str::to_string)
    };
    match v {
        Value::Object(o) => {
            for (field, start, end) in [("text", "start", "end"), ("cue", "cue_start", "cue_end")] {
                if o.get(field).and_then(Value::as_str) == Some("") {
                    if let Some(t) = slice(o, start, end) {
                        o.insert(field.into(), Value::String(t));
                    }
                }
            }
            for (_, child) in o.iter_mut() {
                if child.is_object() || child.is_array() {
                    fill_texts(child, text);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| fill_texts(x, text)),
        _ => {}
    }
}

/// Joins per-period quotation and mention counts into one sorted timeline.
fn merge_timeline(quotes: Vec<(String, i64)>, mentions: Vec<(String, i64)>) -> Vec<TimelinePoint> {
    let mut m: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
    for (p, n) in quotes {
        m.entry(p).or_default().0 = n;
    }
    for (p, n) in mentions {
        m.entry(p).or_default().1 = n;
    }
    m.into_iter()
        .map(|(period, (quotes, mentions))| TimelinePoint {
            period,
            quotes,
            mentions,
        })
        .collect()
}

/// Separates the names in an article actor's `aliases` and `titles` columns (U+001F, the
/// unit separator). A name never contains it (it becomes a space in one that does), so a
/// `LIKE` over the column matches within one name, and a search containing it matches none.
const NAME_SEP: char = '\u{1f}';

/// Names joined with [`NAME_SEP`], or NULL for none.
fn join_names(names: &[&str]) -> Option<String> {
    let mut out = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            out.push(NAME_SEP);
        }
        if n.contains(NAME_SEP) {
            out.extend(n.chars().map(|c| if c == NAME_SEP { ' ' } else { c }));
        } else {
            out.push_str(n);
        }
    }
    (!names.is_empty()).then_some(out)
}

/// The `LIKE` pattern that finds `term` inside one of the names of an `aliases` column, or
/// None when no name can contain it.
fn alias_pattern(term: &str) -> Option<String> {
    (!term.contains(NAME_SEP)).then(|| like_pattern(term))
}

/// An actor's aliases from the `aliases` column of its article links: most used first
/// (in most articles), then alphabetically.
fn aliases_by_use(columns: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut n: std::collections::HashMap<String, usize> = Default::default();
    for c in columns {
        for a in c.split(NAME_SEP) {
            *n.entry(a.to_string()).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = n.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter().map(|(a, _)| a).collect()
}

/// An actor's titles from the `titles` column of its article links with each article's
/// date: first and last date and number of articles per title, earliest first (undated
/// before dated), then alphabetically.
fn titles_seen(rows: impl IntoIterator<Item = (String, Option<String>, i64)>) -> Vec<TitleSeen> {
    type Seen = (
        Option<String>,
        Option<String>,
        std::collections::BTreeSet<i64>,
    );
    let mut m: std::collections::HashMap<String, Seen> = Default::default();
    for (column, date, article) in rows {
        for t in column.split(NAME_SEP) {
            let e = m.entry(t.to_string()).or_default();
            if let Some(d) = &date {
                if e.0.as_ref().is_none_or(|f| d < f) {
                    e.0 = Some(d.clone());
                }
                if e.1.as_ref().is_none_or(|l| d > l) {
                    e.1 = Some(d.clone());
                }
            }
            e.2.insert(article);
        }
    }
    let mut v: Vec<TitleSeen> = m
        .into_iter()
        .map(|(title, (first_seen, last_seen, articles))| TitleSeen {
            title,
            first_seen,
            last_seen,
            articles: articles.len() as i64,
        })
        .collect();
    v.sort_by(|a, b| {
        a.first_seen
            .cmp(&b.first_seen)
            .then_with(|| a.title.cmp(&b.title))
    });
    v
}

/// Escapes `%`, `_` and `\` for a `LIKE ... ESCAPE '\'` pattern and wraps it in `%`.
pub fn like_pattern(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Checks a `YYYY-MM-DD` date parameter.
pub fn check_date(name: &str, d: &Option<String>) -> Result<()> {
    if let Some(d) = d {
        let b = d.as_bytes();
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !ok {
            return Err(Error::bad_query(format!(
                "{name} must be a date written YYYY-MM-DD, got {d:?}"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_every_word() {
        assert_eq!(
            fts_phrase_query("Rafah OR \"x\" NEAR(a b)*").as_deref(),
            Some("\"Rafah\" \"OR\" \"x\" \"NEAR\" \"a\" \"b\"")
        );
        assert_eq!(fts_phrase_query(" ; ' -- "), None);
    }

    #[test]
    fn names_join_and_count() {
        assert_eq!(join_names(&[]), None);
        assert_eq!(
            join_names(&["John Kirby", "Kir\u{1f}by"]).as_deref(),
            Some("John Kirby\u{1f}Kir by")
        );
        assert_eq!(alias_pattern("a\u{1f}b"), None);
        assert_eq!(alias_pattern("Kirby").as_deref(), Some("%Kirby%"));
        let cols = ["Kirby\u{1f}John Kirby".to_string(), "Kirby".to_string()];
        assert_eq!(aliases_by_use(cols), ["Kirby", "John Kirby"]);
        let seen = titles_seen([
            (
                "spokesman\u{1f}admiral".to_string(),
                Some("2024-03-05".into()),
                2,
            ),
            ("spokesman".to_string(), Some("2024-02-10".into()), 1),
            ("spokesman".to_string(), None, 3),
        ]);
        let got: Vec<(&str, Option<&str>, Option<&str>, i64)> = seen
            .iter()
            .map(|t| {
                (
                    t.title.as_str(),
                    t.first_seen.as_deref(),
                    t.last_seen.as_deref(),
                    t.articles,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("spokesman", Some("2024-02-10"), Some("2024-03-05"), 3),
                ("admiral", Some("2024-03-05"), Some("2024-03-05"), 1)
            ]
        );
    }

    #[test]
    fn like_pattern_escapes() {
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn dates_are_checked() {
        assert!(check_date("since", &Some("2024-03-01".into())).is_ok());
        assert!(check_date("since", &Some("2024-03-01' OR 1=1".into())).is_err());
        assert!(check_date("since", &None).is_ok());
    }
}
