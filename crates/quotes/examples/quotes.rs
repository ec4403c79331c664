//! Prints the quotations of text files (or NAEB articles by id): a debugging aid.
//! `cargo run -p newsgraph-quotes --example quotes -- FILE...` or `-- --naeb ID...`; with
//! `DEBUG=1` it also prints tokens (with their POS tags), sentences and mentions.
use newsgraph_core::{Document, PipelineBuilder};

fn main() {
    let p = PipelineBuilder::new()
        .stage(newsgraph_ingest::TextStructure::default())
        .stage(newsgraph_nlp::Segmenter::default())
        .stage(newsgraph_tagger::Tagger::default())
        .stage(newsgraph_actors::ActorFinder::default())
        .stage(newsgraph_quotes::QuoteAttributor::default())
        .build()
        .unwrap();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut texts = Vec::new();
    if args.first().map(|s| s.as_str()) == Some("--naeb") {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/extraction/naeb/articles.json"
        );
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for id in &args[1..] {
            texts.push((
                id.clone(),
                v[id]["articleBody"].as_str().unwrap().to_string(),
            ));
        }
    } else {
        for f in &args {
            texts.push((f.clone(), std::fs::read_to_string(f).unwrap()));
        }
    }
    for (name, t) in texts {
        let mut doc = Document::new(t);
        p.run(&mut doc);
        println!("=== {name}");
        for q in &doc.quotes {
            println!(
                "{:?} [{}] <- {:?} ({:?}) cue={:?}",
                q.kind,
                doc.slice(q.span),
                q.speaker.map(|a| doc.actor(a).name.as_str()),
                q.speaker_mention.map(|s| doc.slice(s)),
                q.cue.map(|s| doc.slice(s))
            );
        }
        if std::env::var("DEBUG").is_ok() {
            println!(
                "tokens: {:?}",
                doc.tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| match doc.pos.get(i) {
                        Some(pos) => format!("{}/{}/{}", doc.slice(t.span), pos.upos, pos.xpos),
                        None => format!("{}/{:?}", doc.slice(t.span), t.kind),
                    })
                    .collect::<Vec<_>>()
            );
            println!(
                "sentences: {:?}",
                doc.sentences
                    .iter()
                    .map(|s| doc.slice(*s))
                    .collect::<Vec<_>>()
            );
            println!(
                "mentions: {:?}",
                doc.mentions
                    .iter()
                    .map(|m| (
                        doc.slice(m.span),
                        m.kind,
                        m.actor.map(|a| doc.actor(a).name.as_str())
                    ))
                    .collect::<Vec<_>>()
            );
            println!(
                "blocks: {:?}",
                doc.blocks
                    .iter()
                    .map(|b| (b.kind, doc.slice(b.span)))
                    .collect::<Vec<_>>()
            );
        }
        for d in &doc.diagnostics {
            println!(
                "diag {} {:?} {}",
                d.code,
                d.span.map(|s| doc.slice(s)),
                d.message
            );
        }
    }
}
