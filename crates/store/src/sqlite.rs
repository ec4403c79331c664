//! The embedded store: one SQLite file (WAL journal), FTS5 over quotation text.

use crate::record;
use crate::{
    check_date, fts_phrase_query, like_pattern, ActorQuery, ActorRow, ArticleRecord, ArticleRow,
    ArticleSummary, CoActorRow, Counts, DayCount, Error, ErrorKind, PutOutcome, QuoteQuery,
    QuoteRow, RecordActor, Result, Store, TimelinePoint, SCHEMA_VERSION,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;

/// Migrations: `MIGRATIONS[i]` takes a store from version `i` to `i + 1`. Append only; a
/// released migration never changes.
const MIGRATIONS: &[&str] = &[
    // 1: articles, cross-article actors, mentions, quotations with full-text search.
    r#"
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT UNIQUE,
    date        TEXT,
    title       TEXT,
    text        TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE,
    document    TEXT NOT NULL,
    events      TEXT,
    event_count INTEGER NOT NULL DEFAULT 0,
    stored_at   TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX articles_date ON articles(date);
CREATE TABLE actors (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    key     TEXT NOT NULL,
    kind    TEXT NOT NULL,
    country TEXT
);
CREATE UNIQUE INDEX actors_identity ON actors(kind, key, ifnull(country, ''));
CREATE TABLE article_actors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX article_actors_actor ON article_actors(actor_id);
CREATE TABLE actor_aliases (
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL
);
CREATE INDEX actor_aliases_actor ON actor_aliases(actor_id);
CREATE INDEX actor_aliases_article ON actor_aliases(article_id);
CREATE TABLE actor_titles (
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    title      TEXT NOT NULL
);
CREATE INDEX actor_titles_actor ON actor_titles(actor_id);
CREATE INDEX actor_titles_article ON actor_titles(article_id);
CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    actor_id   INTEGER REFERENCES actors(id),
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE TABLE quotes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    speaker_id INTEGER REFERENCES actors(id),
    cue        TEXT,
    UNIQUE (article_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id');
-- Merge index segments less eagerly while writing (default 4).
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('automerge', 8);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"#,
    // 2: fewer rows per article (ingest wrote 87 rows per NAEB article, storing cost more CPU
    // than reading): the mentions live only in the stored document (a count stays on the
    // article); an article actor's aliases and titles are lists (names joined by U+001F) on
    // its article_actors row instead of one row each; the events column (a copy of the document's events) goes.
    // The full-text index is written once per batch by the store, not by row triggers: an
    // FTS5 table flushes its pending terms at every statement savepoint, so per-row triggers
    // wrote one tiny index segment per quotation and spent the batch merging them.
    r#"
DROP TRIGGER quotes_ai;
DROP TRIGGER quotes_ad;
CREATE TABLE article_actors_v2 (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    aliases    TEXT,
    titles     TEXT,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
INSERT INTO article_actors_v2 (article_id, idx, actor_id, aliases, titles)
SELECT aa.article_id, aa.idx, aa.actor_id,
       CASE WHEN aa.idx = first.idx THEN (
           SELECT group_concat(replace(al.alias, char(31), ' '), char(31)) FROM actor_aliases al
           WHERE al.article_id = aa.article_id AND al.actor_id = aa.actor_id) END,
       CASE WHEN aa.idx = first.idx THEN (
           SELECT group_concat(replace(t.title, char(31), ' '), char(31)) FROM actor_titles t
           WHERE t.article_id = aa.article_id AND t.actor_id = aa.actor_id) END
FROM article_actors aa
JOIN (SELECT article_id, actor_id, min(idx) idx FROM article_actors GROUP BY article_id, actor_id) first
  ON first.article_id = aa.article_id AND first.actor_id = aa.actor_id;
DROP TABLE actor_aliases;
DROP TABLE actor_titles;
DROP TABLE article_actors;
ALTER TABLE article_actors_v2 RENAME TO article_actors;
CREATE INDEX article_actors_actor ON article_actors(actor_id);
ALTER TABLE articles ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET mention_count = (SELECT count(*) FROM mentions m WHERE m.article_id = articles.id);
DROP TABLE mentions;
ALTER TABLE articles DROP COLUMN events;
-- Quotations are filtered by words, never ranked: no per-row token counts (columnsize=0
-- saves a row per quotation in quotes_fts_docsize).
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id', columnsize=0);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('automerge', 8);
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
"#,
];

/// The page size of a new store file.
const PAGE_SIZE: i64 = 32768;

/// The embedded store.
pub struct SqliteStore {
    conn: Connection,
    /// Every store actor, while no other connection has written to the file: resolving an
    /// article's actors then needs no query (a third of the statements of a batch).
    actors: Option<ActorCache>,
}

/// Store actors sharing a kind and normalized name: (id, country) of each.
type Candidates = Vec<(i64, Option<String>)>;

/// Store actors of one kind by normalized name. aHash (randomly keyed) instead of the
/// standard SipHash: hashing names was a tenth of the store's own (non-SQLite) work.
type ActorMap = HashMap<String, Candidates, ahash::RandomState>;

/// aHash keyed from the operating system's randomness (through the standard library's
/// `RandomState`), so names crafted to collide cannot slow the cache down.
fn random_keys() -> ahash::RandomState {
    use std::hash::{BuildHasher, Hasher};
    let os = std::collections::hash_map::RandomState::new();
    let key = |i: u64| {
        let mut h = os.build_hasher();
        h.write_u64(i);
        h.finish()
    };
    ahash::RandomState::with_seeds(key(0), key(1), key(2), key(3))
}

/// The store's actors by kind and normalized name, as of `data_version`.
struct ActorCache {
    /// `PRAGMA data_version` when loaded: it changes when another connection commits.
    data_version: i64,
    /// For each kind (a handful), key -> (id, country) of each actor with that kind and key.
    by_kind: Vec<(String, ActorMap)>,
}

/// Above this many actors the cache is not loaded (its memory would grow with the store)
/// and each article actor is looked up with a query instead.
const ACTOR_CACHE_MAX: i64 = 250_000;

impl ActorCache {
    fn load(tx: &Transaction, data_version: i64) -> Result<Option<Self>> {
        let n: i64 = tx.query_row("SELECT count(*) FROM actors", [], |r| r.get(0))?;
        if n > ACTOR_CACHE_MAX {
            return Ok(None);
        }
        let mut c = ActorCache {
            data_version,
            by_kind: Vec::new(),
        };
        let mut stmt = tx.prepare("SELECT id, kind, key, country FROM actors")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(1)?;
            c.add(&kind, r.get(2)?, r.get(0)?, r.get(3)?);
        }
        Ok(Some(c))
    }

    fn add(&mut self, kind: &str, key: String, id: i64, country: Option<String>) {
        let i = match self.by_kind.iter().position(|(k, _)| k == kind) {
            Some(i) => i,
            None => {
                self.by_kind
                    .push((kind.to_string(), ActorMap::with_hasher(random_keys())));
                self.by_kind.len() - 1
            }
        };
        self.by_kind[i]
            .1
            .entry(key)
            .or_default()
            .push((id, country));
    }

    fn get_mut(&mut self, kind: &str, key: &str) -> Option<&mut Candidates> {
        self.by_kind
            .iter_mut()
            .find(|(k, _)| k == kind)?
            .1
            .get_mut(key)
    }
}

impl SqliteStore {
    /// Opens (creating if needed) a store file, or `:memory:`, and migrates it.
    pub fn open(path: &str) -> Result<Self> {
        let conn = Connection::open(path).map_err(|e| {
            Error::db(format!(
                "cannot open the store {path:?}: {e}; check the path and its permissions"
            ))
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // A new store gets 32 KiB pages instead of SQLite's 4 KiB: an article's row (text
        // and stored document, about 14 KB) then fills part of one page instead of a chain
        // of four overflow pages, and ingest makes a quarter of the page reads and writes
        // (system calls: 8,500 -> 1,900 on the NAEB benchmark). Storing cost 19% less CPU
        // per article (158 -> 128 us); the file is 19% larger (partly filled pages). The
        // page size of an existing store stays as it is (it changes only with VACUUM). Set
        // before the journal mode, which writes the first page.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        // A new file holds nothing yet that a power cut could lose: it is created (switched
        // to WAL, schema written) without waiting for the disk (eight fsyncs, about a
        // millisecond), and synchronous=NORMAL applies from the first article on. A killed
        // process loses nothing either way (its writes are the kernel's).
        let new_file = conn.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))? == 0;
        if new_file {
            conn.pragma_update(None, "synchronous", "OFF")?;
        }
        // WAL: readers (the server) do not block the writer; with synchronous=NORMAL a
        // killed process loses nothing committed, only a power cut may lose the last
        // transactions, and the file stays consistent either way.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // Copy the WAL into the file after every 4 MB of it, as SQLite's default of 1000
        // pages does with 4 KiB pages: with larger pages the default let the WAL grow to
        // 32 MB, and closing the store then copied it all while nothing else ran.
        let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        conn.pragma_update(None, "wal_autocheckpoint", (4 << 20) / page_size.max(512))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Statement journals (and temporary tables) in memory, not in a file under /var/tmp:
        // creating a store journaled 1.7 MB of schema pages there, one DDL statement after
        // another.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // 64 MiB of page cache: a batch's index pages stay in memory.
        conn.pragma_update(None, "cache_size", -65536)?;
        // Every statement of a batch stays prepared (rusqlite keeps 16 by default).
        conn.set_prepared_statement_cache_capacity(64);
        let mut s = SqliteStore { conn, actors: None };
        s.migrate()?;
        s.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(s)
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT max(version) FROM schema_version", [], |r| {
                r.get::<_, Option<i64>>(0)
            })?
            .unwrap_or(0))
    }

    /// Rows in every table of the store except the full-text index's own tables and the
    /// schema version: what ingesting an article costs in rows.
    pub fn row_count(&self) -> Result<i64> {
        let tables: Vec<String> = self
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 AND name NOT LIKE 'quotes_fts%' AND name <> 'schema_version'",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut n = 0;
        for t in tables {
            n += self.conn.query_row(
                &format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\"")),
                [],
                |r| r.get::<_, i64>(0),
            )?;
        }
        Ok(n)
    }

    /// Brings the store to [`SCHEMA_VERSION`]: every pending migration in one transaction
    /// (a new store is written and committed once, not once per version; a migration that
    /// fails leaves the store as it was).
    fn migrate(&mut self) -> Result<()> {
        let version = |c: &Connection| -> Result<i64> {
            let exists: bool = c.query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'",
                [],
                |r| r.get(0),
            )?;
            if !exists {
                return Ok(0);
            }
            Ok(
                c.query_row("SELECT max(version) FROM schema_version", [], |r| {
                    r.get::<_, Option<i64>>(0)
                })?
                .unwrap_or(0),
            )
        };
        let too_new = |current: i64| {
            Error {
            kind: ErrorKind::TooNew,
            message: format!(
                "the store has schema version {current}, this newsgraph knows up to {SCHEMA_VERSION}; use a newer newsgraph"
            ),
        }
        };
        let current = version(&self.conn)?;
        if current > SCHEMA_VERSION {
            return Err(too_new(current));
        }
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let current = version(&tx)?;
        if current > SCHEMA_VERSION {
            return Err(too_new(current));
        }
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            [],
        )?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES (?1)",
                [i as i64 + 1],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Which of the store actors with an article actor's kind and key it is: the one with the
