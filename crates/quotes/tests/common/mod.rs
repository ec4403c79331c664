//! Shared helpers: run the real pipeline (the default stages up to quotations, with the
//! learned tagger) and read quotes back as plain values.
#![allow(unused_imports)]
#![allow(dead_code)]

use newsgraph_core::{Document, Pipeline, PipelineBuilder, QuoteKind};
use std::sync::OnceLock;

pub use newsgraph_core::QuoteKind::{Direct, Indirect, Mixed};

pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        PipelineBuilder::new()
            .stage(newsgraph_ingest::TextStructure::default())
            .stage(newsgraph_nlp::Segmenter::default())
            .stage(newsgraph_tagger::Tagger::default())
            .stage(newsgraph_actors::ActorFinder::default())
            .stage(newsgraph_quotes::QuoteAttributor::default())
            .build()
            .unwrap()
    })
}

/// The same stages without the tagger: documents with no POS layer, for which the quote
/// stage falls back to its word lists.
pub fn untagged_pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        PipelineBuilder::new()
            .stage(newsgraph_ingest::TextStructure::default())
            .stage(newsgraph_nlp::Segmenter::default())
            .stage(newsgraph_actors::ActorFinder::default())
            .stage(newsgraph_quotes::QuoteAttributor::default())
            .build()
            .unwrap()
    })
}

/// Quotations found without the tagger.
pub fn untagged_quotes(text: &str) -> Vec<Q> {
    let mut doc = Document::new(text);
    untagged_pipeline().run(&mut doc);
    doc.validate().unwrap();
    assert!(doc.pos.is_empty());
    quotes_of(&doc)
}

pub fn run(text: &str) -> Document {
    let mut doc = Document::new(text);
    pipeline().run(&mut doc);
    doc.validate().unwrap();
    doc
}

/// A quotation as plain values: kind, text, speaker name, cue text.
#[derive(Debug, Clone, PartialEq)]
pub struct Q {
    pub kind: QuoteKind,
    pub text: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub mention: Option<String>,
}

pub fn quotes_of(doc: &Document) -> Vec<Q> {
    doc.quotes
        .iter()
        .map(|q| Q {
            kind: q.kind,
            text: doc.slice(q.span).to_string(),
            speaker: q.speaker.map(|a| doc.actor(a).name.clone()),
            cue: q.cue.map(|c| doc.slice(c).to_string()),
            mention: q.speaker_mention.map(|c| doc.slice(c).to_string()),
        })
        .collect()
}

pub fn quotes(text: &str) -> Vec<Q> {
    quotes_of(&run(text))
}

/// Asserts the (kind, text, speaker) of every quotation, in order. A speaker written as
/// `Some("Kirby")` matches an actor whose name ends with it.
#[track_caller]
pub fn check(text: &str, expected: &[(QuoteKind, &str, Option<&str>)]) {
    let got = quotes(text);
    let ok = got.len() == expected.len()
        && got.iter().zip(expected).all(|(g, e)| {
            g.kind == e.0
                && g.text == e.1
                && match (&g.speaker, e.2) {
                    (None, None) => true,
                    (Some(a), Some(b)) => a == b || a.ends_with(&format!(" {b}")),
                    _ => false,
                }
        });
    if !ok {
        let doc = run(text);
        panic!(
            "\ntext: {text}\nexpected: {expected:#?}\ngot: {got:#?}\nmentions: {:?}\nactors: {:?}",
            doc.mentions
                .iter()
                .map(|m| (doc.slice(m.span), m.kind, m.actor.map(|a| a.0)))
                .collect::<Vec<_>>(),
            doc.actors
                .iter()
                .map(|a| (a.id.0, &a.name, a.kind))
                .collect::<Vec<_>>()
        );
    }
}
