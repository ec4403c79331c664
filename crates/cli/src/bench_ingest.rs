//! `newsgraph bench-ingest`: is storage the bottleneck of `newsgraph ingest`?
//!
//! On the same input — the NAEB article bodies written out as JSON Lines, plus the seed
//! article — and the same number of threads, it times `read` (the pipeline alone, documents
//! dropped; and again with JSON Lines written to a discarded sink, as `newsgraph read >
//! /dev/null` does) and `ingest` into a fresh SQLite file, round after round, alternating, and
//! prints docs/s, MB/s and the ratio of the medians. Wall time is what a user waits for; the
//! process CPU time is printed too because the machine may be shared. A breakdown then
//! measures on one thread what ingest adds to reading: turning documents into records and
//! the store's inserts. The CPU of a pass is also split by thread (the pipeline's pool, the
//! writer, the thread that opens and closes the store), read outside the timed window, so
//! what ingest spends beyond read is accounted for, not inferred from one-thread figures.

use crate::bench::{naeb_by_id, thread_cpu_seconds, DEFAULT_NAEB};
use crate::inputs::expand;
use anyhow::{bail, Context, Result};
use newsgraph_core::Document;
use newsgraph_ingest::Limits;
use newsgraph_store::{ArticleRecord, SqliteStore, Store};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Options of `newsgraph bench-ingest`.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchIngestArgs {
    /// The NAEB `articles.json` (an object keyed by article id, each with `articleBody`);
    /// the benchmark is skipped when it is missing.
    #[arg(long, default_value = DEFAULT_NAEB)]
    pub naeb: PathBuf,
    /// The seed article, ingested with the NAEB bodies.
    #[arg(long, default_value = "examples/articles/kirby-israel.txt")]
    pub seed: PathBuf,
    /// Rounds of read / read + JSON / ingest; the figures are each mode's median.
    #[arg(long, default_value_t = 5)]
    pub rounds: usize,
    /// Threads for the pipeline (0: one per core). Ingest adds its writer thread.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Most articles per store transaction, as `newsgraph ingest --batch`.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Where to write the JSON Lines input and the store files (default: a new folder in
    /// the system's temporary directory, removed at the end).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Only the one-thread breakdown (pipeline, records, store), no timed rounds: for
    /// running under a profiler such as `valgrind --tool=callgrind`.
    #[arg(long)]
    pub breakdown_only: bool,
    /// Times the one-thread breakdown's records and store are measured; the figures are
    /// the medians (one run varies by several microseconds per article on a shared machine).
    #[arg(long, default_value_t = 5)]
    pub breakdown_rounds: usize,
}

/// Median figures of one mode.
#[derive(Debug, Clone, Serialize)]
pub struct ModeFigures {
    /// What was timed.
    pub mode: &'static str,
    /// Wall-clock seconds of a pass (median over the rounds).
    pub seconds: f64,
    /// Process CPU seconds (all threads, user + system) of a pass (median).
    pub cpu_seconds: f64,
    /// Articles per wall-clock second.
    pub docs_per_s: f64,
    /// MB (10^6 bytes of article text) per wall-clock second.
    pub mb_per_s: f64,
    /// MB per CPU second.
    pub mb_per_cpu_s: f64,
    /// CPU seconds of the pipeline's thread pool in a pass (median): the process CPU less
    /// ingest's writer thread and the thread that opens and closes the store.
    pub pool_cpu_seconds: f64,
}

/// What the benchmark measured.
#[derive(Debug, Clone, Serialize)]
pub struct IngestReport {
    /// CPU model.
    pub machine: String,
    /// Pipeline threads.
    pub threads: usize,
    /// Articles per pass.
    pub docs: usize,
    /// Bytes of article text per pass.
    pub bytes: usize,
    /// Rounds.
    pub rounds: usize,
    /// read (pipeline only), read + JSON Lines, ingest.
    pub modes: Vec<ModeFigures>,
    /// ingest docs/s over read (pipeline only) docs/s, wall clock.
    pub ratio: f64,
    /// The same against read + JSON Lines.
    pub ratio_json: f64,
    /// ingest MB per CPU second over read's (pipeline only).
    pub ratio_cpu: f64,
    /// Writer thread CPU seconds per ingest pass (median).
    pub writer_cpu_seconds: f64,
    /// CPU seconds per ingest pass of the thread that opens the store, waits for the pool
    /// and the writer, and closes the store (its last checkpoint) (median).
    pub open_close_cpu_seconds: f64,
    /// Wall seconds of an ingest pass opening (creating) the store (median).
    pub open_seconds: f64,
    /// Wall seconds reading and storing (median).
    pub store_seconds: f64,
    /// Wall seconds closing the store, its last checkpoint (median).
    pub close_seconds: f64,
    /// Of `store_seconds`, the seconds the writer still worked after the last document was
    /// read (median).
    pub tail_seconds: f64,
    /// One thread: microseconds per article to turn a document into a record.
    pub record_us_per_doc: f64,
    /// One thread: microseconds of CPU per article to store the records, batch after batch,
    /// into a fresh file (opening and closing included).
    pub store_us_per_doc: f64,
    /// One thread: microseconds of CPU per article of the pipeline.
    pub pipeline_us_per_doc: f64,
    /// Rows the store holds per article after a pass (all tables but the full-text index).
    pub rows_per_doc: f64,
    /// Bytes of the store file per byte of article text.
    pub file_bytes_per_text_byte: f64,
    /// Quotations found by `newsgraph quotes --speaker Kirby` in the ingested store.
    pub kirby_quotes: usize,
}