/// same country, else the one without a country (the flag says its country must be filled
/// in); an actor without a country takes the one without, or the only one there is, or
/// else the one the article's previous version was linked to (`previous`): without it,
/// storing an article again would create a new actor each time its country-less actor had
/// meanwhile been given a country by another article while a second one with another
/// country exists.
pub(crate) fn pick(
    candidates: &[(i64, Option<String>)],
    country: &Option<String>,
    previous: &[i64],
) -> Option<(i64, bool)> {
    let found = match country {
        Some(c) => candidates
            .iter()
            .find(|(_, cc)| cc.as_ref() == Some(c))
            .or_else(|| candidates.iter().find(|(_, cc)| cc.is_none()))
            .map(|(id, cc)| (*id, cc.is_none())),
        None => candidates
            .iter()
            .find(|(_, cc)| cc.is_none())
            .or_else(|| (candidates.len() == 1).then(|| &candidates[0]))
            .map(|(id, _)| (*id, false)),
    };
    found.or_else(|| {
        candidates
            .iter()
            .find(|(id, _)| previous.contains(id))
            .map(|(id, _)| (*id, false))
    })
}

/// The statements a batch runs for every article or row, prepared once per batch: looking
/// each up in the connection's statement cache (hashing its SQL) for every row cost 19K
/// instructions per NAEB article, 3% of storing it.
struct Writes<'c> {
    by_url: rusqlite::CachedStatement<'c>,
    by_hash: rusqlite::CachedStatement<'c>,
    insert_article: rusqlite::CachedStatement<'c>,
    insert_actor: rusqlite::CachedStatement<'c>,
    link: rusqlite::CachedStatement<'c>,
    insert_quote: rusqlite::CachedStatement<'c>,
}

