//! `newsgraph watch`: polls RSS/Atom feeds and stores their new articles. The HTTP side
//! (conditional requests, robots.txt, rate limit, state file) is `newsgraph-watch`; this file
//! gives it a sink that reads each page like `newsgraph ingest` does (extraction, the default
//! pipeline on all cores) and stores the batch in one transaction.

use crate::store_cmd::DbArg;
use anyhow::{Context, Result};
use newsgraph_core::Pipeline;
use newsgraph_ingest::html::Pending;
use newsgraph_ingest::Limits;
use newsgraph_store::{ArticleRecord, Store};
use newsgraph_watch::{Config, Fatal, Notice, NoticeKind, PollReport, Sink, SystemClock, Watcher};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// `newsgraph watch`.
#[derive(clap::Args, Debug)]
pub struct WatchArgs {
    #[command(flatten)]
    db: DbArg,
    /// Seconds between two polls of the feeds.
    #[arg(long, default_value_t = 900)]
    interval: u64,
    /// Poll each feed once and exit (for cron and tests): exit status 1 when a feed or a
    /// page could not be fetched or read.
    #[arg(long)]
    once: bool,
    /// Most requests per second to one host; a robots.txt Crawl-delay can slow it further.
    #[arg(long, default_value_t = 1.0)]
    rate: f64,
    /// User-Agent header; its first word is the name looked up in robots.txt.
    #[arg(long, default_value = newsgraph_watch::DEFAULT_USER_AGENT)]
    user_agent: String,
    /// Seconds before a request is given up (tried again at the next poll).
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Largest accepted page, in bytes (a feed may be 4 times this).
    #[arg(long, default_value_t = newsgraph_ingest::input::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Where fetched items and feed validators are remembered (default: <db>.watch.json,
    /// or newsgraph-watch.json for a PostgreSQL store).
    #[arg(long)]
    state: Option<PathBuf>,
    /// Print only problems, not each stored page and poll summary.
    #[arg(long, short)]
    quiet: bool,
    /// Feed URLs (http:// or https://).
    #[arg(required = true)]
    feeds: Vec<String>,
}

/// Reads pages like `newsgraph ingest` and stores them.
struct StoreSink {
    store: Box<dyn Store>,
    pipeline: Pipeline,
    limits: Limits,
}

impl Sink for StoreSink {
    fn store(&mut self, pages: Vec<Pending>) -> Result<Vec<newsgraph_core::Result<()>>, Fatal> {
        use rayon::prelude::*;
        let (pipeline, limits) = (&self.pipeline, self.limits);
        let read: Vec<newsgraph_core::Result<ArticleRecord>> = pages
            .into_par_iter()
            .map(|p| {
                let mut doc = p.finish(limits)?;
                pipeline.run(&mut doc);
                Ok(ArticleRecord::from_document(&doc))
            })
            .collect();
        let mut records = Vec::new();
        let results = read
            .into_iter()
            .map(|r| r.map(|rec| records.push(rec)))
            .collect();
        if !records.is_empty() {
            self.store
                .put_batch(&records)
                .map_err(|e| Fatal(format!("storing articles: {e}")))?;
        }
        Ok(results)
    }
}

/// `newsgraph watch`.
pub fn watch(a: WatchArgs) -> Result<ExitCode> {
    if !(a.rate.is_finite() && a.rate > 0.0) {
        anyhow::bail!(
            "--rate {} is not a number of requests per second above 0",
            a.rate
        );
    }
    let cfg = Config {
        user_agent: a.user_agent.clone(),
        min_interval: Duration::from_secs_f64(1.0 / a.rate),
        timeout: Duration::from_secs(a.timeout.max(1)),
        limits: Limits {
            max_bytes: a.max_bytes,
        },
        ..Config::default()
    };
    let state = a
        .state
        .clone()
        .unwrap_or_else(|| newsgraph_watch::state::default_path(&a.db.db));
    let store = newsgraph_store::open(&a.db.db)
        .with_context(|| format!("opening the store {}", a.db.db))?;
    let mut sink = StoreSink {
        store,
        pipeline: crate::pipeline(),
        limits: cfg.limits,
    };
    let mut watcher = Watcher::new(cfg, SystemClock::default(), Some(state))?;
    let quiet = a.quiet;
    let mut notice = |n: Notice| match n.kind {
        NoticeKind::Failed => eprintln!("newsgraph: {n}"),
        NoticeKind::Skipped => eprintln!("newsgraph: note: {n}"),
        NoticeKind::Info if !quiet => eprintln!("newsgraph: {n}"),
        NoticeKind::Info => {}
    };
    let summary = |r: &PollReport| {
        if !quiet {
            eprintln!("newsgraph: {}", summary(r));
        }
    };
    if a.once {
        let r = watcher.poll_once(&a.feeds, &mut sink, &mut notice)?;
        summary(&r);
        let bad = r.feed_failures + r.failed + r.retry;
        return Ok(if bad == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    watcher.run(
        &a.feeds,
        Duration::from_secs(a.interval.max(1)),
        &mut sink,
        &mut notice,
        &mut |r| summary(r),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn summary(r: &PollReport) -> String {
    format!(
        "polled {} feed(s) ({} not modified, {} failed), {} new item(s): {} stored, {} failed, {} to retry, {} skipped by robots.txt; {} request(s)",
        r.feeds + r.not_modified + r.feed_failures,
        r.not_modified,
        r.feed_failures,
        r.new_items,
        r.stored,
        r.failed,
        r.retry,
        r.skipped,
        r.requests
    )
}
