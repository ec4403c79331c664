//! The `newsgraph` command line: wires the stages of the other crates into a pipeline and
//! reads inputs, writes JSON or text, evaluates against gold data and benchmarks.

pub mod inputs;
pub mod text;

use newsgraph_core::{Pipeline, PipelineBuilder};

/// The default pipeline: structure, sentences and tokens, actors, quotations.
pub fn pipeline() -> Pipeline {
    PipelineBuilder::new()
        .stage(newsgraph_ingest::TextStructure::default())
        .stage(newsgraph_nlp::Segmenter::default())
        .stage(newsgraph_actors::ActorFinder::default())
        .stage(newsgraph_quotes::QuoteAttributor::default())
        .build()
        .expect("the default pipeline's stages are in order")
}

/// Reads one plain-text article from a string and runs the default pipeline on it.
pub fn read_str(text: &str) -> newsgraph_core::Document {
    let mut doc = newsgraph_core::Document::new(text);
    pipeline().run(&mut doc);
    doc
}
