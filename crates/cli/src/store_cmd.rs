//! `newsgraph ingest`, `quotes`, `actors` and `article`: filling the store and asking it.

use crate::inputs::{expand, Input};
use anyhow::{Context, Result};
use newsgraph_ingest::html::Pending;
use newsgraph_ingest::Limits;
use newsgraph_store::{ActorQuery, ActorRow, ArticleRecord, QuoteQuery, QuoteRow, Store};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

/// Where the store is: a SQLite file, or `postgres://user@host/db`.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The store: a SQLite file (created if missing) or a postgres:// URL.
    #[arg(long, env = "NEWSGRAPH_DB", default_value = "newsgraph.db")]
    pub db: String,
}

/// `newsgraph ingest`.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    db: DbArg,
    /// Publication date of the article(s), YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
    /// Largest accepted article, in bytes.
    #[arg(long, default_value_t = newsgraph_ingest::input::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Most articles stored in one transaction.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
    /// PostgreSQL: input files a worker claims at a time from the job table.
    #[arg(long, default_value_t = 8)]
    claim: usize,
    /// PostgreSQL: process files again that the job table says are done.
    #[arg(long)]
    again: bool,
    /// Inputs, as for `newsgraph read`.
    #[arg(required = true)]
    paths: Vec<String>,
}

/// How query results are printed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum OutFormat {
    /// Aligned columns for a person (long texts shortened on a terminal).
    Table,
    /// One JSON array.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// `newsgraph quotes`.
#[derive(clap::Args, Debug)]
pub struct QuotesArgs {
    #[command(flatten)]
    db: DbArg,
    /// Speaker by any name the articles use (`Kirby`, `John Kirby`).
    #[arg(long)]
    speaker: Option<String>,
    /// Words the quotation contains (all of them, any order).
    #[arg(long)]
    about: Option<String>,
    /// Articles dated on or after, YYYY-MM-DD.
    #[arg(long)]
    since: Option<String>,
    /// Articles dated on or before, YYYY-MM-DD.
    #[arg(long)]
    until: Option<String>,
    /// Only this article (store id).
    #[arg(long)]
    article: Option<i64>,
    /// Most rows (0: all).
    #[arg(long, default_value_t = 100)]
    limit: u32,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    offset: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    format: OutFormat,
}

/// `newsgraph actors`.
#[derive(clap::Args, Debug)]
pub struct ActorsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Name or alias contains (case-insensitive).
    #[arg(long)]
    search: Option<String>,
    /// Most rows (0: all).
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    offset: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    format: OutFormat,
}

/// `newsgraph article`.
#[derive(clap::Args, Debug)]
pub struct ArticleArgs {
    #[command(flatten)]
    db: DbArg,
    /// Store id of the article (the `article` column of `newsgraph quotes`).
    id: i64,
    /// text: the reading with its quotations; json: the stored JSON contract plus store ids.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
}

fn open(db: &DbArg) -> Result<Box<dyn Store>> {
    newsgraph_store::open(&db.db).with_context(|| format!("opening the store {}", db.db))
}

/// What an ingest run did.
#[derive(Debug, Default, Clone)]
pub struct IngestStats {
    /// Articles read and stored.
    pub stored: usize,
    /// Of which new.
    pub inserted: usize,
    /// Inputs that could not be read: index into the inputs, message.
    pub failed: Vec<(usize, String)>,
    /// Bytes of article text.
    pub bytes: usize,
    /// CPU time of the writer thread (opening transactions, inserting, committing), seconds.
    pub writer_cpu_seconds: f64,
    /// Seconds the writer still worked after the last document was read: storing that
    /// did not overlap reading.
    pub tail_seconds: f64,
}

/// Documents the readers put through the pipeline together (one parallel batch).
const READ_BATCH: usize = 64;

/// The sizes in which the last `n` pending documents go through the pipeline: shrinking
/// parts (three quarters of what is left, down to at most `2 * min`: `min` is the number of
/// pipeline threads), so the writer stores the earlier parts while the pipeline reads the
/// later ones, and what is stored after the last document is read is a few documents, not
/// a whole parallel batch.
fn last_parts(mut n: usize, min: usize) -> Vec<usize> {
    let min = min.max(1);
    let mut parts = Vec::new();
    while n > 2 * min {
        let take = n - (n / 4).max(min);
        parts.push(take);
        n -= take;
    }
    if n > 0 {
        parts.push(n);
    }
    parts
}

