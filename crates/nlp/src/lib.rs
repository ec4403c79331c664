//! Sentences and tokens for news English.
#![deny(missing_docs)]

use newsgraph_core::{Document, Layer, Stage};

/// Splits title, body and caption blocks into sentences and tokens. (Skeleton.)
#[derive(Debug, Default, Clone)]
pub struct Segmenter;

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "Segmenter"
    }
    fn requires(&self) -> &[Layer] {
        &[Layer::Blocks]
    }
    fn produces(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }
    fn run(&self, _doc: &mut Document) {}
}
