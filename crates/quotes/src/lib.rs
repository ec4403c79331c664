//! Quotations: direct, indirect and mixed, with cue and speaker.
#![deny(missing_docs)]

use newsgraph_core::{Document, Layer, Stage};

/// Finds quotations and attributes them to speakers. (Skeleton.)
#[derive(Debug, Default, Clone)]
pub struct QuoteAttributor;

impl Stage for QuoteAttributor {
    fn name(&self) -> &'static str {
        "QuoteAttributor"
    }
    fn requires(&self) -> &[Layer] {
        &[
            Layer::Blocks,
            Layer::Sentences,
            Layer::Tokens,
            Layer::Actors,
        ]
    }
    fn produces(&self) -> &[Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, _doc: &mut Document) {}
}