/// Reads inputs like `newsgraph read` (the same parallel reader and pipeline) and stores
/// each batch in one transaction on a writer thread, so storing overlaps reading.
pub fn ingest_into(
    store: &mut dyn Store,
    inputs: &[Input],
    date: Option<String>,
    limits: Limits,
    batch: usize,
    pipeline: &newsgraph_core::Pipeline,
) -> Result<IngestStats> {
    let batch = batch.max(1);
    // One message per parallel batch; a few may wait while the writer is busy.
    let (tx, rx) = mpsc::sync_channel::<Vec<ArticleRecord>>(4);
    let mut stats = IngestStats::default();
    let prepare = |doc: &mut newsgraph_core::Document| {
        if date.is_some() {
            doc.meta.date = date.clone();
        }
    };
    let written = std::thread::scope(|scope| -> Result<(usize, usize, f64)> {
        let writer = scope.spawn(move || -> Result<(usize, usize, f64)> {
            let cpu0 = crate::bench::thread_cpu_seconds();
            let (mut stored, mut inserted) = (0, 0);
            while let Ok(mut recs) = rx.recv() {
                // What the readers sent while the last transaction was written goes into
                // this one too (up to `batch` documents); nothing is waited for, so a batch
                // is stored as soon as the pipeline has read it.
                while recs.len() < batch {
                    match rx.try_recv() {
                        Ok(more) => recs.extend(more),
                        Err(_) => break,
                    }
                }
                for chunk in recs.chunks(batch) {
                    let out = store.put_batch(chunk)?;
                    stored += out.len();
                    inserted += out.iter().filter(|o| o.inserted).count();
                }
            }
            Ok((stored, inserted, crate::bench::thread_cpu_seconds() - cpu0))
        });
        // As `inputs::process` does for `read`: batches of documents go through the pipeline
        // on all cores; here turning a document into rows happens there too, so only
        // inserting is left to the writer.
        let mut read = || -> Result<()> {
            use rayon::prelude::*;
            let mut pending: Vec<std::result::Result<Pending, newsgraph_core::Error>> =
                Vec::with_capacity(READ_BATCH);
            let mut flush = |pending: &mut Vec<_>, n: usize| -> Result<()> {
                let done: Vec<std::result::Result<ArticleRecord, newsgraph_core::Error>> = pending
                    .par_drain(..n)
                    .map(
                        |item: std::result::Result<Pending, newsgraph_core::Error>| {
                            let mut doc = item?.finish(limits)?;
                            prepare(&mut doc);
                            pipeline.run(&mut doc);
                            Ok(ArticleRecord::from_document(&doc))
                        },
                    )
                    .collect();
                let mut records = Vec::with_capacity(done.len());
                for item in done {
                    match item {
                        Ok(rec) => {
                            stats.bytes += rec.text.len();
                            records.push(rec);
                        }
                        Err(e) if e.kind == newsgraph_core::ErrorKind::Unsupported => {
                            eprintln!("newsgraph: note: {e}");
                        }
                        Err(e) => {
                            eprintln!("newsgraph: {e}");
                            let at = inputs.iter().position(|i| {
                                e.path.as_deref() == Some(std::path::Path::new(&i.name()))
                            });
                            stats.failed.push((at.unwrap_or(usize::MAX), e.to_string()));
                        }
                    }
                }
                if !records.is_empty() {
                    tx.send(records)
                        .map_err(|_| anyhow::anyhow!("the store writer stopped"))?;
                }
                Ok(())
            };
            // As in `inputs::process`: a batch is also cut at 64 MB of pages, so an archive of
            // large pages does not hold 64 of them (and their DOMs) at once.
            const BATCH_BYTES: usize = 64 << 20;
            let mut batch_bytes = 0usize;
            let size = |item: &std::result::Result<Pending, newsgraph_core::Error>| match item {
                Ok(Pending::Html(p)) => p.bytes.len(),
                Ok(Pending::Ready(d)) => d.text.len(),
                Err(_) => 0,
            };
            for input in inputs {
                for item in crate::inputs::pending(input, limits) {
                    batch_bytes += size(&item);
                    pending.push(item);
                    // One document is held back, so the last batch is known to be the last
                    // when the inputs end.
                    if pending.len() > READ_BATCH || batch_bytes >= BATCH_BYTES {
                        let n = pending.len() - 1;
                        flush(&mut pending, n)?;
                        batch_bytes = pending.iter().map(size).sum();
                    }
                }
            }
            // The last batch in shrinking parts: what is stored after the last document
            // is read (while a core idles) is then the last small part.
            for n in last_parts(pending.len(), rayon::current_num_threads()) {
                flush(&mut pending, n)?;
            }
            Ok(())
        };
        let read = read();
        drop(tx);
        let read_end = Instant::now();
        let written = writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer panicked"))?;
        stats.tail_seconds = read_end.elapsed().as_secs_f64();
        // A writer error explains a reader stopped by it.
        let written = written?;
        read?;
        Ok(written)
    })?;
    stats.stored = written.0;
    stats.inserted = written.1;
    stats.writer_cpu_seconds = written.2;
    Ok(stats)
}

