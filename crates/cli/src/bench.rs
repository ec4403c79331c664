//! `newsgraph bench`: end-to-end speed of the default pipeline on one thread, and the time
//! each stage takes.
//!
//! The corpus is the 424 NAEB article bodies (`articleBody` in the benchmark's
//! `articles.json`), plus any `.txt` files given with `--input`. After one warm-up pass, the
//! whole [`crate::pipeline`] runs over the corpus again and again for at least `--seconds`;
//! then the stages of [`crate::stages`] run one by one, each timed on its own, for as long
//! again. Every pass counts the quotations and actors it finds and must find the same as the
//! warm-up did, and a run that finds no quotation at all fails: the figures of an empty run
//! say nothing.

use crate::inputs::{expand, load};
use anyhow::{bail, Context, Result};
use newsgraph_core::Document;
use newsgraph_ingest::Limits;
use serde::Serialize;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Where the NAEB article bodies are when the repository sits beside `shared/`.
pub const DEFAULT_NAEB: &str = "../shared/data/extraction/naeb/articles.json";

/// Options of `newsgraph bench`.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// The NAEB `articles.json` (an object keyed by article id, each with `articleBody`).
    #[arg(long, default_value = DEFAULT_NAEB)]
    pub naeb: PathBuf,
    /// Leave out the NAEB articles (bench only the `--input` files).
    #[arg(long)]
    pub no_naeb: bool,
    /// More articles: .txt files, or directories searched recursively for .txt files.
    #[arg(long)]
    pub input: Vec<String>,
    /// Shortest time to measure, in seconds, end to end and again stage by stage.
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// The articles a benchmark runs on.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Article texts.
    pub texts: Vec<String>,
    /// Where they came from, for the report.
    pub sources: Vec<String>,
}

impl Corpus {
    /// Total size in bytes.
    pub fn bytes(&self) -> u64 {
        self.texts.iter().map(|t| t.len() as u64).sum()
    }

    /// Total whitespace-separated words.
    pub fn words(&self) -> u64 {
        self.texts
            .iter()
            .map(|t| t.split_whitespace().count() as u64)
            .sum()
    }
}

#[derive(serde::Deserialize)]
struct NaebArticle {
    #[serde(rename = "articleBody")]
    article_body: String,
}

/// Reads NAEB's `articles.json`: article bodies keyed by id (also used by `eval quotes`).
pub fn naeb_by_id(path: &Path) -> Result<BTreeMap<String, String>> {
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "{}: cannot read the NAEB articles; give their path with --naeb",
            path.display()
        )
    })?;
    let articles: BTreeMap<String, NaebArticle> =
        serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "{}: not an object of articles keyed by id, each with an `articleBody` string",
                path.display()
            )
        })?;
    Ok(articles
        .into_iter()
        .map(|(id, a)| (id, a.article_body))
        .collect())
}

/// Reads the article bodies of NAEB's `articles.json`, in id order, skipping empty ones.
pub fn load_naeb(path: &Path) -> Result<Vec<String>> {
    Ok(naeb_by_id(path)?
        .into_values()
        .filter(|b| !b.trim().is_empty())
        .collect())
}

/// Loads the corpus the options name.
pub fn load_corpus(args: &BenchArgs) -> Result<Corpus> {
    let mut corpus = Corpus::default();
    if !args.no_naeb {
        let texts = load_naeb(&args.naeb)?;
        corpus.sources.push(format!(
            "{} NAEB article bodies ({})",
            texts.len(),
            args.naeb.display()
        ));
        corpus.texts.extend(texts);
    }
    if !args.input.is_empty() {
        let inputs = expand(&args.input);
        let n = inputs.len();
        for input in &inputs {
            let doc = load(input, Limits::default())?;
            corpus.texts.push(doc.text);
        }
        corpus
            .sources
            .push(format!("{n} text file(s) from {}", args.input.join(", ")));
    }
    if corpus.texts.is_empty() {
        bail!("nothing to benchmark: no article in the NAEB file nor in --input");
    }
    Ok(corpus)
}

/// The time one stage took over the stage-by-stage passes.
#[derive(Debug, Clone, Serialize)]
pub struct StageTime {
    /// The stage's name.
    pub name: &'static str,
    /// Seconds spent in its `run` over all passes.
    pub seconds: f64,
    /// Its share of the time of all stages, in percent.
    pub percent: f64,
    /// Corpus bytes per second through this stage alone, in MB (10^6 bytes) per second.
    pub mb_per_s: f64,
}

