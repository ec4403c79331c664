//! Regression and speed harness for the ActorFinder stage on the 424 NAEB article bodies.
//!
//! Runs TextStructure and Segmenter once, then ActorFinder over every body, and prints a
//! digest (FNV-1a over a canonical dump of all mentions and actors) with counts, so that an
//! optimisation can be shown to leave the output identical. Then times the stage alone
//! (best of N passes) and reports MB/s.
//!
//! ```text
//! cargo run --release -p newsgraph-actors --example naeb_digest -- [passes] [dump-file]
//! ```
//!
//! `passes` 0 skips timing (for `valgrind --tool=callgrind`); the dump defaults to
//! `/tmp/actors_naeb_dump.txt`. `NAEB=path` overrides the articles file.

use newsgraph_actors::ActorFinder;
use newsgraph_core::{Document, Stage};
use std::fmt::Write as _;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// CPU time this thread has run, in seconds (from `/proc/thread-self/schedstat`, Linux), so
/// that the timing of a pass on a loaded machine leaves out the time spent preempted.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let passes: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let dump_path = args
        .next()
        .unwrap_or_else(|| "/tmp/actors_naeb_dump.txt".to_string());
    let path = std::env::var("NAEB").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/extraction/naeb/articles.json"
        )
        .to_string()
    });
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("NAEB articles")).unwrap();
    let mut ids = Vec::new();
    let mut docs = Vec::new();
    for (id, a) in json.as_object().unwrap() {
        let mut doc = Document::new(a["articleBody"].as_str().unwrap_or(""));
        newsgraph_ingest::TextStructure::default().run(&mut doc);
        newsgraph_nlp::Segmenter::default().run(&mut doc);
        ids.push(id.clone());
        docs.push(doc);
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let finder = ActorFinder::default();
    eprintln!("{finder:?}");

    // Output digest.
    let mut out = docs.clone();
    let mut dump = String::new();
    let (mut nm, mut na, mut nlinked) = (0usize, 0usize, 0usize);
    for (id, d) in ids.iter().zip(&mut out) {
        finder.run(d);
        writeln!(dump, "## {id}").unwrap();
        for m in &d.mentions {
            writeln!(
                dump,
                "M {} {} {:?} {:?} {:?}",
                m.span.start,
                m.span.end,
                m.kind,
                m.actor.map(|a| a.0),
                d.slice(m.span)
            )
            .unwrap();
            nlinked += m.actor.is_some() as usize;
        }
        for a in &d.actors {
            writeln!(
                dump,
                "A {} {:?} {:?} {:?} {:?}",
                a.id.0, a.name, a.kind, a.titles, a.country
            )
            .unwrap();
        }
        nm += d.mentions.len();
        na += d.actors.len();
    }
    std::fs::write(&dump_path, &dump).expect("write dump");
    println!(
        "digest {:016x}  docs {}  mentions {nm} (linked {nlinked})  actors {na}  dump {dump_path}",
        fnv1a(dump.as_bytes()),
        docs.len()
    );

    if passes == 0 {
        return;
    }
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    for _ in 0..passes {
        let mut work = docs.clone();
        let c0 = thread_cpu();
        let t = std::time::Instant::now();
        for d in &mut work {
            finder.run(d);
        }
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c0, thread_cpu()) {
            best_cpu = best_cpu.min(c1 - c0);
        }
        std::hint::black_box(&work);
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "ActorFinder: {mb:.2} MB, best of {passes}: wall {best:.4} s = {:.1} MB/s, thread CPU {best_cpu:.4} s = {:.1} MB/s",
        mb / best,
        mb / best_cpu
    );
}
