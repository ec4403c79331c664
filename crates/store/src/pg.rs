//! The PostgreSQL store, for several ingest workers sharing one database, and its job
//! table ([`JobQueue`]) that splits inputs between the workers.

use crate::{
    check_date, like_pattern, ActorQuery, ActorRow, ArticleRecord, ArticleRow, ArticleSummary,
    CoActorRow, Counts, DayCount, Error, ErrorKind, PutOutcome, QuoteQuery, QuoteRow, RecordActor,
    Result, Store, TimelinePoint, SCHEMA_VERSION,
};
use postgres::{Client, NoTls, Row, Transaction};

/// Migrations, as for SQLite: `MIGRATIONS[i]` takes the database from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE articles (
    id          BIGSERIAL PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT UNIQUE,
    date        TEXT,
    title       TEXT,
    text        TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE,
    document    TEXT NOT NULL,
    events      TEXT,
    event_count BIGINT NOT NULL DEFAULT 0,
    stored_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX articles_date ON articles(date);
CREATE TABLE actors (
    id      BIGSERIAL PRIMARY KEY,
    name    TEXT NOT NULL,
    key     TEXT NOT NULL,
    kind    TEXT NOT NULL,
    country TEXT
);
CREATE UNIQUE INDEX actors_identity ON actors(kind, key, coalesce(country, ''));
CREATE TABLE article_actors (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    actor_id   BIGINT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX article_actors_actor ON article_actors(actor_id);
CREATE TABLE actor_aliases (
    actor_id   BIGINT NOT NULL REFERENCES actors(id),
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL
);
CREATE INDEX actor_aliases_actor ON actor_aliases(actor_id);
CREATE INDEX actor_aliases_article ON actor_aliases(article_id);
CREATE TABLE actor_titles (
    actor_id   BIGINT NOT NULL REFERENCES actors(id),
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    title      TEXT NOT NULL
);
CREATE INDEX actor_titles_actor ON actor_titles(actor_id);
CREATE INDEX actor_titles_article ON actor_titles(article_id);
CREATE TABLE mentions (
    id         BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id   BIGINT REFERENCES actors(id),
    kind       TEXT NOT NULL,
    start      BIGINT NOT NULL,
    "end"      BIGINT NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE TABLE quotes (
    id         BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    start      BIGINT NOT NULL,
    "end"      BIGINT NOT NULL,
    text       TEXT NOT NULL,
    speaker_id BIGINT REFERENCES actors(id),
    cue        TEXT,
    tsv        TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
    UNIQUE (article_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
CREATE TABLE jobs (
    path       TEXT PRIMARY KEY,
    state      TEXT NOT NULL DEFAULT 'pending',
    worker_pid INTEGER,
    worker     TEXT,
    claimed_at TIMESTAMPTZ,
    done_at    TIMESTAMPTZ,
    documents  BIGINT,
    error      TEXT
);
CREATE INDEX jobs_state ON jobs(state);
"#,
    // 2: as SQLite's migration 2: mentions only in the stored document (a count on the
    // article), aliases and titles as lists (joined by U+001F) on the article_actors row, no
    // events copy.
    r#"
ALTER TABLE article_actors ADD COLUMN aliases TEXT, ADD COLUMN titles TEXT;
UPDATE article_actors aa SET
    aliases = (SELECT string_agg(replace(al.alias, chr(31), ' '), chr(31)) FROM actor_aliases al
               WHERE al.article_id = aa.article_id AND al.actor_id = aa.actor_id),
    titles = (SELECT string_agg(replace(t.title, chr(31), ' '), chr(31)) FROM actor_titles t
              WHERE t.article_id = aa.article_id AND t.actor_id = aa.actor_id)
WHERE aa.idx = (SELECT min(f.idx) FROM article_actors f
                WHERE f.article_id = aa.article_id AND f.actor_id = aa.actor_id);
DROP TABLE actor_aliases;
DROP TABLE actor_titles;
ALTER TABLE articles ADD COLUMN mention_count BIGINT NOT NULL DEFAULT 0;
UPDATE articles a SET mention_count = m.n
FROM (SELECT article_id, count(*) n FROM mentions GROUP BY article_id) m WHERE m.article_id = a.id;
DROP TABLE mentions;
ALTER TABLE articles DROP COLUMN events;
"#,
];

/// Tables in drop order (tests only).
const TABLES: &[&str] = &[
    "quotes",
    "mentions",
    "actor_titles",
    "actor_aliases",
    "article_actors",
    "actors",
    "articles",
    "jobs",
    "schema_version",
];

/// A PostgreSQL store.
pub struct PgStore {
    client: Client,
}

fn connect(url: &str) -> Result<Client> {
    Client::connect(url, NoTls).map_err(|e| {
        Error::db(format!(
            "cannot connect to PostgreSQL at {}: {e}; check that the server runs and the URL's user, password and database",
            redact(url)
        ))
    })
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &cred[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Deadlocks, serialization failures and unique violations between concurrent workers are
/// retried: the batch is rolled back whole and written again.
pub(crate) fn retryable(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED
            || *c == SqlState::T_R_SERIALIZATION_FAILURE
            || *c == SqlState::UNIQUE_VIOLATION
    )
}

impl PgStore {
    /// Connects and migrates. Concurrent workers migrate one at a time (advisory lock).
    pub fn open(url: &str) -> Result<Self> {
        let mut s = PgStore {
            client: connect(url)?,
        };
        s.migrate()?;
        Ok(s)
    }

    /// Drops every newsgraph table of the database (tests only).
    #[doc(hidden)]
    pub fn reset_for_tests(url: &str) -> Result<()> {
        let mut c = connect(url)?;
        for t in TABLES {
            c.batch_execute(&format!("DROP TABLE IF EXISTS {t} CASCADE"))?;
        }
        Ok(())
    }

    /// The schema version of the database.
    pub fn schema_version(&mut self) -> Result<i64> {
        let v: Option<i32> = self
            .client
            .query_one("SELECT max(version) FROM schema_version", &[])?
            .get(0);
        Ok(v.unwrap_or(0) as i64)
    }

    fn migrate(&mut self) -> Result<()> {
        let mut tx = self.client.transaction()?;
        // One migrating worker at a time; the lock ends with the transaction.
        tx.execute("SELECT pg_advisory_xact_lock(7311942)", &[])?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
        let v: Option<i32> = tx
            .query_one("SELECT max(version) FROM schema_version", &[])?
            .get(0);
        let current = v.unwrap_or(0) as i64;
        if current > SCHEMA_VERSION {
            return Err(Error {
                kind: ErrorKind::TooNew,
                message: format!(
                    "the database has schema version {current}, this newsgraph knows up to {SCHEMA_VERSION}; use a newer newsgraph"
                ),
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES ($1)",
                &[&(i as i32 + 1)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn resolve_actor(tx: &mut Transaction, a: &RecordActor, previous: &[i64]) -> Result<i64> {
    let rows = tx.query(
        "SELECT id, country FROM actors WHERE kind = $1 AND key = $2 ORDER BY id",
        &[&a.kind, &a.key],
    )?;
    let candidates: Vec<(i64, Option<String>)> =
        rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    let pick = crate::sqlite::pick(&candidates, &a.country, previous);
    match pick {
        Some((id, fill)) => {
            if fill {
                tx.execute(
                    "UPDATE actors SET country = $1 WHERE id = $2",
                    &[&a.country, &id],
                )?;
            }
            Ok(id)
        }
        None => Ok(tx
            .query_one(
                "INSERT INTO actors (name, key, kind, country) VALUES ($1, $2, $3, $4) RETURNING id",
                &[&a.name, &a.key, &a.kind, &a.country],
            )?
            .get(0)),
    }
}

fn put_one(tx: &mut Transaction, r: &ArticleRecord, orphans: &mut Vec<i64>) -> Result<PutOutcome> {
    let by_url: Option<i64> = match &r.url {
        Some(u) => tx
            .query_opt("SELECT id FROM articles WHERE url = $1 FOR UPDATE", &[u])?
            .map(|row| row.get(0)),
        None => None,
    };
    let by_hash: Option<i64> = tx
        .query_opt(
            "SELECT id FROM articles WHERE hash = $1 FOR UPDATE",
            &[&r.hash],
        )?
        .map(|row| row.get(0));
    let existing = by_url.or(by_hash);
    // The actors the stored version(s) of this article were linked to.
    let linked_before = orphans.len();
    if let (Some(u), Some(h)) = (by_url, by_hash) {
        if u != h {
            for row in tx.query(
                "SELECT actor_id FROM article_actors WHERE article_id = $1",
                &[&h],
            )? {
                orphans.push(row.get(0));
            }
            tx.execute("DELETE FROM articles WHERE id = $1", &[&h])?;
        }
    }
    let events = r.event_count as i64;
    let mentions = r.mention_count as i64;
    let id: i64 = match existing {
        Some(id) => {
            for row in tx.query("SELECT actor_id FROM article_actors WHERE article_id = $1", &[&id])? {
                orphans.push(row.get(0));
            }
            for table in ["quotes", "article_actors"] {
                tx.execute(&format!("DELETE FROM {table} WHERE article_id = $1"), &[&id])?;
            }
            tx.execute(
                "UPDATE articles SET source = $1, url = $2, date = $3, title = $4, text = $5, hash = $6,
                 document = $7, event_count = $8, mention_count = $9, stored_at = now() WHERE id = $10",
                &[&r.source, &r.url, &r.date, &r.title, &r.text, &r.hash, &r.document_json, &events, &mentions, &id],
            )?;
            id
        }
        None => tx
            .query_one(
                "INSERT INTO articles (source, url, date, title, text, hash, document, event_count, mention_count)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                &[&r.source, &r.url, &r.date, &r.title, &r.text, &r.hash, &r.document_json, &events, &mentions],
            )?
            .get(0),
    };
    let previous = orphans[linked_before..].to_vec();
    let actor_ids = r
        .actors
        .iter()
        .map(|a| resolve_actor(tx, a, &previous))
        .collect::<Result<Vec<i64>>>()?;
    let (mut aliases, mut titles): (Vec<Option<String>>, Vec<Option<String>>) = (vec![], vec![]);
    for i in 0..actor_ids.len() {
        let (a, t) = crate::record::names_of(&r.actors, &actor_ids, i);
        aliases.push(crate::join_names(&a));
        titles.push(crate::join_names(&t));
    }
    let idx: Vec<i64> = (0..actor_ids.len() as i64).collect();
    tx.execute(
        "INSERT INTO article_actors (article_id, idx, actor_id, aliases, titles)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[])",
        &[&id, &idx, &actor_ids, &aliases, &titles],
    )?;
    let local = |i: Option<u32>| i.and_then(|i| actor_ids.get(i as usize).copied());
    // One statement per table and article (arrays unnested by the server), not one round
    // trip per row.
    if !r.quotes.is_empty() {
        let idx: Vec<i64> = (0..r.quotes.len() as i64).collect();
        let kind: Vec<&str> = r.quotes.iter().map(|q| q.kind.as_str()).collect();
        let start: Vec<i64> = r.quotes.iter().map(|q| q.start as i64).collect();
        let end: Vec<i64> = r.quotes.iter().map(|q| q.end as i64).collect();
        let text: Vec<&str> = r.quotes.iter().map(|q| q.text.as_str()).collect();
        let speaker: Vec<Option<i64>> = r.quotes.iter().map(|q| local(q.speaker)).collect();
        let cue: Vec<Option<&str>> = r.quotes.iter().map(|q| q.cue.as_deref()).collect();
        tx.execute(
            r#"INSERT INTO quotes (article_id, idx, kind, start, "end", text, speaker_id, cue)
               SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[], $8::text[])"#,
            &[&id, &idx, &kind, &start, &end, &text, &speaker, &cue],
        )?;
    }
    Ok(PutOutcome {
        id,
        inserted: existing.is_none(),
    })
}

const ACTOR_COLUMNS: &str = "a.id, a.name, a.kind, a.country,
    (SELECT count(*) FROM quotes q WHERE q.speaker_id = a.id) AS nq,
    (SELECT count(DISTINCT aa.article_id) FROM article_actors aa WHERE aa.actor_id = a.id) AS na,
    (SELECT min(ar.date) FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id WHERE aa.actor_id = a.id),
    (SELECT max(ar.date) FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id WHERE aa.actor_id = a.id)";

fn actor_row(r: &Row) -> ActorRow {
    ActorRow {
        id: r.get(0),
        name: r.get(1),
        kind: r.get(2),
        country: r.get(3),
        quotes: r.get(4),
        articles: r.get(5),
        first_seen: r.get(6),
        last_seen: r.get(7),
        aliases: Vec::new(),
        titles: Vec::new(),
    }
}

fn limit(n: u32) -> Option<i64> {
    (n > 0).then_some(n as i64)
}

impl PgStore {
    fn actor_details(&mut self, mut row: ActorRow) -> Result<ActorRow> {
        row.aliases = crate::aliases_by_use(
            self.client
                .query(
                    "SELECT aliases FROM article_actors WHERE actor_id = $1 AND aliases IS NOT NULL",
                    &[&row.id],
                )?
                .iter()
                .map(|r| r.get(0)),
        );
        row.titles = crate::titles_seen(
            self.client
                .query(
                    "SELECT aa.titles, ar.date, aa.article_id FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id
                     WHERE aa.actor_id = $1 AND aa.titles IS NOT NULL",
                    &[&row.id],
                )?
                .iter()
                .map(|r| (r.get(0), r.get(1), r.get(2))),
        );
        Ok(row)
    }

    fn try_put(&mut self, batch: &[ArticleRecord]) -> Result<Vec<PutOutcome>> {
        let mut tx = self.client.transaction()?;
        let mut out = Vec::with_capacity(batch.len());
        let mut orphans = Vec::new();
        for r in batch {
            out.push(put_one(&mut tx, r, &mut orphans)?);
        }
        orphans.sort_unstable();
        orphans.dedup();
        if !orphans.is_empty() {
            // Actors only the replaced versions mentioned.
            tx.execute(
                "DELETE FROM actors a WHERE a.id = ANY($1)
                   AND NOT EXISTS (SELECT 1 FROM article_actors aa WHERE aa.actor_id = a.id)",
                &[&orphans],
            )?;
        }
        tx.commit()?;
        Ok(out)
    }
}

impl Store for PgStore {
    fn put_batch(&mut self, batch: &[ArticleRecord]) -> Result<Vec<PutOutcome>> {
        let mut attempt = 0;
        loop {
            match self.try_put(batch) {
                Err(e) if e.kind == ErrorKind::Conflict && attempt < 8 => {
                    // Another worker wrote the same article or actor: write the batch again.
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10 << attempt.min(6)));
                }
                r => return r,
            }
        }
    }

    fn quotes(&mut self, q: &QuoteQuery) -> Result<Vec<QuoteRow>> {
        check_date("since", &q.since)?;
        check_date("until", &q.until)?;
        let about = match &q.about {
            Some(a) => {
                if crate::fts_phrase_query(a).is_none() {
                    return Err(Error::bad_query(
                        "about has no word to search for; give one or more words",
                    ));
                }
                Some(a.clone())
            }
            None => None,
        };
        let speaker = q
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let alias = speaker.and_then(crate::alias_pattern);
        let speaker = speaker.map(like_pattern);
        let rows = self.client.query(
            r#"SELECT q.id, q.article_id, q.idx, q.kind, q.text, q.start, q."end", q.speaker_id, s.name, q.cue,
                      a.date, a.title, a.url, a.source
               FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors s ON s.id = q.speaker_id
               WHERE ($1::text IS NULL OR q.speaker_id IN (
                        SELECT id FROM actors WHERE name ILIKE $1 ESCAPE '\'
                        UNION SELECT actor_id FROM article_actors WHERE aliases ILIKE $9 ESCAPE '\'))
                 AND ($2::bigint IS NULL OR q.speaker_id = $2)
                 AND ($3::text IS NULL OR q.tsv @@ plainto_tsquery('simple', $3))
                 AND ($4::bigint IS NULL OR q.article_id = $4)
                 AND ($5::text IS NULL OR a.date >= $5)
                 AND ($6::text IS NULL OR a.date <= $6)
               ORDER BY a.date DESC NULLS LAST, q.article_id, q.idx
               LIMIT $7 OFFSET $8"#,
            &[
                &speaker,
                &q.actor_id,
                &about,
                &q.article_id,
                &q.since,
                &q.until,
                &limit(q.limit),
                &(q.offset as i64),
                &alias,
            ],
        )?;
        Ok(rows
            .iter()
            .map(|r| QuoteRow {
                id: r.get(0),
                article_id: r.get(1),
                index: r.get(2),
                kind: r.get(3),
                text: r.get(4),
                start: r.get(5),
                end: r.get(6),
                speaker_id: r.get(7),
                speaker: r.get(8),
                cue: r.get(9),
                date: r.get(10),
                title: r.get(11),
                url: r.get(12),
                source: r.get(13),
            })
            .collect())
    }

    fn actors(&mut self, q: &ActorQuery) -> Result<Vec<ActorRow>> {
        let search = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let alias = search.and_then(crate::alias_pattern);
        let search = search.map(like_pattern);
        let sql = format!(
            r#"SELECT {ACTOR_COLUMNS} FROM actors a
               WHERE ($1::text IS NULL OR a.name ILIKE $1 ESCAPE '\'
                      OR a.id IN (SELECT actor_id FROM article_actors WHERE aliases ILIKE $4::text ESCAPE '\'))
               ORDER BY nq DESC, na DESC, a.name LIMIT $2 OFFSET $3"#
        );
        let rows: Vec<ActorRow> = self
            .client
            .query(
                &sql,
                &[&search, &limit(q.limit), &(q.offset as i64), &alias],
            )?
            .iter()
            .map(actor_row)
            .collect();
        rows.into_iter().map(|r| self.actor_details(r)).collect()
    }

    fn actor(&mut self, id: i64) -> Result<Option<ActorRow>> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors a WHERE a.id = $1");
        let row = self.client.query_opt(&sql, &[&id])?.map(|r| actor_row(&r));
        row.map(|r| self.actor_details(r)).transpose()
    }

    fn article(&mut self, id: i64) -> Result<Option<ArticleRow>> {
        let Some(r) = self.client.query_opt(
            "SELECT id, source, url, date, title, hash, document, text FROM articles WHERE id = $1",
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let actor_ids = self
            .client
            .query(
                "SELECT actor_id FROM article_actors WHERE article_id = $1 ORDER BY idx",
                &[&id],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let quote_speakers = self
            .client
            .query(
                "SELECT speaker_id FROM quotes WHERE article_id = $1 ORDER BY idx",
                &[&id],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let document: String = r.get(6);
        Ok(Some(ArticleRow {
            id: r.get(0),
            source: r.get(1),
            url: r.get(2),
            date: r.get(3),
            title: r.get(4),
            hash: r.get(5),
            quote_speakers,
            actor_ids,
            document: crate::with_text(&document, r.get(7))
                .map_err(|e| Error::db(format!("article {id} holds broken JSON: {e}")))?,
        }))
    }

    fn articles(&mut self, lim: u32, offset: u32) -> Result<Vec<ArticleSummary>> {
        Ok(self
            .client
            .query(
                "SELECT a.id, a.source, a.url, a.date, a.title, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)
                 FROM articles a ORDER BY a.date DESC NULLS LAST, a.id LIMIT $1 OFFSET $2",
                &[&limit(lim), &(offset as i64)],
            )?
            .iter()
            .map(summary_row)
            .collect())
    }

    fn timeline(&mut self, actor_id: i64, by_day: bool) -> Result<Vec<TimelinePoint>> {
        let len: i32 = if by_day { 10 } else { 7 };
        let quotes = self
            .client
            .query(
                "SELECT substr(a.date, 1, $2) p, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id
                 WHERE q.speaker_id = $1 AND a.date IS NOT NULL GROUP BY p ORDER BY p",
                &[&actor_id, &len],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let mentions = self
            .client
            .query(
                "SELECT substr(a.date, 1, $2) p, count(DISTINCT a.id) FROM article_actors aa JOIN articles a ON a.id = aa.article_id
                 WHERE aa.actor_id = $1 AND a.date IS NOT NULL GROUP BY p ORDER BY p",
                &[&actor_id, &len],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        Ok(crate::merge_timeline(quotes, mentions))
    }

    fn co_actors(&mut self, actor_id: i64, lim: u32, offset: u32) -> Result<Vec<CoActorRow>> {
        Ok(self
            .client
            .query(
                "SELECT o.actor_id, ac.name, ac.kind, ac.country, count(DISTINCT o.article_id) n
                 FROM article_actors x
                 JOIN article_actors o ON o.article_id = x.article_id AND o.actor_id <> x.actor_id
                 JOIN actors ac ON ac.id = o.actor_id
                 WHERE x.actor_id = $1
                 GROUP BY o.actor_id, ac.name, ac.kind, ac.country
                 ORDER BY n DESC, o.actor_id LIMIT $2 OFFSET $3",
                &[&actor_id, &limit(lim), &(offset as i64)],
            )?
            .iter()
            .map(|r| CoActorRow {
                id: r.get(0),
                name: r.get(1),
                kind: r.get(2),
                country: r.get(3),
                articles: r.get(4),
            })
            .collect())
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
        Ok(self
            .client
            .query(
                "SELECT substr(ar.date, 1, 10) d, count(DISTINCT ar.id)
                 FROM article_actors x JOIN articles ar ON ar.id = x.article_id
                 WHERE x.actor_id = $1 AND ar.date IS NOT NULL
                   AND EXISTS (SELECT 1 FROM article_actors y WHERE y.article_id = ar.id AND y.actor_id = $2)
                   AND ($3::TEXT IS NULL OR substr(ar.date, 1, 10) >= $3)
                   AND ($4::TEXT IS NULL OR substr(ar.date, 1, 10) <= $4)
                 GROUP BY d ORDER BY d",
                &[&a, &b, &since, &until],
            )?
            .iter()
            .map(|r| DayCount {
                date: r.get(0),
                articles: r.get(1),
            })
            .collect())
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
        Ok(self
            .client
            .query(
                "SELECT ar.id, ar.source, ar.url, ar.date, ar.title, (SELECT count(*) FROM quotes q WHERE q.article_id = ar.id)
                 FROM articles ar
                 WHERE ar.id IN (SELECT article_id FROM article_actors WHERE actor_id = $1)
                   AND ar.id IN (SELECT article_id FROM article_actors WHERE actor_id = $2)
                   AND ($3::TEXT IS NULL OR substr(ar.date, 1, 10) >= $3)
                   AND ($4::TEXT IS NULL OR substr(ar.date, 1, 10) <= $4)
                 ORDER BY ar.date DESC NULLS LAST, ar.id LIMIT $5 OFFSET $6",
                &[&a, &b, &since, &until, &limit(lim), &(offset as i64)],
            )?
            .iter()
            .map(summary_row)
            .collect())
    }

    fn counts(&mut self) -> Result<Counts> {
        let r = self.client.query_one(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM actors),
                    (SELECT coalesce(sum(mention_count), 0)::bigint FROM articles), (SELECT count(*) FROM quotes),
                    (SELECT coalesce(sum(event_count), 0)::bigint FROM articles)",
            &[],
        )?;
        Ok(Counts {
            articles: r.get(0),
            actors: r.get(1),
            mentions: r.get(2),
            quotes: r.get(3),
            events: r.get(4),
        })
    }

    fn check(&mut self) -> Result<Vec<String>> {
        // PostgreSQL enforces the foreign keys and unique keys itself; check what it cannot.
        let mut problems = Vec::new();
        let r = self.client.query_one(
            "SELECT (SELECT count(*) FROM (SELECT hash FROM articles GROUP BY hash HAVING count(*) > 1) d),
                    (SELECT count(*) FROM quotes q WHERE q.tsv IS DISTINCT FROM to_tsvector('simple', q.text)),
                    (SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)
                        <> (SELECT coalesce(max(idx) + 1, 0) FROM quotes q WHERE q.article_id = a.id))",
            &[],
        )?;
        let (dup, tsv, gaps): (i64, i64, i64) = (r.get(0), r.get(1), r.get(2));
        if dup > 0 {
            problems.push(format!("{dup} texts are stored more than once"));
        }
        if tsv > 0 {
            problems.push(format!("{tsv} quotations have a stale full-text vector"));
        }
        if gaps > 0 {
            problems.push(format!("{gaps} articles miss some of their quotations"));
        }
        Ok(problems)
    }
}

/// Jobs per state, and jobs done per worker.
pub type JobSummary = (Vec<(String, i64)>, Vec<(String, i64)>);

/// The job table: inputs to ingest, shared by every worker on one database. A worker
/// claims pending jobs with `FOR UPDATE SKIP LOCKED` (two workers never claim the same
/// job), and a job claimed by a worker whose database session has ended (the process died)
/// is pending again.
pub struct JobQueue {
    client: Client,
    worker: String,
}

impl JobQueue {
    /// Connects (the store must have been opened once, for the schema).
    pub fn open(url: &str, worker: &str) -> Result<Self> {
        Ok(JobQueue {
            client: connect(url)?,
            worker: worker.to_string(),
        })
    }

    /// Adds jobs; known paths are left as they are unless `again` (then done and failed
    /// jobs become pending). Returns how many became pending.
    pub fn enqueue(&mut self, paths: &[String], again: bool) -> Result<u64> {
        let mut tx = self.client.transaction()?;
        let mut n = 0;
        let stmt = if again {
            tx.prepare(
                "INSERT INTO jobs (path) VALUES ($1) ON CONFLICT (path) DO UPDATE
                 SET state = 'pending', worker_pid = NULL, worker = NULL, done_at = NULL, error = NULL
                 WHERE jobs.state <> 'running'",
            )?
        } else {
            tx.prepare("INSERT INTO jobs (path) VALUES ($1) ON CONFLICT (path) DO NOTHING")?
        };
        for p in paths {
            n += tx.execute(&stmt, &[p])?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Claims up to `n` jobs for this worker: pending ones, and running ones whose worker's
    /// session is gone.
    pub fn claim(&mut self, n: i64) -> Result<Vec<String>> {
        let rows = self.client.query(
            "WITH c AS (
                SELECT path FROM jobs
                WHERE state = 'pending'
                   OR (state = 'running' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity s WHERE s.pid = jobs.worker_pid))
                ORDER BY path LIMIT $1 FOR UPDATE SKIP LOCKED)
             UPDATE jobs SET state = 'running', worker_pid = pg_backend_pid(), worker = $2, claimed_at = now()
             FROM c WHERE jobs.path = c.path RETURNING jobs.path",
            &[&n, &self.worker],
        )?;
        let mut paths: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
        paths.sort();
        Ok(paths)
    }

    /// Marks a job done (with its document count) or failed (with the error).
    pub fn finish(&mut self, path: &str, documents: i64, error: Option<&str>) -> Result<()> {
        self.client.execute(
            "UPDATE jobs SET state = $2, done_at = now(), documents = $3, error = $4 WHERE path = $1",
            &[&path, &if error.is_some() { "failed" } else { "done" }, &documents, &error],
        )?;
        Ok(())
    }

    /// Jobs by state, and per worker the number done.
    pub fn summary(&mut self) -> Result<JobSummary> {
        let states = self
            .client
            .query(
                "SELECT state, count(*) FROM jobs GROUP BY state ORDER BY state",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let workers = self
            .client
            .query(
                "SELECT coalesce(worker, ''), count(*) FROM jobs WHERE state = 'done' GROUP BY worker ORDER BY 1",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        Ok((states, workers))
    }
}

/// An [`ArticleSummary`] from a row of `id, source, url, date, title, quote count`.
fn summary_row(r: &postgres::Row) -> ArticleSummary {
    ArticleSummary {
        id: r.get(0),
        source: r.get(1),
        url: r.get(2),
        date: r.get(3),
        title: r.get(4),
        quotes: r.get(5),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("postgres://h/db"), "postgres://h/db");
    }

    /// A database written by schema 1 is migrated and answers the same questions (runs
    /// when NEWSGRAPH_TEST_POSTGRES names a database the test may empty).
    #[test]
    fn migrates_a_schema_1_database() {
        use crate::{QuoteQuery, Store};
        let Ok(url) = std::env::var("NEWSGRAPH_TEST_POSTGRES") else {
            eprintln!("NEWSGRAPH_TEST_POSTGRES is not set: skipping the migration test");
            return;
        };
        super::PgStore::reset_for_tests(&url).unwrap();
        let text = "John Kirby said \"Rafah is a concern.\" Kirby, the spokesman, left.";
        {
            let mut c = super::connect(&url).unwrap();
            c.batch_execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                .unwrap();
            c.batch_execute(super::MIGRATIONS[0]).unwrap();
            c.execute(
                "INSERT INTO articles (id, source, url, date, title, text, hash, document, events, event_count)
                 VALUES (1, 'test', 'https://example.com/1', '2024-03-05', NULL, $1, $2, '{\"text\":\"\"}', '[]', 0)",
                &[&text, &crate::record::sha1_hex(text.as_bytes())],
            )
            .unwrap();
            c.batch_execute(
                r#"INSERT INTO schema_version (version) VALUES (1);
                INSERT INTO actors (id, name, key, kind, country) VALUES
                    (1, 'John Kirby', 'john kirby', 'person', 'USA'),
                    (2, 'Rafah', 'rafah', 'place', 'PSE');
                SELECT setval('actors_id_seq', 2);
                SELECT setval('articles_id_seq', 1);
                INSERT INTO article_actors (article_id, idx, actor_id) VALUES (1, 0, 1), (1, 1, 2), (1, 2, 1);
                INSERT INTO actor_aliases (actor_id, article_id, alias) VALUES
                    (1, 1, 'John Kirby'), (1, 1, 'Kirby'), (2, 1, 'Rafah');
                INSERT INTO actor_titles (actor_id, article_id, title) VALUES (1, 1, 'spokesman');
                INSERT INTO mentions (article_id, actor_id, kind, start, "end", text) VALUES
                    (1, 1, 'name', 0, 10, 'John Kirby'), (1, 2, 'name', 17, 22, 'Rafah'),
                    (1, 1, 'name', 38, 43, 'Kirby');
                INSERT INTO quotes (article_id, idx, kind, start, "end", text, speaker_id, cue) VALUES
                    (1, 0, 'direct', 17, 36, 'Rafah is a concern.', 1, 'said');"#,
            )
            .unwrap();
        }
        let mut s = super::PgStore::open(&url).unwrap();
        assert_eq!(s.schema_version().unwrap(), crate::SCHEMA_VERSION);
        let c = s.counts().unwrap();
        assert_eq!((c.articles, c.actors, c.mentions, c.quotes), (1, 2, 3, 1));
        let q = s
            .quotes(&QuoteQuery {
                speaker: Some("kirby".into()),
                about: Some("rafah".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(q.len(), 1);
        let kirby = s.actor(1).unwrap().unwrap();
        assert_eq!(kirby.aliases, ["John Kirby", "Kirby"]);
        assert_eq!(kirby.titles.len(), 1);
        assert_eq!(kirby.titles[0].first_seen.as_deref(), Some("2024-03-05"));
        assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
    }
}