/// `newsgraph ingest`.
pub fn ingest(a: IngestArgs) -> Result<ExitCode> {
    let t = Instant::now();
    let inputs = expand(&a.paths);
    let limits = Limits {
        max_bytes: a.max_bytes,
    };
    let is_pg = a.db.db.starts_with("postgres://") || a.db.db.starts_with("postgresql://");
    let s = if is_pg && !inputs.contains(&Input::Stdin) {
        ingest_jobs(&a, &inputs, limits)?
    } else {
        let mut store = open(&a.db)?;
        let pipeline = crate::pipeline();
        ingest_into(
            store.as_mut(),
            &inputs,
            a.date.clone(),
            limits,
            a.batch,
            &pipeline,
        )?
    };
    let secs = t.elapsed().as_secs_f64();
    if !a.quiet {
        eprintln!(
            "newsgraph: stored {} article(s) in {} ({} new, {} updated), {} failed, {:.2} s, {:.1} docs/s, {:.2} MB/s",
            s.stored,
            a.db.db,
            s.inserted,
            s.stored - s.inserted,
            s.failed.len(),
            secs,
            s.stored as f64 / secs.max(1e-9),
            s.bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
    Ok(if s.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Ingest as one of several workers sharing a PostgreSQL store: every input file is a job;
/// the worker claims a few pending jobs at a time (`FOR UPDATE SKIP LOCKED`), stores their
/// articles and marks them done, until no job is left. Jobs of a worker that died are
/// claimed again; storing is idempotent (same URL or text updates), so a job done twice
/// still stores each article once.
fn ingest_jobs(a: &IngestArgs, inputs: &[Input], limits: Limits) -> Result<IngestStats> {
    let worker = format!(
        "{}:{}",
        std::fs::read_to_string("/etc/hostname")
            .map(|h| h.trim().to_string())
            .unwrap_or_else(|_| "host".into()),
        std::process::id()
    );
    let mut store = newsgraph_store::PgStore::open(&a.db.db)?;
    let mut jobs = newsgraph_store::JobQueue::open(&a.db.db, &worker)?;
    let paths: Vec<String> = inputs.iter().map(Input::name).collect();
    let queued = jobs.enqueue(&paths, a.again)?;
    if !a.quiet {
        eprintln!(
            "newsgraph: worker {worker}: {queued} new job(s) of {}{}",
            paths.len(),
            if a.again {
                " (--again: done jobs requeued)"
            } else {
                ""
            }
        );
    }
    let mut total = IngestStats::default();
    // Built once: its lexicons and models are not read again for each claim.
    let pipeline = crate::pipeline();
    loop {
        let claimed = jobs.claim(a.claim.max(1) as i64)?;
        if claimed.is_empty() {
            break;
        }
        let chunk: Vec<Input> = claimed
            .iter()
            .map(|p| Input::File(std::path::PathBuf::from(p)))
            .collect();
        let s = ingest_into(
            &mut store,
            &chunk,
            a.date.clone(),
            limits,
            a.batch,
            &pipeline,
        )?;
        for (i, path) in claimed.iter().enumerate() {
            let err = s
                .failed
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, m)| m.as_str());
            jobs.finish(path, if err.is_some() { 0 } else { 1 }, err)?;
        }
        total.stored += s.stored;
        total.inserted += s.inserted;
        total.bytes += s.bytes;
        total.writer_cpu_seconds += s.writer_cpu_seconds;
        total.failed.extend(s.failed);
    }
    if !a.quiet {
        let (states, workers) = jobs.summary()?;
        let st: Vec<String> = states.iter().map(|(s, n)| format!("{n} {s}")).collect();
        let wk: Vec<String> = workers.iter().map(|(w, n)| format!("{w}: {n}")).collect();
        eprintln!(
            "newsgraph: jobs: {}; done by worker: {}",
            st.join(", "),
            wk.join(", ")
        );
    }
    Ok(total)
}

/// `newsgraph quotes`.
pub fn quotes(a: QuotesArgs) -> Result<ExitCode> {
    let mut store = open(&a.db)?;
    let rows = store.quotes(&QuoteQuery {
        speaker: a.speaker,
        actor_id: None,
        about: a.about,
        article_id: a.article,
        since: a.since,
        until: a.until,
        limit: a.limit,
        offset: a.offset,
    })?;
    let mut out = std::io::stdout().lock();
    match a.format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?,
        OutFormat::Csv => {
            let head = [
                "id",
                "article",
                "date",
                "speaker",
                "speaker_id",
                "kind",
                "cue",
                "text",
                "title",
                "url",
                "source",
            ];
            let lines = rows.iter().map(|r| {
                vec![
                    r.id.to_string(),
                    r.article_id.to_string(),
                    opt(&r.date),
                    opt(&r.speaker),
                    r.speaker_id.map(|i| i.to_string()).unwrap_or_default(),
                    r.kind.clone(),
                    opt(&r.cue),
                    r.text.clone(),
                    opt(&r.title),
                    opt(&r.url),
                    r.source.clone(),
                ]
            });
            write_csv(&mut out, &head, lines)?;
        }
        OutFormat::Table => write_table(
            &mut out,
            &["article", "date", "speaker", "quotation"],
            rows.iter().map(quote_cells),
        )?,
    }
    if a.format == OutFormat::Table && std::io::stderr().is_terminal() {
        eprintln!("({} quotation(s))", rows.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn quote_cells(r: &QuoteRow) -> Vec<String> {
    let text = match r.kind.as_str() {
        "direct" => format!("\u{201c}{}\u{201d}", r.text),
        _ => r.text.clone(),
    };
    vec![
        r.article_id.to_string(),
        opt(&r.date),
        r.speaker.clone().unwrap_or_else(|| "(unknown)".into()),
        text,
    ]
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// `newsgraph actors`.
pub fn actors(a: ActorsArgs) -> Result<ExitCode> {
    let mut store = open(&a.db)?;
    let rows = store.actors(&ActorQuery {
        search: a.search,
        limit: a.limit,
        offset: a.offset,
    })?;
    let mut out = std::io::stdout().lock();
    let titles = |r: &ActorRow| {
        r.titles
            .iter()
            .map(|t| match (&t.first_seen, &t.last_seen) {
                (Some(f), Some(l)) if f != l => format!("{} ({f}..{l})", t.title),
                (Some(f), _) => format!("{} ({f})", t.title),
                _ => t.title.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    match a.format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?,
        OutFormat::Csv => write_csv(
            &mut out,
            &[
                "id",
                "name",
                "kind",
                "country",
                "quotes",
                "articles",
                "first_seen",
                "last_seen",
                "titles",
                "aliases",
            ],
            rows.iter().map(|r| {
                vec![
                    r.id.to_string(),
                    r.name.clone(),
                    r.kind.clone(),
                    opt(&r.country),
                    r.quotes.to_string(),
                    r.articles.to_string(),
                    opt(&r.first_seen),
                    opt(&r.last_seen),
                    titles(r),
                    r.aliases.join("; "),
                ]
            }),
        )?,
        OutFormat::Table => write_table(
            &mut out,
            &[
                "id", "name", "kind", "country", "quotes", "articles", "first", "last", "titles",
            ],
            rows.iter().map(|r| {
                vec![
                    r.id.to_string(),
                    r.name.clone(),
                    r.kind.clone(),
                    opt(&r.country),
                    r.quotes.to_string(),
                    r.articles.to_string(),
                    opt(&r.first_seen),
                    opt(&r.last_seen),
                    titles(r),
                ]
            }),
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `newsgraph article`.
pub fn article(a: ArticleArgs) -> Result<ExitCode> {
    let mut store = open(&a.db)?;
    let Some(art) = store.article(a.id)? else {
        eprintln!(
            "newsgraph: no article {} in {}; `newsgraph quotes` shows article ids",
            a.id, a.db.db
        );
        return Ok(ExitCode::from(1));
    };
    let mut out = std::io::stdout().lock();
    if a.format == "json" {
        writeln!(out, "{}", serde_json::to_string_pretty(&art)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let d = &art.document;
    writeln!(out, "== article {} ==", art.id)?;
    for (label, v) in [
        ("Title", &art.title),
        ("Date", &art.date),
        ("URL", &art.url),
    ] {
        if let Some(v) = v {
            writeln!(out, "{label}: {v}")?;
        }
    }
    writeln!(out, "Source: {}\n", art.source)?;
    writeln!(
        out,
        "{}\n",
        d["text"].as_str().unwrap_or_default().trim_end()
    )?;
    let quotes = d["quotes"].as_array().cloned().unwrap_or_default();
    writeln!(out, "Who said what ({} quotations):", quotes.len())?;
    for (i, q) in quotes.iter().enumerate() {
        let who = q["speaker"].as_str().unwrap_or("(unknown speaker)");
        let actor = art
            .quote_speakers
            .get(i)
            .copied()
            .flatten()
            .map(|id| format!(" [actor {id}]"))
            .unwrap_or_default();
        writeln!(
            out,
            "{:>3}. {who}{actor}, {} (cue: {})\n     {}",
            i + 1,
            q["kind"].as_str().unwrap_or(""),
            q["cue"].as_str().unwrap_or("-"),
            q["text"].as_str().unwrap_or("")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_csv(
    out: &mut impl Write,
    head: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<()> {
    writeln!(out, "{}", head.join(","))?;
    for r in rows {
        let line: Vec<String> = r.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

/// Aligned columns; the last column is shortened to the terminal's width when on one.
fn write_table(
    out: &mut impl Write,
    head: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<()> {
    let rows: Vec<Vec<String>> = rows
        .map(|r| {
            r.into_iter()
                .map(|c| c.replace(['\n', '\r', '\t'], " "))
                .collect()
        })
        .collect();
    let n = head.len();
    let mut w: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate().take(n - 1) {
            w[i] = w[i].max(c.chars().count().min(40));
        }
    }
    let terminal = std::io::stdout().is_terminal();
    let width: usize = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(120);
    let fixed: usize = w[..n - 1].iter().map(|x| x + 2).sum();
    let last_max = if terminal {
        width.saturating_sub(fixed).max(20)
    } else {
        usize::MAX
    };
    let fmt = |cells: &[String]| {
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 < n {
                let c: String = c.chars().take(40).collect();
                line.push_str(&format!("{c:<width$}  ", width = w[i]));
            } else if c.chars().count() > last_max {
                let c: String = c.chars().take(last_max.saturating_sub(1)).collect();
                line.push_str(&c);
                line.push('\u{2026}');
            } else {
                line.push_str(c);
            }
        }
        line.trim_end().to_string()
    };
    writeln!(
        out,
        "{}",
        fmt(&head.iter().map(|h| h.to_string()).collect::<Vec<_>>())
    )?;
    for r in &rows {
        writeln!(out, "{}", fmt(r))?;
    }
    Ok(())
}

/// `newsgraph serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Bearer token that POST /api/articles needs; without one, writes are refused.
    #[arg(long, env = "NEWSGRAPH_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest accepted request body, bytes.
    #[arg(long, default_value_t = newsgraph_server::MAX_BODY_BYTES)]
    max_body: usize,
}

/// `newsgraph serve`: the JSON API and the web page over the store.
pub fn serve(a: ServeArgs) -> Result<ExitCode> {
    let store = open(&a.db)?;
    let pipeline = std::sync::Arc::new(crate::pipeline());
    let max_bytes = a.max_body;
    let read: newsgraph_server::ReadFn =
        std::sync::Arc::new(move |p: newsgraph_server::PostedArticle| {
            let source = p.source.unwrap_or_else(|| "api".to_string());
            let mut doc =
                newsgraph_ingest::text_document(p.text.into_bytes(), &source, Limits { max_bytes })
                    .map_err(|e| e.to_string())?;
            doc.meta.url = p.url.or(doc.meta.url);
            doc.meta.date = p.date.or(doc.meta.date);
            doc.meta.title = p.title.or(doc.meta.title);
            pipeline.run(&mut doc);
            Ok(ArticleRecord::from_document(&doc))
        });
    let mut state = newsgraph_server::AppState::new(store, a.token, read);
    state.max_body = a.max_body;
    if state.token.is_none() {
        eprintln!("newsgraph: no --token / NEWSGRAPH_TOKEN: POST /api/articles is refused");
    }
    newsgraph_server::serve_blocking(state, a.addr)
        .with_context(|| format!("serving on {}", a.addr))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::last_parts;

    #[test]
    fn last_batch_goes_in_shrinking_parts() {
        assert_eq!(last_parts(64, 2), [48, 12, 4]);
        assert_eq!(last_parts(41, 2), [31, 8, 2]);
        assert_eq!(last_parts(0, 2), Vec::<usize>::new());
        assert_eq!(last_parts(1, 2), [1]);
        assert_eq!(last_parts(5, 4), [5]);
        for n in 0..200 {
            for min in 1..5 {
                let parts = last_parts(n, min);
                assert_eq!(parts.iter().sum::<usize>(), n);
                assert!(parts.iter().all(|&p| p > 0));
                assert!(
                    parts.windows(2).all(|w| w[0] >= w[1]),
                    "{n} {min} {parts:?}"
                );
                assert!(
                    parts.last().is_none_or(|&p| p <= 2 * min),
                    "{n} {min} {parts:?}"
                );
            }
        }
    }
}
