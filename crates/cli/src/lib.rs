//! The `newsgraph` command line: wires the stages of the other crates into a pipeline and
//! reads inputs, writes JSON or text, evaluates against gold data and benchmarks.

pub mod bench;
pub mod bench_ingest;
pub mod eval;
pub mod eval_events;
pub mod extract_eval;
pub mod inputs;
pub mod store_cmd;
pub mod text;
pub mod watch_cmd;

use newsgraph_core::{Pipeline, PipelineBuilder, Stage};

/// The default stages, in order: structure, sentences and tokens, part-of-speech tags and
/// named entities (learned models), actors, quotations, events.
/// [`pipeline`] assembles them; `newsgraph bench` also runs them one by one to time each.
pub fn stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::<newsgraph_ingest::TextStructure>::default(),
        Box::<newsgraph_nlp::Segmenter>::default(),
        Box::<newsgraph_tagger::Tagger>::default(),
        Box::<newsgraph_actors::ActorFinder>::default(),
        Box::<newsgraph_quotes::QuoteAttributor>::default(),
        Box::<newsgraph_events::EventCoder>::default(),
    ]
}

/// The default pipeline: [`stages`], checked for order.
pub fn pipeline() -> Pipeline {
    stages()
        .into_iter()
        .fold(PipelineBuilder::new(), PipelineBuilder::boxed)
        .build()
        .expect("the default pipeline's stages are in order")
}

/// Reads one plain-text article from a string and runs the default pipeline on it.
pub fn read_str(text: &str) -> newsgraph_core::Document {
    let mut doc = newsgraph_core::Document::new(text);
    pipeline().run(&mut doc);
    doc
}
