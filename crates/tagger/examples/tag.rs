//! Tags a plain-text article (Segmenter + Tagger) and prints its entities, or with `--pos`
//! every token with its tags: `cargo run --release -p newsgraph-tagger --example tag -- FILE`.

use newsgraph_core::{Document, Stage};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pos = args.iter().any(|a| a == "--pos");
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
        let mut doc = Document::new(text);
        newsgraph_nlp::Segmenter::default().run(&mut doc);
        newsgraph_tagger::Tagger::default().run(&mut doc);
        doc.validate().expect("valid layers");
        if pos {
            for (t, p) in doc.tokens.iter().zip(&doc.pos) {
                println!("{}\t{}\t{}", doc.slice(t.span), p.upos, p.xpos);
            }
        }
        for e in &doc.entities {
            println!(
                "{:?}\t{}\t{}..{}",
                e.label,
                doc.slice(e.span),
                e.span.start,
                e.span.end
            );
        }
    }
}
