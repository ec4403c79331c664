//! Checks on the NAEB corpus (424 real 2023 article bodies), kept outside the repository in
//! `../shared/data/extraction/naeb/articles.json` (or `$NAEB_ARTICLES`). Ignored by default:
//!
//! ```sh
//! cargo test -p newsgraph-ingest --release --test naeb -- --ignored --nocapture
//! ```

use newsgraph_core::{BlockKind, Document, Stage};
use newsgraph_ingest::TextStructure;
use std::time::Instant;

fn naeb_path() -> std::path::PathBuf {
    std::env::var_os("NAEB_ARTICLES")
        .map(Into::into)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/extraction/naeb/articles.json")
        })
}

/// The `articleBody` strings of the JSON file (a small string reader: no JSON dependency).
fn bodies() -> Vec<String> {
    let path = naeb_path();
    let json = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; set NAEB_ARTICLES", path.display()));
    let key = "\"articleBody\"";
    let mut out = Vec::new();
    let mut rest = json.as_str();
    while let Some(i) = rest.find(key) {
        rest = rest[i + key.len()..].trim_start();
        rest = rest.strip_prefix(':').unwrap().trim_start();
        let (s, n) = read_json_string(rest);
        out.push(s);
        rest = &rest[n..];
    }
    out
}

/// Reads a JSON string literal at the start of `s`; returns it and the bytes consumed.
fn read_json_string(s: &str) -> (String, usize) {
    let b = s.as_bytes();
    assert_eq!(b[0], b'"');
    let mut out = String::new();
    let mut i = 1;
    let mut pending_high: Option<u32> = None;
    loop {
        match b[i] {
            b'"' => return (out, i + 1),
            b'\\' => {
                let c = b[i + 1];
                i += 2;
                let ch = match c {
                    b'n' => '\n',
                    b't' => '\t',
                    b'r' => '\r',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'u' => {
                        let v = u32::from_str_radix(&s[i..i + 4], 16).unwrap();
                        i += 4;
                        if (0xD800..0xDC00).contains(&v) {
                            pending_high = Some(v);
                            continue;
                        }
                        let v = match pending_high.take() {
                            Some(h) if (0xDC00..0xE000).contains(&v) => {
                                0x10000 + ((h - 0xD800) << 10) + (v - 0xDC00)
                            }
                            _ => v,
                        };
                        char::from_u32(v).unwrap_or('\u{fffd}')
                    }
                    other => other as char,
                };
                out.push(ch);
            }
            _ => {
                let start = i;
                while b[i] != b'"' && b[i] != b'\\' {
                    i += 1;
                }
                out.push_str(&s[start..i]);
            }
        }
    }
}

#[test]
#[ignore = "needs ../shared/data; run with --ignored --release"]
fn naeb_throughput() {
    let bodies = bodies();
    assert_eq!(bodies.len(), 424);
    let stage = TextStructure::default();
    let total: usize = bodies.iter().map(String::len).sum();
    let mut docs: Vec<Document> = bodies.iter().map(|b| Document::new(b.clone())).collect();
    // Warm-up, then timed rounds.
    for d in &mut docs {
        stage.run(d);
    }
    let rounds = 20;
    let t = Instant::now();
    let mut blocks = 0;
    for _ in 0..rounds {
        for d in &mut docs {
            stage.run(d);
            blocks += d.blocks.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    assert!(blocks > 424 * rounds, "the stage produced no blocks");
    println!(
        "TextStructure: {} docs, {:.2} MB x {rounds} in {secs:.3} s = {:.0} MB/s ({blocks} blocks)",
        docs.len(),
        total as f64 / 1e6,
        (total * rounds) as f64 / 1e6 / secs
    );
}

/// Prints every block that is not body, for review, and checks invariants on real text.
#[test]
#[ignore = "needs ../shared/data; prints a review list"]
fn naeb_review() {
    let stage = TextStructure::default();
    let mut counts = std::collections::BTreeMap::new();
    for (i, body) in bodies().into_iter().enumerate() {
        let mut doc = Document::new(body);
        stage.run(&mut doc);
        doc.validate().unwrap();
        for b in &doc.blocks {
            *counts.entry(format!("{:?}", b.kind)).or_insert(0) += 1;
            if b.kind != BlockKind::Body {
                let mut t: String = doc.slice(b.span).chars().take(110).collect();
                for (name, part) in [("who", b.who), ("agency", b.agency), ("place", b.place)] {
                    if let Some(p) = part {
                        t.push_str(&format!(" [{name}={}]", doc.slice(p)));
                    }
                }
                println!("{i:3} {:?}: {t}", b.kind);
            }
        }
    }
    println!("{counts:?}");
}