/// What a benchmark measured.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// CPU model, from /proc/cpuinfo.
    pub machine: String,
    /// Threads the pipeline ran on.
    pub threads: usize,
    /// Where the articles came from.
    pub corpus: Vec<String>,
    /// Articles in the corpus.
    pub docs: usize,
    /// Bytes in the corpus.
    pub bytes: u64,
    /// Whitespace-separated words in the corpus.
    pub words: u64,
    /// Seconds of the warm-up pass.
    pub warmup_seconds: f64,
    /// Timed end-to-end passes over the corpus.
    pub passes: u32,
    /// Seconds those passes took.
    pub seconds: f64,
    /// Articles per second.
    pub docs_per_s: f64,
    /// Words per second.
    pub words_per_s: f64,
    /// MB (10^6 bytes) per second.
    pub mb_per_s: f64,
    /// Thread CPU time of the measured passes, in seconds.
    pub cpu_seconds: f64,
    /// MB per second of thread CPU time.
    pub mb_per_cpu_s: f64,
    /// Words per second of thread CPU time.
    pub words_per_cpu_s: f64,
    /// Quotations found in one pass over the corpus.
    pub quotes: usize,
    /// Actors found in one pass over the corpus.
    pub actors: usize,
    /// Passes of the stage-by-stage timing.
    pub stage_passes: u32,
    /// The time of each stage, run one by one.
    pub stages: Vec<StageTime>,
}

/// The CPU model named in /proc/cpuinfo, or "unknown CPU".
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

/// Quotations and actors found in one pass.
fn run_pass(pipeline: &newsgraph_core::Pipeline, texts: &[String]) -> (usize, usize) {
    let (mut quotes, mut actors) = (0, 0);
    for t in texts {
        let mut doc = Document::new(t.as_str());
        pipeline.run(&mut doc);
        let doc = black_box(doc);
        quotes += doc.quotes.len();
        actors += doc.actors.len();
    }
    (quotes, actors)
}

/// CPU time of the calling thread, in seconds: unlike wall time it does not count the time
/// the thread waits for a core, so figures stay comparable on a loaded machine.
pub fn thread_cpu_seconds() -> f64 {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid timespec to write into.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9;
        }
    }
    f64::NAN
}

/// Runs the benchmark on one thread.
pub fn measure(corpus: &Corpus, min_seconds: f64) -> Result<Report> {
    let min = Duration::from_secs_f64(min_seconds.max(0.0));
    let texts = &corpus.texts;
    let (bytes, words) = (corpus.bytes(), corpus.words());

    let pipeline = crate::pipeline();
    let t = Instant::now();
    let (quotes, actors) = run_pass(&pipeline, texts);
    let warmup = t.elapsed();

    let mut passes = 0u32;
    let t = Instant::now();
    let cpu0 = thread_cpu_seconds();
    loop {
        let found = run_pass(&pipeline, texts);
        passes += 1;
        // The pipeline is deterministic: a pass finding something else means it measured
        // something else.
        if found != (quotes, actors) {
            bail!(
                "pass {passes} found {} quotations and {} actors, the warm-up {quotes} and {actors}: the pipeline is not deterministic",
                found.0,
                found.1
            );
        }
        if t.elapsed() >= min {
            break;
        }
    }
    let elapsed = t.elapsed().as_secs_f64();
    let cpu_seconds = thread_cpu_seconds() - cpu0;
    let per_s = |n: f64| n * passes as f64 / elapsed;

    // Stage by stage: the same stages as `pipeline()`, each `run` timed on its own.
    let stages = crate::stages();
    let mut spent = vec![Duration::ZERO; stages.len()];
    let mut stage_passes = 0u32;
    let t = Instant::now();
    loop {
        let mut found = 0;
        for text in texts {
            let mut doc = Document::new(text.as_str());
            for (s, acc) in stages.iter().zip(spent.iter_mut()) {
                let t = Instant::now();
                s.run(&mut doc);
                *acc += t.elapsed();
            }
            found += black_box(doc).quotes.len();
        }
        stage_passes += 1;
        if found != quotes {
            bail!(
                "the stages run one by one found {found} quotations, the pipeline {quotes}: crate::stages() and crate::pipeline() differ"
            );
        }
        if t.elapsed() >= min {
            break;
        }
    }
    let total: f64 = spent.iter().map(Duration::as_secs_f64).sum();
    let stages = stages
        .iter()
        .zip(&spent)
        .map(|(s, d)| {
            let secs = d.as_secs_f64();
            StageTime {
                name: s.name(),
                seconds: secs,
                percent: if total > 0.0 {
                    100.0 * secs / total
                } else {
                    0.0
                },
                mb_per_s: if secs > 0.0 {
                    bytes as f64 * stage_passes as f64 / secs / 1e6
                } else {
                    f64::INFINITY
                },
            }
        })
        .collect();

    Ok(Report {
        machine: cpu_model(),
        threads: 1,
        corpus: corpus.sources.clone(),
        docs: texts.len(),
        bytes,
        words,
        warmup_seconds: warmup.as_secs_f64(),
        passes,
        seconds: elapsed,
        docs_per_s: per_s(texts.len() as f64),
        words_per_s: per_s(words as f64),
        mb_per_s: per_s(bytes as f64) / 1e6,
        cpu_seconds,
        mb_per_cpu_s: bytes as f64 * passes as f64 / cpu_seconds / 1e6,
        words_per_cpu_s: words as f64 * passes as f64 / cpu_seconds,
        quotes,
        actors,
        stage_passes,
        stages,
    })
}

