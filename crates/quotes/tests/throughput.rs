//! Throughput of the QuoteAttributor stage alone over the 424 NAEB article bodies.
//! `cargo test --release -p newsgraph-quotes --test throughput -- --ignored --nocapture`

mod common;
use newsgraph_core::{Document, Stage};
use std::time::Instant;

#[test]
#[ignore = "timing: run in release with --ignored"]
fn quotes_stage_throughput_on_naeb() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/extraction/naeb/articles.json"
    );
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let obj = v.as_object().unwrap();
    let before = newsgraph_core::PipelineBuilder::new()
        .stage(newsgraph_ingest::TextStructure::default())
        .stage(newsgraph_nlp::Segmenter::default())
        .stage(newsgraph_actors::ActorFinder::default())
        .build()
        .unwrap();
    let mut docs: Vec<Document> = obj
        .values()
        .map(|a| {
            let mut d = Document::new(a["articleBody"].as_str().unwrap_or(""));
            before.run(&mut d);
            d
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let stage = newsgraph_quotes::QuoteAttributor::default();
    let mut best = f64::MAX;
    let mut n_quotes = 0;
    for _ in 0..7 {
        let t = Instant::now();
        n_quotes = 0;
        for d in docs.iter_mut() {
            stage.run(d);
            n_quotes += d.quotes.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        for d in docs.iter_mut() {
            d.diagnostics.clear();
        }
    }
    assert!(n_quotes > 1000, "only {n_quotes} quotes");
    let mbs = bytes as f64 / best / 1e6;
    println!(
        "QuoteAttributor: {} docs, {:.2} MB, {n_quotes} quotes, best of 7: {:.1} ms = {mbs:.0} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        best * 1e3
    );
    if !cfg!(debug_assertions) {
        assert!(mbs >= 100.0, "{mbs:.0} MB/s < 100 MB/s");
    }
}
