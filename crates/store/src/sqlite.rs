//! The embedded store: one SQLite file (WAL journal), FTS5 over quotation text.

use crate::{
    check_date, fts_phrase_query, like_pattern, ActorQuery, ActorRow, ArticleRecord, ArticleRow,
    ArticleSummary, CoActorRow, Counts, DayCount, Error, ErrorKind, PutOutcome, QuoteQuery,
    QuoteRow, RecordActor, Result, Store, TimelinePoint, TitleSeen, SCHEMA_VERSION,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

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
];

/// The embedded store.
pub struct SqliteStore {
    conn: Connection,
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
        // WAL: readers (the server) do not block the writer; with synchronous=NORMAL a
        // killed process loses nothing committed, only a power cut may lose the last
        // transactions, and the file stays consistent either way.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MiB of page cache: a batch's index pages stay in memory.
        conn.pragma_update(None, "cache_size", -65536)?;
        let mut s = SqliteStore { conn };
        s.migrate()?;
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

    fn migrate(&mut self) -> Result<()> {
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            [],
        )?;
        let current = self.schema_version()?;
        if current > SCHEMA_VERSION {
            return Err(Error {
                kind: ErrorKind::TooNew,
                message: format!(
                    "the store has schema version {current}, this newsgraph knows up to {SCHEMA_VERSION}; use a newer newsgraph"
                ),
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // Another process may have migrated while we waited for the lock.
            let now: Option<i64> =
                tx.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))?;
            if now.unwrap_or(0) > i as i64 {
                continue;
            }
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES (?1)",
                [i as i64 + 1],
            )?;
            tx.commit()?;
        }
        Ok(())
    }
}