/// Renders a report for a person at a terminal.
pub fn render(r: &Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "newsgraph bench");
    let _ = writeln!(s, "machine:  {}, {} thread", r.machine, r.threads);
    let _ = writeln!(
        s,
        "corpus:   {} ({} docs, {} bytes, {} words)",
        r.corpus.join(" + "),
        r.docs,
        r.bytes,
        r.words
    );
    let _ = writeln!(s, "warm-up:  1 pass, {:.3} s", r.warmup_seconds);
    let _ = writeln!(
        s,
        "measured: {} passes in {:.3} s (release build: {})",
        r.passes,
        r.seconds,
        !cfg!(debug_assertions)
    );
    let _ = writeln!(s, "  docs/s   {:>12.1}", r.docs_per_s);
    let _ = writeln!(s, "  words/s  {:>12.0}", r.words_per_s);
    let _ = writeln!(s, "  MB/s     {:>12.2}   (MB = 10^6 bytes)", r.mb_per_s);
    let _ = writeln!(
        s,
        "thread CPU time: {:.3} s: {:.2} MB/s, {:.0} words/s (not counting time spent waiting for a core)",
        r.cpu_seconds, r.mb_per_cpu_s, r.words_per_cpu_s
    );
    let _ = writeln!(
        s,
        "found per pass: {} quotations, {} actors",
        r.quotes, r.actors
    );
    let _ = writeln!(s, "stages, run one by one ({} passes):", r.stage_passes);
    for st in &r.stages {
        let _ = writeln!(
            s,
            "  {:<18} {:>8.3} s  {:>5.1}%  {:>10.2} MB/s",
            st.name, st.seconds, st.percent, st.mb_per_s
        );
    }
    s
}

/// `newsgraph bench`: prints the figures, then fails if no quotation was found.
pub fn main(args: BenchArgs) -> Result<ExitCode> {
    let corpus = load_corpus(&args)?;
    let report = measure(&corpus, args.seconds)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", render(&report));
    }
    if report.quotes == 0 {
        eprintln!(
            "newsgraph bench: the pipeline found no quotation in {} documents, so these figures time an empty run; check that the quotation stage is in crate::stages()",
            report.docs
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_small_corpus_and_counts_its_words() {
        let corpus = Corpus {
            texts: vec![
                "Kirby said: \"We don't have that.\"".to_string(),
                "Nobody  spoke\nhere.".to_string(),
            ],
            sources: vec!["test".to_string()],
        };
        assert_eq!((corpus.bytes(), corpus.words()), (52, 9));
        let r = measure(&corpus, 0.0).unwrap();
        assert_eq!((r.docs, r.threads, r.passes, r.stage_passes), (2, 1, 1, 1));
        assert_eq!(
            r.stages.iter().map(|s| s.name).collect::<Vec<_>>(),
            crate::pipeline().stage_names()
        );
        assert!(render(&r).contains("MB/s"));
    }

    #[test]
    fn reads_naeb_bodies_in_id_order_skipping_empty_ones() {
        let dir = std::env::temp_dir().join(format!("newsgraph-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("articles.json");
        std::fs::write(
            &p,
            r#"{"b": {"articleBody": "Second.", "title": "x"}, "a": {"articleBody": "First."},
                "c": {"articleBody": "  "}}"#,
        )
        .unwrap();
        assert_eq!(load_naeb(&p).unwrap(), ["First.", "Second."]);
        std::fs::write(&p, "[]").unwrap();
        let e = load_naeb(&p).unwrap_err();
        assert!(format!("{e:#}").contains("articleBody"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
