//! Tagging speed (part of speech + entities) over a CoNLL-2003 file, best of N runs:
//! `cargo run --release -p newsgraph-tagger --example bench -- [FILE] [RUNS] [POS.ngt NER.ngt]`.
//! With RUNS = 1 it suits `valgrind --tool=callgrind` (instruction counts, which the load
//! of a shared machine does not disturb).

use newsgraph_tagger::{corpus, run};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.first().map_or(
        "../shared/data/corpora/conll2003-en/eng.testa",
        String::as_str,
    );
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(10);
    let pos = run::load_pos(args.get(2).map(Path::new)).expect("POS model");
    let ner = run::load_ner(args.get(3).map(Path::new)).expect("NER model");
    let text = std::fs::read_to_string(file).expect("readable file");
    let gold = corpus::read_conll2003(&text, file).expect("CoNLL-2003 file");
    let docs: Vec<Vec<Vec<&str>>> = gold
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        for d in &docs {
            std::hint::black_box(ner.tag_document(&pos, d));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{tokens} tokens, best of {runs}: {:.3} s, {:.0} tokens/s",
        best,
        tokens as f64 / best
    );
}