impl<'c> Writes<'c> {
    fn prepare(tx: &'c Transaction) -> Result<Self> {
        Ok(Writes {
            by_url: tx.prepare_cached("SELECT id FROM articles WHERE url = ?1")?,
            by_hash: tx.prepare_cached("SELECT id FROM articles WHERE hash = ?1")?,
            insert_article: tx.prepare_cached(
                "INSERT INTO articles (source, url, date, title, text, hash, document, event_count, mention_count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            insert_actor: tx.prepare_cached(
                "INSERT INTO actors (name, key, kind, country) VALUES (?1, ?2, ?3, ?4)",
            )?,
            link: tx.prepare_cached(
                "INSERT INTO article_actors (article_id, idx, actor_id, aliases, titles) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            insert_quote: tx.prepare_cached(
                r#"INSERT INTO quotes (article_id, idx, kind, start, "end", text, speaker_id, cue)
                   VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"#,
            )?,
        })
    }
}

/// The store actor for an article actor: same kind and normalized name, and the same
/// country, or one of the two without a country. A person is never merged on a surname
/// alone: the key is the whole canonical name. With a cache, the candidates come from it
/// and it is kept up to date.
fn resolve_actor(
    tx: &Transaction,
    w: &mut Writes,
    a: &RecordActor,
    previous: &[i64],
    mut cache: Option<&mut ActorCache>,
) -> Result<i64> {
    let picked = match cache.as_deref_mut() {
        Some(c) => c
            .get_mut(&a.kind, &a.key)
            .and_then(|cands| pick(cands, &a.country, previous)),
        None => {
            let mut stmt =
                tx.prepare_cached("SELECT id, country FROM actors WHERE kind = ?1 AND key = ?2")?;
            let candidates: Vec<(i64, Option<String>)> = stmt
                .query_map(params![a.kind, a.key], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            pick(&candidates, &a.country, previous)
        }
    };
    match picked {
        Some((id, fill_country)) => {
            if fill_country {
                tx.prepare_cached("UPDATE actors SET country = ?1 WHERE id = ?2")?
                    .execute(params![a.country, id])?;
                if let Some(cands) = cache.and_then(|c| c.get_mut(&a.kind, &a.key)) {
                    for (cid, cc) in cands.iter_mut() {
                        if *cid == id {
                            *cc = a.country.clone();
                        }
                    }
                }
            }
            Ok(id)
        }
        None => {
            w.insert_actor
                .execute(params![a.name, a.key, a.kind, a.country])?;
            let id = tx.last_insert_rowid();
            if let Some(c) = cache {
                c.add(&a.kind, a.key.clone(), id, a.country.clone());
            }
            Ok(id)
        }
    }
}

/// Removes what an article's rows hold besides the article itself: its quotations (and
/// their full-text entries) and actor links; the actors it linked go to `orphans`, to be
/// removed at the end of the batch when no other article links them. Quotations written
/// earlier in the same batch are not indexed yet (`new_quotes`): they leave that list
/// instead, since deleting an entry the index never had would corrupt it.
fn drop_article_rows(
    tx: &Transaction,
    id: i64,
    orphans: &mut Vec<i64>,
    new_quotes: &mut Vec<i64>,
) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("SELECT actor_id FROM article_actors WHERE article_id = ?1")?;
    for a in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
        orphans.push(a?);
    }
    let quotes: Vec<i64> = tx
        .prepare_cached("SELECT id FROM quotes WHERE article_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if quotes.iter().any(|q| new_quotes.contains(q)) {
        new_quotes.retain(|q| !quotes.contains(q));
    } else if !quotes.is_empty() {
        tx.prepare_cached(
            "INSERT INTO quotes_fts(quotes_fts, rowid, text) SELECT 'delete', id, text FROM quotes WHERE article_id = ?1",
        )?
        .execute([id])?;
    }
    tx.prepare_cached("DELETE FROM quotes WHERE article_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM article_actors WHERE article_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Writes one article; the ids of its new quotations go to `new_quotes` (the batch indexes
/// their text at the end).
fn put_one(
    tx: &Transaction,
    w: &mut Writes,
    r: &ArticleRecord,
    orphans: &mut Vec<i64>,
    new_quotes: &mut Vec<i64>,
    mut cache: Option<&mut ActorCache>,
) -> Result<PutOutcome> {
    let by_url: Option<i64> = match &r.url {
        Some(u) => w.by_url.query_row([u], |row| row.get(0)).optional()?,
        None => None,
    };
    let by_hash: Option<i64> = w
        .by_hash
        .query_row([&r.hash], |row| row.get(0))
        .optional()?;
    let existing = by_url.or(by_hash);
    // The actors the stored version(s) of this article were linked to.
    let linked_before = orphans.len();
    if let (Some(u), Some(h)) = (by_url, by_hash) {
        if u != h {
            // The text now at this URL was stored before under another URL: one article.
            drop_article_rows(tx, h, orphans, new_quotes)?;
            tx.prepare_cached("DELETE FROM articles WHERE id = ?1")?
                .execute([h])?;
        }
    }
    let id = match existing {
        Some(id) => {
            drop_article_rows(tx, id, orphans, new_quotes)?;
            tx.prepare_cached(
                "UPDATE articles SET source = ?1, url = ?2, date = ?3, title = ?4, text = ?5, hash = ?6,
                 document = ?7, event_count = ?8, mention_count = ?9, stored_at = datetime('now') WHERE id = ?10",
            )?
            .execute(params![
                r.source,
                r.url,
                r.date,
                r.title,
                r.text,
                r.hash,
                r.document_json,
                r.event_count as i64,
                r.mention_count as i64,
                id
            ])?;
            id
        }
        None => {
            w.insert_article.execute(params![
                r.source,
                r.url,
                r.date,
                r.title,
                r.text,
                r.hash,
                r.document_json,
                r.event_count as i64,
                r.mention_count as i64
            ])?;
            tx.last_insert_rowid()
        }
    };
    let previous = orphans[linked_before..].to_vec();
    let actor_ids = r
        .actors
        .iter()
        .map(|a| resolve_actor(tx, w, a, &previous, cache.as_deref_mut()))
        .collect::<Result<Vec<i64>>>()?;
    for (i, &aid) in actor_ids.iter().enumerate() {
        let (aliases, titles) = record::names_of(&r.actors, &actor_ids, i);
        w.link.execute(params![
            id,
            i as i64,
            aid,
            crate::join_names(&aliases),
            crate::join_names(&titles)
        ])?;
    }
    let local = |i: Option<u32>| i.and_then(|i| actor_ids.get(i as usize).copied());
    for (i, q) in r.quotes.iter().enumerate() {
        w.insert_quote.execute(params![
            id,
            i as i64,
            q.kind,
            q.start,
            q.end,
            q.text,
            local(q.speaker),
            q.cue
        ])?;
        new_quotes.push(tx.last_insert_rowid());
    }
    Ok(PutOutcome {
        id,
        inserted: existing.is_none(),
    })
}

/// Indexes the text of the batch's new quotations: one statement per run of consecutive
/// ids (usually one per batch), so the full-text index is flushed once, not per quotation.
fn index_quotes(tx: &Transaction, ids: &mut [i64]) -> Result<()> {
    ids.sort_unstable();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE id BETWEEN ?1 AND ?2",
    )?;
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while j + 1 < ids.len() && ids[j + 1] == ids[j] + 1 {
            j += 1;
        }
        stmt.execute([ids[i], ids[j]])?;
        i = j + 1;
    }
    Ok(())
}