/// The store actor for an article actor: same kind and normalized name, and the same
/// country, or one of the two without a country. A person is never merged on a surname
/// alone: the key is the whole canonical name.
fn resolve_actor(tx: &Transaction, a: &RecordActor) -> Result<i64> {
    let mut stmt =
        tx.prepare_cached("SELECT id, country FROM actors WHERE kind = ?1 AND key = ?2")?;
    let candidates: Vec<(i64, Option<String>)> = stmt
        .query_map(params![a.kind, a.key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let pick = match &a.country {
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
    match pick {
        Some((id, fill_country)) => {
            if fill_country {
                tx.prepare_cached("UPDATE actors SET country = ?1 WHERE id = ?2")?
                    .execute(params![a.country, id])?;
            }
            Ok(id)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO actors (name, key, kind, country) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![a.name, a.key, a.kind, a.country])?;
            Ok(tx.last_insert_rowid())
        }
    }
}

fn put_one(tx: &Transaction, r: &ArticleRecord, orphans: &mut Vec<i64>) -> Result<PutOutcome> {
    let by_url: Option<i64> = match &r.url {
        Some(u) => tx
            .prepare_cached("SELECT id FROM articles WHERE url = ?1")?
            .query_row([u], |row| row.get(0))
            .optional()?,
        None => None,
    };
    let by_hash: Option<i64> = tx
        .prepare_cached("SELECT id FROM articles WHERE hash = ?1")?
        .query_row([&r.hash], |row| row.get(0))
        .optional()?;
    let existing = by_url.or(by_hash);
    if let (Some(u), Some(h)) = (by_url, by_hash) {
        if u != h {
            // The text now at this URL was stored before under another URL: one article.
            tx.execute("DELETE FROM articles WHERE id = ?1", [h])?;
        }
    }
    let id = match existing {
        Some(id) => {
            // Actors of the old version that may be left without any article.
            let mut stmt =
                tx.prepare_cached("SELECT actor_id FROM article_actors WHERE article_id = ?1")?;
            for a in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
                orphans.push(a?);
            }
            for table in [
                "quotes",
                "mentions",
                "actor_titles",
                "actor_aliases",
                "article_actors",
            ] {
                tx.prepare_cached(&format!("DELETE FROM {table} WHERE article_id = ?1"))?
                    .execute([id])?;
            }
            tx.prepare_cached(
                "UPDATE articles SET source = ?1, url = ?2, date = ?3, title = ?4, text = ?5, hash = ?6,
                 document = ?7, events = ?8, event_count = ?9, stored_at = datetime('now') WHERE id = ?10",
            )?
            .execute(params![
                r.source,
                r.url,
                r.date,
                r.title,
                r.text,
                r.hash,
                r.document_json,
                r.events_json,
                r.event_count as i64,
                id
            ])?;
            id
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO articles (source, url, date, title, text, hash, document, events, event_count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                r.source,
                r.url,
                r.date,
                r.title,
                r.text,
                r.hash,
                r.document_json,
                r.events_json,
                r.event_count as i64
            ])?;
            tx.last_insert_rowid()
        }
    };
    let mut actor_ids = Vec::with_capacity(r.actors.len());
    for (i, a) in r.actors.iter().enumerate() {
        let aid = resolve_actor(tx, a)?;
        actor_ids.push(aid);
        tx.prepare_cached(
            "INSERT INTO article_actors (article_id, idx, actor_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, i as i64, aid])?;
        for t in &a.titles {
            tx.prepare_cached(
                "INSERT INTO actor_titles (actor_id, article_id, title) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![aid, id, t])?;
        }
        for al in &a.aliases {
            tx.prepare_cached(
                "INSERT INTO actor_aliases (actor_id, article_id, alias) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![aid, id, al])?;
        }
    }
    let local = |i: Option<u32>| i.and_then(|i| actor_ids.get(i as usize).copied());
    let mut stmt = tx.prepare_cached(
        r#"INSERT INTO mentions (article_id, idx, actor_id, kind, start, "end", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"#,
    )?;
    for (i, m) in r.mentions.iter().enumerate() {
        stmt.execute(params![
            id,
            i as i64,
            local(m.actor),
            m.kind,
            m.start,
            m.end,
            m.text
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        r#"INSERT INTO quotes (article_id, idx, kind, start, "end", text, speaker_id, cue)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"#,
    )?;
    for (i, q) in r.quotes.iter().enumerate() {
        stmt.execute(params![
            id,
            i as i64,
            q.kind,
            q.start,
            q.end,
            q.text,
            local(q.speaker),
            q.cue
        ])?;
    }
    Ok(PutOutcome {
        id,
        inserted: existing.is_none(),
    })
}

const ACTOR_COLUMNS: &str = "a.id, a.name, a.kind, a.country,
    (SELECT count(*) FROM quotes q WHERE q.speaker_id = a.id),
    (SELECT count(DISTINCT aa.article_id) FROM article_actors aa WHERE aa.actor_id = a.id),
    (SELECT min(ar.date) FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id WHERE aa.actor_id = a.id),
    (SELECT max(ar.date) FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id WHERE aa.actor_id = a.id)";

impl SqliteStore {
    fn actor_details(&self, mut row: ActorRow) -> Result<ActorRow> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT alias FROM actor_aliases WHERE actor_id = ?1 GROUP BY alias ORDER BY count(*) DESC, alias",
        )?;
        row.aliases = stmt
            .query_map([row.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.title, min(ar.date), max(ar.date), count(DISTINCT t.article_id)
             FROM actor_titles t JOIN articles ar ON ar.id = t.article_id
             WHERE t.actor_id = ?1 GROUP BY t.title ORDER BY min(ar.date), t.title",
        )?;
        row.titles = stmt
            .query_map([row.id], |r| {
                Ok(TitleSeen {
                    title: r.get(0)?,
                    first_seen: r.get(1)?,
                    last_seen: r.get(2)?,
                    articles: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
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

impl Store for SqliteStore {
    fn put_batch(&mut self, batch: &[ArticleRecord]) -> Result<Vec<PutOutcome>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(batch.len());
        let mut orphans = Vec::new();
        for r in batch {
            out.push(put_one(&tx, r, &mut orphans)?);
        }
        orphans.sort_unstable();
        orphans.dedup();
        for a in orphans {
            // Actors only the replaced versions mentioned.
            tx.prepare_cached(
                "DELETE FROM actors WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM article_actors aa WHERE aa.actor_id = ?1)",
            )?
            .execute([a])?;
        }
        tx.commit()?;
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
            .filter(|s| !s.is_empty())
            .map(like_pattern);
        let mut stmt = self.conn.prepare_cached(
            r#"SELECT q.id, q.article_id, q.idx, q.kind, q.text, q.start, q."end", q.speaker_id, s.name, q.cue,
                      a.date, a.title, a.url, a.source
               FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors s ON s.id = q.speaker_id
               WHERE (?1 IS NULL OR q.speaker_id IN (
                        SELECT id FROM actors WHERE name LIKE ?1 ESCAPE '\'
                        UNION SELECT actor_id FROM actor_aliases WHERE alias LIKE ?1 ESCAPE '\'))
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
                    q.offset as i64
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
        let search = q
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(like_pattern);
        let sql = format!(
            r#"SELECT {ACTOR_COLUMNS} FROM actors a
               WHERE (?1 IS NULL OR a.name LIKE ?1 ESCAPE '\'
                      OR a.id IN (SELECT actor_id FROM actor_aliases WHERE alias LIKE ?1 ESCAPE '\'))
               ORDER BY 5 DESC, 6 DESC, a.name LIMIT ?2 OFFSET ?3"#
        );
        let rows: Vec<ActorRow> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(params![search, limit(q.limit), q.offset as i64], actor_row)?
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
            .query_map(params![limit(lim), offset as i64], |r| {
                Ok(ArticleSummary {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    url: r.get(2)?,
                    date: r.get(3)?,
                    title: r.get(4)?,
                    quotes: r.get(5)?,
                })
            })?
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
                |r| {
                    Ok(ArticleSummary {
                        id: r.get(0)?,
                        source: r.get(1)?,
                        url: r.get(2)?,
                        date: r.get(3)?,
                        title: r.get(4)?,
                        quotes: r.get(5)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn counts(&mut self) -> Result<Counts> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM actors),
                    (SELECT count(*) FROM mentions), (SELECT count(*) FROM quotes),
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