/// CPU time of the whole process (every thread, user and system), in seconds.
pub fn process_cpu_seconds() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: `getrusage` writes into the zeroed struct we own.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } == 0 {
            let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return tv(ru.ru_utime) + tv(ru.ru_stime);
        }
    }
    f64::NAN
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn remove_store(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Removes the benchmark's own temporary folder when dropped.
struct TempDir(Option<PathBuf>);

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(d) = &self.0 {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// `newsgraph bench-ingest`.
pub fn main(args: BenchIngestArgs) -> Result<ExitCode> {
    if !args.naeb.exists() {
        println!(
            "newsgraph bench-ingest: skipped: no NAEB articles at {} (the benchmark needs the shared data; give --naeb)",
            args.naeb.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let r = measure(&args)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        print!("{}", render(&r));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the report for a person.
pub fn render(r: &IngestReport) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "newsgraph bench-ingest: {} articles (NAEB bodies as JSON Lines + the seed), {:.2} MB of text, {} pipeline thread(s), median of {} rounds\nmachine: {}\n\n",
        r.docs,
        r.bytes as f64 / 1e6,
        r.threads,
        r.rounds,
        r.machine
    ));
    s.push_str(&format!(
        "{:<24} {:>8} {:>9} {:>8} {:>8} {:>10}\n",
        "", "wall s", "docs/s", "MB/s", "CPU s", "MB/CPU-s"
    ));
    for m in &r.modes {
        s.push_str(&format!(
            "{:<24} {:>8.3} {:>9.1} {:>8.2} {:>8.3} {:>10.2}\n",
            m.mode, m.seconds, m.docs_per_s, m.mb_per_s, m.cpu_seconds, m.mb_per_cpu_s
        ));
    }
    s.push_str(&format!(
        "\ningest / read: {:.2} (wall clock; {:.2} against read + JSON Lines; {:.2} in MB per CPU second)\n",
        r.ratio, r.ratio_json, r.ratio_cpu
    ));
    s.push_str(&format!(
        "one thread, per article: pipeline {:.0} us, document -> record {:.0} us, store {:.0} us (CPU); writer thread {:.3} s CPU per ingest pass\n",
        r.pipeline_us_per_doc, r.record_us_per_doc, r.store_us_per_doc, r.writer_cpu_seconds
    ));
    s.push_str(&format!(
        "CPU per pass by thread: pipeline pool {:.3} s in read, {:.3} s in ingest (documents -> records there); writer {:.3} s; opening and closing the store {:.3} s\n",
        r.modes[0].pool_cpu_seconds,
        r.modes[2].pool_cpu_seconds,
        r.writer_cpu_seconds,
        r.open_close_cpu_seconds
    ));
    s.push_str(&format!(
        "ingest pass (wall): open {:.3} s, read and store {:.3} s (writer still storing after the last document was read: {:.3} s), close {:.3} s\n",
        r.open_seconds, r.store_seconds, r.tail_seconds, r.close_seconds
    ));
    s.push_str(&format!(
        "store: {:.1} rows per article, file {:.2} bytes per byte of text; quotes --speaker Kirby: {}\n",
        r.rows_per_doc, r.file_bytes_per_text_byte, r.kirby_quotes
    ));
    s
}

/// Runs the benchmark.
pub fn measure(args: &BenchIngestArgs) -> Result<IngestReport> {
    let naeb = naeb_by_id(&args.naeb)?;
    let seed = std::fs::read_to_string(&args.seed).with_context(|| {
        format!(
            "{}: cannot read the seed article; run from the repository or give --seed",
            args.seed.display()
        )
    })?;
    if seed.trim().is_empty() {
        bail!("{}: the seed article is empty", args.seed.display());
    }
    let (dir, _cleanup) = match &args.dir {
        Some(d) => (d.clone(), TempDir(None)),
        None => {
            let d =
                std::env::temp_dir().join(format!("newsgraph-bench-ingest-{}", std::process::id()));
            (d.clone(), TempDir(Some(d)))
        }
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let jsonl = dir.join("naeb.jsonl");
    {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(&jsonl)
                .with_context(|| format!("creating {}", jsonl.display()))?,
        );
        for (id, body) in &naeb {
            if body.trim().is_empty() {
                continue;
            }
            serde_json::to_writer(&mut w, &serde_json::json!({ "id": id, "text": body }))?;
            writeln!(w)?;
        }
        w.flush()?;
    }
    let seed_path = dir.join("seed.txt");
    std::fs::write(&seed_path, &seed)?;
    let paths = [
        jsonl.to_string_lossy().into_owned(),
        seed_path.to_string_lossy().into_owned(),
    ];
    let inputs = expand(&paths);
    let db = dir.join("bench.db");
    let limits = Limits::default();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .context("starting the thread pool")?;
    let threads = pool.current_num_threads();
    let pipeline = crate::pipeline();
    let no_prepare = |_: &mut Document| {};

    // One pass of `read`: the documents are counted (and, with `json`, written as JSON Lines
    // into a sink) and dropped.
    let read_pass = |json: bool| -> Result<(usize, usize, usize)> {
        let (mut docs, mut bytes, mut quotes) = (0, 0, 0);
        let mut sink = std::io::sink();
        pool.install(|| {
            crate::inputs::process(&inputs, limits, &pipeline, &no_prepare, &mut |item| {
                if let Ok(doc) = item {
                    docs += 1;
                    bytes += doc.text.len();
                    quotes += doc.quotes.len();
                    if json {
                        writeln!(sink, "{}", newsgraph_core::json::to_json_line(doc))?;
                    }
                }
                Ok(())
            })
        })?;
        Ok((docs, bytes, quotes))
    };
    // An ingest pass into a new store (the caller removes the previous one first, outside
    // the timed pass), and the seconds of its three parts: opening (creating) the store,
    // reading and storing, closing (the last checkpoint).
    let ingest_pass = || -> Result<(crate::store_cmd::IngestStats, [f64; 3])> {
        let t = Instant::now();
        let mut store = SqliteStore::open(&db.to_string_lossy())?;
        let opened = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let stats = pool.install(|| {
            crate::store_cmd::ingest_into(&mut store, &inputs, None, limits, args.batch, &pipeline)
        })?;
        let stored = t.elapsed().as_secs_f64();
        let t = Instant::now();
        drop(store);
        Ok((stats, [opened, stored, t.elapsed().as_secs_f64()]))
    };

    // Warm-up: the lexicons are built and the input is in the page cache.
    let (docs, bytes, quotes) = read_pass(false)?;
    if docs != naeb.values().filter(|b| !b.trim().is_empty()).count() + 1 {
        bail!("read {docs} documents, expected every NAEB body and the seed");
    }
    if quotes == 0 {
        bail!("the pipeline found no quotation: an empty run is no benchmark");
    }

    let rounds = if args.breakdown_only {
        0
    } else {
        args.rounds.max(1)
    };
    let mut times: [Vec<(f64, f64)>; 3] = Default::default();
    let mut writer_cpu = Vec::new();
    // CPU of the pool's threads and of this thread in each pass, read outside the timed
    // window: where ingest's CPU beyond read's goes.
    let mut pool_cpu: [Vec<f64>; 3] = Default::default();
    let mut open_close_cpu = Vec::new();
    let pool_thread_cpu = || -> f64 { pool.broadcast(|_| thread_cpu_seconds()).iter().sum() };
    let mut phases: Vec<[f64; 4]> = Vec::new();
    for _ in 0..rounds {
        for (mode, t) in times.iter_mut().enumerate() {
            if mode == 2 {
                // Deleting the last pass's store (synced to disk by its close) took 3-8 ms
                // of the timed pass; ingest never does that.
                remove_store(&db);
            }
            let (p0, m0) = (pool_thread_cpu(), thread_cpu_seconds());
            let (c0, w0) = (process_cpu_seconds(), Instant::now());
            let n = if mode == 2 {
                let (s, parts) = ingest_pass()?;
                phases.push([parts[0], parts[1], parts[2], s.tail_seconds]);
                if !s.failed.is_empty() {
                    bail!(
                        "ingest failed on {} input(s): {:?}",
                        s.failed.len(),
                        s.failed
                    );
                }
                writer_cpu.push(s.writer_cpu_seconds);
                s.stored
            } else {
                read_pass(mode == 1)?.0
            };
            t.push((w0.elapsed().as_secs_f64(), process_cpu_seconds() - c0));
            if mode == 2 {
                open_close_cpu.push(thread_cpu_seconds() - m0);
            }
            pool_cpu[mode].push(pool_thread_cpu() - p0);
            if n != docs {
                bail!("a pass handled {n} documents instead of {docs}");
            }
        }
    }
    let names = [
        "read (pipeline only)",
        "read + JSON Lines",
        "ingest (SQLite)",
    ];
    let modes: Vec<ModeFigures> = times
        .iter()
        .zip(names)
        .zip(pool_cpu)
        .map(|((t, mode), pool_cpu)| {
            let seconds = median(t.iter().map(|x| x.0).collect());
            let cpu_seconds = median(t.iter().map(|x| x.1).collect());
            ModeFigures {
                mode,
                seconds,
                cpu_seconds,
                docs_per_s: docs as f64 / seconds,
                mb_per_s: bytes as f64 / 1e6 / seconds,
                mb_per_cpu_s: bytes as f64 / 1e6 / cpu_seconds,
                pool_cpu_seconds: median(pool_cpu),
            }
        })
        .collect();

    if args.breakdown_only {
        remove_store(&db);
        ingest_pass()?;
    }
    let phase = |i: usize| median(phases.iter().map(|p| p[i]).collect());
    // What the last ingest left: the acceptance query, rows, file size.
    let mut store = SqliteStore::open(&db.to_string_lossy())?;
    let kirby_quotes = store
        .quotes(&newsgraph_store::QuoteQuery {
            speaker: Some("Kirby".into()),
            ..Default::default()
        })?
        .len();
    let rows = store.row_count()?;
    drop(store);
    let file_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);

    // Breakdown on one thread: pipeline, records, store.
    let mut documents = Vec::with_capacity(docs);
    for input in &inputs {
        for item in crate::inputs::documents(input, limits) {
            documents.push(item?);
        }
    }
    let c0 = thread_cpu_seconds();
    for d in &mut documents {
        pipeline.run(d);
    }
    let pipeline_cpu = thread_cpu_seconds() - c0;
    let (mut record_cpu, mut store_cpu) = (Vec::new(), Vec::new());
    for _ in 0..args.breakdown_rounds.max(1) {
        let c0 = thread_cpu_seconds();
        let records: Vec<ArticleRecord> =
            documents.iter().map(ArticleRecord::from_document).collect();
        record_cpu.push(thread_cpu_seconds() - c0);
        remove_store(&db);
        let c0 = thread_cpu_seconds();
        {
            let mut store = SqliteStore::open(&db.to_string_lossy())?;
            for chunk in records.chunks(args.batch.max(1)) {
                store.put_batch(chunk)?;
            }
        }
        store_cpu.push(thread_cpu_seconds() - c0);
        remove_store(&db);
    }
    drop(documents);
    let (record_cpu, store_cpu) = (median(record_cpu), median(store_cpu));

    let per_doc = |s: f64| s * 1e6 / docs as f64;
    Ok(IngestReport {
        machine: crate::bench::cpu_model(),
        threads,
        docs,
        bytes,
        rounds,
        ratio: modes[2].docs_per_s / modes[0].docs_per_s,
        ratio_json: modes[2].docs_per_s / modes[1].docs_per_s,
        ratio_cpu: modes[2].mb_per_cpu_s / modes[0].mb_per_cpu_s,
        modes,
        writer_cpu_seconds: median(writer_cpu),
        open_close_cpu_seconds: median(open_close_cpu),
        open_seconds: phase(0),
        store_seconds: phase(1),
        close_seconds: phase(2),
        tail_seconds: phase(3),
        record_us_per_doc: per_doc(record_cpu),
        store_us_per_doc: per_doc(store_cpu),
        pipeline_us_per_doc: per_doc(pipeline_cpu),
        rows_per_doc: rows as f64 / docs as f64,
        file_bytes_per_text_byte: file_bytes as f64 / bytes as f64,
        kirby_quotes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(vec![]).is_nan());
    }

    #[test]
    fn skips_without_the_data() {
        let args = BenchIngestArgs {
            naeb: PathBuf::from("/nonexistent/articles.json"),
            seed: PathBuf::from("examples/articles/kirby-israel.txt"),
            rounds: 1,
            threads: 1,
            batch: 16,
            dir: None,
            json: false,
            breakdown_only: false,
            breakdown_rounds: 1,
        };
        assert_eq!(main(args).unwrap(), ExitCode::SUCCESS);
    }
}