const ACTOR_COLUMNS: &str = "a.id, a.name, a.kind, a.country,
    (SELECT count(*) FROM quotes q WHERE q.speaker_id = a.id),
    (SELECT count(DISTINCT aa.article_id) FROM article_actors aa WHERE aa.actor_id = a.id),
    (SELECT min(ar.date) FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id WHERE aa.actor_id = a.id),
    (SELECT max(ar.date) FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id WHERE aa.actor_id = a.id)";

impl SqliteStore {
    fn actor_details(&self, mut row: ActorRow) -> Result<ActorRow> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT aliases FROM article_actors WHERE actor_id = ?1 AND aliases IS NOT NULL",
        )?;
        row.aliases = crate::aliases_by_use(
            stmt.query_map([row.id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?,
        );
        let mut stmt = self.conn.prepare_cached(
            "SELECT aa.titles, ar.date, aa.article_id FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id
             WHERE aa.actor_id = ?1 AND aa.titles IS NOT NULL",
        )?;
        row.titles = crate::titles_seen(
            stmt.query_map([row.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?,
        );
        Ok(row)
    }
}

fn actor_row(r: &rusqlite::Row) -> rusqlite::Result<ActorRow> {
    Ok(ActorRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        country: r.get(3)?,
        quotes: r.get(4)?,
        articles: r.get(5)?,
        first_seen: r.get(6)?,
        last_seen: r.get(7)?,
        aliases: Vec::new(),
        titles: Vec::new(),
    })
}

fn limit(n: u32) -> i64 {
    if n == 0 {
        -1
    } else {
        n as i64
    }
}

impl SqliteStore {
    /// [`Store::put_batch`] in one transaction.
    fn write_batch(&mut self, batch: &[ArticleRecord]) -> Result<Vec<PutOutcome>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let cache = &mut self.actors;
        let written = (|| -> Result<Vec<PutOutcome>> {
            // Another connection (a second ingest, the server) may have changed the actors
            // since this one last wrote: then the cache is loaded again.
            let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
            if cache.as_ref().map(|c| c.data_version) != Some(version) {
                *cache = ActorCache::load(&tx, version)?;
            }
            let mut out = Vec::with_capacity(batch.len());
            let mut orphans = Vec::new();
            let mut new_quotes = Vec::new();
            let mut w = Writes::prepare(&tx)?;
            for r in batch {
                out.push(put_one(
                    &tx,
                    &mut w,
                    r,
                    &mut orphans,
                    &mut new_quotes,
                    cache.as_mut(),
                )?);
            }
            index_quotes(&tx, &mut new_quotes)?;
            orphans.sort_unstable();
            orphans.dedup();
            let mut delete = tx.prepare_cached(
                "DELETE FROM actors WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM article_actors aa WHERE aa.actor_id = ?1)
                 RETURNING kind, key",
            )?;
            for a in orphans {
                // Actors only the replaced versions mentioned.
                let gone: Option<(String, String)> = delete
                    .query_row([a], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                if let (Some((kind, key)), Some(c)) = (gone, cache.as_mut()) {
                    if let Some(cands) = c.get_mut(&kind, &key) {
                        cands.retain(|(id, _)| *id != a);
                    }
                }
            }
            Ok(out)
        })();
        // A batch rolled back takes its new actors with it: so does the cache.
        let out = match written {
            Ok(out) => out,
            Err(e) => {
                self.actors = None;
                return Err(e);
            }
        };
        if let Err(e) = tx.commit() {
            self.actors = None;
            return Err(e.into());
        }
        Ok(out)
    }
}

impl Store for SqliteStore {
    fn put_batch(&mut self, batch: &[ArticleRecord]) -> Result<Vec<PutOutcome>> {
        // The batch writer does not have SQLite check its foreign keys row by row: each
        // link and quotation row refers to the article just written and to actors looked
        // up or inserted in the same transaction, and an actor is removed only when no link
        // refers to it (a quotation's speaker is always one of its article's linked actors).
        // The checks were two parent lookups per link and quotation, 10% of the store's
        // instructions (60M of 574M over two NAEB passes); `check` (and the tests) still
        // verify the keys with `PRAGMA foreign_key_check`. They are on again for anything
        // else the connection runs (migrations among them).
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let out = self.write_batch(batch);
        let restored = self.conn.pragma_update(None, "foreign_keys", true);
        let out = out?;
        restored?;
        Ok(out)
    }

    fn quotes(&mut self, q: &QuoteQuery) -> Result<Vec<QuoteRow>> {
        check_date("since", &q.since)?;
        check_date("until", &q.until)?;
        let about = match &q.about {
            Some(a) => Some(fts_phrase_query(a).ok_or_else(|| {
                Error::bad_query("about has no word to search for; give one or more words")
            })?),
            None => None,
        };
        let speaker = q
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let alias = speaker.and_then(crate::alias_pattern);
        let speaker = speaker.map(like_pattern);
        let mut stmt = self.conn.prepare_cached(
            r#"SELECT q.id, q.article_id, q.idx, q.kind, q.text, q.start, q."end", q.speaker_id, s.name, q.cue,
                      a.date, a.title, a.url, a.source
               FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors s ON s.id = q.speaker_id
               WHERE (?1 IS NULL OR q.speaker_id IN (
                        SELECT id FROM actors WHERE name LIKE ?1 ESCAPE '\'
                        UNION SELECT actor_id FROM article_actors WHERE aliases LIKE ?9 ESCAPE '\'))
                 AND (?2 IS NULL OR q.speaker_id = ?2)
                 AND (?3 IS NULL OR q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?3))
                 AND (?4 IS NULL OR q.article_id = ?4)
                 AND (?5 IS NULL OR a.date >= ?5)
                 AND (?6 IS NULL OR a.date <= ?6)
               ORDER BY a.date DESC, q.article_id, q.idx
               LIMIT ?7 OFFSET ?8"#,
        )?;
        let rows = stmt
            .query_map(
                params![
                    speaker,
                    q.actor_id,
                    about,
                    q.article_id,
                    q.since,
                    q.until,
                    limit(q.limit),
                    q.offset as i64,
                    alias
                ],
                |r| {
                    Ok(QuoteRow {
                        id: r.get(0)?,
                        article_id: r.get(1)?,
                        index: r.get(2)?,
                        kind: r.get(3)?,
                        text: r.get(4)?,
                        start: r.get(5)?,
                        end: r.get(6)?,
                        speaker_id: r.get(7)?,
                        speaker: r.get(8)?,
                        cue: r.get(9)?,
                        date: r.get(10)?,
                        title: r.get(11)?,
                        url: r.get(12)?,
                        source: r.get(13)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn actors(&mut self, q: &ActorQuery) -> Result<Vec<ActorRow>> {
        let search = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let alias = search.and_then(crate::alias_pattern);
        let search = search.map(like_pattern);
        let sql = format!(
            r#"SELECT {ACTOR_COLUMNS} FROM actors a
               WHERE (?1 IS NULL OR a.name LIKE ?1 ESCAPE '\'
                      OR a.id IN (SELECT actor_id FROM article_actors WHERE aliases LIKE ?4 ESCAPE '\'))
               ORDER BY 5 DESC, 6 DESC, a.name LIMIT ?2 OFFSET ?3"#
        );
        let rows: Vec<ActorRow> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(
                    params![search, limit(q.limit), q.offset as i64, alias],
                    actor_row,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        rows.into_iter().map(|r| self.actor_details(r)).collect()
    }

    fn actor(&mut self, id: i64) -> Result<Option<ActorRow>> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.id = ?1");
        let row = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], actor_row)
            .optional()?;
        row.map(|r| self.actor_details(r)).transpose()
    }

    fn article(&mut self, id: i64) -> Result<Option<ArticleRow>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT id, source, url, date, title, hash, document, text FROM articles WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })
            .optional()?;
        let Some((id, source, url, date, title, hash, document, text)) = row else {
            return Ok(None);
        };
        let actor_ids = self
            .conn
            .prepare_cached(
                "SELECT actor_id FROM article_actors WHERE article_id = ?1 ORDER BY idx",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let quote_speakers = self
            .conn
            .prepare_cached("SELECT speaker_id FROM quotes WHERE article_id = ?1 ORDER BY idx")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<Option<i64>>>>()?;
        Ok(Some(ArticleRow {
            id,
            source,
            url,
            date,
            title,
            hash,
            quote_speakers,
            actor_ids,
            document: crate::with_text(&document, text)
                .map_err(|e| Error::db(format!("article {id} holds broken JSON: {e}")))?,
        }))
    }

    fn articles(&mut self, lim: u32, offset: u32) -> Result<Vec<ArticleSummary>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.source, a.url, a.date, a.title, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)
                 FROM articles a ORDER BY a.date DESC, a.id LIMIT ?1 OFFSET ?2",
            )?
            .query_map(params![limit(lim), offset as i64], summary_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn timeline(&mut self, actor_id: i64, by_day: bool) -> Result<Vec<TimelinePoint>> {
        let len = if by_day { 10 } else { 7 };
        let quotes: Vec<(String, i64)> = self
            .conn
            .prepare_cached(
                "SELECT substr(a.date, 1, ?2) p, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id
                 WHERE q.speaker_id = ?1 AND a.date IS NOT NULL GROUP BY p ORDER BY p",
            )?
            .query_map(params![actor_id, len], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mentions: Vec<(String, i64)> = self
            .conn
            .prepare_cached(
                "SELECT substr(a.date, 1, ?2) p, count(DISTINCT a.id) FROM article_actors aa JOIN articles a ON a.id = aa.article_id
                 WHERE aa.actor_id = ?1 AND a.date IS NOT NULL GROUP BY p ORDER BY p",
            )?
            .query_map(params![actor_id, len], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(crate::merge_timeline(quotes, mentions))
    }

    fn co_actors(&mut self, actor_id: i64, lim: u32, offset: u32) -> Result<Vec<CoActorRow>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT o.actor_id, ac.name, ac.kind, ac.country, count(DISTINCT o.article_id) n
                 FROM article_actors x
                 JOIN article_actors o ON o.article_id = x.article_id AND o.actor_id <> x.actor_id
                 JOIN actors ac ON ac.id = o.actor_id
                 WHERE x.actor_id = ?1
                 GROUP BY o.actor_id, ac.name, ac.kind, ac.country
                 ORDER BY n DESC, o.actor_id LIMIT ?2 OFFSET ?3",
            )?
            .query_map(params![actor_id, limit(lim), offset as i64], |r| {
                Ok(CoActorRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    country: r.get(3)?,
                    articles: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn co_mentions(
        &mut self,
        a: i64,
        b: i64,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<DayCount>> {
        check_date("since", &since.map(str::to_string))?;
        check_date("until", &until.map(str::to_string))?;
        let rows = self
            .conn
            .prepare_cached(
                "SELECT substr(ar.date, 1, 10) d, count(DISTINCT ar.id)
                 FROM article_actors x JOIN articles ar ON ar.id = x.article_id
                 WHERE x.actor_id = ?1 AND ar.date IS NOT NULL
                   AND EXISTS (SELECT 1 FROM article_actors y WHERE y.article_id = ar.id AND y.actor_id = ?2)
                   AND (?3 IS NULL OR substr(ar.date, 1, 10) >= ?3)
                   AND (?4 IS NULL OR substr(ar.date, 1, 10) <= ?4)
                 GROUP BY d ORDER BY d",
            )?
            .query_map(params![a, b, since, until], |r| {
                Ok(DayCount {
                    date: r.get(0)?,
                    articles: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn co_mention_articles(
        &mut self,
        a: i64,
        b: i64,
        since: Option<&str>,
        until: Option<&str>,
        lim: u32,
        offset: u32,
    ) -> Result<Vec<ArticleSummary>> {
        check_date("since", &since.map(str::to_string))?;
        check_date("until", &until.map(str::to_string))?;
        let rows = self
            .conn
            .prepare_cached(
                "SELECT ar.id, ar.source, ar.url, ar.date, ar.title, (SELECT count(*) FROM quotes q WHERE q.article_id = ar.id)
                 FROM articles ar
                 WHERE ar.id IN (SELECT article_id FROM article_actors WHERE actor_id = ?1)
                   AND ar.id IN (SELECT article_id FROM article_actors WHERE actor_id = ?2)
                   AND (?3 IS NULL OR substr(ar.date, 1, 10) >= ?3)
                   AND (?4 IS NULL OR substr(ar.date, 1, 10) <= ?4)
                 ORDER BY ar.date DESC, ar.id LIMIT ?5 OFFSET ?6",
            )?
            .query_map(
                params![a, b, since, until, limit(lim), offset as i64],
                summary_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn counts(&mut self) -> Result<Counts> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM actors),
                    (SELECT ifnull(sum(mention_count), 0) FROM articles), (SELECT count(*) FROM quotes),
                    (SELECT ifnull(sum(event_count), 0) FROM articles)",
            [],
            |r| {
                Ok(Counts {
                    articles: r.get(0)?,
                    actors: r.get(1)?,
                    mentions: r.get(2)?,
                    quotes: r.get(3)?,
                    events: r.get(4)?,
                })
            },
        )?)
    }

    fn check(&mut self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        problems.extend(rows.into_iter().filter(|r| r != "ok"));
        let fk: i64 =
            self.conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
        if fk > 0 {
            problems.push(format!("{fk} rows point at missing rows"));
        }
        if let Err(e) = self.conn.execute(
            "INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')",
            [],
        ) {
            problems.push(format!("full-text index: {e}"));
        }
        let dup: i64 = self.conn.query_row(
            "SELECT count(*) FROM (SELECT hash FROM articles GROUP BY hash HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )?;
        if dup > 0 {
            problems.push(format!("{dup} texts are stored more than once"));
        }
        Ok(problems)
    }
}

/// An [`ArticleSummary`] from a row of `id, source, url, date, title, quote count`.
fn summary_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        source: r.get(1)?,
        url: r.get(2)?,
        date: r.get(3)?,
        title: r.get(4)?,
        quotes: r.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::QuoteQuery;

    /// A store written by schema 1 (one row per alias, title and mention; FTS by triggers)
    /// opens, is migrated to the current schema and answers the same questions.
    #[test]
    fn migrates_a_schema_1_store() {
        let dir = std::env::temp_dir().join(format!("newsgraph-migrate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("v1.db");
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
        }
        let text = "John Kirby said \"Rafah is a concern.\" Kirby, the spokesman, left.";
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                .unwrap();
            c.execute_batch(MIGRATIONS[0]).unwrap();
            c.execute(
                "INSERT INTO articles (id, source, url, date, title, text, hash, document, events, event_count)
                 VALUES (1, 'test', 'https://example.com/1', '2024-03-05', NULL, ?1, ?2, '{\"text\":\"\"}', '[]', 0)",
                params![text, crate::record::sha1_hex(text.as_bytes())],
            )
            .unwrap();
            c.execute_batch(
                r#"INSERT INTO schema_version (version) VALUES (1);
                INSERT INTO actors (id, name, key, kind, country) VALUES
                    (1, 'John Kirby', 'john kirby', 'person', 'USA'),
                    (2, 'Rafah', 'rafah', 'place', 'PSE');
                INSERT INTO article_actors (article_id, idx, actor_id) VALUES (1, 0, 1), (1, 1, 2), (1, 2, 1);
                INSERT INTO actor_aliases (actor_id, article_id, alias) VALUES
                    (1, 1, 'John Kirby'), (1, 1, 'Kirby'), (2, 1, 'Rafah');
                INSERT INTO actor_titles (actor_id, article_id, title) VALUES (1, 1, 'spokesman');
                INSERT INTO mentions (article_id, idx, actor_id, kind, start, "end", text) VALUES
                    (1, 0, 1, 'name', 0, 10, 'John Kirby'), (1, 1, 2, 'name', 17, 22, 'Rafah'),
                    (1, 2, 1, 'name', 38, 43, 'Kirby');
                INSERT INTO quotes (id, article_id, idx, kind, start, "end", text, speaker_id, cue) VALUES
                    (1, 1, 0, 'direct', 17, 36, 'Rafah is a concern.', 1, 'said');"#,
            )
            .unwrap();
        }
        let mut s = SqliteStore::open(p.to_str().unwrap()).unwrap();
        assert_eq!(s.schema_version().unwrap(), crate::SCHEMA_VERSION);
        let c = s.counts().unwrap();
        assert_eq!(
            (c.articles, c.actors, c.mentions, c.quotes),
            (1, 2, 3, 1),
            "{c:?}"
        );
        let q = s
            .quotes(&QuoteQuery {
                speaker: Some("kirby".into()),
                about: Some("rafah".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker.as_deref(), Some("John Kirby"));
        let kirby = s.actor(1).unwrap().unwrap();
        assert_eq!(kirby.aliases, ["John Kirby", "Kirby"]);
        assert_eq!(kirby.titles.len(), 1);
        assert_eq!(kirby.titles[0].title, "spokesman");
        assert_eq!(kirby.titles[0].first_seen.as_deref(), Some("2024-03-05"));
        assert_eq!((kirby.articles, kirby.quotes), (1, 1));
        assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
        // The migrated article is replaced in place by a new reading of the same text.
        let mut d = newsgraph_core::Document::new(text);
        d.meta.url = Some("https://example.com/1".into());
        let out = s.put_batch(&[ArticleRecord::from_document(&d)]).unwrap();
        assert_eq!((out[0].id, out[0].inserted), (1, false));
        let c = s.counts().unwrap();
        assert_eq!((c.articles, c.actors, c.quotes), (1, 0, 0), "{c:?}");
        assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
        // The store keeps the 4 KiB pages it was made with, and its WAL is copied back
        // every 4 MB, as before.
        let pragma = |s: &SqliteStore, name: &str| -> i64 {
            s.conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(pragma(&s, "page_size"), 4096);
        assert_eq!(pragma(&s, "wal_autocheckpoint"), 1024);
        // The batch writer's foreign keys are on again once the batch is written.
        assert_eq!(pragma(&s, "foreign_keys"), 1);
        drop(s);
        // A new store gets the larger pages, and the same WAL size between checkpoints.
        let p = dir.join("new.db");
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
        }
        let s = SqliteStore::open(p.to_str().unwrap()).unwrap();
        assert_eq!(pragma(&s, "page_size"), PAGE_SIZE);
        assert_eq!(pragma(&s, "wal_autocheckpoint"), (4 << 20) / PAGE_SIZE);
        assert_eq!(
            s.conn
                .query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
                .unwrap(),
            "wal"
        );
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
